/**
 * `workers` above the cores of the machine start no more threads than the
 * cores: each thread keeps a tally of its own, so 256 threads on 2 cores took
 * 5.9 GB and ran no faster. The command line says so on stderr; the result
 * is the same for any number of workers.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { singleRun } from '../../src/job/job.js';
import { runJob } from '../../src/job/run-job.js';
import { benchReference } from '../engine/bench-reference.js';
import { cli } from '../cli/helpers.js';

const started = vi.hoisted(() => ({ threads: 0 }));

vi.mock('node:worker_threads', async (original) => {
  const real = await original<typeof import('node:worker_threads')>();
  class CountedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      started.threads++;
    }
  }
  return { ...real, Worker: CountedWorker };
});

describe('worker threads beyond the cores', () => {
  it('a run asked for 256 workers starts at most one thread per core, this one included', async () => {
    // 10 chunks of 2,000 replications: room for 10 threads.
    const job = { ...singleRun(benchReference({ horizonWeeks: 4 })), replications: 20_000 };
    started.threads = 0;
    const many = await runJob(job, undefined, { workers: 256 });
    expect(started.threads).toBeLessThanOrEqual(availableParallelism() - 1);
    const one = await runJob(job, undefined, { workers: 1 });
    expect(many.tally(0).backlog!.map((h) => h.entries())).toEqual(one.tally(0).backlog!.map((h) => h.entries()));
  }, 60_000);

  it('caseload run --workers 256 says that it uses the cores, and prints the result of one worker', async () => {
    const args = ['run', 'scenarios/baseline-2024.yaml', '--reps', '300'];
    const many = await cli(...args, '--workers', '256');
    const one = await cli(...args, '--workers', '1');
    expect(many.code).toBe(0);
    const cores = availableParallelism();
    if (cores < 256)
      expect(many.stderr).toContain(`caseload: --workers 256: using ${cores}, the cores this machine has\n`);
    expect(one.stderr).not.toContain('the cores this machine has');
    expect(many.stdout).toBe(one.stdout);
    const quiet = await cli(...args, '--workers', '256', '--quiet');
    expect(quiet.stderr).toBe('');
  }, 60_000);
});
