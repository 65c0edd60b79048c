import { describe, expect, it } from 'vitest';
import { prng } from './testdraw';
import { compareStrings, goQuote, goQuoteList, hasLoneSurrogate, idProblem, textProblem, utf8, utf8Length } from './text';

// Characters chosen where UTF-16 order and UTF-8 (code point) order disagree:
// U+E000–U+FFFF sort before the astral characters in UTF-8, after them in UTF-16.
const CHARS = ['a', 'b', 'Z', '0', '-', 'é', '甲', '乙', '（', '\uE000', '\uFFFD', '\uFFFF', '𠀀', '😀', '\u{10FFFF}', '\u0085'];

function randomString(rnd: () => number, max: number): string {
  let s = '';
  for (let n = Math.floor(rnd() * max); n > 0; n--) s += CHARS[Math.floor(rnd() * CHARS.length)];
  return s;
}

describe('strings as UTF-8', () => {
  it('compares by UTF-8 bytes, not UTF-16 code units', () => {
    expect(compareStrings('\uE000', '𠀀')).toBeLessThan(0); // '\uE000' > '𠀀' in JavaScript
    expect('\uE000' < '𠀀').toBe(false);
    expect(compareStrings('SCJG-Z', 'SCJG-𠀀')).toBeLessThan(0);
    expect(compareStrings('SCJG-（一）', 'SCJG-𠀀')).toBeLessThan(0);
    expect(compareStrings('a', 'ab')).toBeLessThan(0);
    expect(compareStrings('ab', 'ab')).toBe(0);
    const rnd = prng(5);
    for (let k = 0; k < 20_000; k++) {
      const a = randomString(rnd, 6);
      const b = rnd() < 0.3 ? a + randomString(rnd, 2) : randomString(rnd, 6);
      const want = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
      expect(Math.sign(compareStrings(a, b)), `${a} vs ${b}`).toBe(want);
      expect(Math.sign(compareStrings(b, a))).toBe(want === 0 ? 0 : -want);
    }
  });

  it('encodes UTF-8 as Node does, lone surrogates as U+FFFD', () => {
    const rnd = prng(6);
    const extra = ['\uD800', '\uDC00', '\uDBFF\uDBFF', 'x\uDFFF'];
    for (let k = 0; k < 5000; k++) {
      let s = randomString(rnd, 10);
      if (k % 10 === 0) s += extra[k % extra.length];
      const want = Buffer.from(s, 'utf8');
      expect(Buffer.from(utf8(s)).equals(want), JSON.stringify(s)).toBe(true);
      expect(utf8Length(s)).toBe(want.length);
      expect(hasLoneSurrogate(s)).toBe(k % 10 === 0);
    }
  });

  it('checks identifiers as spec §0 and the Go verifier do', () => {
    expect(idProblem('')).toBe('empty');
    expect(idProblem('a\tb')).toBe('contains a NUL, tab or newline byte');
    expect(idProblem('a\nb')).toBe('contains a NUL, tab or newline byte');
    expect(idProblem('a\u0000b')).toBe('contains a NUL, tab or newline byte');
    expect(idProblem('a\uD800b')).toBe('not valid UTF-8');
    expect(idProblem('WJ-甲')).toBe('');
    expect(idProblem('SCJG-𠀀')).toBe('');
    expect(idProblem('a\rb\u0085')).toBe(''); // only NUL, tab and newline are out in ids
    expect(idProblem('x'.repeat(1000))).toBe(''); // no length limit for ids
  });

  it('checks the entropy and its source: 256 UTF-8 bytes, no control characters', () => {
    expect(textProblem('', true)).toBe('');
    expect(textProblem('', false)).toBe('empty');
    expect(textProblem('a'.repeat(256), false)).toBe('');
    expect(textProblem('a'.repeat(257), false)).toBe('longer than 256 bytes');
    expect(textProblem('中'.repeat(85) + 'a', false)).toBe(''); // 256 bytes, 86 UTF-16 units
    expect(textProblem('中'.repeat(86), false)).toBe('longer than 256 bytes'); // 258 bytes
    expect(textProblem('😀'.repeat(64), false)).toBe(''); // 256 bytes, 128 UTF-16 units
    expect(textProblem('😀'.repeat(64) + 'a', false)).toBe('longer than 256 bytes');
    for (const c of ['\u0000', '\t', '\n', '\r', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f']) {
      expect(textProblem(`a${c}b`, false), JSON.stringify(c)).toBe('contains a control character');
    }
    for (const c of [' ', '\u00a0', '\u2028', '\u3000', '\uFEFF']) expect(textProblem(`a${c}b`, false)).toBe('');
    expect(textProblem('a\uDC00', false)).toBe('not valid UTF-8');
  });

  it("quotes as Go's %q", () => {
    expect(goQuote('SCJG-001')).toBe('"SCJG-001"');
    expect(goQuote('体彩 甲')).toBe('"体彩 甲"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\t\n\r\u0007\b\f\v')).toBe('"\\t\\n\\r\\a\\b\\f\\v"');
    expect(goQuote('\u0000\u001f\u007f')).toBe('"\\x00\\x1f\\x7f"');
    expect(goQuote('\u0085\u00a0\u3000\u2028')).toBe('"\\u0085\\u00a0\\u3000\\u2028"');
    expect(goQuote('𠀀😀')).toBe('"𠀀😀"');
    expect(goQuoteList(['a', 'b'])).toBe('["a" "b"]');
    expect(goQuoteList([])).toBe('[]');
  });
});
