// The verification worker: a document's verification costs millions of
// SHA-256 evaluations (seconds for a million objects), so it runs off the
// main thread. Start it with
//
//	new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' })
//
// and post a VerifyRequest; it answers with progress messages (at most every
// 100 ms) and then one 'done' or 'error' message. One worker verifies one
// document at a time; terminate it to cancel.

import { type VerifyRequest, type VerifyResponse, runVerification } from './protocol';

// The DOM library types `self` as a Window; in a worker it is the worker's scope.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(m: VerifyResponse): void;
};

scope.onmessage = (e) => {
  if (e.data?.type !== 'verify') return;
  void runVerification(e.data.doc, (m) => scope.postMessage(m));
};
