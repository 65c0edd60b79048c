// Test tooling, not used by the app: the draw of spec suiji/draw/v1 built
// from the verifier's building blocks, to make evidence documents for tests
// and benchmarks (the 1,000,000-object document of verify.bench.test.ts).
// It validates nothing (spec §8 is the Go freeze's job), so a refused input
// yields a document that the verifier must reject.

import { hex } from './sha256';
import { compareStrings } from './text';
import {
  type Department,
  type EvidenceDocument,
  type Population,
  type Span,
  type Stratum,
  ALGORITHM,
  Matcher,
  commitment,
  freezeDigest,
  populationDigest,
  resolvePerTeam,
  rulesDigest,
  sampleSize,
  seed,
  selectAll,
  teamsDigest,
} from './verify';

/** A draw's input in the JSON form of the test vectors. */
export interface DrawInput {
  plan_uid: string;
  reveal: string;
  entropy_source: string;
  entropy: string;
  strata: { label: string; ratio_bp?: number; count?: number }[];
  population: { stratum: string; uid: string }[];
  departments: { code: string; per_team?: number; pool: string[] }[];
  conflicts: [string, string][];
  cap: number | null;
}

export interface DrawFailure {
  rank: number;
  uid: string;
  department: string;
}

export type DrawResult = { doc: EvidenceDocument; failure?: undefined } | { doc?: undefined; failure: DrawFailure };

/** Runs the draw on an input (sorted = the population is already ascending by (stratum, uid)). */
export function drawEvidence(input: DrawInput, sorted = false): DrawResult {
  const entries = sorted ? input.population : [...input.population].sort(
    (a, b) => compareStrings(a.stratum, b.stratum) || compareStrings(a.uid, b.uid),
  );
  const pop: Population = { stratum: entries.map((e) => e.stratum), uid: entries.map((e) => e.uid) };
  const rules = [...input.strata].sort((a, b) => compareStrings(a.label, b.label));
  const spans: Span[] = rules.map(() => ({ lo: 0, hi: 0 }));
  for (let i = 0, r = -1; i < pop.uid.length; i++) {
    if (i === 0 || pop.stratum[i] !== pop.stratum[i - 1]) {
      r = rules.findIndex((x) => x.label === pop.stratum[i]);
      if (r >= 0) spans[r] = { lo: i, hi: i };
    }
    if (r >= 0) spans[r].hi = i + 1;
  }
  const strata: Stratum[] = rules.map((r, i) => {
    const size = spans[i].hi - spans[i].lo;
    const rule = { label: r.label, ratioBp: r.ratio_bp ?? null, count: r.count ?? null };
    return { ...rule, size, sampleSize: sampleSize(rule, size) };
  });
  const seedBytes = seed(input.plan_uid, input.reveal, input.entropy);
  const picks = selectAll(pop, strata, spans, seedBytes);

  const departments: Department[] = [...input.departments]
    .sort((a, b) => compareStrings(a.code, b.code))
    .map((d) => ({
      code: d.code,
      perTeam: resolvePerTeam(d.per_team, input.departments.length),
      pool: [...d.pool].sort(compareStrings),
    }));
  const conflicts = [...input.conflicts]
    .sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]))
    .filter((c, i, all) => i === 0 || c[0] !== all[i - 1][0] || c[1] !== all[i - 1][1]);
  const matcher = new Matcher(
    departments,
    conflicts.map(([inspector, object]) => ({ inspector, object })),
    input.cap,
    seedBytes,
  );
  const selections: EvidenceDocument['selections'] = [];
  for (let k = 0; k < picks.idx.length; k++) {
    const i = picks.idx[k];
    const team: string[] = [];
    const dept = matcher.assign(k + 1, pop.uid[i], team);
    if (dept !== null) return { failure: { rank: k + 1, uid: pop.uid[i], department: dept } };
    const key = (BigInt(picks.hi[k]) << 32n) | BigInt(picks.lo[k]);
    selections.push({ rank: k + 1, stratum: pop.stratum[i], uid: pop.uid[i], key: key.toString(), team });
  }

  const c = commitment(input.reveal);
  const d = populationDigest(pop);
  const s = rulesDigest(rules);
  const t = teamsDigest(departments, conflicts, input.cap);
  const doc: EvidenceDocument = {
    algorithm: ALGORITHM,
    plan_uid: input.plan_uid,
    commitment: c,
    entropy_source: input.entropy_source,
    freeze_digest: freezeDigest(input.plan_uid, input.entropy_source, {
      commitment: c,
      population_digest: d,
      population_size: pop.uid.length,
      rules_digest: s,
      teams_digest: t,
    }),
    rules_digest: s,
    teams_digest: t,
    population_digest: d,
    population_size: pop.uid.length,
    reveal: input.reveal,
    entropy: input.entropy,
    seed: hex(seedBytes),
    strata: strata.map((x) => ({
      label: x.label,
      ...(x.ratioBp !== null ? { ratio_bp: x.ratioBp } : {}),
      ...(x.count !== null ? { count: x.count } : {}),
      size: x.size,
      sample_size: x.sampleSize,
    })),
    population: entries,
    selections,
    departments: departments.map((x) => ({ code: x.code, per_team: x.perTeam, pool: x.pool })),
    conflicts,
    cap: input.cap,
  };
  return { doc };
}

/** The public forms of spec §7: without departments and conflicts; and, unless the population is public, without it and each selection's stratum and key. */
export function publicForm(doc: EvidenceDocument, populationPublic: boolean): EvidenceDocument {
  const out: EvidenceDocument = { ...doc };
  delete out.departments;
  delete out.conflicts;
  if (!populationPublic) {
    delete out.population;
    out.selections = doc.selections.map((s) => ({ rank: s.rank, uid: s.uid, team: s.team }));
  }
  return out;
}

/** A small deterministic PRNG (mulberry32) for reproducible test data. */
export function prng(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
