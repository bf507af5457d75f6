import { availableParallelism } from 'node:os';
import { simulateInto } from '../engine/simulate.js';
import { Tally } from '../engine/tally.js';
import type { TallyData } from '../engine/tally.js';
import { compile } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { runInChunks } from './run-in-chunks.js';

export interface ParallelOptions {
  readonly seed: number;
  readonly replications: number;
  /** First replication index (for shards). Default 0. */
  readonly firstReplication?: number;
  /** Worker threads, this one included; 1 runs in this thread only. Default: the number of cores. */
  readonly workers?: number;
  /** Called after each finished chunk with the replications done so far. */
  readonly onProgress?: (done: number) => void;
}

/**
 * Runs replications over worker threads and merges their tallies. Replication
 * r uses only the streams of (seed, r), and a merge adds integer counts
 * exactly, so the result is bit-for-bit the same for any number of workers.
 *
 * @example await simulateParallel(scenario, { seed: 1, replications: 100_000, workers: 2 })
 */
export async function simulateParallel(scenario: Scenario, options: ParallelOptions): Promise<Tally> {
  const plan = compile(scenario);
  const total = new Tally(plan, false);
  await runInChunks({
    workers: options.workers ?? availableParallelism(),
    workerModule: 'simulate-worker.js',
    workerData: { scenario, seed: options.seed },
    firstReplication: options.firstReplication ?? 0,
    replications: options.replications,
    runHere: (firstReplication, replications) =>
      simulateInto(plan, total, { seed: options.seed, firstReplication, replications }),
    absorb: (data) => total.mergeData(data as TallyData),
    onProgress: options.onProgress,
  });
  return total;
}

/** The typed arrays of a tally's data, to transfer rather than copy between threads. */
export function tallyBuffers(data: TallyData): ArrayBuffer[] {
  return [
    data.arrivalsSum,
    data.capacitySum,
    data.grantsSum,
    data.decisionWeeks,
    ...(data.backlog ?? []).map((h) => h.counts),
  ].map((a) => a.buffer as ArrayBuffer);
}
