import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import type { Tally } from '../../src/engine/tally.js';
import { simulateParallel } from '../../src/run/simulate-parallel.js';
import { compile } from '../../src/scenario/index.js';
import { benchReference } from '../engine/bench-reference.js';
import { cli } from '../cli/helpers.js';

const bytes = (tally: Tally) =>
  [tally.arrivalsSum, tally.capacitySum, tally.grantsSum, tally.decisionWeeks].map((a) =>
    Buffer.from(a.buffer).toString('base64'),
  );

describe('worker threads', () => {
  const scenario = benchReference();
  const reps = 9_000; // several chunks, and a last one that is not full

  it('give bit-for-bit the tally of one thread, for any number of workers', async () => {
    const single = simulate(compile(scenario), { seed: 4, replications: reps });
    for (const workers of [1, 2, 3]) {
      const parallel = await simulateParallel(scenario, { seed: 4, replications: reps, workers });
      expect(parallel.replications).toBe(reps);
      expect(bytes(parallel), `${workers} workers`).toEqual(bytes(single));
      for (let i = 0; i < single.backlog!.length; i++)
        expect(parallel.backlog![i]!.entries()).toEqual(single.backlog![i]!.entries());
    }
  });

  it('report progress up to the number of replications', async () => {
    const seen: number[] = [];
    await simulateParallel(scenario, {
      seed: 1,
      replications: 5_000,
      workers: 2,
      onProgress: (done) => seen.push(done),
    });
    expect(seen.at(-1)).toBe(5_000);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('caseload run prints the same result with --workers 1 and --workers 2', async () => {
    const args = ['run', 'scenarios/bench-reference.yaml', '--reps', '6000', '--json', '--quiet'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('--workers must be a whole number from 1 to 256', async () => {
    for (const value of ['0', '1.5', 'many', '1000']) {
      const { code, stderr } = await cli('run', 'scenarios/bench-reference.yaml', '--workers', value);
      expect(code, value).toBe(2);
      expect(stderr).toContain('--workers');
    }
  });
});
