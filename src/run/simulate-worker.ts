/**
 * A worker thread of simulateParallel: compiles the scenario once and
 * simulates each range it is sent into one tally.
 */
import { workerData } from 'node:worker_threads';
import { simulateInto } from '../engine/simulate.js';
import { Tally } from '../engine/tally.js';
import { compile } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { serveChunks } from './serve-chunks.js';
import { tallyBuffers } from './simulate-parallel.js';

const { scenario, seed } = workerData as { scenario: Scenario; seed: number };
const plan = compile(scenario);
const tally = new Tally(plan, false);

serveChunks(
  (firstReplication, replications) => simulateInto(plan, tally, { seed, firstReplication, replications }),
  () => {
    const data = tally.toData();
    return { data, transfer: tallyBuffers(data) };
  },
);
