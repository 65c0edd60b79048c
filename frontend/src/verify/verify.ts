// Verification of a draw's evidence document (spec suiji/draw/v1, §7), in
// the browser, without trusting the server.
//
// This is a second implementation of the Go verifier (draw/verify.go), which
// is the reference: the same checks in the same order, the same check names
// and the same words for what a public document leaves out. Its reasons
// follow the Go reasons word for word; only the decoder's byte offsets may
// differ for a document given as an already parsed value.
//
// Cost. Keys are compared as two unsigned 32-bit halves and become BigInts
// only to be compared with the document; strings are compared by code point
// (UTF-8 byte order), never with `<`. The population is scanned once for its
// order, its strata and D; each stratum's sample is kept in a bounded
// max-heap; the matching keeps inspectors in buckets by load and hashes only
// the eligible inspectors of the lowest bucket, as spec §6 allows.

import {
  type Conflict,
  DecodeError,
  type Department,
  type Evidence,
  MAX_SAFE,
  type Population,
  type Rule,
  type Stratum,
  decodeBytes,
  decodeText,
  decodeValue,
} from './decode';
import { PrefixHasher, Sha256, hex, sha256 } from './sha256';
import {
  compareStrings,
  goQuote,
  goQuoteList,
  idProblem,
  isLowerHex64,
  textProblem,
  utf8,
  writeUtf8,
} from './text';

export type { Evidence, Population, Rule, Stratum, Selection, Department, Conflict } from './decode';
export { DecodeError, decodeBytes, decodeText, decodeValue, parseKey } from './decode';
export { compareStrings } from './text';

/** The procedure and evidence format this verifier knows. */
export const ALGORITHM = 'suiji/draw/v1';

/** The steps of spec §7, in the order they run: the Go VerifyError.Check names. */
export const CHECKS = [
  'decode',
  'format',
  'algorithm',
  'commitment',
  'seed',
  'rules_digest',
  'sample_sizes',
  'population',
  'freeze_digest',
  'selection',
  'teams_digest',
  'teams',
] as const;
export type VerifyCheck = (typeof CHECKS)[number];

/** What a document may leave out, in the words of spec §7. */
export type NotChecked = 'population' | 'selection' | 'teams';

export type VerifyReport =
  | { ok: true; selections: number; notChecked: NotChecked[] }
  | { ok: false; check: VerifyCheck; reason: string };

export type ProgressFn = (done: number, total: number) => void;

/** The evidence document of spec §7 as JSON (the whole form; public forms leave out the optional keys). */
export interface EvidenceDocument {
  algorithm: string;
  plan_uid: string;
  commitment: string;
  entropy_source: string;
  freeze_digest: string;
  rules_digest: string;
  teams_digest: string;
  population_digest: string;
  population_size: number;
  reveal: string;
  entropy: string;
  seed: string;
  strata: { label: string; ratio_bp?: number; count?: number; size: number; sample_size: number }[];
  population?: { stratum: string; uid: string }[];
  selections: { rank: number; stratum?: string; uid: string; key?: string; team: string[] }[];
  departments?: { code: string; per_team: number; pool: string[] }[];
  conflicts?: [string, string][];
  cap: number | null;
}

// ---------------------------------------------------------------------------
// Building blocks (spec §1–§6), exported for the UI to show intermediate values.

/** C = hex(H(R)) for reveal = hex(R): R is hashed as its 32 raw bytes. Throws unless reveal is 64 lowercase hex digits. */
export function commitment(reveal: string): string {
  if (!isLowerHex64(reveal)) throw new RangeError('reveal is not 64 lowercase hexadecimal digits');
  const r = new Uint8Array(32);
  for (let i = 0; i < 32; i++) r[i] = parseInt(reveal.substr(i * 2, 2), 16);
  return hex(sha256(r));
}

/** seed = H("suiji/draw/v1" 0x00 plan_uid 0x00 hex(R) 0x00 E): 32 raw bytes (documents show hex(seed)). */
export function seed(planUid: string, reveal: string, entropy: string): Uint8Array {
  const h = new Sha256();
  const zero = new Uint8Array(1);
  h.update(utf8(ALGORITHM)).update(zero).update(utf8(planUid)).update(zero).update(utf8(reveal)).update(zero);
  return h.update(utf8(entropy)).digest();
}

const CHUNK = 64 * 1024;

/** Hashes a long run of short lines through one buffer: a million lines, a few hundred updates. */
class LineHasher {
  private readonly h = new Sha256();
  private buf = new Uint8Array(CHUNK + 1024);
  private n = 0;

  /** Appends the strings joined by tabs and ended by a newline. */
  line(a: string, b: string, c?: string): void {
    const max = 3 * (a.length + b.length + (c === undefined ? 0 : c.length)) + 3;
    if (this.n + max > this.buf.length) {
      this.flush();
      if (max > this.buf.length) this.buf = new Uint8Array(max);
    }
    const buf = this.buf;
    let n = writeUtf8(a, buf, this.n);
    buf[n++] = 0x09;
    n = writeUtf8(b, buf, n);
    if (c !== undefined) {
      buf[n++] = 0x09;
      n = writeUtf8(c, buf, n);
    }
    buf[n++] = 0x0a;
    this.n = n;
    if (n >= CHUNK) this.flush();
  }

  private flush(): void {
    this.h.update(this.buf, 0, this.n);
    this.n = 0;
  }

  hex(): string {
    this.flush();
    return hex(this.h.digest());
  }
}

/** D for a population sorted by (stratum, uid): entries as in the document, or the two parallel arrays. */
export function populationDigest(population: readonly { stratum: string; uid: string }[] | Population): string {
  const l = new LineHasher();
  if (Array.isArray(population)) {
    for (const e of population as readonly { stratum: string; uid: string }[]) l.line(e.stratum, e.uid);
  } else {
    const p = population as Population;
    for (let i = 0; i < p.uid.length; i++) l.line(p.stratum[i], p.uid[i]);
  }
  return l.hex();
}

/** A rule as the document writes it (ratio_bp or count) or as decoded (ratioBp or count). */
export type RuleLike = { label: string; ratio_bp?: number | null; ratioBp?: number | null; count?: number | null };

function ruleValue(r: RuleLike): [kind: string, value: number] {
  const ratio = r.ratioBp ?? r.ratio_bp;
  if (ratio !== undefined && ratio !== null) return ['ratio_bp', ratio];
  if (r.count !== undefined && r.count !== null) return ['count', r.count];
  return ['count', 0];
}

/** S for rules sorted by label, each with one of count and ratio (as the Go RulesDigest, a rule with neither hashes as a count of 0). */
export function rulesDigest(rules: readonly RuleLike[]): string {
  const l = new LineHasher();
  for (const r of rules) {
    const [kind, v] = ruleValue(r);
    l.line(r.label, kind, String(v));
  }
  return l.hex();
}

/** t_d of spec §4: a per_team of 0 (or none) means 2 from a lone department and 1 from each of several. */
export function resolvePerTeam(perTeam: number | undefined, departments: number): number {
  if (perTeam) return perTeam;
  return departments === 1 ? 2 : 1;
}

type DepartmentLike = { code: string; per_team?: number; perTeam?: number; pool: readonly string[] };
type ConflictLike = readonly [string, string] | Conflict;

function conflictPair(c: ConflictLike): [string, string] {
  return Array.isArray(c) ? [c[0], c[1]] : [(c as Conflict).inspector, (c as Conflict).object];
}

/** T for departments by code with pools ascending, conflicts ascending and distinct, and the cap (null for none). */
export function teamsDigest(
  departments: readonly DepartmentLike[],
  conflicts: readonly ConflictLike[],
  cap: number | null,
): string {
  const l = new LineHasher();
  for (const d of departments) {
    const t = resolvePerTeam(d.perTeam ?? d.per_team, departments.length);
    l.line('department', d.code, String(t));
    for (const i of d.pool) l.line('pool', d.code, i);
  }
  for (const c of conflicts) {
    const [i, o] = conflictPair(c);
    l.line('conflict', i, o);
  }
  l.line('cap', cap === null ? 'none' : String(cap));
  return l.hex();
}

/** The values F binds (document field names). */
export interface FreezeParts {
  commitment: string;
  population_digest: string;
  population_size: number;
  rules_digest: string;
  teams_digest: string;
}

/** F = hex(H("suiji/freeze/v1" 0x00 plan_uid 0x00 C 0x00 D 0x00 N 0x00 S 0x00 T 0x00 entropy_source)). */
export function freezeDigest(planUid: string, entropySource: string, d: FreezeParts): string {
  const parts = [
    'suiji/freeze/v1',
    planUid,
    d.commitment,
    d.population_digest,
    String(d.population_size),
    d.rules_digest,
    d.teams_digest,
    entropySource,
  ];
  const h = new Sha256();
  const zero = new Uint8Array(1);
  parts.forEach((p, i) => {
    if (i > 0) h.update(zero);
    h.update(utf8(p));
  });
  return hex(h.digest());
}

function headKey(h: PrefixHasher): bigint {
  return (BigInt(h.hi) << 32n) | BigInt(h.lo);
}

/** Writes seed || label || 0x00 into h's buffer and declares it the prefix; returns its length. */
function keyPrefix(h: PrefixHasher, seedBytes: Uint8Array, label: string, text: string): number {
  h.ensure(32 + label.length + 1 + text.length * 3 + 1);
  const buf = h.buf;
  buf.set(seedBytes.subarray(0, 32), 0);
  let n = writeUtf8(label, buf, 32);
  buf[n++] = 0;
  n = writeUtf8(text, buf, n);
  buf[n++] = 0;
  h.setPrefix(n);
  return n;
}

function hashWithPrefix(h: PrefixHasher, prefixLen: number, rest: string): void {
  h.ensure(prefixLen + rest.length * 3);
  h.hash(writeUtf8(rest, h.buf, prefixLen));
}

/** key(uid) = u64(H(seed || "object" || 0x00 || stratum || 0x00 || uid)), spec §5. */
export function objectKey(seedBytes: Uint8Array, stratum: string, uid: string): bigint {
  const h = new PrefixHasher();
  hashWithPrefix(h, keyPrefix(h, seedBytes, 'object', stratum), uid);
  return headKey(h);
}

/** ikey(o, i) = u64(H(seed || "inspector" || 0x00 || o || 0x00 || i)), spec §6. */
export function inspectorKey(seedBytes: Uint8Array, objectUid: string, inspectorUid: string): bigint {
  const h = new PrefixHasher();
  hashWithPrefix(h, keyPrefix(h, seedBytes, 'inspector', objectUid), inspectorUid);
  return headKey(h);
}

/** n_s of spec §3 for a stratum of `size` entries: min(N_s, c) or min(N_s, ⌈N_s·r / 10000⌉), exact for any size ≤ 2^53 − 1. */
export function sampleSize(rule: RuleLike, size: number): number {
  if (size < 0) return 0;
  if (rule.count !== undefined && rule.count !== null) return Math.min(size, rule.count);
  const r = rule.ratioBp ?? rule.ratio_bp;
  if (r === undefined || r === null || r < 0 || r > 10000) return 0;
  const q = (BigInt(size) * BigInt(r) + 9999n) / 10000n;
  return q < BigInt(size) ? Number(q) : size;
}

// ---------------------------------------------------------------------------
// Selection (spec §5) and matching (spec §6), shared with the test draw.

/** The selected entries in selection order: index into the population and the key halves. */
export interface Picks {
  idx: number[];
  hi: number[];
  lo: number[];
}

/** A span [lo, hi) of the sorted population: one stratum's entries. */
export interface Span {
  lo: number;
  hi: number;
}

/**
 * Draws every stratum's sample and returns the picks ascending by (key, uid).
 * A stratum with n_s = 0 is not hashed. tick(n) is told of every n hashes.
 */
export function selectAll(
  pop: Population,
  strata: readonly Stratum[],
  spans: readonly Span[],
  seedBytes: Uint8Array,
  tick: (n: number) => void = () => {},
): Picks {
  const picks: Picks = { idx: [], hi: [], lo: [] };
  const h = new PrefixHasher();
  const uids = pop.uid;
  for (let s = 0; s < strata.length; s++) {
    const n = strata[s].sampleSize;
    if (n === 0) continue;
    const pl = keyPrefix(h, seedBytes, 'object', strata[s].label);
    const { lo: first, hi: end } = spans[s];
    const heap = new KeyHeap(uids, Math.min(n, end - first));
    let sinceTick = 0;
    for (let i = first; i < end; i++) {
      const uid = uids[i];
      if (pl + uid.length * 3 + 72 > h.buf.length) h.ensure(pl + uid.length * 3);
      h.hash(writeUtf8(uid, h.buf, pl));
      heap.offer(h.hi, h.lo, i);
      if (++sinceTick === 4096) {
        tick(sinceTick);
        sinceTick = 0;
      }
    }
    tick(sinceTick);
    for (let k = 0; k < heap.size; k++) {
      picks.idx.push(heap.idx[k]);
      picks.hi.push(heap.hi[k]);
      picks.lo.push(heap.lo[k]);
    }
  }
  const order = picks.idx.map((_, k) => k);
  order.sort((a, b) => {
    if (picks.hi[a] !== picks.hi[b]) return picks.hi[a] < picks.hi[b] ? -1 : 1;
    if (picks.lo[a] !== picks.lo[b]) return picks.lo[a] < picks.lo[b] ? -1 : 1;
    return compareStrings(uids[picks.idx[a]], uids[picks.idx[b]]);
  });
  return { idx: order.map((k) => picks.idx[k]), hi: order.map((k) => picks.hi[k]), lo: order.map((k) => picks.lo[k]) };
}

/** A max-heap by (key, uid) of at most cap picks: its root is the largest kept, the one a smaller newcomer replaces. */
class KeyHeap {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly idx: Int32Array;
  size = 0;

  constructor(
    private readonly uids: readonly string[],
    private readonly cap: number,
  ) {
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.idx = new Int32Array(cap);
  }

  /** Whether slot a is greater than slot b by (key, uid). */
  private greater(a: number, b: number): boolean {
    if (this.hi[a] !== this.hi[b]) return this.hi[a] > this.hi[b];
    if (this.lo[a] !== this.lo[b]) return this.lo[a] > this.lo[b];
    return compareStrings(this.uids[this.idx[a]], this.uids[this.idx[b]]) > 0;
  }

  private swap(a: number, b: number): void {
    let t = this.hi[a];
    this.hi[a] = this.hi[b];
    this.hi[b] = t;
    t = this.lo[a];
    this.lo[a] = this.lo[b];
    this.lo[b] = t;
    t = this.idx[a];
    this.idx[a] = this.idx[b];
    this.idx[b] = t;
  }

  offer(hi: number, lo: number, i: number): void {
    if (this.size < this.cap) {
      let k = this.size++;
      this.hi[k] = hi;
      this.lo[k] = lo;
      this.idx[k] = i;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!this.greater(k, parent)) return;
        this.swap(k, parent);
        k = parent;
      }
      return;
    }
    // Keys are uniform over 64 bits: the common case is one comparison.
    const th = this.hi[0];
    if (hi > th) return;
    if (hi === th) {
      const tl = this.lo[0];
      if (lo > tl || (lo === tl && compareStrings(this.uids[i], this.uids[this.idx[0]]) > 0)) return;
    }
    this.hi[0] = hi;
    this.lo[0] = lo;
    this.idx[0] = i;
    const n = this.size;
    let k = 0;
    for (;;) {
      let m = k;
      const l = 2 * k + 1;
      if (l < n && this.greater(l, m)) m = l;
      if (l + 1 < n && this.greater(l + 1, m)) m = l + 1;
      if (m === k) return;
      this.swap(k, m);
      k = m;
    }
  }
}

interface DeptState {
  code: string;
  perTeam: number;
  levels: number[][]; // levels[l]: inspectors with load l, in no particular order
  minLevel: number; // lowest non-empty level
}

/**
 * The matching of spec §6. Each department keeps its inspectors in buckets
 * by load, so a pick looks only at the lowest bucket that has an eligible
 * inspector and hashes only those, each at most once per object: the
 * (load, ikey, uid) order never needs the ikey of anyone at a higher load.
 */
export class Matcher {
  /** ikey hashes so far. */
  ikeys = 0;
  private readonly uids: string[] = [];
  private readonly bytes: Uint8Array[] = [];
  private readonly pos: number[] = [];
  private readonly stamp: Float64Array; // stamp[i] === rank: i is left out for that object
  private readonly depts: DeptState[];
  private readonly conflicts = new Map<string, number[]>();
  private readonly capLevel: number;
  private readonly h = new PrefixHasher(256);
  private readonly prefixLen: number;
  private readonly maxBytes: number;
  private readonly candIdx: Int32Array;
  private readonly candHi: Uint32Array;
  private readonly candLo: Uint32Array;
  private candN = 0;

  /** departments: by code, pools ascending, perTeam resolved; conflicts: any order. */
  constructor(departments: readonly Department[], conflicts: readonly Conflict[], cap: number | null, seedBytes: Uint8Array) {
    const index = new Map<string, number>();
    let maxPool = 1;
    let maxBytes = 0;
    this.depts = departments.map((d) => {
      const bucket: number[] = [];
      d.pool.forEach((uid, j) => {
        const i = this.uids.length;
        index.set(uid, i);
        this.uids.push(uid);
        const b = utf8(uid);
        this.bytes.push(b);
        maxBytes = Math.max(maxBytes, b.length);
        this.pos.push(j);
        bucket.push(i);
      });
      maxPool = Math.max(maxPool, d.pool.length);
      return { code: d.code, perTeam: d.perTeam, levels: [bucket], minLevel: 0 };
    });
    this.stamp = new Float64Array(this.uids.length);
    for (const c of conflicts) {
      const i = index.get(c.inspector);
      if (i === undefined) continue;
      const list = this.conflicts.get(c.object);
      if (list) list.push(i);
      else this.conflicts.set(c.object, [i]);
    }
    this.capLevel = cap ?? Infinity;
    this.maxBytes = maxBytes;
    this.candIdx = new Int32Array(maxPool);
    this.candHi = new Uint32Array(maxPool);
    this.candLo = new Uint32Array(maxPool);
    this.h.buf.set(seedBytes.subarray(0, 32), 0);
    const tag = utf8('inspector');
    this.h.buf.set(tag, 32);
    this.h.buf[32 + tag.length] = 0;
    this.prefixLen = 32 + tag.length + 1;
  }

  /**
   * Picks the team of the object of this rank, appending its members to team
   * in pick order. Returns the code of the department that ran out of
   * inspectors, or null. rank must be ≥ 1 and increase from call to call.
   */
  assign(rank: number, object: string, team: string[]): string | null {
    const conflicted = this.conflicts.get(object);
    if (conflicted) for (const i of conflicted) this.stamp[i] = rank;
    const h = this.h;
    h.ensure(this.prefixLen + object.length * 3 + 1 + this.maxBytes);
    let n = writeUtf8(object, h.buf, this.prefixLen);
    h.buf[n++] = 0;
    h.setPrefix(n);
    for (const d of this.depts) {
      if (!this.fill(d, rank, n, team)) return d.code;
    }
    return null;
  }

  private fill(d: DeptState, rank: number, objLen: number, team: string[]): boolean {
    let level = d.minLevel;
    this.candN = 0;
    for (let p = 0; p < d.perTeam; p++) {
      while (this.candN === 0) {
        if (level >= this.capLevel || level >= d.levels.length) return false;
        this.hashBucket(d.levels[level], rank, objLen);
        if (this.candN === 0) level++;
      }
      const j = this.smallest();
      const c = this.candIdx[j];
      const last = --this.candN;
      this.candIdx[j] = this.candIdx[last];
      this.candHi[j] = this.candHi[last];
      this.candLo[j] = this.candLo[last];
      this.stamp[c] = rank;
      this.promote(d, c, level);
      team.push(this.uids[c]);
    }
    while (d.minLevel < d.levels.length && d.levels[d.minLevel].length === 0) d.minLevel++;
    return true;
  }

  /** Collects the inspectors of a bucket not left out for this object, with their ikeys; a lone one is not hashed. */
  private hashBucket(bucket: readonly number[], rank: number, objLen: number): void {
    let n = 0;
    for (const i of bucket) if (this.stamp[i] !== rank) this.candIdx[n++] = i;
    this.candN = n;
    if (n < 2) return;
    const h = this.h;
    const buf = h.buf;
    for (let k = 0; k < n; k++) {
      const b = this.bytes[this.candIdx[k]];
      for (let x = 0; x < b.length; x++) buf[objLen + x] = b[x];
      h.hash(objLen + b.length);
      this.candHi[k] = h.hi;
      this.candLo[k] = h.lo;
    }
    this.ikeys += n;
  }

  /** The candidate with the smallest (ikey, uid); a smaller index is a smaller uid within a department. */
  private smallest(): number {
    let best = 0;
    for (let j = 1; j < this.candN; j++) {
      const ah = this.candHi[j];
      const bh = this.candHi[best];
      if (ah < bh) best = j;
      else if (ah === bh) {
        const al = this.candLo[j];
        const bl = this.candLo[best];
        if (al < bl || (al === bl && this.candIdx[j] < this.candIdx[best])) best = j;
      }
    }
    return best;
  }

  /** Moves inspector i from bucket `level` to level + 1: its load grew by one. */
  private promote(d: DeptState, i: number, level: number): void {
    const bucket = d.levels[level];
    const last = bucket[bucket.length - 1];
    bucket[this.pos[i]] = last;
    this.pos[last] = this.pos[i];
    bucket.pop();
    if (level + 1 === d.levels.length) d.levels.push([]);
    const up = d.levels[level + 1];
    this.pos[i] = up.length;
    up.push(i);
  }
}

// ---------------------------------------------------------------------------
// The verifier.

class VerifyFailure extends Error {
  constructor(
    readonly check: VerifyCheck,
    readonly reason: string,
  ) {
    super(`draw: evidence fails the ${check} check: ${reason}`);
  }
}

function fail(check: VerifyCheck, reason: string): never {
  throw new VerifyFailure(check, reason);
}

const inRange = (v: number, least: number) => v >= least && v <= MAX_SAFE;

// Refusal texts of the Go freeze (draw/refusal.go), which the format check quotes for a bad rule.
const REFUSAL: Record<string, [string, string]> = {
  bad_string: ['a text value breaks the string rules', '文本值不符合规则'],
  bad_rule: ['a rule must have exactly one of count and ratio', '分层规则必须且只能设定数量或比例之一'],
  ratio_out_of_range: ['a ratio must be between 0 and 10000 basis points', '抽取比例须在0至10000个基点之间'],
  negative_count: ['a count must not be negative', '抽取数量不能为负数'],
  number_too_large: ['a number exceeds 2^53-1', '数值超过2^53-1'],
};

function refusal(code: string, field: string, detail: string): string {
  const [en, zh] = REFUSAL[code];
  return `draw input refused (${code}): ${en} / ${zh}: ${field}: ${detail}`;
}

/** checkRule of the Go freeze: the refusal's message, or "". */
function ruleProblem(field: string, r: Rule): string {
  const p = idProblem(r.label);
  if (p !== '') return refusal('bad_string', field + '.label', `${p}: ${goQuote(r.label)}`);
  if ((r.ratioBp === null) === (r.count === null)) return refusal('bad_rule', field, `stratum ${goQuote(r.label)}`);
  if (r.ratioBp !== null && (r.ratioBp < 0 || r.ratioBp > 10000)) {
    return refusal('ratio_out_of_range', field + '.ratio_bp', String(r.ratioBp));
  }
  if (r.count !== null && r.count < 0) return refusal('negative_count', field + '.count', String(r.count));
  if (r.count !== null && r.count > MAX_SAFE) return refusal('number_too_large', field + '.count', String(r.count));
  return '';
}

function compareConflicts(a: Conflict, b: Conflict): number {
  return compareStrings(a.inspector, b.inspector) || compareStrings(a.object, b.object);
}

/** Counts work for the progress callback: roughly one unit per SHA-256 block. */
class Progress {
  done = 0;
  total = 1;
  private next = 0;
  constructor(private readonly fn: ProgressFn | undefined) {}

  start(total: number): void {
    this.total = Math.max(1, total);
    this.next = 0;
    this.report();
  }

  tick(n: number): void {
    this.done += n;
    if (this.done >= this.next) this.report();
  }

  report(): void {
    if (!this.fn) return;
    if (this.done > this.total) this.total = this.done;
    this.next = this.done + Math.max(1, Math.floor(this.total / 1000));
    this.fn(this.done, this.total);
  }

  finish(): void {
    this.done = this.total = Math.max(this.done, this.total);
    this.report();
  }
}

// Work units: a population entry scanned (its line of D), a key hashed, an ikey hashed.
const UNIT_SCAN = 1;
const UNIT_KEY = 3;
const UNIT_IKEY = 2;

class Verifier {
  seedBytes: Uint8Array = new Uint8Array(32);
  spans: Span[] = [];

  constructor(
    private readonly ev: Evidence,
    private readonly progress: Progress,
  ) {}

  run(): void {
    this.format();
    this.algorithm();
    this.commitment();
    this.seed();
    this.rulesDigest();
    this.sampleSizes();
    this.progress.start(this.estimate());
    this.population();
    this.freezeDigest();
    this.selection();
    this.teamsDigest();
    this.teams();
  }

  /** The work of the remaining steps, in units; the matching is estimated at half of each pool per object. */
  private estimate(): number {
    const ev = this.ev;
    if (!ev.population) return 1;
    let total = ev.population.uid.length * UNIT_SCAN;
    for (const s of ev.strata) if (s.sampleSize > 0) total += s.size * UNIT_KEY;
    if (ev.departments) {
      let half = 0;
      for (const d of ev.departments) half += Math.ceil(d.pool.length / 2);
      total += ev.selections.length * half * UNIT_IKEY;
    }
    return total;
  }

  // format: every string against spec §0, every number's range, every array's order and uniqueness
  // — except the population's order, which spec §7 checks with the population.
  private format(): void {
    const ev = this.ev;
    let p = idProblem(ev.planUid);
    if (p !== '') fail('format', `plan_uid: ${p}`);
    p = textProblem(ev.entropySource, false);
    if (p !== '') fail('format', `entropy_source: ${p}`);
    p = textProblem(ev.entropy, true);
    if (p !== '') fail('format', `entropy: ${p}`);
    if (!inRange(ev.populationSize, 0)) fail('format', `population_size ${ev.populationSize} out of range`);
    this.formatStrata();
    this.formatPopulation();
    this.formatSelections();
    this.formatDepartments();
    this.formatConflicts();
    if (ev.cap !== null && !inRange(ev.cap, 1)) fail('format', `cap ${ev.cap} out of range`);
  }

  private formatStrata(): void {
    const strata = this.ev.strata;
    strata.forEach((s, i) => {
      const p = ruleProblem(`strata[${i}]`, s);
      if (p !== '') fail('format', p);
      if (!inRange(s.size, 0) || !inRange(s.sampleSize, 0)) {
        fail('format', `stratum ${goQuote(s.label)}: size or sample_size out of range`);
      }
      if (i > 0 && compareStrings(strata[i - 1].label, s.label) >= 0) {
        fail('format', `strata not strictly ascending by label at ${goQuote(s.label)}`);
      }
    });
  }

  private formatPopulation(): void {
    const pop = this.ev.population;
    if (!pop) return;
    let prev: string | null = null;
    for (let i = 0; i < pop.uid.length; i++) {
      const s = pop.stratum[i];
      if (s !== prev) {
        // A run of one label is checked once.
        const p = idProblem(s);
        if (p !== '') fail('format', `population[${i}].stratum: ${p}`);
        prev = s;
      }
      const p = idProblem(pop.uid[i]);
      if (p !== '') fail('format', `population[${i}].uid: ${p}`);
    }
  }

  private formatSelections(): void {
    const sels = this.ev.selections;
    const withKeys = this.ev.population !== null;
    const uids = new Set<string>();
    sels.forEach((s, i) => {
      if (i > 0 && s.rank <= sels[i - 1].rank) fail('format', `selections not ascending by rank at rank ${s.rank}`);
      let p = idProblem(s.uid);
      if (p !== '') fail('format', `selection ${s.rank} uid: ${p}`);
      if (uids.has(s.uid)) fail('format', `object ${goQuote(s.uid)} selected twice`);
      uids.add(s.uid);
      if ((s.stratum !== null) !== withKeys) {
        fail('format', `selection ${s.rank}: stratum and key must be present exactly when the population is`);
      }
      if (withKeys && (p = idProblem(s.stratum ?? '')) !== '') fail('format', `selection ${s.rank} stratum: ${p}`);
      for (const m of s.team) {
        p = idProblem(m);
        if (p !== '') fail('format', `selection ${s.rank} team member: ${p}`);
      }
    });
  }

  private formatDepartments(): void {
    const depts = this.ev.departments;
    if ((depts === null) !== (this.ev.conflicts === null)) {
      fail('format', 'departments and conflicts must both be present or both absent');
    }
    if (depts === null) return;
    if (depts.length === 0) fail('format', 'no department');
    const owner = new Map<string, string>();
    depts.forEach((d, i) => {
      formatDepartment(d);
      if (i > 0 && compareStrings(depts[i - 1].code, d.code) >= 0) {
        fail('format', `departments not strictly ascending by code at ${goQuote(d.code)}`);
      }
      for (const m of d.pool) {
        const other = owner.get(m);
        if (other !== undefined) fail('format', `inspector ${goQuote(m)} in the pools of ${goQuote(other)} and ${goQuote(d.code)}`);
        owner.set(m, d.code);
      }
    });
  }

  private formatConflicts(): void {
    const cs = this.ev.conflicts;
    if (!cs) return;
    cs.forEach((c, i) => {
      let p = idProblem(c.inspector);
      if (p !== '') fail('format', `conflicts[${i}] inspector: ${p}`);
      p = idProblem(c.object);
      if (p !== '') fail('format', `conflicts[${i}] object: ${p}`);
      if (i > 0 && compareConflicts(cs[i - 1], c) >= 0) {
        fail('format', `conflicts not strictly ascending at [${goQuote(c.inspector)}, ${goQuote(c.object)}]`);
      }
    });
  }

  private algorithm(): void {
    if (this.ev.algorithm !== ALGORITHM) fail('algorithm', `unknown algorithm ${goQuote(this.ev.algorithm)}`);
  }

  private commitment(): void {
    if (!isLowerHex64(this.ev.reveal)) fail('commitment', 'reveal is not 64 lowercase hexadecimal digits');
    const c = commitment(this.ev.reveal);
    if (c !== this.ev.commitment) fail('commitment', `H(R) is ${c}, the document says ${this.ev.commitment}`);
  }

  private seed(): void {
    this.seedBytes = seed(this.ev.planUid, this.ev.reveal, this.ev.entropy);
    const got = hex(this.seedBytes);
    if (got !== this.ev.seed) fail('seed', `seed is ${got}, the document says ${this.ev.seed}`);
  }

  private rulesDigest(): void {
    const got = rulesDigest(this.ev.strata);
    if (got !== this.ev.rulesDigest) fail('rules_digest', `S is ${got}, the document says ${this.ev.rulesDigest}`);
  }

  private sampleSizes(): void {
    const ev = this.ev;
    let sizes = 0n;
    let samples = 0n;
    for (const s of ev.strata) {
      const want = sampleSize(s, s.size);
      if (s.sampleSize !== want) {
        fail(
          'sample_sizes',
          `stratum ${goQuote(s.label)} of size ${s.size}: sample size ${s.sampleSize}, the rule gives ${want}`,
        );
      }
      sizes += BigInt(s.size);
      samples += BigInt(s.sampleSize);
    }
    // Go adds in 64 bits and fails on a carry; a sum ≥ 2^64 differs from N all the same.
    if (sizes !== BigInt(ev.populationSize)) {
      fail('sample_sizes', `strata sizes do not add up to population_size ${ev.populationSize}`);
    }
    if (samples !== BigInt(ev.selections.length)) {
      fail('sample_sizes', `${ev.selections.length} selections, the sample sizes add up to ${samples}`);
    }
    ev.selections.forEach((s, i) => {
      if (s.rank !== i + 1) fail('sample_sizes', `selection ${i + 1} has rank ${s.rank}`);
    });
  }

  /** Order, D, N and every stratum's size from the population, in one pass. */
  private population(): void {
    const ev = this.ev;
    const pop = ev.population;
    if (!pop) return;
    const scan = scanPopulation(pop, ev.strata, (n) => this.progress.tick(n * UNIT_SCAN));
    if (scan.problem !== '') fail('population', scan.problem);
    const dup = duplicateAcross(pop.uid, scan.spans);
    if (dup !== null) fail('population', `object ${goQuote(dup)} is in two strata`);
    if (pop.uid.length !== ev.populationSize) {
      fail('population', `${pop.uid.length} entries, population_size says ${ev.populationSize}`);
    }
    ev.strata.forEach((s, i) => {
      const n = scan.spans[i].hi - scan.spans[i].lo;
      if (n !== s.size) fail('population', `stratum ${goQuote(s.label)} has ${n} entries, the document says ${s.size}`);
    });
    if (scan.digest !== ev.populationDigest) {
      fail('population', `D is ${scan.digest}, the document says ${ev.populationDigest}`);
    }
    this.spans = scan.spans;
  }

  private freezeDigest(): void {
    const ev = this.ev;
    const got = freezeDigest(ev.planUid, ev.entropySource, {
      commitment: ev.commitment,
      population_digest: ev.populationDigest,
      population_size: ev.populationSize,
      rules_digest: ev.rulesDigest,
      teams_digest: ev.teamsDigest,
    });
    if (got !== ev.freezeDigest) fail('freeze_digest', `F is ${got}, the document says ${ev.freezeDigest}`);
  }

  /** Recomputes every key and the whole selection from the population and compares it rank by rank. */
  private selection(): void {
    const ev = this.ev;
    const pop = ev.population;
    if (!pop) return;
    const picks = selectAll(pop, ev.strata, this.spans, this.seedBytes, (n) => this.progress.tick(n * UNIT_KEY));
    for (let k = 0; k < picks.idx.length; k++) {
      const s = ev.selections[k];
      const i = picks.idx[k];
      const key = (BigInt(picks.hi[k]) << 32n) | BigInt(picks.lo[k]);
      if (s.uid !== pop.uid[i] || s.stratum !== pop.stratum[i] || s.key !== key) {
        fail(
          'selection',
          `rank ${s.rank} is (${goQuote(s.stratum ?? '')}, ${goQuote(s.uid)}, ${s.key ?? 0n}), ` +
            `the draw gives (${goQuote(pop.stratum[i])}, ${goQuote(pop.uid[i])}, ${key})`,
        );
      }
    }
  }

  private teamsDigest(): void {
    const ev = this.ev;
    if (!ev.departments) return;
    const got = teamsDigest(ev.departments, ev.conflicts ?? [], ev.cap);
    if (got !== ev.teamsDigest) fail('teams_digest', `T is ${got}, the document says ${ev.teamsDigest}`);
  }

  /** Replays the matching in rank order and compares every team, member by member, in pick order. */
  private teams(): void {
    const ev = this.ev;
    if (!ev.departments) return;
    const m = new Matcher(ev.departments, ev.conflicts ?? [], ev.cap, this.seedBytes);
    const team: string[] = [];
    let counted = 0;
    for (const s of ev.selections) {
      team.length = 0;
      const dept = m.assign(s.rank, s.uid, team);
      if (dept !== null) {
        fail('teams', `the matching fails at rank ${s.rank} (department ${goQuote(dept)}), so no team can be valid`);
      }
      if (team.length !== s.team.length || team.some((t, j) => t !== s.team[j])) {
        fail('teams', `rank ${s.rank}: team ${goQuoteList(s.team)}, the matching gives ${goQuoteList(team)}`);
      }
      this.progress.tick((m.ikeys - counted) * UNIT_IKEY);
      counted = m.ikeys;
    }
  }
}

function formatDepartment(d: Department): void {
  let p = idProblem(d.code);
  if (p !== '') fail('format', `department code: ${p}`);
  if (!inRange(d.perTeam, 1)) fail('format', `department ${goQuote(d.code)}: per_team ${d.perTeam} out of range`);
  if (d.pool.length < d.perTeam) fail('format', `department ${goQuote(d.code)}: pool smaller than per_team`);
  d.pool.forEach((m, j) => {
    p = idProblem(m);
    if (p !== '') fail('format', `department ${goQuote(d.code)} pool: ${p}`);
    if (j > 0 && compareStrings(d.pool[j - 1], m) >= 0) {
      fail('format', `department ${goQuote(d.code)}: pool not strictly ascending at ${goQuote(m)}`);
    }
  });
}

interface PopScan {
  spans: Span[]; // parallel to the strata; empty for a stratum without entries
  digest: string; // D
  problem: string; // the first bad entry, or ""
}

/**
 * Checks the strict order of the population, that every stratum has a rule,
 * finds each stratum's range and computes D, in one pass (the Go
 * scanPopulation, with its problems and words).
 */
export function scanPopulation(pop: Population, strata: readonly Rule[], tick: (n: number) => void = () => {}): PopScan {
  const spans: Span[] = strata.map(() => ({ lo: 0, hi: 0 }));
  const l = new LineHasher();
  const { stratum: labels, uid: uids } = pop;
  let r = -1; // the rule of the current stratum
  let sinceTick = 0;
  const bad = (i: number, what: string): PopScan => ({ spans, digest: '', problem: what.replace('%i', String(i)) });
  for (let i = 0; i < uids.length; i++) {
    const s = labels[i];
    const u = uids[i];
    if (idProblem(u) !== '') return bad(i, 'entry %i breaks the string rules');
    const sameStratum = i > 0 && s === labels[i - 1];
    if (sameStratum) {
      const c = compareStrings(uids[i - 1], u);
      if (c === 0) return bad(i, `entry %i (${goQuote(s)}, ${goQuote(u)}) is repeated`);
      if (c > 0) return bad(i, `not strictly ascending by (stratum, uid) at entry %i (${goQuote(s)}, ${goQuote(u)})`);
    } else {
      if (idProblem(s) !== '') return bad(i, 'entry %i breaks the string rules');
      if (i > 0 && compareStrings(s, labels[i - 1]) < 0) {
        return bad(i, `not strictly ascending by (stratum, uid) at entry %i (${goQuote(s)}, ${goQuote(u)})`);
      }
      if (r >= 0) spans[r].hi = i;
      while (r + 1 < strata.length && compareStrings(strata[r + 1].label, s) < 0) r++;
      if (r + 1 === strata.length || strata[r + 1].label !== s) {
        return bad(i, `object ${goQuote(u)} is in stratum ${goQuote(s)}, which has no rule`);
      }
      r++;
      spans[r] = { lo: i, hi: i };
    }
    l.line(s, u);
    if (++sinceTick === 16384) {
      tick(sinceTick);
      sinceTick = 0;
    }
  }
  tick(sinceTick);
  if (r >= 0) spans[r].hi = uids.length;
  return { spans, digest: l.hex(), problem: '' };
}

/**
 * Finds a uid that is in two strata: a k-way merge of the strata's ascending
 * runs puts any repeat next to itself. Returns the smallest such uid (the one
 * the Go verifier names), or null.
 */
function duplicateAcross(uids: readonly string[], spans: readonly Span[]): string | null {
  const runs = spans.filter((s) => s.hi > s.lo).map((s) => ({ lo: s.lo, hi: s.hi }));
  if (runs.length < 2) return null;
  const less = (a: number, b: number) => compareStrings(uids[runs[a].lo], uids[runs[b].lo]) < 0;
  const down = (i: number) => {
    for (;;) {
      let m = i;
      const l = 2 * i + 1;
      if (l < runs.length && less(l, m)) m = l;
      if (l + 1 < runs.length && less(l + 1, m)) m = l + 1;
      if (m === i) return;
      [runs[i], runs[m]] = [runs[m], runs[i]];
      i = m;
    }
  };
  for (let i = (runs.length >> 1) - 1; i >= 0; i--) down(i);
  let prev: string | null = null;
  while (runs.length > 0) {
    const top = runs[0];
    const uid = uids[top.lo];
    if (prev !== null && uid === prev) return uid;
    prev = uid;
    if (++top.lo === top.hi) {
      const last = runs.pop()!;
      if (runs.length > 0) runs[0] = last;
    }
    down(0);
  }
  return null;
}

function notChecked(ev: Evidence): NotChecked[] {
  const out: NotChecked[] = [];
  if (ev.population === null) out.push('population', 'selection');
  if (ev.departments === null) out.push('teams');
  return out;
}

/** Decodes a document given as JSON text, its UTF-8 bytes, or an already parsed value. */
export function decodeEvidence(doc: unknown): Evidence {
  if (typeof doc === 'string') return decodeText(doc);
  if (ArrayBuffer.isView(doc)) return decodeBytes(new Uint8Array(doc.buffer, doc.byteOffset, doc.byteLength));
  // (Not instanceof: an ArrayBuffer from another realm, a test environment's for one, is one all the same.)
  if (Object.prototype.toString.call(doc) === '[object ArrayBuffer]') return decodeBytes(new Uint8Array(doc as ArrayBuffer));
  return decodeValue(doc);
}

/**
 * Verifies an evidence document, whole or public, in the order of spec §7
 * and reports the first failing check, or what was verified and what the
 * document left out ("population", "selection", "teams").
 *
 * doc is the JSON text (string), its UTF-8 bytes (Uint8Array or
 * ArrayBuffer), or an already parsed value. Text is decoded strictly (no
 * repeated keys, integers written as integers, no lone surrogates); a parsed
 * value has lost the spelling of its JSON, so only its shape is checked.
 *
 * onProgress is called now and then with the work done and the work in all
 * (roughly SHA-256 blocks), and once at the end with done === total.
 */
export function verifyEvidence(doc: unknown, onProgress?: ProgressFn): VerifyReport {
  let ev: Evidence;
  try {
    ev = decodeEvidence(doc);
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, check: 'decode', reason: e.message };
    throw e;
  }
  return verifyDecoded(ev, onProgress);
}

/** Verifies a decoded document (see verifyEvidence). */
export function verifyDecoded(ev: Evidence, onProgress?: ProgressFn): VerifyReport {
  const progress = new Progress(onProgress);
  try {
    new Verifier(ev, progress).run();
  } catch (e) {
    if (e instanceof VerifyFailure) return { ok: false, check: e.check, reason: e.reason };
    throw e;
  }
  progress.finish();
  return { ok: true, selections: ev.selections.length, notChecked: notChecked(ev) };
}
