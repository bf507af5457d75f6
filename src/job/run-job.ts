import type { Job, JobPart } from './job.js';
import { checkPart, wholeJob } from './job.js';
import { JobTallies, partWork } from './job-tallies.js';
import type { JobTalliesData } from './job-tallies.js';
import { runInChunks } from './run-in-chunks.js';

export interface RunJobOptions {
  /** Worker threads, this one included; 1 runs in this thread only. Default 1 (the CLI defaults to the number of cores). */
  readonly workers?: number;
  /** Called after each finished chunk with the replications of the part done so far. */
  readonly onProgress?: (done: number) => void;
}

/**
 * Runs a part of a job (by default all of it) over worker threads, chunk by
 * chunk of replications, and adds up their tallies. Replication r of every
 * plan uses only the streams of (seed, r), and tallies add integer counts
 * exactly, so the result is bit for bit the same for any number of workers
 * and any split into parts.
 *
 * @example (await runJob(singleRun(scenario), undefined, { workers: 2 })).tally(0).replications
 */
export async function runJob(
  job: Job,
  part: JobPart = wholeJob(job),
  options: RunJobOptions = {},
): Promise<JobTallies> {
  checkPart(job, part);
  const work = partWork(job, part);
  const tallies = new JobTallies(work);
  await runInChunks({
    workers: options.workers ?? 1,
    workerData: work,
    firstReplication: part.firstReplication,
    replications: part.replications,
    runHere: (first, count) => tallies.runRange(first, count),
    absorb: (data) => tallies.mergeData(data as JobTalliesData),
    onProgress: options.onProgress,
  });
  return tallies;
}
