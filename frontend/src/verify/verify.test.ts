import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hex } from './sha256';
import { type DrawInput, type DrawResult, drawEvidence, publicForm } from './testdraw';
import { deepChanges, get, mutateLeaf, mutations, randomInput, set } from './testmutate';
import {
  type EvidenceDocument,
  type VerifyCheck,
  CHECKS,
  commitment,
  freezeDigest,
  inspectorKey,
  objectKey,
  populationDigest,
  rulesDigest,
  sampleSize,
  seed,
  teamsDigest,
  verifyEvidence,
} from './verify';

// A copy of shared/design/draw-vectors.json, as the Go side keeps one in draw/testdata.
const vectorsPath = path.join(__dirname, 'testdata/draw-vectors.json');
const goVectorsPath = path.resolve(__dirname, '../../../draw/testdata/draw-vectors.json');

interface VectorCase {
  name: string;
  input?: DrawInput;
  expected?: EvidenceDocument;
  expected_failure?: { rank: number; uid: string; department: string };
  expected_refusal?: boolean;
  document?: EvidenceDocument;
  valid?: boolean;
  not_checked?: string[];
}
const vectors = JSON.parse(fs.readFileSync(vectorsPath, 'utf8')) as { algorithm: string; cases: VectorCase[] };
const expectedCases = vectors.cases.filter((c) => c.expected) as (VectorCase & { expected: EvidenceDocument; input: DrawInput })[];

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const failsWith = (check: VerifyCheck) => ({ ok: false, check });

// ---------------------------------------------------------------------------
// A naive draw, straight from the words of the spec, sharing no code with the
// verifier: Node's SHA-256, Buffer byte order, every ikey computed.

const H = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
  return h.digest();
};
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function naiveDraw(input: DrawInput): DrawResult {
  const pop = [...input.population].sort((a, b) => byBytes(a.stratum, b.stratum) || byBytes(a.uid, b.uid));
  const rules = [...input.strata].sort((a, b) => byBytes(a.label, b.label));
  const seedBytes = H('suiji/draw/v1\0', input.plan_uid, '\0', input.reveal, '\0', input.entropy);
  const key = (stratum: string, uid: string) => H(seedBytes, 'object\0', stratum, '\0', uid).readBigUInt64BE(0);
  const strata = rules.map((r) => {
    const size = pop.filter((e) => e.stratum === r.label).length;
    const n =
      r.count !== undefined
        ? Math.min(size, r.count)
        : Math.min(size, Number((BigInt(size) * BigInt(r.ratio_bp!) + 9999n) / 10000n));
    return { ...r, size, sample_size: n };
  });
  type Pick = { stratum: string; uid: string; key: bigint };
  const cmpPick = (a: Pick, b: Pick) => (a.key < b.key ? -1 : a.key > b.key ? 1 : byBytes(a.uid, b.uid));
  const picks: Pick[] = strata
    .flatMap((s) =>
      pop
        .filter((e) => e.stratum === s.label)
        .map((e) => ({ stratum: e.stratum, uid: e.uid, key: key(e.stratum, e.uid) }))
        .sort(cmpPick)
        .slice(0, s.sample_size),
    )
    .sort(cmpPick);
  const depts = [...input.departments]
    .sort((a, b) => byBytes(a.code, b.code))
    .map((d) => ({
      code: d.code,
      per_team: d.per_team ?? (input.departments.length === 1 ? 2 : 1),
      pool: [...d.pool].sort(byBytes),
    }));
  const conflicts = [...new Set(input.conflicts.map((c) => JSON.stringify(c)))]
    .map((c) => JSON.parse(c) as [string, string])
    .sort((a, b) => byBytes(a[0], b[0]) || byBytes(a[1], b[1]));
  const load = new Map<string, number>();
  const selections: EvidenceDocument['selections'] = [];
  for (const [k, p] of picks.entries()) {
    const team: string[] = [];
    for (const d of depts) {
      for (let t = 0; t < d.per_team; t++) {
        const eligible = d.pool.filter(
          (i) =>
            !team.includes(i) &&
            !conflicts.some((c) => c[0] === i && c[1] === p.uid) &&
            (input.cap === null || (load.get(i) ?? 0) < input.cap),
        );
        if (eligible.length === 0) return { failure: { rank: k + 1, uid: p.uid, department: d.code } };
        const ikey = (i: string) => H(seedBytes, 'inspector\0', p.uid, '\0', i).readBigUInt64BE(0);
        const best = eligible
          .map((i) => ({ i, load: load.get(i) ?? 0, ikey: ikey(i) }))
          .sort((a, b) => a.load - b.load || (a.ikey < b.ikey ? -1 : a.ikey > b.ikey ? 1 : byBytes(a.i, b.i)))[0];
        team.push(best.i);
        load.set(best.i, best.load + 1);
      }
    }
    selections.push({ rank: k + 1, stratum: p.stratum, uid: p.uid, key: p.key.toString(), team });
  }
  const lines = (ls: string[][]) => H(ls.map((l) => l.join('\t') + '\n').join('')).toString('hex');
  const C = H(Buffer.from(input.reveal, 'hex')).toString('hex');
  const D = lines(pop.map((e) => [e.stratum, e.uid]));
  const S = lines(rules.map((r) => [r.label, r.count !== undefined ? 'count' : 'ratio_bp', String(r.count ?? r.ratio_bp)]));
  const T = lines([
    ...depts.flatMap((d) => [['department', d.code, String(d.per_team)], ...d.pool.map((i) => ['pool', d.code, i])]),
    ...conflicts.map((c) => ['conflict', ...c]),
    ['cap', input.cap === null ? 'none' : String(input.cap)],
  ]);
  const N = String(pop.length);
  const F = H(['suiji/freeze/v1', input.plan_uid, C, D, N, S, T, input.entropy_source].join('\0')).toString('hex');
  return {
    doc: {
      algorithm: 'suiji/draw/v1',
      plan_uid: input.plan_uid,
      commitment: C,
      entropy_source: input.entropy_source,
      freeze_digest: F,
      rules_digest: S,
      teams_digest: T,
      population_digest: D,
      population_size: pop.length,
      reveal: input.reveal,
      entropy: input.entropy,
      seed: seedBytes.toString('hex'),
      strata,
      population: pop,
      selections,
      departments: depts,
      conflicts,
      cap: input.cap,
    },
  };
}

// ---------------------------------------------------------------------------

describe('the vectors', () => {
  it('are the same file as the Go copy in draw/testdata', () => {
    expect(fs.readFileSync(vectorsPath).equals(fs.readFileSync(goVectorsPath))).toBe(true);
    expect(vectors.algorithm).toBe('suiji/draw/v1');
  });

  it('hold every kind of case', () => {
    const kinds = new Set(
      vectors.cases.map((c) =>
        c.expected ? 'expected' : c.expected_failure ? 'failure' : c.expected_refusal ? 'refusal' : c.document ? 'document' : '?',
      ),
    );
    expect([...kinds].sort()).toEqual(['document', 'expected', 'failure', 'refusal']);
  });

  for (const c of vectors.cases) {
    describe(c.name, () => {
      if (c.expected) {
        const doc = c.expected;
        const input = c.input!;
        const n = doc.selections.length;
        const teamsLeftOut = publicForm(doc, true);
        const allLeftOut = publicForm(doc, false);

        it('verifies whole, as a value, as text and as bytes', () => {
          const ok = { ok: true, selections: n, notChecked: [] };
          expect(verifyEvidence(doc)).toEqual(ok);
          expect(verifyEvidence(JSON.stringify(doc, null, 2))).toEqual(ok);
          expect(verifyEvidence(new TextEncoder().encode(JSON.stringify(doc)))).toEqual(ok);
        });

        it('verifies without departments and conflicts: teams not checked', () => {
          expect(Object.keys(teamsLeftOut)).not.toContain('departments');
          expect(verifyEvidence(teamsLeftOut)).toEqual({ ok: true, selections: n, notChecked: ['teams'] });
          expect(verifyEvidence(JSON.stringify(teamsLeftOut))).toEqual({ ok: true, selections: n, notChecked: ['teams'] });
        });

        it('verifies without population, strata and keys of selections too: population, selection, teams not checked', () => {
          expect(allLeftOut.selections.every((s) => s.key === undefined && s.stratum === undefined)).toBe(true);
          const want = { ok: true, selections: n, notChecked: ['population', 'selection', 'teams'] };
          expect(verifyEvidence(allLeftOut)).toEqual(want);
          expect(verifyEvidence(JSON.stringify(allLeftOut))).toEqual(want);
        });

        it('gives the building blocks the values of the vector', () => {
          expect(commitment(input.reveal)).toBe(doc.commitment);
          const s = seed(doc.plan_uid, doc.reveal, doc.entropy);
          expect(hex(s)).toBe(doc.seed);
          expect(populationDigest(doc.population!)).toBe(doc.population_digest);
          expect(rulesDigest(doc.strata)).toBe(doc.rules_digest);
          expect(teamsDigest(doc.departments!, doc.conflicts!, doc.cap)).toBe(doc.teams_digest);
          expect(freezeDigest(doc.plan_uid, doc.entropy_source, doc)).toBe(doc.freeze_digest);
          for (const st of doc.strata) expect(sampleSize(st, st.size)).toBe(st.sample_size);
          for (const sel of doc.selections) expect(objectKey(s, sel.stratum!, sel.uid)).toBe(BigInt(sel.key!));
          // Rank 1: every inspector is at load 0, so each department's member is its smallest (ikey, uid)
          // among those not in conflict with the object.
          if (n > 0) {
            const first = doc.selections[0];
            let at = 0;
            for (const d of doc.departments!) {
              const eligible = d.pool.filter((i) => !doc.conflicts!.some(([ci, co]) => ci === i && co === first.uid));
              const byKey = eligible
                .map((i) => ({ i, k: inspectorKey(s, first.uid, i) }))
                .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
                .map((x) => x.i);
              expect(first.team.slice(at, at + d.per_team)).toEqual(byKey.slice(0, d.per_team));
              at += d.per_team;
            }
          }
        });

        it('is what a naive draw from the input gives, and what the test draw gives', () => {
          expect(naiveDraw(input)).toEqual({ doc });
          expect(clone(drawEvidence(input))).toEqual({ doc });
        });

        it('is rejected after each tampering, by the right check', () => {
          const tamper = (form: EvidenceDocument, edit: (d: EvidenceDocument) => void) => {
            const d = clone(form);
            edit(d);
            return verifyEvidence(d);
          };
          const lastHex = (v: string) => v.slice(0, 63) + (v[63] === '0' ? '1' : '0');
          for (const form of [doc, teamsLeftOut, allLeftOut]) {
            expect(tamper(form, (d) => (d.seed = lastHex(d.seed)))).toMatchObject(failsWith('seed'));
            expect(tamper(form, (d) => (d.reveal = lastHex(d.reveal)))).toMatchObject(failsWith('commitment'));
            expect(tamper(form, (d) => (d.commitment = lastHex(d.commitment)))).toMatchObject(failsWith('commitment'));
            expect(tamper(form, (d) => (d.algorithm = 'suiji/draw/v2'))).toMatchObject(failsWith('algorithm'));
            expect(tamper(form, (d) => (d.entropy += '1'))).toMatchObject(failsWith('seed'));
            expect(tamper(form, (d) => (d.rules_digest = lastHex(d.rules_digest)))).toMatchObject(failsWith('rules_digest'));
            expect(tamper(form, (d) => (d.freeze_digest = lastHex(d.freeze_digest)))).toMatchObject(failsWith('freeze_digest'));
            expect(tamper(form, (d) => (d.teams_digest = lastHex(d.teams_digest)))).toMatchObject(failsWith('freeze_digest'));
            expect(tamper(form, (d) => (d.entropy_source += '1'))).toMatchObject(failsWith('freeze_digest'));
            expect(tamper(form, (d) => (d.population_digest = lastHex(d.population_digest)))).toMatchObject(
              failsWith(form.population ? 'population' : 'freeze_digest'),
            );
            expect(tamper(form, (d) => (d.strata[0].size += 1))).toMatchObject(failsWith('sample_sizes'));
            expect(tamper(form, (d) => (d.population_size += 1))).toMatchObject(failsWith('sample_sizes'));
            if (n > 0) {
              expect(tamper(form, (d) => d.selections.pop())).toMatchObject(failsWith('sample_sizes'));
              expect(tamper(form, (d) => (d.selections[0].rank = 0))).toMatchObject(failsWith('sample_sizes'));
            }
            if (n > 1) {
              expect(tamper(form, (d) => d.selections.reverse())).toMatchObject(failsWith('format'));
              expect(
                tamper(form, (d) => {
                  const [a, b] = d.selections;
                  [d.selections[0], d.selections[1]] = [{ ...b, rank: 1 }, { ...a, rank: 2 }];
                }),
              ).toMatchObject(form.population ? failsWith('selection') : { ok: true });
            }
            if (form.population && n > 0) {
              expect(
                tamper(form, (d) => (d.selections[n - 1].key = (BigInt(d.selections[n - 1].key!) + 1n).toString())),
              ).toMatchObject(failsWith('selection'));
              expect(tamper(form, (d) => (d.selections[0].key = '18446744073709551615'))).toMatchObject(failsWith('selection'));
            }
            if (form.population && form.population.length > 1) {
              expect(
                tamper(form, (d) => ([d.population![0], d.population![1]] = [d.population![1], d.population![0]])),
              ).toMatchObject(failsWith('population'));
              expect(tamper(form, (d) => (d.population![1].uid = d.population![0].uid))).toMatchObject(failsWith('population'));
            }
            if (form.departments) {
              const last = form.departments[0].pool.length - 1;
              // Still strictly ascending: only T can tell.
              expect(tamper(form, (d) => (d.departments![0].pool[last] += 'x'))).toMatchObject(failsWith('teams_digest'));
              expect(tamper(form, (d) => d.departments![0].pool.reverse())).toMatchObject(failsWith('format'));
              expect(tamper(form, (d) => (d.cap = (d.cap ?? 0) + 1))).toMatchObject(failsWith('teams_digest'));
              expect(tamper(form, (d) => (d.departments![0].per_team += 1))).toMatchObject(
                failsWith(form.departments[0].pool.length > form.departments[0].per_team ? 'teams_digest' : 'format'),
              );
              if (n > 0) {
                expect(
                  tamper(form, (d) => {
                    const team = d.selections[0].team;
                    const pool = d.departments!.find((x) => x.pool.includes(team[0]))!.pool;
                    team[0] = pool.find((i) => !team.includes(i)) ?? team[0] + 'x';
                  }),
                ).toMatchObject(failsWith('teams'));
                if (form.selections[0].team.length > 1) {
                  expect(tamper(form, (d) => d.selections[0].team.reverse())).toMatchObject(failsWith('teams'));
                }
              }
            } else if (n > 0) {
              // Without the pools nothing can tell a team member from another.
              expect(tamper(form, (d) => (d.selections[0].team[0] += 'x'))).toEqual({ ok: true, selections: n, notChecked: expect.any(Array) });
            }
          }
        });

        it('is rejected after every single change to a leaf and every swap of neighbours, in every form', () => {
          let caught = 0;
          for (const form of [doc, teamsLeftOut, allLeftOut]) {
            for (const m of mutations(form)) {
              const r = verifyEvidence(m.doc);
              if (m.detectable) {
                expect(r.ok, m.what).toBe(false);
                caught++;
              } else {
                // What a form leaves out cannot be checked: such a change goes through.
                expect(r.ok, m.what).toBe(true);
              }
              // Text and value agree.
              expect(verifyEvidence(JSON.stringify(m.doc)), m.what).toEqual(r);
            }
          }
          expect(caught).toBeGreaterThan(40);
        });

        it('is rejected by the right check after changes aimed at single rules', () => {
          for (const m of deepChanges(doc)) {
            const r = verifyEvidence(m.doc);
            if (m.check === 'ok') expect(r, m.what).toMatchObject({ ok: true });
            else expect(r, m.what).toMatchObject(failsWith(m.check));
          }
        });
      }

      if (c.expected_failure) {
        it('fails at the same pick in the naive and in the test draw', () => {
          expect(naiveDraw(c.input!)).toEqual({ failure: c.expected_failure });
          expect(drawEvidence(c.input!)).toEqual({ failure: c.expected_failure });
        });
      }

      if (c.expected_refusal) {
        // The verifier never sees inputs; a document drawn from a refused input, without the freeze's
        // checks, must not verify.
        const want: Record<string, VerifyCheck> = {
          'refused-duplicate-uid': 'format', // drawn twice: "object … selected twice"
          'refused-stratum-without-rule': 'sample_sizes',
          'refused-inspector-in-two-pools': 'format',
          'refused-empty-entropy-source': 'format',
          'refused-tab-in-uid': 'format',
          'refused-ratio-over-10000': 'format',
        };
        it('cannot give a document that verifies', () => {
          const r = drawEvidence(c.input!);
          if (r.failure) {
            // refused-pool-smaller-than-team: no team can be drawn at all.
            expect(c.name).toBe('refused-pool-smaller-than-team');
            return;
          }
          const report = verifyEvidence(r.doc);
          expect(report.ok).toBe(false);
          if (want[c.name]) expect(report).toMatchObject(failsWith(want[c.name]));
        });
      }

      if (c.document) {
        const want: Record<string, VerifyCheck> = {
          'full-document-pool-not-ascending': 'format',
          'full-document-stratum-sizes-shifted': 'population',
          'public-document-altered-entropy': 'seed',
          'full-document-altered-team': 'teams',
        };
        it(c.valid ? 'verifies' : 'is rejected', () => {
          const r = verifyEvidence(c.document);
          expect(verifyEvidence(JSON.stringify(c.document))).toEqual(r);
          if (c.valid) {
            expect(r).toMatchObject({ ok: true, selections: c.document!.selections.length });
            if (c.not_checked) expect(r.ok && r.notChecked).toEqual(c.not_checked);
          } else {
            expect(r.ok).toBe(false);
            if (want[c.name]) expect(r).toMatchObject(failsWith(want[c.name]));
          }
        });
      }
    });
  }
});

describe('the public document of the vectors', () => {
  it('is the public form of the whole document', () => {
    const whole = vectors.cases.find((c) => c.name === 'joint-two-departments')!.expected!;
    const pub = vectors.cases.find((c) => c.name === 'public-document-of-joint-two-departments')!.document;
    expect(publicForm(whole, false)).toEqual(pub);
  });
});

describe('random draws', () => {
  it('agree with the naive draw, verify in every form, and fail when sealed with another entropy', () => {
    let drawn = 0;
    for (let n = 1; n <= 60; n++) {
      const input = randomInput(n);
      const r = drawEvidence(input);
      expect(clone(r), `input ${n}`).toEqual(naiveDraw(input));
      if (!r.doc) continue;
      drawn++;
      const k = r.doc.selections.length;
      expect(verifyEvidence(r.doc)).toEqual({ ok: true, selections: k, notChecked: [] });
      expect(verifyEvidence(JSON.stringify(publicForm(r.doc, true)))).toEqual({ ok: true, selections: k, notChecked: ['teams'] });
      expect(verifyEvidence(publicForm(r.doc, false))).toEqual({
        ok: true,
        selections: k,
        notChecked: ['population', 'selection', 'teams'],
      });
      for (const m of deepChanges(r.doc)) {
        const v = verifyEvidence(m.doc);
        if (m.check === 'ok') expect(v, `input ${n}: ${m.what}`).toMatchObject({ ok: true });
        else expect(v, `input ${n}: ${m.what}`).toMatchObject(failsWith(m.check));
      }
    }
    expect(drawn).toBeGreaterThan(30);
  });
});

describe('strict decoding', () => {
  const doc = JSON.stringify(expectedCases[0].expected, null, 1);
  const key = '"key": "177377054609984595"';

  it('refuses, as text, what JSON.parse would let through or repair', () => {
    const cases: [string, string, string][] = [
      ['key as a number', key, '"key": 177377054609984595'],
      ['key with a leading zero', key, '"key": "0177377054609984595"'],
      ['key with a sign', key, '"key": "+177377054609984595"'],
      ['key above 2^64-1', key, '"key": "18446744073709551616"'],
      ['unknown key', '"cap": null', '"cap": null, "extra": 1'],
      ['repeated key', '"cap": null', '"cap": null, "cap": 2'],
      ['null population', '"population": [', '"population": null, "x": ['],
      ['fraction', '"population_size": 40', '"population_size": 40.0'],
      ['exponent', '"population_size": 40', '"population_size": 4e1'],
      ['number above 2^53-1', '"population_size": 40', '"population_size": 9007199254740992'],
      ['string for a number', '"population_size": 40', '"population_size": "40"'],
      ['lone surrogate', '"plan_uid": "PLAN-2026-0001"', '"plan_uid": "PLAN-\\ud800"'],
      ['trailing data', '"cap": null\n}', '"cap": null\n} {'],
      ['trailing comma', '"cap": null', '"cap": null,'],
      ['stratum without key', key, '"kee": "1"'],
      ['empty stratum of a selection', '"rank": 1,\n   "stratum": "B"', '"rank": 1,\n   "stratum": ""'],
      ['departments without conflicts', '"conflicts": [', '"x": ['],
    ];
    for (const [what, from, to] of cases) {
      const bad = doc.replace(from, to);
      expect(bad, what).not.toBe(doc);
      expect(verifyEvidence(bad), what).toMatchObject(failsWith('decode'));
    }
    expect(verifyEvidence(doc.replace('"cap": null', '"cap": null, "cap": 2'))).toEqual({
      ok: false,
      check: 'decode',
      reason: expect.stringMatching(/^draw: evidence document: at byte \d+: key "cap" appears twice$/),
    });
    expect(verifyEvidence(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject(failsWith('decode'));
    expect(verifyEvidence('\uFEFF' + doc)).toMatchObject(failsWith('decode'));
  });

  it('reads escapes as the characters they stand for', () => {
    const escaped = doc
      .replace('"entropy": "体彩排列五 第2026318期 8 3 0 2 1"', '"entropy": "\\u4f53\\u5f69\\u6392\\u5217\\u4e94 \\u7b2c2026318\\u671f 8 3 0 2 \\u0031"')
      .replaceAll('"SCJG-001"', '"SCJG\\u002d001"');
    expect(escaped).not.toBe(doc);
    expect(verifyEvidence(escaped)).toMatchObject({ ok: true });
  });

  it('checks the shape of a parsed value', () => {
    const base = expectedCases[0].expected;
    const bad = (edit: (d: Record<string, unknown>) => void) => {
      const d = clone(base) as unknown as Record<string, unknown>;
      edit(d);
      return verifyEvidence(d);
    };
    expect(verifyEvidence(null)).toMatchObject(failsWith('decode'));
    expect(verifyEvidence([])).toMatchObject(failsWith('decode'));
    expect(bad((d) => (d.population_size = 40.5))).toMatchObject(failsWith('decode'));
    expect(bad((d) => (d.population_size = 2 ** 53))).toMatchObject(failsWith('decode'));
    expect(bad((d) => (d.population_size = '40'))).toMatchObject(failsWith('decode'));
    expect(bad((d) => (d.plan_uid = 'PLAN-\ud800'))).toMatchObject(failsWith('decode'));
    expect(bad((d) => (d.population = null))).toMatchObject(failsWith('decode'));
    expect(bad((d) => (d.extra = 1))).toMatchObject(failsWith('decode'));
    expect(bad((d) => delete d.seed)).toMatchObject(failsWith('decode'));
    expect(bad((d) => set(d, ['selections', 0, 'key'], 177377054609984595))).toMatchObject(failsWith('decode'));
    expect(bad((d) => set(d, ['selections', 0, 'stratum'], ''))).toMatchObject(failsWith('decode'));
    expect(bad((d) => set(d, ['conflicts', 0], ['a']))).toMatchObject(failsWith('decode'));
    // undefined is not JSON: a key holding it is absent.
    expect(bad((d) => (d.departments = undefined))).toMatchObject(failsWith('format')); // conflicts without departments
    expect(
      bad((d) => {
        d.departments = undefined;
        d.conflicts = undefined;
      }),
    ).toMatchObject({ ok: true, notChecked: ['teams'] });
  });
});

describe('the report', () => {
  it('names the checks of the Go verifier, in its order', () => {
    expect(CHECKS).toEqual([
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
    ]);
  });

  it('reports the first failure when several checks would fail', () => {
    const d = clone(expectedCases[0].expected);
    d.seed = d.seed.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    d.freeze_digest = d.freeze_digest.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    d.plan_uid = 'PLAN\t1';
    expect(verifyEvidence(d)).toEqual({ ok: false, check: 'format', reason: 'plan_uid: contains a NUL, tab or newline byte' });
    d.plan_uid = expectedCases[0].expected.plan_uid;
    expect(verifyEvidence(d)).toMatchObject(failsWith('seed'));
  });

  it('tells of progress up to done === total', () => {
    for (const c of expectedCases) {
      const calls: [number, number][] = [];
      expect(verifyEvidence(c.expected, (done, total) => calls.push([done, total]))).toMatchObject({ ok: true });
      expect(calls.length).toBeGreaterThan(0);
      const [done, total] = calls[calls.length - 1];
      expect(done).toBe(total);
      expect(total).toBeGreaterThan(0);
      for (let k = 1; k < calls.length; k++) expect(calls[k][0]).toBeGreaterThanOrEqual(calls[k - 1][0]);
    }
  });

  it('keeps keys exact above 2^53', () => {
    const d = expectedCases[0].expected;
    const big = d.selections.reduce((a, b) => (BigInt(a.key!) > BigInt(b.key!) ? a : b));
    expect(BigInt(big.key!)).toBeGreaterThan(2n ** 63n);
    const s = seed(d.plan_uid, d.reveal, d.entropy);
    expect(objectKey(s, big.stratum!, big.uid).toString()).toBe(big.key);
    const off = clone(d);
    const at = off.selections.findIndex((x) => x.uid === big.uid);
    // A change below the precision of a double must still be caught.
    set(off, ['selections', at, 'key'], mutateLeaf(['key'], get(off, ['selections', at, 'key'])));
    expect(Number(off.selections[at].key)).toBe(Number(big.key));
    expect(verifyEvidence(off)).toMatchObject(failsWith('selection'));
  });
});
