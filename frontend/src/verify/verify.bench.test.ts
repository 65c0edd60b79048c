// Benchmark: verifying the evidence document of a 1,000,000-object draw
// (4 strata, 10,000 selected, 3 departments × 300 inspectors), in Node as a
// stand-in for the browser's worker. Skipped unless SUIJI_VERIFY_BENCH=1:
//
//	SUIJI_VERIFY_BENCH=1 npx vitest run frontend/src/verify/verify.bench.test.ts
//
// Run node with --expose-gc (NODE_OPTIONS=--expose-gc) for memory figures
// without the garbage of the document's generation. SUIJI_VERIFY_BENCH_OUT=
// <file> also writes the document there (for the Go verifier or a browser).

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PrefixHasher, sha256 } from './sha256';
import { type DrawInput, drawEvidence, prng } from './testdraw';
import { type EvidenceDocument, Matcher, decodeEvidence, seed, verifyDecoded, verifyEvidence } from './verify';

const OBJECTS = 1_000_000;
const STRATA: [label: string, share: number, rule: { ratio_bp?: number; count?: number }][] = [
  ['A', 0.4, { ratio_bp: 50 }], // 400,000 → 2,000
  ['B', 0.3, { ratio_bp: 100 }], // 300,000 → 3,000
  ['C', 0.2, { count: 3000 }], // 200,000 → 3,000
  ['D', 0.1, { ratio_bp: 200 }], // 100,000 → 2,000
];
const DEPARTMENTS = ['SCJG', 'WJ', 'XF'];
const POOL = 300;

function makeInput(): DrawInput {
  const rnd = prng(20261125);
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // the characters of a unified social credit code
  const uids = new Set<string>();
  while (uids.size < OBJECTS) {
    let s = rnd() < 0.5 ? '91410100' : '92410100';
    for (let k = 0; k < 10; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    uids.add(s);
  }
  const all = [...uids];
  const population: DrawInput['population'] = [];
  let at = 0;
  for (const [label, share] of STRATA) {
    const part = all.slice(at, at + Math.round(OBJECTS * share)).sort(); // ASCII: UTF-16 order is byte order
    at += part.length;
    for (const uid of part) population.push({ stratum: label, uid });
  }
  const departments = DEPARTMENTS.map((code) => ({
    code,
    pool: Array.from({ length: POOL }, (_, i) => `${code}-${String(i + 1).padStart(4, '0')}`),
  }));
  const conflicts: [string, string][] = [];
  for (let k = 0; k < 2000; k++) {
    const d = departments[Math.floor(rnd() * departments.length)];
    conflicts.push([d.pool[Math.floor(rnd() * POOL)], all[Math.floor(rnd() * OBJECTS)]]);
  }
  return {
    plan_uid: 'PLAN-BENCH-1M',
    reveal: '9f'.repeat(32),
    entropy_source: '体彩排列五 第2026330期 开奖号码',
    entropy: '7 1 4 0 9',
    strata: STRATA.map(([label, , rule]) => ({ label, ...rule })),
    population,
    departments,
    conflicts,
    cap: 40,
  };
}

const MB = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs f, sampling heapUsed at every progress call; returns the wall time,
 * the CPU time of the process (less disturbed when the machine is shared)
 * and the peak of the heap above what it was before.
 */
function measure<T>(f: (sample: () => void) => T): { value: T; ms: number; cpu: number; peak: number } {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sample = () => {
    const h = process.memoryUsage().heapUsed;
    if (h > peak) peak = h;
  };
  const c = process.cpuUsage();
  const t = performance.now();
  const value = f(sample);
  const ms = performance.now() - t;
  const used = process.cpuUsage(c);
  sample();
  return { value, ms, cpu: (used.user + used.system) / 1000, peak: peak - before };
}

describe.runIf(process.env.SUIJI_VERIFY_BENCH === '1')('verifying a 1,000,000-object draw', () => {
  it('takes seconds and a bounded amount of memory', () => {
    const lines: string[] = [];
    const log = (s: string) => {
      lines.push(s);
      console.log(s);
    };

    // Hash speed on the messages of spec §5 and §6.
    const seedBytes = seed('p', '0'.repeat(64), '');
    const h = new PrefixHasher();
    h.buf.set(seedBytes);
    h.buf.set(new TextEncoder().encode('object\0A\0'), 32);
    h.setPrefix(41);
    let t = performance.now();
    for (let i = 0; i < 1_000_000; i++) {
      h.buf[41 + (i % 18)] = i & 0xff;
      h.hash(59);
    }
    log(`SHA-256 of a 59-byte key message (2 blocks): ${((performance.now() - t) / 1000).toFixed(2)} µs`);
    const msg = new Uint8Array(59);
    t = performance.now();
    for (let i = 0; i < 1_000_000; i++) {
      msg[i % 59] = i;
      sha256(msg);
    }
    log(`sha256(59 bytes) one-shot, new output array: ${((performance.now() - t) / 1000).toFixed(2)} µs`);

    t = performance.now();
    const input = makeInput();
    const made = drawEvidence(input, true);
    expect(made.failure).toBeUndefined();
    let doc: EvidenceDocument | null = made.doc!;
    const selections = doc.selections.length;
    log(`draw (test implementation): ${((performance.now() - t) / 1000).toFixed(1)} s, ${selections} selected`);
    let text: string | null = JSON.stringify(doc);
    if (process.env.SUIJI_VERIFY_BENCH_OUT) fs.writeFileSync(process.env.SUIJI_VERIFY_BENCH_OUT, text);
    const publicText = JSON.stringify({ ...doc, departments: undefined, conflicts: undefined });
    doc = null;
    log(`document: ${MB(text.length)} of JSON; node ${process.version}; gc ${gc ? 'exposed' : 'not exposed'}`);

    // The worker's path: JSON text in, strict decoding, every check. Each measurement runs with
    // nothing else alive but the text (the machine may be shared: the best of two runs is shown).
    const best = (f: () => { ms: number; cpu: number; peak: number }) => {
      const a = f();
      const b = f();
      return {
        ms: Math.min(a.ms, b.ms),
        worst: Math.max(a.ms, b.ms),
        cpu: Math.min(a.cpu, b.cpu),
        peak: Math.max(a.peak, b.peak),
      };
    };
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const whole = best(() => {
      const r = measure((sample) => verifyEvidence(text, sample));
      expect(r.value).toEqual({ ok: true, selections, notChecked: [] });
      return r;
    });
    log(`verify whole document from text: ${s(whole.ms)} (worst ${s(whole.worst)}; CPU ${s(whole.cpu)}), heap peak +${MB(whole.peak)} over the text`);

    const steps = (() => {
      const dec = measure(() => decodeEvidence(text));
      const ev = dec.value;
      const checks = measure((sample) => verifyDecoded(ev, sample));
      expect(checks.value.ok).toBe(true);
      const match = measure(() => {
        const m = new Matcher(ev.departments!, ev.conflicts!, ev.cap, seed(ev.planUid, ev.reveal, ev.entropy));
        const team: string[] = [];
        for (const sel of ev.selections) {
          team.length = 0;
          m.assign(sel.rank, sel.uid, team);
        }
        return m.ikeys;
      });
      return { dec, checks, match };
    })();
    log(`  decode (strict parser): ${s(steps.dec.ms)} (CPU ${s(steps.dec.cpu)}), heap +${MB(steps.dec.peak)} (the decoded document)`);
    log(`  checks: ${s(steps.checks.ms)} (CPU ${s(steps.checks.cpu)}), heap peak +${MB(steps.checks.peak)}`);
    const ikeys = steps.match.value;
    log(`  of which the matching: ${s(steps.match.ms)} (CPU ${s(steps.match.cpu)}) for ${ikeys} ikeys (${((steps.match.cpu * 1000) / ikeys).toFixed(2)} µs CPU each)`);

    const pub = best(() => {
      const r = measure((sample) => verifyEvidence(publicText, sample));
      expect(r.value).toEqual({ ok: true, selections, notChecked: ['teams'] });
      return r;
    });
    log(`without departments and conflicts (no matching), from text: ${s(pub.ms)} (worst ${s(pub.worst)}; CPU ${s(pub.cpu)})`);

    const fromBytes = measure((sample) => {
      const bytes = new TextEncoder().encode(text!);
      sample();
      return verifyEvidence(bytes, sample);
    });
    expect(fromBytes.value.ok).toBe(true);
    log(`from UTF-8 bytes (encoding them included): ${s(fromBytes.ms)} (CPU ${s(fromBytes.cpu)}), heap peak +${MB(fromBytes.peak)}`);

    const fromValue = measure((sample) => {
      const t0 = performance.now();
      const parsed = JSON.parse(text!) as unknown;
      const parseMs = performance.now() - t0;
      sample();
      return { report: verifyEvidence(parsed, sample), parseMs };
    });
    expect(fromValue.value.report.ok).toBe(true);
    log(`JSON.parse then verify the value: ${s(fromValue.ms)} (parse ${s(fromValue.value.parseMs)}; CPU ${s(fromValue.cpu)}), heap peak +${MB(fromValue.peak)}`);
    text = null;
    log(`rss at the end: ${MB(process.memoryUsage().rss)}`);
  }, 900_000);
});
