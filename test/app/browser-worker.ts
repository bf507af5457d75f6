import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { AppData, WhatIfRequest, WhatIfResponse } from '../../src/app/protocol.js';
import { collectAppFiles } from '../../src/app/collect-app-files.js';
import { ROOT } from '../cli/helpers.js';

/**
 * The what-if worker (dist/app/worker.js, as `npm run build` makes it) in
 * headless Chromium (Debian's, at /usr/bin/chromium), as the page starts it:
 * from a Blob of its text, in a page opened from a `file://` URL. CI sets
 * CASELOAD_BROWSER_TEST=1, which makes a missing browser a failure;
 * elsewhere the browser tests are skipped without it.
 */
export { BROWSER_AVAILABLE, BROWSER_REQUIRED, CHROMIUM, launchChromium } from '../browser/chromium.js';
export const WORKER_BUNDLE = join(ROOT, 'dist/app/worker.js');

/** A blank page from a file:// URL running the worker bundle, with what it logged and asked of the network. */
export interface WorkerPage {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  /** Sends a request and waits for the answer with its id (or an error answer). */
  ask(request: WhatIfRequest): Promise<{ response: WhatIfResponse; pageMillis: number }>;
}

/**
 * Opens a blank page from a file:// URL, starts the worker bundle in it from
 * a Blob of its text and gives it `data`.
 */
export async function openWorkerPage(browser: Browser, data: AppData): Promise<WorkerPage> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-worker-'));
  const html = join(dir, 'blank.html');
  await writeFile(
    html,
    '<!doctype html><html><head><meta charset="utf-8"><title>worker</title></head><body></body></html>\n',
  );
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  const source = await readFile(WORKER_BUNDLE, 'utf8');
  await page.evaluate(
    ({ source, data }) => {
      // The browser's Worker, typed here without the DOM's types.
      type BrowserWorker = {
        onmessage: (event: { data: { id: number } }) => void;
        onerror: (event: { message: string }) => void;
        postMessage: (message: unknown) => void;
      };
      const scope = globalThis as unknown as Record<string, unknown> & {
        Worker: new (url: string) => BrowserWorker;
      };
      const worker = new scope.Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      const waiting = new Map<number, (response: unknown) => void>();
      worker.onmessage = (event) => waiting.get(event.data.id)?.(event.data);
      worker.onerror = (event) => console.error(`worker error: ${event.message}`);
      worker.postMessage({ data });
      scope['askWorker'] = (request: { id: number }) =>
        new Promise((resolve) => {
          const sent = performance.now();
          waiting.set(request.id, (response) => resolve({ response, pageMillis: performance.now() - sent }));
          worker.postMessage(request);
        });
    },
    { source, data },
  );
  return {
    page,
    errors,
    requests,
    ask: (request) =>
      page.evaluate(
        (request) =>
          (
            (globalThis as unknown as Record<string, unknown>)['askWorker'] as (
              r: unknown,
            ) => Promise<{ response: WhatIfResponse; pageMillis: number }>
          )(request),
        request,
      ),
  };
}

/**
 * The AppData `caseload app` would embed for these presets: every file the
 * loader reads for them, from the repository's root.
 */
export async function appDataFor(presets: readonly string[], replications = 1000, seed = 7): Promise<AppData> {
  const collected = await collectAppFiles(presets);
  if (!collected.ok) throw new Error(`the presets do not load: ${JSON.stringify(collected.issues)}`);
  return {
    caseloadVersion: 'test',
    lang: 'en',
    files: collected.value.files,
    cwd: collected.value.cwd,
    presets: presets.map((path) => ({ label: path, path })),
    replications,
    seed,
  };
}
