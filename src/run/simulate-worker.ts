/**
 * A worker thread of simulateParallel: compiles the scenario once, simulates
 * each range of replications it is sent into one tally, reports each range
 * done, and posts the tally when told to finish.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateInto } from '../engine/simulate.js';
import { Tally } from '../engine/tally.js';
import { compile } from '../scenario/compile.js';
import type { Scenario } from '../scenario/types.js';
import type { WorkerReply, WorkerRequest } from './simulate-parallel.js';

const plan = compile((workerData as { scenario: Scenario }).scenario);
const tally = new Tally(plan, false);

parentPort!.on('message', (request: WorkerRequest) => {
  if (request.kind === 'range') {
    simulateInto(plan, tally, request);
    parentPort!.postMessage({ kind: 'done', replications: request.replications } satisfies WorkerReply);
    return;
  }
  const data = tally.toData();
  const arrays = [data.arrivalsSum, data.capacitySum, data.grantsSum, data.leadWeeks, ...(data.backlog ?? []).map((h) => h.counts)];
  parentPort!.postMessage({ kind: 'tally', data } satisfies WorkerReply, arrays.map((array) => array.buffer as ArrayBuffer));
});
