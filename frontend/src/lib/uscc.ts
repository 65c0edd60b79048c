// 统一社会信用代码 (GB 32100-2015) checks, the same the API makes, so that a
// mistyped code is caught while typing. The API decides; this only helps.

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The check character (18th) of the first 17 characters. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  let w = 1; // 3^(i-1) mod 31
  for (const c of first17) {
    const v = USCC_ALPHABET.indexOf(c);
    if (v < 0) return null;
    sum += v * w;
    w = (w * 3) % 31;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? null;
}

/** The GB 11714 check character of an 8-character organisation code. */
export function orgCheckChar(first8: string): string | null {
  if (first8.length !== 8) return null;
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8.charCodeAt(i);
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 65 && c <= 90) v = c - 55;
    else return null;
    sum += v * weights[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export type UsccProblem = 'length' | 'alphabet' | 'check' | 'division' | 'orgCheck';

/** What is wrong with a code, or null when it passes. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const c of code) if (USCC_ALPHABET.indexOf(c) < 0) return 'alphabet';
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  if (orgCheckChar(code.slice(8, 16)) !== code[16]) return 'orgCheck';
  return null;
}

/** Upper case, without spaces: how people type codes. */
export function normalizeUscc(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}
