/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The page runs in a browser: its files alone use the DOM's types.
import type { AppData, WhatIfRequest, WhatIfResponse } from '../protocol.js';

/** The page's way to the engine: a Web Worker, or the page's own thread when the browser refuses one. */
export interface PageEngine {
  ask(request: WhatIfRequest): void;
  /** True when the engine runs on the page's thread (no worker). */
  readonly mainThread: boolean;
}

/** The scope the worker's code serves its messages on (see src/app/worker.ts). */
interface Scope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(response: WhatIfResponse): void;
  importScripts(): void;
}

/**
 * Starts the engine from the worker's code embedded in the page: a Worker
 * from a Blob URL (no file or network to load it from); when the browser
 * refuses that (a locked-down browser, a page opened where workers are not
 * allowed), the same code on the page's thread, given a scope of its own in
 * which it finds the worker's `onmessage` and `postMessage`. The data is
 * sent once, first.
 *
 * @example startEngine(code, data, (response) => show(response)).ask(request)
 */
export function startEngine(code: string, data: AppData, answer: (response: WhatIfResponse) => void): PageEngine {
  const worker = workerFrom(code);
  if (worker !== null) {
    worker.onmessage = (event: MessageEvent<WhatIfResponse>) => answer(event.data);
    worker.postMessage({ data });
    return { ask: (request) => worker.postMessage(request), mainThread: false };
  }
  const scope: Scope = {
    onmessage: null,
    postMessage: (response) => setTimeout(() => answer(response), 0),
    importScripts: () => undefined,
  };
  // The worker's code looks for a worker's globals (importScripts, onmessage, postMessage) on
  // globalThis and self: here they are the scope's, everything else the window's.
  const global = new Proxy(scope as unknown as Record<PropertyKey, unknown>, {
    get(target, key) {
      if (key in target) return target[key];
      const value = Reflect.get(globalThis, key);
      return typeof value === 'function' && !/^[A-Z]/.test(String(key)) ? value.bind(globalThis) : value;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
    has: (target, key) => key in target || key in globalThis,
  });
  new Function('globalThis', 'self', code)(global, global);
  const send = (message: unknown) => setTimeout(() => scope.onmessage?.({ data: message }), 0);
  send({ data });
  return { ask: send, mainThread: true };
}

/** A Worker running `code`, or null when the browser refuses one. */
function workerFrom(code: string): Worker | null {
  if ((globalThis as { caseloadNoWorker?: boolean }).caseloadNoWorker === true || typeof Worker !== 'function')
    return null;
  try {
    return new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  } catch {
    return null;
  }
}
