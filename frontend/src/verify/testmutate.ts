// Test tooling, not used by the app: single changes to an evidence document
// (as the Go verifier's mutation tests make them), and random draw inputs.

import { hex } from './sha256';
import { type DrawInput, prng } from './testdraw';
import { compareStrings } from './text';
import {
  type EvidenceDocument,
  type VerifyCheck,
  freezeDigest,
  inspectorKey,
  populationDigest,
  rulesDigest,
  sampleSize,
  seed,
  teamsDigest,
} from './verify';

export type Path = (string | number)[];
type Json = unknown;

export function get(v: Json, p: Path): Json {
  for (const step of p) v = (v as Record<string | number, Json>)[step];
  return v;
}

export function set(root: Json, p: Path, value: Json): void {
  (get(root, p.slice(0, -1)) as Record<string | number, Json>)[p[p.length - 1]] = value;
}

/** The path of every scalar of a JSON tree. */
export function leaves(v: Json, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) v.forEach((c, i) => leaves(c, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) leaves((v as Record<string, Json>)[k], [...at, k], out);
  else out.push(at);
  return out;
}

/** The path of every array with two or more elements. */
export function arrays(v: Json, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) {
    if (v.length >= 2) out.push(at);
    v.forEach((c, i) => arrays(c, [...at, i], out));
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) arrays((v as Record<string, Json>)[k], [...at, k], out);
  }
  return out;
}

/** Another value of the same kind for a leaf: a key stays a decimal string, a digest 64 hex digits, numbers move by one. */
export function mutateLeaf(p: Path, v: Json): Json {
  if (typeof v === 'number') return v + 1;
  if (v === null) return 1;
  if (typeof v === 'string') {
    if (p[p.length - 1] === 'key') {
      const k = BigInt(v);
      return (k === 0xffffffffffffffffn ? k - 1n : k + 1n).toString();
    }
    if (/^[0-9a-f]{64}$/.test(v)) return v.slice(0, 63) + (v[63] === '0' ? '1' : '0');
    return v + 'x';
  }
  throw new Error(`unexpected leaf ${typeof v}`);
}

/**
 * Whether a document form can say nothing about the leaf at p: without the
 * population, a selection's uid; without the departments, its team and the
 * cap (the Go test's `uncheckable`).
 */
export function uncheckable(doc: Record<string, Json>, p: Path): boolean {
  const hasPop = 'population' in doc;
  const hasDepts = 'departments' in doc;
  if (p.length === 1 && p[0] === 'cap') return !hasDepts;
  if (p.length < 3 || p[0] !== 'selections') return false;
  return (p[2] === 'team' && !hasDepts) || (p[2] === 'uid' && !hasPop);
}

export interface Mutation {
  what: string;
  doc: Json;
  /** Whether the verifier must reject it (false: the form cannot see the change). */
  detectable: boolean;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every single-leaf change and every swap of unequal neighbours in every array. */
export function mutations(doc: Json): Mutation[] {
  const root = doc as Record<string, Json>;
  const out: Mutation[] = [];
  for (const p of leaves(doc)) {
    const m = clone(doc);
    set(m, p, mutateLeaf(p, get(m, p)));
    out.push({ what: `change ${JSON.stringify(p)}`, doc: m, detectable: !uncheckable(root, p) });
  }
  for (const p of arrays(doc)) {
    const a = get(doc, p) as Json[];
    for (let i = 0; i + 1 < a.length; i++) {
      if (JSON.stringify(a[i]) === JSON.stringify(a[i + 1])) continue;
      const m = clone(doc);
      const b = get(m, p) as Json[];
      [b[i], b[i + 1]] = [b[i + 1], b[i]];
      const detectable = !uncheckable(root, [...p, 'x']) && !(p.length === 3 && uncheckable(root, p));
      out.push({ what: `swap ${JSON.stringify(p)}[${i}] and [${i + 1}]`, doc: m, detectable });
    }
  }
  return out;
}

const UID_CHARS = ['A', 'B', 'Z', 'a', '0', '9', '-', '甲', '乙', '（', '𠀀', '\uE000', '\uFFFD', 'é', '😀'];

/** A random input: a few strata, unicode uids chosen to make UTF-16 and UTF-8 orders differ, departments, conflicts, cap. */
export function randomInput(seedValue: number): DrawInput {
  const rnd = prng(seedValue);
  const int = (n: number) => Math.floor(rnd() * n);
  const word = (len: number) => Array.from({ length: len }, () => UID_CHARS[int(UID_CHARS.length)]).join('');
  const labels = ['A', 'B', 'C', 'D', 'é', '\uE000', '𠀀'].filter(() => rnd() < 0.6);
  if (labels.length === 0) labels.push('A');
  const strata = labels.map((label) =>
    rnd() < 0.5 ? { label, ratio_bp: [0, 1, 2500, 5000, 9999, 10000][int(6)] } : { label, count: int(8) },
  );
  const uids = new Set<string>();
  const n = int(40);
  while (uids.size < n) uids.add(word(1 + int(4)));
  const population = [...uids].map((uid) => ({ stratum: labels[int(labels.length)], uid }));
  const nd = 1 + int(3);
  const departments = Array.from({ length: nd }, (_, d) => {
    const code = ['SCJG', 'XF', 'WJ', 'é'][d];
    const pool = new Set<string>();
    const size = 2 + int(6);
    while (pool.size < size) pool.add(`${code}-${word(1 + int(3))}`);
    return rnd() < 0.5 ? { code, pool: [...pool] } : { code, per_team: 1 + int(2), pool: [...pool] };
  });
  const inspectors = departments.flatMap((d) => d.pool);
  const objects = [...uids];
  const conflicts: [string, string][] = [];
  for (let k = int(10); k > 0 && objects.length > 0; k--) {
    conflicts.push([inspectors[int(inspectors.length)], rnd() < 0.9 ? objects[int(objects.length)] : 'NOT-AN-OBJECT']);
  }
  const cap = rnd() < 0.5 ? null : 2 + int(10);
  const hexDigits = Array.from({ length: 64 }, () => '0123456789abcdef'[int(16)]).join('');
  return {
    plan_uid: `PLAN-${seedValue}`,
    reveal: hexDigits,
    entropy_source: '体彩排列五 第' + seedValue + '期',
    entropy: rnd() < 0.2 ? '' : word(6),
    strata,
    population,
    departments,
    conflicts,
    cap,
  };
}

/**
 * Recomputes the seed and the digests S, T, D and F of a document from its
 * other values (not C), so that a change gets past them and is caught, or
 * not, by the checks that recompute the selection and the teams.
 */
export function reseal(doc: EvidenceDocument): EvidenceDocument {
  const d = { ...doc };
  d.seed = hex(seed(d.plan_uid, d.reveal, d.entropy));
  d.rules_digest = rulesDigest(d.strata);
  if (d.departments) d.teams_digest = teamsDigest(d.departments, d.conflicts ?? [], d.cap);
  if (d.population) d.population_digest = populationDigest(d.population);
  d.freeze_digest = freezeDigest(d.plan_uid, d.entropy_source, d);
  return d;
}

export interface DeepChange {
  what: string;
  doc: EvidenceDocument;
  /** The check that must fail, or 'ok'. */
  check: VerifyCheck | 'ok';
}

/**
 * Changes aimed at single rules of spec §0 and §3 and at the checks that
 * recompute (with reseal): each with the check that must report it. doc is
 * a whole document.
 */
export function deepChanges(doc: EvidenceDocument): DeepChange[] {
  const out: DeepChange[] = [];
  const add = (what: string, check: DeepChange['check'], edit: (d: EvidenceDocument) => EvidenceDocument | void) => {
    const d = JSON.parse(JSON.stringify(doc)) as EvidenceDocument;
    out.push({ what, doc: edit(d) ?? d, check });
  };
  const sels = doc.selections.length > 0;
  add('entropy of 86 CJK characters (258 bytes)', 'format', (d) => void (d.entropy = '中'.repeat(86)));
  add('entropy of 85 CJK characters and a letter (256 bytes)', 'seed', (d) => void (d.entropy = '中'.repeat(85) + 'a'));
  add('entropy source of 257 bytes', 'format', (d) => void (d.entropy_source = 'a'.repeat(257)));
  add('entropy source of 256 bytes', 'freeze_digest', (d) => void (d.entropy_source = 'a'.repeat(256)));
  add('entropy source with U+0085', 'format', (d) => void (d.entropy_source += '\u0085'));
  add('entropy source with U+009F', 'format', (d) => void (d.entropy_source += '\u009f'));
  add('entropy with U+00A0 (allowed)', 'seed', (d) => void (d.entropy += '\u00a0'));
  add('entropy with a tab', 'format', (d) => void (d.entropy += '\t'));
  add('entropy with an astral character', 'seed', (d) => void (d.entropy += '𠀀'));
  add('plan uid with NUL', 'format', (d) => void (d.plan_uid += '\u0000'));
  add('plan uid with a newline', 'format', (d) => void (d.plan_uid += '\n'));
  add('plan uid with U+0085 (allowed in ids)', 'seed', (d) => void (d.plan_uid += '\u0085'));
  add('empty plan uid', 'format', (d) => void (d.plan_uid = ''));
  add('empty entropy source', 'format', (d) => void (d.entropy_source = ''));
  add('upper-case reveal', 'commitment', (d) => void (d.reveal = d.reveal.toUpperCase()));
  add('reveal of 63 digits', 'commitment', (d) => void (d.reveal = d.reveal.slice(1)));
  add('stratum size 2^53-1, sample size 0', 'sample_sizes', (d) => {
    d.strata[0].size = Number.MAX_SAFE_INTEGER;
    d.strata[0].sample_size = 0;
  });
  add('stratum size 2^53-1 with its sample size', 'sample_sizes', (d) => {
    const s = d.strata[0];
    s.size = Number.MAX_SAFE_INTEGER;
    s.sample_size = s.count !== undefined ? Math.min(s.size, s.count) : sampleSize(s, s.size);
  });
  add('population size 2^53-1', 'sample_sizes', (d) => void (d.population_size = Number.MAX_SAFE_INTEGER));
  add('ratio 10001', 'format', (d) => {
    d.strata[0] = { label: d.strata[0].label, ratio_bp: 10001, size: d.strata[0].size, sample_size: d.strata[0].sample_size };
  });
  add('negative count', 'format', (d) => {
    d.strata[0] = { label: d.strata[0].label, count: -1, size: d.strata[0].size, sample_size: d.strata[0].sample_size };
  });
  add('cap 0', 'format', (d) => void (d.cap = 0));
  add('no department', 'format', (d) => void (d.departments = []));
  add('without conflicts', 'format', (d) => void delete d.conflicts);
  add('resealed, another entropy', sels ? 'selection' : 'ok', (d) => {
    d.entropy += '1';
    return reseal(d);
  });
  add('resealed, another plan uid', sels ? 'selection' : 'ok', (d) => {
    d.plan_uid += '1';
    return reseal(d);
  });
  add('resealed, another reveal', 'commitment', (d) => {
    d.reveal = d.reveal.slice(0, 63) + (d.reveal[63] === '0' ? '1' : '0');
    return reseal(d);
  });
  // A cap of 1 changes a team exactly when the draw gave some inspector two objects.
  const members = doc.selections.flatMap((s) => s.team);
  const reused = new Set(members).size < members.length;
  add('cap 1, resealed when it matters', doc.selections.length > 1 ? (reused ? 'teams' : 'ok') : 'teams_digest', (d) => {
    d.cap = 1;
    // With one selection or none a cap of 1 changes nothing but T: keep the old T to see it caught.
    return doc.selections.length > 1 ? reseal(d) : d;
  });
  if (sels) {
    const first = doc.selections[0];
    add('resealed, a conflict between rank 1 and its first member', 'teams', (d) => {
      d.conflicts = [...(d.conflicts ?? []), [first.team[0], first.uid] as [string, string]].sort(
        (a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]),
      );
      return reseal(d);
    });
    const dept = doc.departments?.[0];
    if (dept) {
      add(
        'resealed, one more inspector per team',
        dept.pool.length > dept.per_team ? 'teams' : 'format',
        (d) => {
          d.departments![0].per_team += 1;
          return reseal(d);
        },
      );
      add('resealed, a new inspector in a pool who wins rank 1', 'teams', (d) => {
        // At rank 1 every load is 0: an inspector whose ikey beats the first member's is picked first.
        const s = seed(d.plan_uid, d.reveal, d.entropy);
        const beat = inspectorKey(s, first.uid, first.team[0]);
        let name = '';
        for (let k = 0; name === '' || inspectorKey(s, first.uid, name) >= beat; k++) name = `${dept.code}-new-${k}`;
        d.departments![0].pool = [...d.departments![0].pool, name].sort(compareStrings);
        return reseal(d);
      });
    }
  }
  if (doc.selections.length > 1) {
    add('two selections swapped, ranks kept', 'selection', (d) => {
      const [a, b] = [d.selections[0], d.selections[1]];
      d.selections[0] = { ...b, rank: 1 };
      d.selections[1] = { ...a, rank: 2 };
    });
    add('two selections swapped', 'format', (d) => {
      [d.selections[0], d.selections[1]] = [d.selections[1], d.selections[0]];
    });
    add('a team member replaced by another of its pool', 'teams', (d) => {
      const m = d.selections[0].team[0];
      const pool = d.departments!.find((x) => x.pool.includes(m))!.pool;
      d.selections[0].team[0] = pool.find((x) => x !== m && !d.selections[0].team.includes(x)) ?? m + 'x';
    });
  }
  if (doc.population && doc.population.length > 1) {
    add('two population entries swapped', 'population', (d) => {
      const p = d.population!;
      [p[0], p[1]] = [p[1], p[0]];
    });
    add('a population entry repeated', 'population', (d) => void d.population!.splice(1, 0, d.population![0]));
    const s0 = doc.strata.find((s) => s.label === doc.population![0].stratum)!;
    const sameSample = sampleSize(s0, s0.size + 1) === s0.sample_size;
    add('a population entry repeated, sizes adjusted', sameSample ? 'population' : 'sample_sizes', (d) => {
      d.population!.splice(1, 0, d.population![0]);
      d.population_size += 1;
      d.strata.find((s) => s.label === d.population![0].stratum)!.size += 1;
    });
  }
  return out;
}
