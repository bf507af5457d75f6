import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import type { Job } from '../../src/job/job.js';
import { singleRun } from '../../src/job/job.js';
import { notReached } from '../../src/job/replication-measure.js';
import type { ReplicationMeasure } from '../../src/job/replication-measure.js';
import { runJob } from '../../src/job/run-job.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { compile, resolveScenario } from '../../src/scenario/index.js';
import { benchReference } from '../engine/bench-reference.js';

/**
 * A job's measure: what the tallies cannot answer, recorded replication by
 * replication (the backlog of some lanes together, a lead-time percentile).
 */

const scenario = benchReference();
const lanes = scenario.lanes.map((lane) => lane.name);

async function measured(measure: ReplicationMeasure, job: Partial<Job> = {}, workers = 1) {
  const run = { ...singleRun(scenario), seed: 8, replications: 600, measure, ...job };
  return runJob(run, undefined, { workers });
}

describe('the backlog of some lanes', () => {
  it('of one lane is its own histogram in the tally, of all lanes the total, in every week asked', async () => {
    const plan = compile(scenario);
    const tally = simulate(plan, { seed: 8, replications: 600 });
    const columns = plan.laneCount + 1;
    for (const week of [0, 20, 51]) {
      for (const [l, name] of plan.laneNames.entries()) {
        const histogram = (await measured({ kind: 'backlog', lanes: [name], week })).measure(0);
        expect(histogram.entries(), `${name}, week ${week}`).toEqual(tally.backlog![week * columns + l]!.entries());
      }
      const all = (await measured({ kind: 'backlog', lanes, week })).measure(0);
      expect(all.entries()).toEqual(tally.backlog![week * columns + plan.laneCount]!.entries());
    }
  });

  it('of two lanes is their sum replication by replication, not a sum of their distributions', async () => {
    const two = (await measured({ kind: 'backlog', lanes: ['regular', 'safe-country'], week: 51 })).measure(0);
    const plan = compile(scenario);
    const tally = simulate(plan, { seed: 8, replications: 600 });
    const columns = plan.laneCount + 1;
    const regular = tally.backlog![51 * columns + plan.laneNames.indexOf('regular')]!;
    const safe = tally.backlog![51 * columns + plan.laneNames.indexOf('safe-country')]!;
    expect(two.count).toBe(600);
    // The mean of a sum is the sum of the means, whatever the dependence.
    expect(two.sum()).toBe(regular.sum() + safe.sum());
  });

  it('does not change the tallies, and is the same over any number of worker threads', async () => {
    const measure: ReplicationMeasure = { kind: 'backlog', lanes: ['regular', 'incomplete'], week: 30 };
    const one = await measured(measure, {}, 1);
    const three = await measured(measure, {}, 3);
    expect(three.measure(0).entries()).toEqual(one.measure(0).entries());
    const plain = simulate(compile(scenario), { seed: 8, replications: 600 });
    expect(one.tally(0).decisionWeeks).toEqual(plain.decisionWeeks);
    expect(one.tally(0).backlog!.map((h) => h.entries())).toEqual(plain.backlog!.map((h) => h.entries()));
  });
});

describe('a lead-time percentile of a cohort', () => {
  /**
   * No inflow, 10 cases that arrived 2 weeks before the start and 10 a week
   * before, 5 decisions a week, first in first out: the older ones are
   * decided in weeks 0 and 1 (lead times 2 and 3 weeks), the newer ones in
   * weeks 2 and 3 (3 and 4 weeks). Every replication the same.
   */
  const fixed = resolveScenario(fixedDocument(), 'fixed.yaml');
  if (!fixed.ok) throw new Error(fixed.issues.map(formatIssue).join('\n'));
  const lead = async (measure: Partial<ReplicationMeasure>) => {
    const run: Job = {
      ...singleRun(fixed.value),
      replications: 20,
      measure: {
        kind: 'leadTime',
        lanes: ['only'],
        fromWeek: -2,
        toWeek: -1,
        percentile: 0.9,
        ...measure,
      } as ReplicationMeasure,
    };
    return (await runJob(run)).measure(0).entries();
  };

  it('is the smallest lead time with at least that share of the cohort at or below it', async () => {
    // Lead times: 5 x 2 weeks, 10 x 3, 5 x 4.
    expect(await lead({ percentile: 0.25 })).toEqual([[2, 20]]);
    expect(await lead({ percentile: 0.26 })).toEqual([[3, 20]]);
    expect(await lead({ percentile: 0.5 })).toEqual([[3, 20]]);
    expect(await lead({ percentile: 0.75 })).toEqual([[3, 20]]);
    expect(await lead({ percentile: 0.9 })).toEqual([[4, 20]]);
  });

  it('counts only the cohort filed in its weeks: the newer cases alone wait 3 and 4 weeks', async () => {
    expect(await lead({ fromWeek: -1, toWeek: -1, percentile: 0.5 })).toEqual([[3, 20]]);
    expect(await lead({ fromWeek: -2, toWeek: -2, percentile: 1 - 1e-12 })).toEqual([[3, 20]]);
  });

  it('cases still open at the end hold the percentile beyond the horizon: not reached', async () => {
    const slow = resolveScenario({ ...fixedDocument(), capacity: { perWeek: 2 } }, 'slow.yaml');
    if (!slow.ok) throw new Error('does not load');
    // 2 a week for 6 weeks: 12 of the 20 decided; the P90 needs 18.
    const run: Job = {
      ...singleRun(slow.value),
      replications: 5,
      measure: { kind: 'leadTime', lanes: ['only'], fromWeek: -2, toWeek: -1, percentile: 0.9 },
    };
    const plan = compile(slow.value);
    expect((await runJob(run)).measure(0).entries()).toEqual([[notReached(plan), 5]]);
  });

  it('a cohort without any case does not reach the target', async () => {
    expect(await lead({ fromWeek: 0, toWeek: 3 })).toEqual([[notReached(compile(fixed.value)), 20]]);
  });
});

function fixedDocument(): Record<string, unknown> {
  return {
    start: '2024-01-01',
    horizonWeeks: 6,
    inflow: { meanPerWeek: 0 },
    capacity: { perWeek: 5 },
    lanes: { only: { share: 1, grantRate: 0.5, minWaitWeeks: 0 } },
    initialBacklog: { lanes: { only: { byWeeksAgo: { 1: 10, 2: 10 } } } },
  };
}
