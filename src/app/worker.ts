/**
 * The what-if page's Web Worker: the real loader and engine, bundled for the
 * browser by scripts/build-app.ts (dist/app/worker.js). It receives
 * `{ data: AppData }` once, then `WhatIfRequest`s, and answers each with
 * `computeWhatIf`, one at a time on its own thread (`workers: 1`). A request
 * that arrives while another runs supersedes it: the running one stops at
 * its next step (or chunk of replications) without an answer, and only the
 * latest waiting request runs next. Nothing is thrown out of the worker: a
 * bug is an answer with `error`, which the page can show.
 */
import { computeWhatIf, WhatIfSuperseded } from './compute-what-if.js';
import type { AppData, WhatIfRequest, WhatIfResponse } from './protocol.js';
import { setWorkingDirectory } from './shims/process.js';

/** What the worker takes: the page's data once, then requests. */
export type WorkerMessage = { readonly data: AppData } | WhatIfRequest;

/** The worker's side of its messages (a DedicatedWorkerGlobalScope, typed here without the DOM's types). */
export interface WorkerScope {
  onmessage: ((event: { readonly data: WorkerMessage }) => void) | null;
  postMessage(response: WhatIfResponse): void;
}

/**
 * Answers requests on `scope` as described above; `answer` computes one
 * (computeWhatIf, or a stand-in in tests).
 *
 * @example serveWhatIf(self as unknown as WorkerScope)
 */
export function serveWhatIf(scope: WorkerScope, answer = computeWhatIf): void {
  let data: AppData | null = null;
  let waiting: WhatIfRequest | null = null;
  let running = false;

  const work = async () => {
    running = true;
    while (waiting !== null) {
      const request: WhatIfRequest = waiting;
      waiting = null;
      const response = await answerOne(request);
      if (response !== null) scope.postMessage(response);
    }
    running = false;
  };

  const answerOne = async (request: WhatIfRequest): Promise<WhatIfResponse | null> => {
    try {
      if (data === null) throw new Error('a request came before the page data');
      return await answer(request, data, { superseded: () => waiting !== null });
    } catch (error) {
      if (error instanceof WhatIfSuperseded) return null;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { id: typeof request?.id === 'number' ? request.id : -1, ok: false, issues: [], error: message };
    }
  };

  scope.onmessage = (event) => {
    const message = event.data;
    if ('data' in message) {
      data = message.data;
      setWorkingDirectory(data.cwd);
      return;
    }
    waiting = message;
    if (!running) void work();
  };
}

// In a browser worker (a classic one, as the page starts it from a Blob): serve its messages.
if (typeof (globalThis as { importScripts?: unknown }).importScripts === 'function')
  serveWhatIf(globalThis as unknown as WorkerScope);
