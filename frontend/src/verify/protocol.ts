// The messages between the page and the verification worker, and the
// worker's work itself (kept out of verify.worker.ts so that it runs, and is
// tested, without a Worker too).

import { type VerifyReport, verifyEvidence } from './verify';

/**
 * What the worker is given: the document's JSON text (string), its bytes
 * (ArrayBuffer, Uint8Array or a Blob such as a File the user dropped), or an
 * already parsed value. Text and bytes are decoded strictly and cost less to
 * send than a parsed document of a million objects.
 */
export interface VerifyRequest {
  type: 'verify';
  doc: unknown;
}

export type VerifyResponse =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; report: VerifyReport; ms: number }
  | { type: 'error'; message: string };

export interface RunOptions {
  /** Least time between two progress messages. */
  intervalMs?: number;
  now?: () => number;
}

function isBlob(v: unknown): v is Blob {
  return typeof Blob !== 'undefined' && v instanceof Blob;
}

/**
 * Verifies doc and posts progress (at most every intervalMs, 100 ms by
 * default, and always the first), then the report — or an error message if
 * something other than the document went wrong.
 */
export async function runVerification(
  doc: unknown,
  post: (m: VerifyResponse) => void,
  { intervalMs = 100, now = () => performance.now() }: RunOptions = {},
): Promise<void> {
  const start = now();
  try {
    const input = isBlob(doc) ? new Uint8Array(await doc.arrayBuffer()) : doc;
    let last = -Infinity;
    const report = verifyEvidence(input, (done, total) => {
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      post({ type: 'progress', done, total });
    });
    post({ type: 'done', report, ms: now() - start });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
