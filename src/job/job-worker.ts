/**
 * The one worker thread of runJob: compiles the plans of its part once and
 * runs each range of replications it is sent into one JobTallies.
 */
import { workerData } from 'node:worker_threads';
import { JobTallies } from './job-tallies.js';
import type { PartWork } from './job-tallies.js';
import { serveChunks } from './serve-chunks.js';

const tallies = new JobTallies(workerData as PartWork);

serveChunks(
  (first, count) => tallies.runRange(first, count),
  () => {
    const data = tallies.toData();
    return { data, transfer: JobTallies.buffers(data) };
  },
);
