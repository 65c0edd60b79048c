import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportStatus } from '../../gql/graphql';
import { isTerminal, pollImportJob } from './poller';

type Job = { status: ImportStatus; processedRows: number };

function jobs(...statuses: ImportStatus[]) {
  const queue = statuses.map((status, i) => ({ status, processedRows: i }));
  return vi.fn(async () => {
    const next = queue.shift();
    if (!next) throw new Error('asked once too often');
    return next;
  });
}

describe('pollImportJob', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('looks every second until the job succeeds, then stops', async () => {
    const fetchJob = jobs('QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED');
    const seen: ImportStatus[] = [];
    pollImportJob<Job>({ fetchJob, onUpdate: (j) => seen.push(j.status) });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['QUEUED']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(['QUEUED', 'RUNNING']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual(['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchJob).toHaveBeenCalledTimes(4);
  });

  it('stops at FAILED too', async () => {
    const fetchJob = jobs('RUNNING', 'FAILED');
    const onUpdate = vi.fn();
    pollImportJob<Job>({ fetchJob, onUpdate });
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchJob).toHaveBeenCalledTimes(2);
    expect(onUpdate).toHaveBeenLastCalledWith({ status: 'FAILED', processedRows: 1 });
  });

  it('does not look again once stopped', async () => {
    const fetchJob = jobs('RUNNING', 'RUNNING', 'RUNNING');
    const stop = pollImportJob<Job>({ fetchJob, onUpdate: () => {} });
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchJob).toHaveBeenCalledTimes(2);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchJob).toHaveBeenCalledTimes(2);
  });

  it('retries failed looks and gives up after too many in a row', async () => {
    const fetchJob = vi.fn(async (): Promise<Job> => {
      throw new Error('offline');
    });
    const onError = vi.fn();
    pollImportJob<Job>({ fetchJob, onUpdate: () => {}, onError, maxFailures: 3 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchJob).toHaveBeenCalledTimes(3);
    expect(onError.mock.calls.map((c) => c[1])).toEqual([false, false, true]);
  });

  it('gives up at once on a fatal failure', async () => {
    const fetchJob = vi.fn(async (): Promise<Job> => {
      throw new Error('NOT_FOUND');
    });
    const onError = vi.fn();
    pollImportJob<Job>({ fetchJob, onUpdate: () => {}, onError, fatal: (e) => (e as Error).message === 'NOT_FOUND' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchJob).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.any(Error), true);
  });

  it('knows the terminal states', () => {
    expect(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'].map((s) => isTerminal(s as ImportStatus))).toEqual([false, false, true, true]);
  });
});
