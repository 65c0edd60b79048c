// Strict decoding of an evidence document (spec §7), as the Go verifier's
// DecodeEvidence (draw/decode.go) does it.
//
// JSON.parse is lenient where a verifier must not be: a repeated key keeps
// its last value, 40.0 and 4e1 become 40, and "\ud800" becomes a lone
// surrogate that no UTF-8 document can hold. A document must be verified
// exactly as it was published, so JSON text goes through decodeText, a
// single-pass parser with the Go decoder's rules and messages (byte offsets
// included). A value that was parsed already (from JSON.parse, or a GraphQL
// JSON scalar) goes through decodeValue, which checks the same shape; what
// JSON.parse has already lost (repeated keys, the spelling of numbers) it
// cannot see.

import { goQuote, hasLoneSurrogate, utf8Length } from './text';

/** 2^53 − 1: every count, ratio, size and cap stays at or below it (spec §0). */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A stratum's rule: exactly one of ratioBp and count (checked by the format step). */
export interface Rule {
  label: string;
  ratioBp: number | null;
  count: number | null;
}

export interface Stratum extends Rule {
  size: number;
  sampleSize: number;
}

/** The population as two parallel arrays (a million objects cost no object each). */
export interface Population {
  stratum: string[];
  uid: string[];
}

export interface Selection {
  rank: number;
  /** null when the document leaves out the stratum and the key (public form). */
  stratum: string | null;
  uid: string;
  key: bigint | null;
  team: string[];
}

export interface Department {
  code: string;
  perTeam: number;
  pool: string[];
}

export interface Conflict {
  inspector: string;
  object: string;
}

/** A decoded evidence document; population, departments and conflicts are null when left out. */
export interface Evidence {
  algorithm: string;
  planUid: string;
  commitment: string;
  entropySource: string;
  freezeDigest: string;
  rulesDigest: string;
  teamsDigest: string;
  populationDigest: string;
  populationSize: number;
  reveal: string;
  entropy: string;
  seed: string;
  strata: Stratum[];
  population: Population | null;
  selections: Selection[];
  departments: Department[] | null;
  conflicts: Conflict[] | null;
  cap: number | null;
}

/** A document that is not strict JSON of the evidence's shape. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

const PREFIX = 'draw: evidence document: ';

// The keys of the top-level object, one bit each, in the Go decoder's order.
const TOP_KEYS = [
  'algorithm',
  'plan_uid',
  'commitment',
  'entropy_source',
  'freeze_digest',
  'rules_digest',
  'teams_digest',
  'population_digest',
  'population_size',
  'reveal',
  'entropy',
  'seed',
  'strata',
  'population',
  'selections',
  'departments',
  'conflicts',
  'cap',
] as const;
type TopKey = (typeof TOP_KEYS)[number];
const TOP_BIT = new Map<string, number>(TOP_KEYS.map((k, i) => [k, 1 << i]));
const K_ALL = (1 << TOP_KEYS.length) - 1;
const K_OPTIONAL = TOP_BIT.get('population')! | TOP_BIT.get('departments')! | TOP_BIT.get('conflicts')!;

function newEvidence(): Evidence {
  return {
    algorithm: '',
    planUid: '',
    commitment: '',
    entropySource: '',
    freezeDigest: '',
    rulesDigest: '',
    teamsDigest: '',
    populationDigest: '',
    populationSize: 0,
    reveal: '',
    entropy: '',
    seed: '',
    strata: [],
    population: null,
    selections: [],
    departments: null,
    conflicts: null,
    cap: null,
  };
}

function missingKeys(seen: number): string {
  return `required key missing (key set 0x${(K_ALL & ~K_OPTIONAL & ~seen).toString(16)})`;
}

/** parseKey of the Go decoder: a decimal string without sign or leading zeros, at most 2^64 − 1. */
export function parseKey(s: string): bigint {
  if (s === '' || s.length > 20 || (s.length > 1 && s.charCodeAt(0) === 0x30) || !/^[0-9]+$/.test(s)) {
    throw new Error(`draw: key ${goQuote(s)} is not a decimal without sign or leading zeros`);
  }
  const v = BigInt(s);
  if (v > 0xffffffffffffffffn) throw new Error(`draw: key ${goQuote(s)} is above 2^64-1`);
  return v;
}

// ---------------------------------------------------------------------------
// JSON text

/**
 * Decodes the UTF-8 bytes of a document. A byte order mark is kept (and
 * refused by the parser, as Go refuses it). Invalid UTF-8 is refused where
 * and as the Go decoder refuses it: each byte that is not part of a valid
 * sequence becomes a lone surrogate U+DC80–U+DCFF ("surrogate escape"),
 * which the parser refuses inside a string and everywhere else, and which
 * counts as one byte in the offsets of its messages.
 */
export function decodeBytes(bytes: Uint8Array): Evidence {
  let text: string;
  let escaped = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = decodeEscaped(bytes);
    escaped = true;
  }
  return decodeText(text, escaped);
}

/** UTF-8 to UTF-16 with every invalid byte b as the lone surrogate U+DC00 + b. */
function decodeEscaped(b: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < b.length && b[i] >= lo && b[i] <= hi;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let n = 0; // length of a valid sequence at i, or 0
    if (c < 0x80) n = 1;
    else if (c >= 0xc2 && c <= 0xdf) n = cont(i + 1) ? 2 : 0;
    else if (c >= 0xe0 && c <= 0xef) {
      const lo = c === 0xe0 ? 0xa0 : 0x80;
      const hi = c === 0xed ? 0x9f : 0xbf;
      n = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const lo = c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xf4 ? 0x8f : 0xbf;
      n = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (n === 0) units.push(0xdc00 + c);
    else if (n === 1) units.push(c);
    else if (n === 2) units.push(((c & 0x1f) << 6) | (b[i + 1] & 0x3f));
    else if (n === 3) units.push(((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
    else {
      const cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
    i += n === 0 ? 1 : n;
    if (units.length >= 8192) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}

/** The UTF-8 length of s[0..end), a surrogate escape counting as its one byte. */
function byteOffset(s: string, end: number, escaped: boolean): number {
  const prefix = s.slice(0, end);
  let n = utf8Length(prefix);
  if (escaped) {
    for (let i = 0; i < prefix.length; i++) {
      const c = prefix.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00) i++; // a pair
      else if (c >= 0xdc80 && c <= 0xdcff) n -= 2; // counted as U+FFFD's 3 bytes
    }
  }
  return n;
}

/**
 * Decodes a document's JSON text strictly, with the Go decoder's rules and
 * messages. (escaped: the text came from decodeBytes with surrogate escapes.)
 */
export function decodeText(text: string, escaped = false): Evidence {
  const p = new Parser(text, escaped);
  try {
    return p.document();
  } catch (e) {
    if (e instanceof ParseError) throw new DecodeError(PREFIX + e.message);
    throw e;
  }
}

class ParseError extends Error {}

function wrap(prefix: string, e: unknown): never {
  if (e instanceof ParseError) throw new ParseError(prefix + e.message);
  throw e;
}

class Parser {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly escaped: boolean,
  ) {}

  errorf(msg: string): ParseError {
    return new ParseError(`at byte ${byteOffset(this.s, this.i, this.escaped)}: ${msg}`);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else return;
    }
  }

  expect(c: string): void {
    this.ws();
    if (this.i < this.s.length && this.s[this.i] === c) {
      this.i++;
      return;
    }
    throw this.errorf(`expected '${c}'`);
  }

  /** Whether another element follows in an object or array whose bracket was read; consumes ',' or the closing bracket. */
  next(first: boolean, closing: string): boolean {
    this.ws();
    if (this.i >= this.s.length) throw this.errorf('unexpected end of document');
    const c = this.s[this.i];
    if (c === closing) {
      this.i++;
      return false;
    }
    if (first) return true;
    if (c === ',') {
      this.i++;
      return true;
    }
    throw this.errorf(`expected ',' or '${closing}'`);
  }

  /** The next key of an object and its ':', or null at '}'. */
  field(first: boolean): string | null {
    if (!this.next(first, '}')) return null;
    const name = this.str();
    this.expect(':');
    return name;
  }

  add(seen: number, bit: number, name: string): number {
    if (seen & bit) throw this.errorf(`key ${goQuote(name)} appears twice`);
    return seen | bit;
  }

  str(): string {
    this.ws();
    const s = this.s;
    if (this.i >= s.length || s.charCodeAt(this.i) !== 0x22) throw this.errorf('expected a string');
    const start = this.i + 1;
    let ascii = true;
    for (let j = start; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 0x22) {
        const v = s.slice(start, j);
        if (!ascii && hasLoneSurrogate(v)) throw this.errorf('string is not valid UTF-8');
        this.i = j + 1;
        return v;
      }
      if (c === 0x5c) return this.escapedStr(start);
      if (c < 0x20) {
        this.i = j;
        throw this.errorf('control byte in a string');
      }
      if (c >= 0x80) ascii = false;
    }
    throw this.errorf('unterminated string');
  }

  /** The slow path of str for strings with backslash escapes. */
  escapedStr(start: number): string {
    const s = this.s;
    let out = '';
    let run = start; // start of the current run of unescaped characters
    let j = start;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 0x22) {
        out += s.slice(run, j);
        this.i = j + 1;
        if (hasLoneSurrogate(out)) throw this.errorf('string is not valid UTF-8');
        return out;
      }
      if (c < 0x20) {
        this.i = j;
        throw this.errorf('control byte in a string');
      }
      if (c !== 0x5c) {
        j++;
        continue;
      }
      if (j + 1 >= s.length) break;
      out += s.slice(run, j);
      j++;
      const e = s[j];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const [r, n] = this.unicodeEscape(j - 1);
          out += r;
          j += n - 2;
          break;
        }
        default: {
          this.i = j;
          // Go prints the escape's first byte as %c.
          const cp = e.codePointAt(0) ?? 0;
          const firstByte =
            this.escaped && cp >= 0xdc80 && cp <= 0xdcff ? cp - 0xdc00 : cp < 0x80 ? cp : cp < 0x800 ? 0xc0 | (cp >> 6) : cp < 0x10000 ? 0xe0 | (cp >> 12) : 0xf0 | (cp >> 18);
          throw this.errorf(`unknown escape \\${String.fromCharCode(firstByte)}`);
        }
      }
      j++;
      run = j;
    }
    this.i = j;
    throw this.errorf('unterminated string');
  }

  /** \uXXXX at `at`, or a surrogate pair \uXXXX\uXXXX: the string and the characters read. */
  unicodeEscape(at: number): [string, number] {
    const r1 = this.hex4(at);
    if (r1 < 0) {
      this.i = at;
      throw this.errorf('bad \\u escape');
    }
    if (r1 < 0xd800 || r1 >= 0xe000) return [String.fromCharCode(r1), 6];
    const r2 = this.hex4(at + 6);
    if (r1 < 0xdc00 && r2 >= 0xdc00 && r2 < 0xe000) return [String.fromCharCode(r1, r2), 12];
    this.i = at;
    throw this.errorf('lone surrogate in \\u escape');
  }

  hex4(at: number): number {
    const s = this.s;
    if (at + 6 > s.length || s[at] !== '\\' || s[at + 1] !== 'u') return -1;
    const h = s.slice(at + 2, at + 6);
    return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
  }

  /** A JSON integer within ±(2^53 − 1). */
  integer(): number {
    this.ws();
    const s = this.s;
    const start = this.i;
    if (this.i < s.length && s.charCodeAt(this.i) === 0x2d) this.i++;
    const digits = this.i;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c < 0x30 || c > 0x39) break;
      this.i++;
    }
    const n = this.i - digits;
    if (n === 0) throw this.errorf('expected an integer');
    if (n > 1 && s.charCodeAt(digits) === 0x30) throw this.errorf('leading zero in a number');
    const after = this.i < s.length ? s[this.i] : '';
    if (after === '.' || after === 'e' || after === 'E') throw this.errorf('expected an integer, not a fraction or exponent');
    if (n > 16) throw this.errorf('number beyond 2^53-1');
    const v = Number(s.slice(start, this.i));
    if (v > MAX_SAFE || v < -MAX_SAFE) throw this.errorf('number beyond 2^53-1');
    return v === 0 ? 0 : v; // no -0
  }

  optionalInt(): number | null {
    this.ws();
    if (this.s.startsWith('null', this.i)) {
      this.i += 4;
      return null;
    }
    return this.integer();
  }

  key(): bigint {
    this.ws();
    if (this.i < this.s.length && this.s.charCodeAt(this.i) !== 0x22) {
      throw this.errorf('a key must be a decimal string, not a number');
    }
    const s = this.str();
    try {
      return parseKey(s);
    } catch (e) {
      throw this.errorf((e as Error).message);
    }
  }

  strings(): string[] {
    this.expect('[');
    const out: string[] = [];
    for (let first = true; ; first = false) {
      if (!this.next(first, ']')) return out;
      out.push(this.str());
    }
  }

  array(item: () => void): void {
    this.expect('[');
    for (let first = true; ; first = false) {
      if (!this.next(first, ']')) return;
      item();
    }
  }

  document(): Evidence {
    const ev = newEvidence();
    let seen = 0;
    this.expect('{');
    for (let first = true; ; first = false) {
      const name = this.field(first);
      if (name === null) break;
      let bit = 0;
      try {
        bit = this.topField(ev, name);
      } catch (e) {
        wrap(`${name}: `, e);
      }
      seen = this.add(seen, bit, name);
    }
    this.ws();
    if (this.i !== this.s.length) throw this.errorf('data after the document');
    if ((K_ALL & ~K_OPTIONAL & ~seen) !== 0) throw new ParseError(missingKeys(seen));
    return ev;
  }

  topField(ev: Evidence, name: string): number {
    const bit = TOP_BIT.get(name);
    if (bit === undefined) throw this.errorf(`unknown key ${goQuote(name)}`);
    switch (name as TopKey) {
      case 'algorithm':
        ev.algorithm = this.str();
        break;
      case 'plan_uid':
        ev.planUid = this.str();
        break;
      case 'commitment':
        ev.commitment = this.str();
        break;
      case 'entropy_source':
        ev.entropySource = this.str();
        break;
      case 'freeze_digest':
        ev.freezeDigest = this.str();
        break;
      case 'rules_digest':
        ev.rulesDigest = this.str();
        break;
      case 'teams_digest':
        ev.teamsDigest = this.str();
        break;
      case 'population_digest':
        ev.populationDigest = this.str();
        break;
      case 'population_size':
        ev.populationSize = this.integer();
        break;
      case 'reveal':
        ev.reveal = this.str();
        break;
      case 'entropy':
        ev.entropy = this.str();
        break;
      case 'seed':
        ev.seed = this.str();
        break;
      case 'strata':
        ev.strata = this.strata();
        break;
      case 'population':
        ev.population = this.population();
        break;
      case 'selections':
        ev.selections = this.selections();
        break;
      case 'departments':
        ev.departments = this.departments();
        break;
      case 'conflicts':
        ev.conflicts = this.conflicts();
        break;
      case 'cap':
        ev.cap = this.optionalInt();
        break;
    }
    return bit;
  }

  strata(): Stratum[] {
    const out: Stratum[] = [];
    this.array(() => out.push(this.stratum()));
    return out;
  }

  stratum(): Stratum {
    const s: Stratum = { label: '', ratioBp: null, count: null, size: 0, sampleSize: 0 };
    let seen = 0;
    this.expect('{');
    for (let first = true; ; first = false) {
      const name = this.field(first);
      if (name === null) break;
      let bit: number;
      switch (name) {
        case 'label':
          bit = 1;
          s.label = this.str();
          break;
        case 'ratio_bp':
          bit = 2;
          s.ratioBp = this.integer();
          break;
        case 'count':
          bit = 4;
          s.count = this.integer();
          break;
        case 'size':
          bit = 8;
          s.size = this.integer();
          break;
        case 'sample_size':
          bit = 16;
          s.sampleSize = this.integer();
          break;
        default:
          throw this.errorf(`unknown key ${goQuote(name)} in a stratum`);
      }
      seen = this.add(seen, bit, name);
    }
    if ((seen & 25) !== 25) throw this.errorf('a stratum needs label, size and sample_size');
    return s;
  }

  population(): Population {
    const pop: Population = { stratum: [], uid: [] };
    this.expect('[');
    let prevStratum = '';
    for (let first = true; ; first = false) {
      if (!this.next(first, ']')) return pop;
      let e: [string, string];
      try {
        e = this.entry();
      } catch (err) {
        wrap(`entry ${pop.uid.length}: `, err);
      }
      // Entries come by stratum: share one string per run of a label.
      if (e[0] === prevStratum) e[0] = prevStratum;
      else prevStratum = e[0];
      pop.stratum.push(e[0]);
      pop.uid.push(e[1]);
    }
  }

  entry(): [string, string] {
    let stratum = '';
    let uid = '';
    let seen = 0;
    this.expect('{');
    for (let first = true; ; first = false) {
      const name = this.field(first);
      if (name === null) break;
      let bit: number;
      if (name === 'stratum') {
        bit = 1;
        stratum = this.str();
      } else if (name === 'uid') {
        bit = 2;
        uid = this.str();
      } else {
        throw this.errorf(`unknown key ${goQuote(name)} in a population entry`);
      }
      seen = this.add(seen, bit, name);
    }
    if (seen !== 3) throw this.errorf('a population entry needs stratum and uid');
    return [stratum, uid];
  }

  selections(): Selection[] {
    const out: Selection[] = [];
    this.array(() => {
      try {
        out.push(this.selection());
      } catch (e) {
        wrap(`selection ${out.length + 1}: `, e);
      }
    });
    return out;
  }

  selection(): Selection {
    const s: Selection = { rank: 0, stratum: null, uid: '', key: null, team: [] };
    let seen = 0;
    this.expect('{');
    for (let first = true; ; first = false) {
      const name = this.field(first);
      if (name === null) break;
      let bit: number;
      switch (name) {
        case 'rank':
          bit = 1;
          s.rank = this.integer();
          break;
        case 'stratum':
          bit = 2;
          s.stratum = this.str();
          if (s.stratum === '') throw this.errorf('empty stratum');
          break;
        case 'uid':
          bit = 4;
          s.uid = this.str();
          break;
        case 'key':
          bit = 8;
          s.key = this.key();
          break;
        case 'team':
          bit = 16;
          s.team = this.strings();
          break;
        default:
          throw this.errorf(`unknown key ${goQuote(name)} in a selection`);
      }
      seen = this.add(seen, bit, name);
    }
    if ((seen & 21) !== 21) throw this.errorf('a selection needs rank, uid and team');
    if (((seen & 2) !== 0) !== ((seen & 8) !== 0)) throw this.errorf('a selection has both stratum and key or neither');
    return s;
  }

  departments(): Department[] {
    const out: Department[] = [];
    this.array(() => out.push(this.department()));
    return out;
  }

  department(): Department {
    const d: Department = { code: '', perTeam: 0, pool: [] };
    let seen = 0;
    this.expect('{');
    for (let first = true; ; first = false) {
      const name = this.field(first);
      if (name === null) break;
      let bit: number;
      switch (name) {
        case 'code':
          bit = 1;
          d.code = this.str();
          break;
        case 'per_team':
          bit = 2;
          d.perTeam = this.integer();
          break;
        case 'pool':
          bit = 4;
          d.pool = this.strings();
          break;
        default:
          throw this.errorf(`unknown key ${goQuote(name)} in a department`);
      }
      seen = this.add(seen, bit, name);
    }
    if (seen !== 7) throw this.errorf('a department needs code, per_team and pool');
    return d;
  }

  conflicts(): Conflict[] {
    const out: Conflict[] = [];
    this.array(() => {
      const pair = this.strings();
      if (pair.length !== 2) throw this.errorf('a conflict is [inspector, object]');
      out.push({ inspector: pair[0], object: pair[1] });
    });
    return out;
  }
}

// ---------------------------------------------------------------------------
// Parsed values

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The own keys of o whose value is not undefined (JSON has no undefined). */
function keysOf(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

function vObject(v: unknown): Record<string, unknown> {
  if (!isObject(v)) throw new ParseError("expected '{'");
  return v;
}

function vArray(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new ParseError("expected '['");
  return v;
}

function vStr(v: unknown): string {
  if (typeof v !== 'string') throw new ParseError('expected a string');
  if (hasLoneSurrogate(v)) throw new ParseError('string is not valid UTF-8');
  return v;
}

function vInt(v: unknown): number {
  if (typeof v !== 'number') throw new ParseError('expected an integer');
  if (!Number.isFinite(v) || !Number.isInteger(v)) throw new ParseError('expected an integer, not a fraction or exponent');
  if (v > MAX_SAFE || v < -MAX_SAFE) throw new ParseError('number beyond 2^53-1');
  return v === 0 ? 0 : v;
}

function vStrings(v: unknown): string[] {
  const a = vArray(v);
  const out = new Array<string>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = vStr(a[i]);
  return out;
}

function vKey(v: unknown): bigint {
  if (typeof v !== 'string') throw new ParseError('a key must be a decimal string, not a number');
  try {
    return parseKey(vStr(v));
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError((e as Error).message);
  }
}

function vStratum(v: unknown): Stratum {
  const o = vObject(v);
  const s: Stratum = { label: '', ratioBp: null, count: null, size: 0, sampleSize: 0 };
  let seen = 0;
  for (const name of keysOf(o)) {
    switch (name) {
      case 'label':
        s.label = vStr(o[name]);
        seen |= 1;
        break;
      case 'ratio_bp':
        s.ratioBp = vInt(o[name]);
        break;
      case 'count':
        s.count = vInt(o[name]);
        break;
      case 'size':
        s.size = vInt(o[name]);
        seen |= 8;
        break;
      case 'sample_size':
        s.sampleSize = vInt(o[name]);
        seen |= 16;
        break;
      default:
        throw new ParseError(`unknown key ${goQuote(name)} in a stratum`);
    }
  }
  if (seen !== 25) throw new ParseError('a stratum needs label, size and sample_size');
  return s;
}

function vPopulation(v: unknown): Population {
  const a = vArray(v);
  const pop: Population = { stratum: new Array<string>(a.length), uid: new Array<string>(a.length) };
  for (let i = 0; i < a.length; i++) {
    const e = a[i];
    try {
      const o = vObject(e);
      let n = 0;
      for (const name in o) {
        if (o[name] === undefined) continue;
        if (name !== 'stratum' && name !== 'uid') throw new ParseError(`unknown key ${goQuote(name)} in a population entry`);
        n++;
      }
      if (n !== 2) throw new ParseError('a population entry needs stratum and uid');
      pop.stratum[i] = vStr(o.stratum);
      pop.uid[i] = vStr(o.uid);
    } catch (err) {
      wrap(`entry ${i}: `, err);
    }
  }
  return pop;
}

function vSelection(v: unknown): Selection {
  const o = vObject(v);
  const s: Selection = { rank: 0, stratum: null, uid: '', key: null, team: [] };
  let seen = 0;
  for (const name of keysOf(o)) {
    switch (name) {
      case 'rank':
        s.rank = vInt(o[name]);
        seen |= 1;
        break;
      case 'stratum':
        s.stratum = vStr(o[name]);
        if (s.stratum === '') throw new ParseError('empty stratum');
        seen |= 2;
        break;
      case 'uid':
        s.uid = vStr(o[name]);
        seen |= 4;
        break;
      case 'key':
        s.key = vKey(o[name]);
        seen |= 8;
        break;
      case 'team':
        s.team = vStrings(o[name]);
        seen |= 16;
        break;
      default:
        throw new ParseError(`unknown key ${goQuote(name)} in a selection`);
    }
  }
  if ((seen & 21) !== 21) throw new ParseError('a selection needs rank, uid and team');
  if (((seen & 2) !== 0) !== ((seen & 8) !== 0)) throw new ParseError('a selection has both stratum and key or neither');
  return s;
}

function vDepartment(v: unknown): Department {
  const o = vObject(v);
  const d: Department = { code: '', perTeam: 0, pool: [] };
  let seen = 0;
  for (const name of keysOf(o)) {
    switch (name) {
      case 'code':
        d.code = vStr(o[name]);
        seen |= 1;
        break;
      case 'per_team':
        d.perTeam = vInt(o[name]);
        seen |= 2;
        break;
      case 'pool':
        d.pool = vStrings(o[name]);
        seen |= 4;
        break;
      default:
        throw new ParseError(`unknown key ${goQuote(name)} in a department`);
    }
  }
  if (seen !== 7) throw new ParseError('a department needs code, per_team and pool');
  return d;
}

function vConflict(v: unknown): Conflict {
  const pair = vStrings(v);
  if (pair.length !== 2) throw new ParseError('a conflict is [inspector, object]');
  return { inspector: pair[0], object: pair[1] };
}

function topValue(ev: Evidence, name: TopKey, v: unknown): void {
  switch (name) {
    case 'algorithm':
      ev.algorithm = vStr(v);
      break;
    case 'plan_uid':
      ev.planUid = vStr(v);
      break;
    case 'commitment':
      ev.commitment = vStr(v);
      break;
    case 'entropy_source':
      ev.entropySource = vStr(v);
      break;
    case 'freeze_digest':
      ev.freezeDigest = vStr(v);
      break;
    case 'rules_digest':
      ev.rulesDigest = vStr(v);
      break;
    case 'teams_digest':
      ev.teamsDigest = vStr(v);
      break;
    case 'population_digest':
      ev.populationDigest = vStr(v);
      break;
    case 'population_size':
      ev.populationSize = vInt(v);
      break;
    case 'reveal':
      ev.reveal = vStr(v);
      break;
    case 'entropy':
      ev.entropy = vStr(v);
      break;
    case 'seed':
      ev.seed = vStr(v);
      break;
    case 'strata':
      ev.strata = vArray(v).map(vStratum);
      break;
    case 'population':
      ev.population = vPopulation(v);
      break;
    case 'selections': {
      const a = vArray(v);
      ev.selections = a.map((s, i) => {
        try {
          return vSelection(s);
        } catch (e) {
          return wrap(`selection ${i + 1}: `, e);
        }
      });
      break;
    }
    case 'departments':
      ev.departments = vArray(v).map(vDepartment);
      break;
    case 'conflicts':
      ev.conflicts = vArray(v).map(vConflict);
      break;
    case 'cap':
      ev.cap = v === null ? null : vInt(v);
      break;
  }
}

/**
 * Checks that an already parsed value has the evidence document's shape and
 * returns it decoded. Messages follow the Go decoder's, without byte offsets.
 */
export function decodeValue(doc: unknown): Evidence {
  try {
    const o = vObject(doc);
    const ev = newEvidence();
    let seen = 0;
    for (const name of keysOf(o)) {
      const bit = TOP_BIT.get(name);
      if (bit === undefined) throw new ParseError(`${name}: unknown key ${goQuote(name)}`);
      try {
        topValue(ev, name as TopKey, o[name]);
      } catch (e) {
        wrap(`${name}: `, e);
      }
      seen |= bit;
    }
    if ((K_ALL & ~K_OPTIONAL & ~seen) !== 0) throw new ParseError(missingKeys(seen));
    return ev;
  } catch (e) {
    if (e instanceof ParseError) throw new DecodeError(PREFIX + e.message);
    throw e;
  }
}
