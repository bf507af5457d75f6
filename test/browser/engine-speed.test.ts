import { cpus } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
} from '../app/browser-worker.js';
import type { WorkerPage } from '../app/browser-worker.js';
import { ROOT } from '../cli/helpers.js';

/**
 * How fast the what-if page answers, recorded, never asserted (the machine
 * is shared and noisy): the worker bundle in Chromium against
 * computeWhatIf in Node, same machine, same run, same requests. Printed,
 * and written to test-output/engine-speed.json; docs/performance.md has
 * the figures of a run. The page's aim: 1,000 replications of the 52-week
 * baseline in under 100 ms after a change.
 */
if (!BROWSER_AVAILABLE && !BROWSER_REQUIRED)
  console.warn(`engine speed browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const BASELINE = 'scenarios/baseline-2024.yaml';
const WEEKS = 52;
/** Timed runs of each case, after one to warm up; the median is recorded. */
const ROUNDS = 3;

const CHANGE = [
  { path: 'inflow.meanPerWeek', value: 28 },
  { path: 'capacity.perWeek', value: 35 },
];

/** What is timed: a change with the whole answer, the quick answer, and the engine alone (one plan). */
const CASES: { name: string; plans: string; request: Omit<WhatIfRequest, 'id' | 'replications'> }[] = [
  {
    name: 'after a change, whole answer',
    plans: 'the pair (changed, file) + 11 plans explaining the band',
    request: { preset: BASELINE, set: CHANGE, seed: 7 },
  },
  {
    name: 'after a change, without the band explained',
    plans: 'the pair (changed, file)',
    request: { preset: BASELINE, set: CHANGE, seed: 7, explain: false },
  },
  {
    name: 'the engine alone',
    plans: '1 plan (no change, no explanation)',
    request: { preset: BASELINE, set: [], seed: 7, explain: false },
  },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe.runIf(BROWSER_AVAILABLE || BROWSER_REQUIRED)('what-if speed, Chromium against Node', () => {
  let browser: Browser;
  let data: AppData;
  let worker: WorkerPage;

  beforeAll(async () => {
    data = await appDataFor([BASELINE]);
    browser = await launchChromium();
    worker = await openWorkerPage(browser, data);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records the time of an answer for 1,000 and 10,000 replications, and ns per replication-week', async () => {
    let id = 0;
    const rows = [];
    for (const replications of [1000, 10_000]) {
      for (const { name, plans, request } of CASES) {
        const chromium: number[] = [];
        const page: number[] = [];
        const node: number[] = [];
        for (let round = 0; round <= ROUNDS; round++) {
          const asked = { ...request, id: ++id, replications };
          const inBrowser = await worker.ask(asked);
          const inNode = await computeWhatIf(asked, data);
          expect(inBrowser.response.ok && inNode.ok).toBe(true);
          if (!inBrowser.response.ok || !inNode.ok) return;
          // The same numbers, or the timing compares different work.
          expect(inBrowser.response.summary.endBacklog).toEqual(inNode.summary.endBacklog);
          if (round === 0) continue; // warm-up
          chromium.push(inBrowser.response.millis);
          page.push(inBrowser.pageMillis);
          node.push(inNode.millis);
        }
        const planCount = request.set.length > 0 ? 2 : 1;
        const extra = request.explain === false ? 0 : 11;
        const replicationWeeks = replications * WEEKS * (planCount + extra);
        rows.push({
          replications,
          case: name,
          plans,
          chromiumMs: +median(chromium).toFixed(1),
          pageMs: +median(page).toFixed(1),
          nodeMs: +median(node).toFixed(1),
          chromiumNsPerReplicationWeek: Math.round((median(chromium) * 1e6) / replicationWeeks),
          nodeNsPerReplicationWeek: Math.round((median(node) * 1e6) / replicationWeeks),
          chromiumOverNode: +(median(chromium) / median(node)).toFixed(2),
        });
      }
    }
    const record = {
      date: new Date().toISOString().slice(0, 10),
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      chromium: browser.version(),
      rounds: ROUNDS,
      rows,
    };
    console.table(rows);
    console.log(JSON.stringify({ ...record, rows: undefined }));
    await mkdir(join(ROOT, 'test-output'), { recursive: true });
    await writeFile(join(ROOT, 'test-output/engine-speed.json'), `${JSON.stringify(record, null, 2)}\n`);
    expect(worker.errors).toEqual([]);
  }, 600_000);
});
