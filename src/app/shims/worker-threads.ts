/**
 * `node:worker_threads` in the browser bundle: the what-if worker runs every
 * job on its own thread (`workers: 1`), so no thread is ever started here;
 * one that were would be a bug, and says so.
 */
export class Worker {
  constructor() {
    throw new Error('caseload starts no worker threads in the browser: run the job with workers: 1');
  }
}

/** Not a worker thread of Node's: no parent port, no data. */
export const parentPort = null;
export const workerData = undefined;
