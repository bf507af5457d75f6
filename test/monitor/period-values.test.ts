/**
 * The plan's values per period of the actuals, recorded replication by
 * replication (src/job/period-values.ts): weekly periods are the engine's
 * weeks exactly, months take each week's flows by its days and the backlog
 * on the line between week ends, the sums run from their first period, and
 * the histograms merge into the same result for any split of the work.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/scenario/index.js';
import { traceReplication } from '../../src/engine/trace.js';
import { JobTallies, partWork } from '../../src/job/job-tallies.js';
import { singleRun } from '../../src/job/job.js';
import type { Job } from '../../src/job/job.js';
import type { PeriodSpec } from '../../src/job/period-values.js';
import { runJob } from '../../src/job/run-job.js';
import { parseActualsCsv } from '../../src/monitor/actuals.js';
import { periodSpec } from '../../src/monitor/period-spec.js';
import { runScenario } from '../../src/run/run-scenario.js';
import type { Scenario } from '../../src/scenario/types.js';
import { benchReference } from '../engine/bench-reference.js';

const LANES = ['incomplete', 'hearing-free', 'safe-country', 'regular'];

function specOf(scenario: Scenario, csv: string): PeriodSpec {
  const actuals = parseActualsCsv(csv, 'a.csv', scenario);
  if (!actuals.ok) throw new Error(actuals.issues.map((i) => i.problem).join('; '));
  return periodSpec(actuals.value, scenario).spec;
}

function tallies(job: Job, first: number, count: number): JobTallies {
  const t = new JobTallies(partWork(job, { fromPlan: 0, toPlan: 1, firstReplication: first, replications: count }));
  t.runRange(first, count);
  return t;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('periodSpec', () => {
  it('weeks are whole weeks (scale 1); months the days of each week they hold, and where their last day falls (scale 7)', () => {
    const scenario = benchReference();
    const weekly = specOf(scenario, 'date,inflow\n2024-01-08,3\n2024-01-15,4\n');
    expect(weekly.scale).toBe(1);
    expect(weekly.periods).toEqual([
      { firstWeek: 1, days: [7], elapsedDays: 7 },
      { firstWeek: 2, days: [7], elapsedDays: 7 },
    ]);
    // January 2024: Monday 1 to Wednesday 31, weeks 0-3 and 3 days of week 4; February: 4 days of week 4, ..., Thursday 29.
    const monthly = specOf(scenario, 'date,inflow,backlog:regular\n2024-01,110,\n2024-02,100,1300\n');
    expect(monthly.scale).toBe(7);
    expect(monthly.periods).toEqual([
      { firstWeek: 0, days: [7, 7, 7, 7, 3], elapsedDays: 3 },
      { firstWeek: 4, days: [4, 7, 7, 7, 4], elapsedDays: 4 },
    ]);
    expect(monthly.series.map((s) => [s.measure, s.lanes.length, s.cumulativeFrom])).toEqual([
      ['inflow', 4, 0],
      ['decisions', 4, null],
      ['backlog', 4, null],
      ['backlog', 1, null],
    ]);
  });
});

describe('the values of the periods, replication by replication', () => {
  it("weekly periods are the engine's weeks: the backlog's histogram is the tally's, the inflow's sum the tally's", () => {
    const scenario = benchReference({ replications: 200 });
    const spec = specOf(
      scenario,
      `date,inflow,decisions,backlog\n${Array.from({ length: 52 }, (_, t) => `${weekStart(t)},1,1,1`).join('\n')}\n`,
    );
    const run = tallies({ ...singleRun(scenario), periods: spec }, 0, 200);
    const tally = run.tally(0);
    const recorded = run.periodValues(0);
    for (let t = 0; t < 52; t++) {
      expect(recorded.values[2]![t]!.toData()).toEqual(tally.backlog![t * 5 + 4]!.toData());
      const arrivals = sum([0, 1, 2, 3].map((lane) => tally.arrivalsSum[t * 4 + lane]!));
      expect(recorded.values[0]![t]!.sum()).toBe(arrivals);
      expect(recorded.values[1]![t]!.sum()).toBe(sum([0, 1, 2, 3].map((lane) => tally.decisionsSum(t, lane))));
    }
  });

  it('months: each week spread over its days, the backlog on the line between week ends, in sevenths of a case', () => {
    const scenario = benchReference({ replications: 1 });
    const spec = specOf(scenario, 'date,inflow,decisions,backlog,backlog:regular\n2024-01,1,1,1,1\n2024-02,1,1,1,1\n');
    const recorded = tallies({ ...singleRun(scenario), periods: spec }, 0, 1).periodValues(0);
    const trace = traceReplication(compile(scenario), { seed: scenario.seed, replication: 0 });
    const total = (values: readonly number[]) => sum(values);
    const inflow = (week: number) => total(trace.weeks[week]!.arrivals);
    const decided = (week: number) => total(trace.weeks[week]!.decisions);
    const open = (week: number) => total(trace.weeks[week]!.backlogEnd);
    const regular = (week: number) => trace.weeks[week]!.backlogEnd[LANES.indexOf('regular')]!;
    const only = (series: number, period: number) => recorded.values[series]![period]!.entries();
    // January: weeks 0-3 whole (x 7 days) and 3 days of week 4; its backlog on Wednesday 31 January, 3 days into week 4.
    expect(only(0, 0)).toEqual([[7 * (inflow(0) + inflow(1) + inflow(2) + inflow(3)) + 3 * inflow(4), 1]]);
    expect(only(1, 0)).toEqual([[7 * (decided(0) + decided(1) + decided(2) + decided(3)) + 3 * decided(4), 1]]);
    expect(only(2, 0)).toEqual([[4 * open(3) + 3 * open(4), 1]]);
    expect(only(3, 0)).toEqual([[4 * regular(3) + 3 * regular(4), 1]]);
    // February: 4 days of week 4, weeks 5-7 whole, 4 days of week 8; its backlog on Thursday 29 February.
    expect(only(0, 1)).toEqual([[4 * inflow(4) + 7 * (inflow(5) + inflow(6) + inflow(7)) + 4 * inflow(8), 1]]);
    expect(only(2, 1)).toEqual([[3 * open(7) + 4 * open(8), 1]]);
    // The sums of inflow from January on.
    expect(recorded.cumulative[0]!.map((h) => h.entries())).toEqual([
      only(0, 0),
      [[only(0, 0)[0]![0] + only(0, 1)[0]![0], 1]],
    ]);
    // Conservation holds for the plan's months exactly: the month's flows move the backlog from one month end to the next.
    const initial = 60 + 20 + 60 + 1300;
    expect(only(2, 0)[0]![0]).toBe(7 * initial + only(0, 0)[0]![0] - only(1, 0)[0]![0]);
    expect(only(2, 1)[0]![0]).toBe(only(2, 0)[0]![0] + only(0, 1)[0]![0] - only(1, 1)[0]![0]);
  });

  it('the sums start at the first period with the figure: earlier periods have none', () => {
    const scenario = benchReference({ replications: 50 });
    const spec = specOf(scenario, 'date,inflow,decisions\n2024-01-01,,3\n2024-01-08,,4\n2024-01-15,5,5\n');
    expect(spec.series.map((s) => [s.measure, s.cumulativeFrom])).toEqual([
      ['inflow', 2],
      ['decisions', 0],
      ['backlog', null],
    ]);
    const recorded = tallies({ ...singleRun(scenario), periods: spec }, 0, 50).periodValues(0);
    expect(recorded.cumulative.map((periods) => periods.length)).toEqual([1, 3, 0]);
    expect(recorded.cumulative[0]![0]!.toData()).toEqual(recorded.values[0]![2]!.toData());
  });

  it('merges exactly: two ranges of replications give what one range gives', () => {
    const scenario = benchReference({ replications: 600, horizonWeeks: 20 });
    const spec = specOf(
      scenario,
      'date,inflow,decisions,backlog\n2024-01,1,1,1\n2024-02,1,1,1\n2024-03,1,1,1\n2024-04,1,1,1\n',
    );
    const job = { ...singleRun(scenario), periods: spec };
    const whole = tallies(job, 0, 600);
    const split = tallies(job, 0, 250);
    split.mergeData(tallies(job, 250, 350).toData());
    expect(split.periodValues(0).toData()).toEqual(whole.periodValues(0).toData());
    expect(split.tally(0).toData()).toEqual(whole.tally(0).toData());
  });

  it('is the same for any number of worker threads (the build runs the workers)', async () => {
    const scenario = benchReference({ replications: 4_100, horizonWeeks: 13 });
    const spec = specOf(scenario, 'date,inflow,decisions,backlog\n2024-01,1,1,1\n2024-02,1,1,1\n');
    const job = { ...singleRun(scenario), periods: spec };
    const one = await runJob(job, undefined, { workers: 1 });
    const two = await runJob(job, undefined, { workers: 2 });
    expect(two.periodValues(0).toData()).toEqual(one.periodValues(0).toData());
    expect(one.periodValues(0).values[0]![0]!.count).toBe(4_100);
  });

  it("the weekly backlog's P50 of a monitor is the one `caseload run` prints: the same seed and replications", async () => {
    const scenario = benchReference({ replications: 300 });
    const spec = specOf(
      scenario,
      `date,backlog\n${Array.from({ length: 52 }, (_, t) => `${weekStart(t)},1`).join('\n')}\n`,
    );
    const recorded = (await runJob({ ...singleRun(scenario), periods: spec })).periodValues(0);
    const run = await runScenario(scenario, { explain: false });
    const total = run.weekly.filter((row) => row.lane === 'total');
    expect(total.map((row) => row.p50)).toEqual(recorded.values[2]!.map((h) => h.quantile(0.5)));
    expect(total.map((row) => row.p95)).toEqual(recorded.values[2]!.map((h) => h.quantile(0.95)));
  });
});

function weekStart(t: number): string {
  return new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10);
}
