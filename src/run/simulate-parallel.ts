import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { simulateInto } from '../engine/simulate.js';
import { Tally } from '../engine/tally.js';
import type { TallyData } from '../engine/tally.js';
import { compile } from '../scenario/compile.js';
import type { Scenario } from '../scenario/types.js';

export interface ParallelOptions {
  readonly seed: number;
  readonly replications: number;
  /** First replication index (for shards). Default 0. */
  readonly firstReplication?: number;
  /** Worker threads; 1 runs in this thread. Default: the number of cores. */
  readonly workers?: number;
  /** Called after each finished chunk with the replications done so far. */
  readonly onProgress?: (done: number) => void;
}

/** What simulateParallel sends a worker: a range to simulate, or the request for its tally. */
export type WorkerRequest =
  | { readonly kind: 'range'; readonly seed: number; readonly firstReplication: number; readonly replications: number }
  | { readonly kind: 'finish' };

/** What a worker answers: a range is done, or its tally. */
export type WorkerReply = { readonly kind: 'done'; readonly replications: number } | { readonly kind: 'tally'; readonly data: TallyData };

/** Replications per message to a worker: small enough to balance the threads, large enough to keep messages rare. */
const CHUNK = 2_000;

/**
 * Runs replications over worker threads and merges their tallies. Replication
 * r uses only the streams of (seed, r), and a merge adds integer counts
 * exactly, so the result is bit-for-bit the same for any number of workers.
 *
 * @example await simulateParallel(scenario, { seed: 1, replications: 100_000, workers: 2 })
 */
export async function simulateParallel(scenario: Scenario, options: ParallelOptions): Promise<Tally> {
  const first = options.firstReplication ?? 0;
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(options.replications / CHUNK)));
  const plan = compile(scenario);
  const chunks: { start: number; count: number }[] = [];
  for (let start = first; start < first + options.replications; start += CHUNK) {
    chunks.push({ start, count: Math.min(CHUNK, first + options.replications - start) });
  }
  const total = new Tally(plan, false);
  let done = 0;
  let next = 0;
  const finished = (count: number) => {
    done += count;
    options.onProgress?.(done);
  };
  // The calling thread is one of the workers: it takes chunks too, between
  // handling the other threads' messages, so N workers start N - 1 threads.
  const threads = Array.from({ length: workers - 1 }, () => new Worker(workerFile(), { workerData: { scenario } }));
  const others = threads.map(
    (thread) =>
      new Promise<void>((resolve, reject) => {
        let asked = false;
        const send = () => {
          const chunk = chunks[next++];
          if (chunk !== undefined) {
            thread.postMessage({ kind: 'range', seed: options.seed, firstReplication: chunk.start, replications: chunk.count } satisfies WorkerRequest);
          } else if (!asked) {
            // The finish request queues behind any range still in flight.
            asked = true;
            thread.postMessage({ kind: 'finish' } satisfies WorkerRequest);
          }
        };
        thread.on('message', (reply: WorkerReply) => {
          if (reply.kind === 'tally') {
            total.mergeData(reply.data);
            resolve();
            return;
          }
          finished(reply.replications);
          send();
        });
        thread.on('error', reject);
        thread.on('exit', (code) => {
          if (code !== 0) reject(new Error(`worker thread exited with code ${code}`));
        });
        // Two ranges in flight, so a thread never waits while this one simulates a chunk.
        send();
        send();
      }),
  );
  try {
    for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
      simulateInto(plan, total, { seed: options.seed, firstReplication: chunk.start, replications: chunk.count });
      finished(chunk.count);
      // Let the other threads' messages in before the next chunk.
      if (threads.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(others);
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return total;
}

/** The worker's compiled file: beside this one when built, under dist/ when this runs from source (tests). */
function workerFile(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL('./simulate-worker.js', import.meta.url);
  return new URL('../../dist/src/run/simulate-worker.js', import.meta.url);
}
