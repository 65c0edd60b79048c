// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useVerifier } from './useVerifier';

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, 'testdata/draw-vectors.json'), 'utf8')) as {
  cases: { name: string; expected?: { seed: string } }[];
};
const doc = vectors.cases.find((c) => c.name === 'joint-two-departments')!.expected!;

describe('useVerifier', () => {
  it('runs inline where there is no Worker, from idle through running to done', async () => {
    expect(typeof Worker).toBe('undefined');
    const { result, unmount } = renderHook(() => useVerifier());
    expect(result.current.state).toBe('idle');
    act(() => result.current.run(JSON.stringify(doc)));
    expect(result.current.state).toBe('running');
    await waitFor(() => expect(result.current.state).toBe('done'));
    expect(result.current.report).toEqual({ ok: true, selections: 17, notChecked: [] });
    expect(result.current.progress).toMatchObject({ done: expect.any(Number), total: expect.any(Number) });
    expect(result.current.ms).toEqual(expect.any(Number));

    act(() => result.current.run({ ...doc, seed: '0'.repeat(64) }));
    await waitFor(() => expect(result.current.state).toBe('done'));
    expect(result.current.report).toMatchObject({ ok: false, check: 'seed' });
    unmount();
  });

  it('forgets a run that was cancelled or replaced', async () => {
    const { result, unmount } = renderHook(() => useVerifier());
    act(() => {
      result.current.run({ ...doc, seed: '0'.repeat(64) });
      result.current.run(doc);
    });
    await waitFor(() => expect(result.current.state).toBe('done'));
    expect(result.current.report).toMatchObject({ ok: true });
    act(() => {
      result.current.run(doc);
      result.current.cancel();
    });
    expect(result.current.state).toBe('idle');
    await new Promise((r) => setTimeout(r, 20));
    expect(result.current.state).toBe('idle');
    expect(result.current.report).toBeNull();
    unmount();
  });

  it('reports an error that is not a failed check', async () => {
    const { result, unmount } = renderHook(() => useVerifier());
    const throwing = {
      get algorithm(): string {
        throw new Error('boom');
      },
    };
    act(() => result.current.run(throwing));
    await waitFor(() => expect(result.current.state).toBe('error'));
    expect(result.current.error).toBe('boom');
    unmount();
  });
});
