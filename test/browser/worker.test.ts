import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWhatIf } from '../../src/app/compute-what-if.js';
import type { AppData, WhatIfRequest } from '../../src/app/protocol.js';
import {
  appDataFor,
  BROWSER_AVAILABLE,
  BROWSER_REQUIRED,
  CHROMIUM,
  launchChromium,
  openWorkerPage,
  WORKER_BUNDLE,
} from '../app/browser-worker.js';
import type { WorkerPage } from '../app/browser-worker.js';

/**
 * The what-if worker bundle (dist/app/worker.js, `npm run build`) in
 * headless Chromium, started as the page starts it (from a Blob of its text,
 * in a page opened from file://): it answers with exactly the numbers
 * computeWhatIf gives in Node (which test/app/compute-what-if.test.ts holds
 * to the CLI's), makes no network request and logs no error.
 */
if (!BROWSER_AVAILABLE && !BROWSER_REQUIRED)
  console.warn(`worker browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const BASELINE = 'scenarios/baseline-2024.yaml';
const HOLIDAYS = 'scenarios/baseline-2024-holidays.yaml';
const OBSERVED = 'scenarios/backtest-2023-observed-inflow.yaml';
const VARIANT = 'scenarios/options-2024/variants.yaml#30-per-week';

describe.runIf(BROWSER_AVAILABLE || BROWSER_REQUIRED)('the what-if worker in Chromium', () => {
  let browser: Browser;
  let data: AppData;
  let worker: WorkerPage;

  beforeAll(async () => {
    if (!existsSync(WORKER_BUNDLE)) throw new Error(`no ${WORKER_BUNDLE}: run npm run build first`);
    data = await appDataFor([BASELINE, HOLIDAYS, OBSERVED, VARIANT]);
    browser = await launchChromium();
    worker = await openWorkerPage(browser, data);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The worker's answer and computeWhatIf's in Node, for the same request. */
  async function both(request: WhatIfRequest) {
    const { response } = await worker.ask(request);
    const node = await computeWhatIf(request, data);
    return { browser: response, node };
  }

  it('the baseline with inflow 28 and capacity 35 a week, 1,000 replications, seed 7: the numbers of Node', async () => {
    const request: WhatIfRequest = {
      id: 1,
      preset: BASELINE,
      set: [
        { path: 'inflow.meanPerWeek', value: 28, flag: 'inflow' },
        { path: 'capacity.perWeek', value: 35, flag: 'capacity' },
      ],
      replications: 1000,
      seed: 7,
      prognosis: { filed: '2024-06-03', lane: 'regular' },
    };
    const { browser: answer, node } = await both(request);
    if (!answer.ok || !node.ok) throw new Error(`refused: ${JSON.stringify(answer)}`);
    expect(answer.summary).toEqual(node.summary);
    expect(answer.weekly).toEqual(node.weekly);
    expect(answer.file).toEqual(node.file);
    expect(answer.endBacklogChange).toEqual(node.endBacklogChange);
    expect(answer.prognosis).toEqual(node.prognosis);
    expect(answer.summary.uncertainty).toBeDefined();
  });

  it.each([
    ['a calendar file', HOLIDAYS],
    ['a CSV file', OBSERVED],
    ['a variant', VARIANT],
  ])('a scenario with %s: the numbers of Node', async (_, preset) => {
    const request: WhatIfRequest = {
      id: 2,
      preset,
      set: [{ path: 'capacity.perWeek', value: 33 }],
      replications: 300,
      seed: 5,
    };
    const { browser: answer, node } = await both(request);
    if (!answer.ok || !node.ok) throw new Error(`refused: ${JSON.stringify(answer)}`);
    expect(answer.summary).toEqual(node.summary);
    expect(answer.endBacklogChange).toEqual(node.endBacklogChange);
  });

  it("bad changes: the loader's issues, word for word", async () => {
    const request: WhatIfRequest = {
      id: 3,
      preset: BASELINE,
      set: [
        { path: 'capacity.perWeek', value: 'abc', flag: 'capacity' },
        { path: 'lanes.regular.share', value: 1.5, flag: 'share' },
      ],
      replications: 100,
      seed: 7,
    };
    const { browser: answer, node } = await both(request);
    expect(answer.ok).toBe(false);
    expect(answer).toEqual(node);
  });

  it('the bundle requires no Node built-in (each is replaced by its shim in src/app/shims/)', async () => {
    const source = await readFile(WORKER_BUNDLE, 'utf8');
    expect(source).not.toMatch(/\brequire\(["']/);
    expect(source).not.toMatch(/["']node:/);
  });

  it('made no network request and logged no error', () => {
    expect(worker.errors).toEqual([]);
    expect(worker.requests.filter((url) => !url.startsWith('file:') && !url.startsWith('blob:'))).toEqual([]);
  });
});
