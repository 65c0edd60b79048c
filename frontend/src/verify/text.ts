// Strings as spec §0 sees them: UTF-8 bytes, compared byte-wise.
//
// JavaScript strings are UTF-16. Their `<` compares code units, which puts
// U+E000–U+FFFF after the characters beyond U+FFFF; UTF-8 byte order is
// code point order. compareStrings compares by code point. Every string
// enters a hash as its UTF-8 bytes, written by writeUtf8 without allocation.

/**
 * Compares two strings by code point, which is the order of their UTF-8
 * bytes (a shorter prefix first): negative, zero or positive.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        // Surrogates (code points ≥ U+10000) sort after U+E000–U+FFFF.
        x = x < 0xe000 ? x + 0x2000 : x - 0x800;
        y = y < 0xe000 ? y + 0x2000 : y - 0x800;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}

/**
 * Writes the UTF-8 bytes of s at buf[off..] and returns the offset after
 * them. buf must have room for 3 × s.length bytes. A lone surrogate, which
 * has no UTF-8 form, is written as U+FFFD (as TextEncoder does); the
 * verifier refuses such strings before hashing them.
 */
export function writeUtf8(s: string, buf: Uint8Array, off: number): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      buf[off++] = c;
    } else if (c < 0x800) {
      buf[off++] = 0xc0 | (c >> 6);
      buf[off++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c >= 0xe000) {
      buf[off++] = 0xe0 | (c >> 12);
      buf[off++] = 0x80 | ((c >> 6) & 0x3f);
      buf[off++] = 0x80 | (c & 0x3f);
    } else {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        buf[off++] = 0xf0 | (c >> 18);
        buf[off++] = 0x80 | ((c >> 12) & 0x3f);
        buf[off++] = 0x80 | ((c >> 6) & 0x3f);
        buf[off++] = 0x80 | (c & 0x3f);
      } else {
        buf[off++] = 0xef;
        buf[off++] = 0xbf;
        buf[off++] = 0xbd;
      }
    }
  }
  return off;
}

/** The UTF-8 bytes of s (a new array). */
export function utf8(s: string): Uint8Array {
  const buf = new Uint8Array(s.length * 3);
  return buf.slice(0, writeUtf8(s, buf, 0));
}

/** The length of s in UTF-8 bytes (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Whether s holds a surrogate that is not half of a pair: such a string has no UTF-8 form. */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c >= 0xe000) continue;
    if (c >= 0xdc00) return true;
    const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    if (d < 0xdc00 || d >= 0xe000) return true;
    i++;
  }
  return false;
}

/**
 * What is wrong with an identifier (plan uid, stratum label, object uid,
 * department code, inspector uid), or "" when nothing is — the words of the
 * Go verifier. The bytes 0x00, tab and newline separate the hashed lines.
 */
export function idProblem(s: string): string {
  if (s === '') return 'empty';
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x00 || c === 0x09 || c === 0x0a) return 'contains a NUL, tab or newline byte';
    if (c >= 0x80) ascii = false;
  }
  if (!ascii && hasLoneSurrogate(s)) return 'not valid UTF-8';
  return '';
}

/** The most bytes of the entropy and of its source description (spec §0). */
export const MAX_TEXT_BYTES = 256;

/**
 * What is wrong with the entropy or its source description, or "": at most
 * 256 UTF-8 bytes, no control characters (U+0000–U+001F, U+007F–U+009F).
 */
export function textProblem(s: string, allowEmpty: boolean): string {
  if (s === '' && !allowEmpty) return 'empty';
  if (utf8Length(s) > MAX_TEXT_BYTES) return 'longer than 256 bytes';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xe000) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c >= 0xdc00 || d < 0xdc00 || d >= 0xe000) return 'not valid UTF-8';
      i++;
      continue;
    }
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return 'contains a control character';
  }
  return '';
}

/** Whether s is 64 lowercase hexadecimal digits: R, C, the seed, every digest. */
export function isLowerHex64(s: string): boolean {
  return s.length === 64 && /^[0-9a-f]{64}$/.test(s);
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * s quoted as Go's %q (strconv.Quote) quotes it, so that reports read as
 * the Go verifier's: printable characters as they are, others escaped.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (ch === ' ' || (r >= 0x20 && r < 0x7f) || (r >= 0xa1 && printable.test(ch))) {
      out += ch;
    } else if (r < 0x20 || r === 0x7f) {
      out += '\\x' + r.toString(16).padStart(2, '0');
    } else if (r < 0x10000) {
      out += '\\u' + r.toString(16).padStart(4, '0');
    } else {
      out += '\\U' + r.toString(16).padStart(8, '0');
    }
  }
  return out + '"';
}

/** A list of strings as Go's %q prints a []string: ["a" "b"]. */
export function goQuoteList(list: readonly string[]): string {
  return '[' + list.map(goQuote).join(' ') + ']';
}
