import type { ItemCategory } from '../gql/graphql';

// An item's ratio cap travels as basis points (1 bp = 0.01 %) and is typed
// and shown as a percentage: 500 bp = 5 %.

export const RATIO_CAP_MIN_PERCENT = 0.01;
export const RATIO_CAP_MAX_PERCENT = 100;

export function bpToPercent(bp: number): number {
  return bp / 100;
}

/** Percent to whole basis points; 2.345 % rounds to 235 bp. */
export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}

/** "5%", "2.5%", "0.01%"; null for no cap. */
export function formatRatioCap(bp: number | null | undefined): string | null {
  if (bp === null || bp === undefined) return null;
  return `${Number((bp / 100).toFixed(2))}%`;
}

export type RatioCapProblem = 'notAllowed' | 'required' | 'outOfRange';

/** The API's rule (KEY: no cap; GENERAL: a cap of 0.01–100 %), on a percentage. */
export function ratioCapProblem(category: ItemCategory | undefined, percent: number | null | undefined): RatioCapProblem | null {
  const has = percent !== null && percent !== undefined && !Number.isNaN(percent);
  if (category === 'KEY') return has ? 'notAllowed' : null;
  if (category === 'GENERAL' && !has) return 'required';
  if (has) {
    const bp = percentToBp(percent);
    if (bp < 1 || bp > 10000) return 'outOfRange';
  }
  return null;
}

/** The ratioCapBp to send for a category and a typed percentage. */
export function ratioCapInput(category: ItemCategory, percent: number | null | undefined): number | null {
  if (category === 'KEY' || percent === null || percent === undefined) return null;
  return percentToBp(percent);
}
