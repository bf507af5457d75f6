/**
 * A worker thread of compareOptions: runs each range of replications for
 * every option into one ComparisonRun.
 */
import { workerData } from 'node:worker_threads';
import { ComparisonRun, comparisonBuffers } from '../experiment/compare-options.js';
import type { Scenario } from '../scenario/types.js';
import { serveChunks } from './serve-chunks.js';

const { scenarios, seed } = workerData as { scenarios: Scenario[]; seed: number };
const comparison = new ComparisonRun(scenarios, seed);

serveChunks(
  (first, count) => comparison.runRange(first, count),
  () => {
    const data = comparison.toData();
    return { data, transfer: comparisonBuffers(data) };
  },
);
