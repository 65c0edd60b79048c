import { describe, expect, it } from 'vitest';
import { bpToPercent, formatRatioCap, percentToBp, ratioCapInput, ratioCapProblem } from './ratio';

describe('ratio cap conversion', () => {
  it('turns basis points into a percentage and back', () => {
    expect(bpToPercent(500)).toBe(5);
    expect(bpToPercent(1)).toBe(0.01);
    expect(bpToPercent(10000)).toBe(100);
    expect(percentToBp(5)).toBe(500);
    expect(percentToBp(0.01)).toBe(1);
    expect(percentToBp(2.5)).toBe(250);
    // floating point: 0.07 * 100 = 7.000000000000001
    expect(percentToBp(0.07)).toBe(7);
    expect(percentToBp(2.345)).toBe(235);
  });

  it('formats a cap for display', () => {
    expect(formatRatioCap(500)).toBe('5%');
    expect(formatRatioCap(300)).toBe('3%');
    expect(formatRatioCap(250)).toBe('2.5%');
    expect(formatRatioCap(1)).toBe('0.01%');
    expect(formatRatioCap(10000)).toBe('100%');
    expect(formatRatioCap(null)).toBeNull();
    expect(formatRatioCap(undefined)).toBeNull();
  });

  it('mirrors the API: KEY items have no cap, GENERAL items need 0.01–100 %', () => {
    expect(ratioCapProblem('KEY', undefined)).toBeNull();
    expect(ratioCapProblem('KEY', 5)).toBe('notAllowed');
    expect(ratioCapProblem('GENERAL', undefined)).toBe('required');
    expect(ratioCapProblem('GENERAL', null)).toBe('required');
    expect(ratioCapProblem('GENERAL', 0)).toBe('outOfRange');
    expect(ratioCapProblem('GENERAL', 0.004)).toBe('outOfRange');
    expect(ratioCapProblem('GENERAL', 0.01)).toBeNull();
    expect(ratioCapProblem('GENERAL', 100)).toBeNull();
    expect(ratioCapProblem('GENERAL', 100.01)).toBe('outOfRange');
  });

  it('sends no cap for KEY items whatever was typed', () => {
    expect(ratioCapInput('KEY', 5)).toBeNull();
    expect(ratioCapInput('GENERAL', 5)).toBe(500);
    expect(ratioCapInput('GENERAL', null)).toBeNull();
  });
});
