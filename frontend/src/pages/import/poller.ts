import type { ImportStatus } from '../../gql/graphql';

/** A job in one of these states changes no more. */
export function isTerminal(status: ImportStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED';
}

export interface PollOptions<J extends { status: ImportStatus }> {
  /** One look at the job; reject (or throw) when the look failed. */
  fetchJob: () => Promise<J>;
  onUpdate: (job: J) => void;
  /** A failed look; polling goes on until maxFailures in a row. */
  onError?: (err: unknown, giveUp: boolean) => void;
  intervalMs?: number;
  maxFailures?: number;
  /** A failure not worth retrying (the job is gone, or not the caller's). */
  fatal?: (err: unknown) => boolean;
  /** For tests. */
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
}

/**
 * Polls an import job every interval until it succeeds or fails (the API
 * also has a subscription; the SPA's client does not speak WebSocket yet).
 * The next look starts only after the previous one answered. Returns a
 * function that stops polling.
 */
export function pollImportJob<J extends { status: ImportStatus }>({
  fetchJob,
  onUpdate,
  onError,
  intervalMs = 1000,
  maxFailures = 10,
  fatal = () => false,
  schedule = (fn, ms) => setTimeout(fn, ms),
  cancel = (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}: PollOptions<J>): () => void {
  let stopped = false;
  let handle: unknown = null;
  let failures = 0;

  const look = async () => {
    handle = null;
    if (stopped) return;
    try {
      const job = await fetchJob();
      if (stopped) return;
      failures = 0;
      onUpdate(job);
      if (isTerminal(job.status)) {
        stopped = true;
        return;
      }
    } catch (err) {
      if (stopped) return;
      failures += 1;
      const giveUp = failures >= maxFailures || fatal(err);
      onError?.(err, giveUp);
      if (giveUp) {
        stopped = true;
        return;
      }
    }
    handle = schedule(() => void look(), intervalMs);
  };

  void look();
  return () => {
    stopped = true;
    if (handle !== null) cancel(handle);
  };
}
