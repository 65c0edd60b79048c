// useVerifier: verify an evidence document in a Web Worker, with progress.
//
//	const v = useVerifier();
//	v.run(fileOrTextOrDocument);
//	v.state        // 'idle' | 'running' | 'done' | 'error'
//	v.progress     // { done, total } while running (and the last one after)
//	v.report       // VerifyReport once done: ok, or the failing check and why
//
// Where Worker does not exist (tests, old browsers) the verification runs
// inline on the next tick instead. A new run, cancel() or unmounting stops
// the one before.

import { useCallback, useEffect, useRef, useState } from 'react';
import { type VerifyResponse, runVerification } from './protocol';
import type { VerifyReport } from './verify';

export type VerifierState = 'idle' | 'running' | 'done' | 'error';

export interface VerifierProgress {
  done: number;
  total: number;
}

export interface UseVerifier {
  /** Verifies a document: JSON text, its bytes (ArrayBuffer, Uint8Array, Blob/File) or a parsed value. */
  run(doc: unknown): void;
  /** Stops the current run (the state returns to idle). */
  cancel(): void;
  state: VerifierState;
  progress: VerifierProgress | null;
  report: VerifyReport | null;
  /** What went wrong when state is 'error' (not a failed check: that is a report with ok false). */
  error: string | null;
  /** How long the last verification took, in milliseconds. */
  ms: number | null;
}

interface Snapshot {
  state: VerifierState;
  progress: VerifierProgress | null;
  report: VerifyReport | null;
  error: string | null;
  ms: number | null;
}

const IDLE: Snapshot = { state: 'idle', progress: null, report: null, error: null, ms: null };

export function useVerifier(): UseVerifier {
  const [snap, setSnap] = useState<Snapshot>(IDLE);
  const worker = useRef<Worker | null>(null);
  const current = useRef(0); // the id of the run whose messages count

  const stop = useCallback(() => {
    current.current++;
    worker.current?.terminate();
    worker.current = null;
  }, []);

  useEffect(() => stop, [stop]);

  const run = useCallback(
    (doc: unknown) => {
      stop();
      const id = current.current;
      setSnap({ ...IDLE, state: 'running' });
      const receive = (m: VerifyResponse) => {
        if (id !== current.current) return;
        if (m.type === 'progress') {
          setSnap((s) => ({ ...s, progress: { done: m.done, total: m.total } }));
          return;
        }
        if (m.type === 'done') {
          setSnap((s) => ({ ...s, state: 'done', report: m.report, ms: m.ms }));
        } else {
          setSnap((s) => ({ ...s, state: 'error', error: m.message }));
        }
        worker.current?.terminate();
        worker.current = null;
      };
      if (typeof Worker === 'undefined') {
        setTimeout(() => {
          if (id === current.current) void runVerification(doc, receive);
        }, 0);
        return;
      }
      const w = new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      w.onmessage = (e: MessageEvent<VerifyResponse>) => receive(e.data);
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        receive({ type: 'error', message: e.message || 'the verification worker failed' });
      };
      w.onmessageerror = () => receive({ type: 'error', message: 'the verification worker sent an unreadable message' });
      try {
        w.postMessage({ type: 'verify', doc });
      } catch (e) {
        // The document cannot be cloned (it holds functions, for example).
        receive({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    },
    [stop],
  );

  const cancel = useCallback(() => {
    stop();
    setSnap(IDLE);
  }, [stop]);

  return { ...snap, run, cancel };
}
