import { describe, expect, it } from 'vitest';
import { normalizeUscc, orgCheckChar, usccCheckChar, usccProblem } from './uscc';

describe('统一社会信用代码', () => {
  it('accepts codes of the demo library', () => {
    expect(usccProblem('91410171MA00AJEK6T')).toBeNull();
    expect(usccProblem('91410171MA01C846XM')).toBeNull();
  });
  it('computes both check characters', () => {
    expect(usccCheckChar('91410171MA00AJEK6')).toBe('T');
    expect(orgCheckChar('MA00AJEK')).toBe('6');
    expect(orgCheckChar('MA01C846')).toBe('X');
  });
  it('names what is wrong', () => {
    expect(usccProblem('91410171MA00AJEK6')).toBe('length');
    expect(usccProblem('91410171MA00AJEK6I')).toBe('alphabet');
    expect(usccProblem('91410171MA00AJEK6U')).toBe('check');
  });
  it('normalises what people type', () => {
    expect(normalizeUscc(' 91410171ma00 ajek6t ')).toBe('91410171MA00AJEK6T');
  });
});
