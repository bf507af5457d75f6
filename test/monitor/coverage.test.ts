/**
 * Actuals drawn from the scenario itself fall inside the plan's P5-P95 band
 * in about 90% of periods: replications of the plan with another seed (so
 * drawn independently of the replications the band comes from) play the
 * year that happened, week by week or month by month.
 */
import { describe, expect, it } from 'vitest';
import { traceReplication } from '../../src/engine/trace.js';
import type { Trace } from '../../src/engine/trace.js';
import { singleRun } from '../../src/job/job.js';
import { runJob } from '../../src/job/run-job.js';
import type { Actuals, ActualValue, Measure } from '../../src/monitor/actuals.js';
import { compareActuals } from '../../src/monitor/compare-actuals.js';
import { periodSpec } from '../../src/monitor/period-spec.js';
import { planBands } from '../../src/monitor/plan-bands.js';
import { compile, loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { dayNumber, isoDate } from '../../src/time/weeks.js';

/** Another master seed than the scenario's: the "actual" years are drawn independently of the plan's replications. */
const OTHER_SEED = 777;

/** Periods of a year: weeks 0-51, or the months January to November 2024 (December ends after the 52 weeks). */
function periodsOf(scenario: Scenario, period: 'week' | 'month'): { from: number; to: number }[] {
  const start = dayNumber(scenario.start)!;
  if (period === 'week') return Array.from({ length: 52 }, (_, t) => ({ from: start + 7 * t, to: start + 7 * t + 6 }));
  return Array.from({ length: 11 }, (_, m) => ({
    from: dayNumber(`2024-${String(m + 1).padStart(2, '0')}-01`)!,
    to: dayNumber(`2024-${String(m + 2).padStart(2, '0')}-01`)! - 1,
  }));
}

/**
 * One drawn year as actuals: each period's inflow and decisions (a week's
 * spread over its days), and the backlog at its end (on the line between
 * the ends of its week and the week before), all lanes together: the
 * figures the plan's band describes.
 */
function actualsOf(scenario: Scenario, trace: Trace | null, period: 'week' | 'month'): Actuals {
  const start = dayNumber(scenario.start)!;
  const total = (week: number, key: 'arrivals' | 'decisions' | 'backlogEnd') =>
    trace === null ? 0 : trace.weeks[week]![key].reduce((a, b) => a + b, 0);
  const initial = 60 + 20 + 60 + 1300;
  const value = (total: number): ActualValue => ({ total, byLane: {} });
  return {
    file: 'drawn.csv',
    period,
    lanes: { inflow: [], decisions: [], backlog: [] },
    source: null,
    periods: periodsOf(scenario, period).map(({ from, to }, i) => {
      let inflow = 0;
      let decisions = 0;
      for (let day = from; day <= to; day++) {
        const week = Math.floor((day - start) / 7);
        inflow += total(week, 'arrivals') / 7;
        decisions += total(week, 'decisions') / 7;
      }
      const week = Math.floor((to - start) / 7);
      const elapsed = to - (start + 7 * week) + 1;
      const before = week === 0 ? initial : total(week - 1, 'backlogEnd');
      const backlog = ((7 - elapsed) * before + elapsed * total(week, 'backlogEnd')) / 7;
      return {
        line: i + 2,
        from: isoDate(from),
        to: isoDate(to),
        label: String(i),
        inflow: value(inflow),
        decisions: value(decisions),
        backlog: value(backlog),
      };
    }),
  };
}

describe('coverage of the plan’s band by actuals drawn from the scenario itself', () => {
  for (const period of ['week', 'month'] as const) {
    it(`about 90% of ${period}ly figures fall inside P5-P95 (binomial tolerance)`, async () => {
      const loaded = await loadScenario('scenarios/baseline-2024.yaml');
      if (!loaded.ok) throw new Error('the baseline does not load');
      const scenario = loaded.value.scenario;
      const plan = compile(scenario);
      const { spec, series } = periodSpec(actualsOf(scenario, null, period), scenario);
      const recorded = (await runJob({ ...singleRun(scenario), periods: spec })).periodValues(0);
      const bands = planBands(spec, series, recorded);
      const periods = spec.periods.length;
      const measures: Measure[] = ['inflow', 'decisions', 'backlog'];
      const combinations = periods * measures.length;

      // Each drawn year counts for one (period, measure) only, in turn: the years are independent, so the count
      // of figures inside is a sum of independent trials; figures of one year are not (a high inflow level
      // lifts every week and the backlog), which would make a binomial tolerance too narrow.
      const draws = combinations * (period === 'week' ? 8 : 30);
      let inside = 0;
      let expected = 0;
      for (let i = 0; i < draws; i++) {
        const combination = i % combinations;
        const p = Math.floor(combination / measures.length);
        const measure = measures[combination % measures.length]!;
        const trace = traceReplication(plan, { seed: OTHER_SEED, replication: i });
        const row = compareActuals(actualsOf(scenario, trace, period), bands).find(
          (r) => r.measure === measure && r.from === isoDate(periodsOf(scenario, period)[p]!.from),
        )!;
        if (row.status === 'inside') inside++;
        // The band's own coverage of the plan's replications: at least 90%, more where the figures are whole
        // numbers that the P5 or the P95 falls on (Poisson inflow: about 92% of weeks).
        const histogram = recorded.values[series.findIndex((s) => s.measure === measure && s.lane === null)]![p]!;
        const band = bands.values[series.findIndex((s) => s.measure === measure && s.lane === null)]![p]!;
        const low = Math.ceil(band.p5 * spec.scale);
        const high = Math.floor(band.p95 * spec.scale);
        expected += (histogram.countAtMost(high) - histogram.countAtMost(low - 1)) / histogram.count;
      }
      const share = inside / draws;
      const ownCoverage = expected / draws;
      // The tolerance: 4 standard deviations of the share, from two sources. The drawn years: a binomial share
      // of `draws` trials, variance 0.9 x 0.1 / draws. The band: its P5 and P95 come from the plan's
      // R replications, so the true coverage of the band is itself off 0.9 by about sqrt(0.9 x 0.1 / R), the
      // same for every period at worst (the replications are shared), which no number of draws averages out.
      const reps = scenario.replications;
      const tolerance = 4 * Math.sqrt((0.9 * 0.1) / draws + (0.9 * 0.1) / reps);
      expect(ownCoverage).toBeGreaterThanOrEqual(0.9);
      expect(share).toBeGreaterThanOrEqual(0.9 - tolerance);
      expect(share).toBeLessThanOrEqual(ownCoverage + tolerance);
    });
  }
});
