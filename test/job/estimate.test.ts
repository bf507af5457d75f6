/**
 * The estimate of a job's memory and time before it runs: monotone in what
 * makes a run bigger, of the right order of magnitude, and its histograms
 * (the part a pilot measures) close to those a run keeps. No timing is
 * asserted: the time is a formula of the plan's shape.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/types.js';
import { estimateJob, expectedRange } from '../../src/job/estimate.js';
import type { Job } from '../../src/job/job.js';
import { singleRun, wholeJob } from '../../src/job/job.js';
import { runJob } from '../../src/job/run-job.js';
import { explainedRun } from '../../src/run/explain-uncertainty.js';
import { loadScenario } from '../../src/scenario/index.js';
import { benchReference } from '../engine/bench-reference.js';

const estimate = (job: Job, workers = 1) => estimateJob(job, wholeJob(job), workers);

/** The bytes of the per-week histograms of the backlog that a run of the job keeps, every plan. */
async function histogramBytes(job: Job): Promise<number> {
  const tallies = await runJob(job, undefined, { workers: 1 });
  return tallies.tallies.reduce(
    (sum, tally) => sum + tally.backlog!.reduce((bytes, histogram) => bytes + histogram.byteLength, 0),
    0,
  );
}

async function loaded(
  file: string,
  overrides: { replications?: number; horizonWeeks?: number } = {},
): Promise<Scenario> {
  const result = await loadScenario(file, overrides);
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.problem).join('\n'));
  return result.value.scenario;
}

describe('the estimate of a job', () => {
  it('the expected range of n normal draws, which widens the pilot to the run', () => {
    expect(expectedRange(2)).toBeCloseTo(1.128, 3);
    expect(expectedRange(10)).toBeCloseTo(3.078, 3);
    expect(expectedRange(1000)).toBeCloseTo(6.483, 2);
    expect(expectedRange(1)).toBe(0);
  });

  it('grows with the replications, the weeks and the lanes', async () => {
    const reference = benchReference();
    const byReplications = [10, 100, 1_000, 10_000, 100_000].map((replications) =>
      estimate({ ...singleRun(reference), replications }),
    );
    const byWeeks = [13, 26, 52, 104, 520].map((horizonWeeks) =>
      estimate(singleRun(benchReference({ horizonWeeks, replications: 2_000 }))),
    );
    for (const series of [byReplications, byWeeks])
      for (let i = 1; i < series.length; i++) {
        expect(series[i]!.seconds).toBeGreaterThanOrEqual(series[i - 1]!.seconds);
        expect(series[i]!.bytes).toBeGreaterThanOrEqual(series[i - 1]!.bytes);
      }
    const oneLane = benchReference({
      lanes: [{ ...reference.lanes[3]!, share: 1 }],
      initialBacklog: { regular: reference.initialBacklog['regular']! },
    });
    expect(estimate(singleRun(oneLane)).seconds).toBeLessThan(estimate(singleRun(reference)).seconds);
  });

  it('more workers: more memory, no more time, and never more threads than cores', () => {
    const job = { ...singleRun(benchReference()), replications: 200_000 };
    const one = estimate(job, 1);
    const many = estimate(job, 256);
    expect(many.threads).toBe(Math.min(availableParallelism(), 100));
    expect(many.bytes).toBeGreaterThanOrEqual(one.bytes);
    expect(many.seconds).toBeLessThanOrEqual(one.seconds);
  });

  it('is of the right order on small runs: the baseline with its explanation, 1,000 replications', async () => {
    const job = explainedRun(await loaded('scenarios/baseline-2024.yaml', { replications: 1_000 }));
    const { bytes, seconds } = estimate(job);
    expect(bytes).toBeGreaterThan(50e6);
    expect(bytes).toBeLessThan(500e6);
    expect(seconds).toBeGreaterThan(0.3);
    expect(seconds).toBeLessThan(30);
  });

  it('estimates the histograms a run keeps within a factor of 2', async () => {
    const jobs = [
      explainedRun(await loaded('scenarios/baseline-2024.yaml', { replications: 3_000 })),
      singleRun(benchReference({ replications: 5 })),
      singleRun(benchReference({ replications: 5_000, horizonWeeks: 260 })),
      // Wide spreads: 100,000 a week against a backlog that never empties.
      singleRun(
        benchReference({
          replications: 200,
          horizonWeeks: 104,
          inflow: { kind: 'constant', meanPerWeek: 100_000 },
          capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 100_000 } },
          initialBacklog: { regular: { kind: 'spread', count: 1_000_000_000, spreadWeeks: 52 } },
        }),
      ),
    ];
    for (const job of jobs) {
      const estimated = estimate(job).histograms;
      const kept = await histogramBytes(job);
      expect(estimated / kept, `${job.scenarios[0]!.name}: ${estimated} estimated, ${kept} kept`).toBeGreaterThan(0.5);
      expect(estimated / kept, `${job.scenarios[0]!.name}: ${estimated} estimated, ${kept} kept`).toBeLessThan(2);
    }
  }, 60_000);

  it('a backlog of 1e9 with 100,000 a week over 5,200 weeks, 10 replications: gigabytes, as measured (5.3 GB)', async () => {
    const scenario = benchReference({
      replications: 10,
      horizonWeeks: 5_200,
      lanes: [{ ...benchReference().lanes[3]!, share: 1 }],
      inflow: { kind: 'constant', meanPerWeek: 100_000 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 100_000 } },
      initialBacklog: { regular: { kind: 'spread', count: 1_000_000_000, spreadWeeks: 52 } },
    });
    const { bytes } = estimate(singleRun(scenario));
    expect(bytes).toBeGreaterThan(2.6e9);
    expect(bytes).toBeLessThan(10.6e9);
  }, 30_000);
});
