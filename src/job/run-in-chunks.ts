import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What the scheduler sends a worker: a range of replications, or the request for its result. */
export type ChunkRequest =
  | { readonly kind: 'range'; readonly firstReplication: number; readonly replications: number }
  | { readonly kind: 'finish' };

/** What a worker answers: a range is done, or its result (transferable data). */
export type ChunkReply =
  | { readonly kind: 'done'; readonly replications: number }
  | { readonly kind: 'result'; readonly data: unknown };

export interface ChunkedRun {
  /** Worker threads in all, the calling thread included; no more than `threadsFor` allows start. */
  readonly workers: number;
  /** Given to every worker thread (job-worker.ts) at its start. */
  readonly workerData: unknown;
  readonly firstReplication: number;
  readonly replications: number;
  /** Runs a range in this thread, into the caller's own result. */
  readonly runHere: (firstReplication: number, replications: number) => void;
  /** Adds a worker thread's result to the caller's. */
  readonly absorb: (data: unknown) => void;
  readonly onProgress?: (done: number) => void;
}

/** Replications per message to a worker: small enough to balance the threads, large enough to keep messages rare. */
export const CHUNK = 2_000;

/**
 * The threads a run asked to use `workers` threads starts: no more than the
 * cores of this machine (os.availableParallelism()), since more only add a
 * tally each (256 threads on 2 cores took 5.9 GB) and run no faster; the
 * result is the same for any number.
 *
 * @example threadsFor(256) // 2 on a machine with two cores
 */
export function threadsFor(workers: number): number {
  return Math.max(1, Math.min(workers, availableParallelism()));
}

/**
 * Splits replications into chunks over `workers` threads (at most the
 * machine's cores: threadsFor), the calling thread one of them: each thread
 * takes the next chunk when it is free, keeps one result, and hands it over
 * at the end. Results must merge exactly (integer counts) for the outcome
 * not to depend on who ran which chunk.
 */
export async function runInChunks(run: ChunkedRun): Promise<void> {
  const chunks: { start: number; count: number }[] = [];
  for (let start = run.firstReplication; start < run.firstReplication + run.replications; start += CHUNK) {
    chunks.push({ start, count: Math.min(CHUNK, run.firstReplication + run.replications - start) });
  }
  const workers = Math.max(1, Math.min(threadsFor(run.workers), chunks.length));
  let done = 0;
  let next = 0;
  const finished = (count: number) => {
    done += count;
    run.onProgress?.(done);
  };
  const threads = Array.from({ length: workers - 1 }, () => new Worker(WORKER, { workerData: run.workerData }));
  const others = threads.map(
    (thread) =>
      new Promise<void>((resolve, reject) => {
        let asked = false;
        const send = () => {
          const chunk = chunks[next++];
          if (chunk !== undefined) {
            thread.postMessage({
              kind: 'range',
              firstReplication: chunk.start,
              replications: chunk.count,
            } satisfies ChunkRequest);
          } else if (!asked) {
            // The finish request queues behind any range still in flight.
            asked = true;
            thread.postMessage({ kind: 'finish' } satisfies ChunkRequest);
          }
        };
        thread.on('message', (reply: ChunkReply) => {
          if (reply.kind === 'result') {
            run.absorb(reply.data);
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
      run.runHere(chunk.start, chunk.count);
      finished(chunk.count);
      // Let the other threads' messages in before the next chunk, and a signal's handler on one thread too
      // (Ctrl-C or SIGTERM waits for the event loop: without this a run on one thread could not be stopped).
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(others);
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/** The one worker entry, job-worker.ts compiled: beside this file when built, under dist/ when this runs from source (tests). */
const WORKER = fileURLToPath(import.meta.url).endsWith('.js')
  ? new URL('./job-worker.js', import.meta.url)
  : new URL('../../dist/src/job/job-worker.js', import.meta.url);
