import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type VerifyResponse, runVerification } from './protocol';

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, 'testdata/draw-vectors.json'), 'utf8')) as {
  cases: { name: string; expected?: unknown }[];
};
const doc = vectors.cases.find((c) => c.name === 'joint-two-departments')!.expected;

async function collect(input: unknown, stepMs: number): Promise<VerifyResponse[]> {
  const out: VerifyResponse[] = [];
  let t = 0;
  await runVerification(input, (m) => out.push(m), { intervalMs: 100, now: () => (t += stepMs) });
  return out;
}

describe('the worker protocol', () => {
  it('posts progress, then the report', async () => {
    const out = await collect(JSON.stringify(doc), 1000);
    const last = out[out.length - 1];
    expect(last).toMatchObject({ type: 'done', report: { ok: true, selections: 17, notChecked: [] } });
    const progress = out.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]).toMatchObject({ type: 'progress', done: 0 });
    const final = progress[progress.length - 1];
    expect(final.type === 'progress' && final.done === final.total).toBe(true);
  });

  it('posts progress at most every 100 ms', async () => {
    const all = await collect(doc, 1000);
    const few = await collect(doc, 1); // the clock moves 1 ms per reading: 100 readings per message
    const count = (l: VerifyResponse[]) => l.filter((m) => m.type === 'progress').length;
    expect(count(few)).toBeLessThanOrEqual(Math.ceil(count(all) / 100) + 1);
    expect(count(few)).toBeGreaterThanOrEqual(1);
  });

  it('reads a Blob, such as a dropped file', async () => {
    const out = await collect(new Blob([JSON.stringify(doc)], { type: 'application/json' }), 1000);
    expect(out[out.length - 1]).toMatchObject({ type: 'done', report: { ok: true } });
  });

  it('reports a failed check as a report, and anything else as an error', async () => {
    const bad = await collect('{"algorithm": 1}', 1000);
    expect(bad).toEqual([{ type: 'done', report: { ok: false, check: 'decode', reason: expect.any(String) }, ms: expect.any(Number) }]);
    const throwing = {
      get algorithm(): string {
        throw new Error('boom');
      },
    };
    expect(await collect(throwing, 1000)).toEqual([{ type: 'error', message: 'boom' }]);
  });
});
