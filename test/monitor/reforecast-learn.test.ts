/**
 * --learn: the inflow and capacity factors with their cvs, on hand-made
 * numbers; months counted by their days in the window; the capacity left
 * alone when the plan was not capacity-bound; the learned cvs in the
 * scenario's uncertainty block.
 */
import { describe, expect, it } from 'vitest';
import type { Actuals } from '../../src/monitor/actuals.js';
import { planExpectations } from '../../src/monitor/plan-expectations.js';
import { ratioEstimate } from '../../src/monitor/ratio-estimate.js';
import { reforecastScenario } from '../../src/monitor/reforecast-scenario.js';
import type { ReforecastSetup } from '../../src/monitor/reforecast-scenario.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { dayNumber } from '../../src/time/weeks.js';
import { benchReference } from '../engine/bench-reference.js';
import { actualsOf, expectedActuals, weeklyMeans } from './expected-actuals.js';
import type { TestPeriod } from './expected-actuals.js';

function setupOf(scenario: Scenario, actuals: Actuals, weeks: number): ReforecastSetup {
  const setup = reforecastScenario(scenario, actuals, { learn: { weeks } });
  if (!setup.ok) throw new Error(setup.issues.map(formatIssue).join('\n'));
  return setup.value;
}

describe('ratioEstimate', () => {
  it('is the ratio of the sums, with the standard error of a ratio estimate as its cv', () => {
    // f = 50 / 50 = 1; residuals 5 and -5: Var(sum) = 2 / 1 x 50 = 100, sd(f) = 10 / 50 = 0.2.
    expect(
      ratioEstimate(
        [
          { actual: 30, planned: 25 },
          { actual: 20, planned: 25 },
        ],
        false,
      ),
    ).toEqual({
      actual: 50,
      planned: 50,
      factor: 1,
      cv: 0.2,
      points: 2,
    });
    // Poisson's 50 is below the spread's 100: the spread stands.
    expect(
      ratioEstimate(
        [
          { actual: 30, planned: 25 },
          { actual: 20, planned: 25 },
        ],
        true,
      )!.cv,
    ).toBeCloseTo(0.2, 12);
  });

  it("floors the variance of counts at Poisson's and gives one period a cv only then", () => {
    // No spread around 1.2 x plan: Var = 60 (Poisson), cv = sqrt(60) / 50 / 1.2 = 1 / sqrt(60).
    expect(
      ratioEstimate(
        [
          { actual: 30, planned: 25 },
          { actual: 30, planned: 25 },
        ],
        true,
      )!.cv,
    ).toBeCloseTo(1 / Math.sqrt(60), 12);
    expect(ratioEstimate([{ actual: 30, planned: 25 }], true)!.cv).toBeCloseTo(1 / Math.sqrt(30), 12);
    expect(ratioEstimate([{ actual: 30, planned: 25 }], false)!.cv).toBeNull();
    // The residuals are against the plan's own shape: a planned rise is no noise.
    expect(
      ratioEstimate(
        [
          { actual: 22, planned: 20 },
          { actual: 33, planned: 30 },
        ],
        false,
      )!.cv,
    ).toBe(0);
    expect(ratioEstimate([{ actual: 3, planned: 0 }], true)).toBeNull();
    expect(ratioEstimate([{ actual: 0, planned: 5 }], true)).toMatchObject({ factor: 0, cv: 0 });
  });
});

/** Monthly actuals of bench-reference, January to June 2024: inflow and decisions as given, no backlog. */
function months(inflow: readonly number[], decisions: readonly number[]): Actuals {
  const ends = ['01-31', '02-29', '03-31', '04-30', '05-31', '06-30'];
  const periods: TestPeriod[] = ends.map((end, m) => ({
    line: m + 2,
    from: `2024-0${m + 1}-01`,
    to: `2024-${end}`,
    inflow: { total: inflow[m]!, byLane: {} },
    decisions: { total: decisions[m]!, byLane: {} },
    backlog: null,
  }));
  return actualsOf('months.csv', 'month', periods);
}

describe('learning from monthly actuals', () => {
  const BENCH = benchReference();
  const expected = planExpectations(BENCH);
  const day = (date: string) => dayNumber(date)!;
  const planned = (measure: 'arrivals' | 'decisions', from: string, to: string) =>
    [0, 1, 2, 3].reduce((sum, lane) => sum + expected[measure](lane, day(from), day(to)), 0);
  // April to June: 30 + 31 + 30 = 91 days, exactly the 13 weeks 13-25 of the plan.
  const APRIL_TO_JUNE = [
    ['2024-04-01', '2024-04-30'],
    ['2024-05-01', '2024-05-31'],
    ['2024-06-01', '2024-06-30'],
  ];
  const actuals = months([110, 100, 120, 130, 140, 130], [130, 125, 135, 120, 125, 115]);

  it("the inflow factor: actual over the plan's expected inflow of the same days, with its cv", () => {
    const learned = setupOf(BENCH, actuals, 13).learned!;
    expect([learned.from, learned.to, learned.days]).toEqual(['2024-04-01', '2024-06-30', 91]);
    // The plan expects 25 / 7 a day: 91 days, 325 cases.
    expect(learned.inflow!.planned).toBeCloseTo(325, 9);
    expect(learned.inflow!.factor).toBeCloseTo(400 / 325, 12);
    const f = 400 / 325;
    const p = APRIL_TO_JUNE.map(([from, to]) => planned('arrivals', from!, to!));
    const squares = [130, 140, 130].reduce((sum, a, i) => sum + (a - f * p[i]!) ** 2, 0);
    expect(learned.inflow!.cv).toBeCloseTo(Math.sqrt(Math.max(1.5 * squares, 400)) / 325 / f, 12);
  });

  it("the capacity factor: actual decisions over the plan's, 360 / 400, applied to the capacity, its cv to productivity", () => {
    // The plan decides the quotas of weeks 13-25: floor(26 x 1,600 / 52) - floor(13 x 1,600 / 52) = 800 - 400.
    const setup = setupOf(BENCH, actuals, 13);
    const capacity = setup.learned!.capacity!;
    expect(capacity.planned).toBeCloseTo(400, 9);
    expect(capacity.factor).toBeCloseTo(360 / 400, 12);
    expect([capacity.capacityBound, capacity.applied]).toEqual([true, true]);
    expect(setup.scenario.capacity.policy).toEqual({ kind: 'perYear', perYear: 1600 * (360 / 400) });
    const p = APRIL_TO_JUNE.map(([from, to]) => planned('decisions', from!, to!));
    const f = 0.9;
    const squares = [120, 125, 115].reduce((sum, a, i) => sum + (a - f * p[i]!) ** 2, 0);
    const cv = Math.sqrt(1.5 * squares) / 400 / f;
    expect(capacity.cv).toBeCloseTo(cv, 12);
    // bench-reference has no uncertainty block: the learned cvs make one.
    expect(setup.scenario.uncertainty).toEqual({
      inflow: {
        level: { cv: setup.learned!.inflow!.cv, distribution: 'lognormal' },
        drift: null,
        overdispersion: null,
      },
      capacity: { productivity: { cv, distribution: 'lognormal' }, weekly: null },
      shares: null,
      grantRates: null,
      source: 'learned from the actuals 2024-04-01 to 2024-06-30: inflow level and capacity productivity',
    });
    // The inflow from July: 25 a week x 400 / 325.
    for (const mean of weeklyMeans(setup.scenario)) expect(mean).toBeCloseTo((25 * 400) / 325, 9);
  });

  it("counts a month by its days in the window: 4 weeks back from 30 June take 28 of June's 30 days", () => {
    const learned = setupOf(BENCH, actuals, 4).learned!;
    expect([learned.from, learned.days]).toEqual(['2024-06-03', 28]);
    expect(learned.inflow!.actual).toBeCloseTo((130 * 28) / 30, 9);
    expect(learned.inflow!.planned).toBeCloseTo(100, 9);
    expect(learned.inflow!.points).toBe(1);
    // One period: Poisson's cv for the inflow, none for the capacity (productivity keeps the plan's).
    expect(learned.inflow!.cv).toBeCloseTo(Math.sqrt((130 * 28) / 30) / 100 / learned.inflow!.factor, 12);
    expect(learned.capacity!.cv).toBeNull();
  });

  it('takes what there is when the actuals cover fewer weeks than asked, and says so', () => {
    const setup = setupOf(BENCH, actuals, 52);
    expect([setup.learned!.from, setup.learned!.days]).toEqual(['2024-01-01', 182]);
    expect(setup.assumptions.join('\n')).toContain('fewer than the 52 weeks asked');
  });

  it('learns nothing from no actuals', () => {
    const setup = setupOf(BENCH, actualsOf('none.csv', 'week', []), 13);
    expect(setup.learned).toBeNull();
    expect(setup.scenario.inflow).toEqual({ kind: 'weekly', meanPerWeek: Array(52).fill(25) });
    expect(setup.assumptions.join('\n')).toContain('Nothing learned');
  });
});

describe('a plan that was not capacity-bound', () => {
  it('keeps its capacity: decisions then measure the cases available, not the capacity', () => {
    // 30.8 decisions a week against 25 arriving and 40 open: capacity is idle every week.
    const idle = benchReference({
      initialBacklog: { regular: { kind: 'spread', count: 40, spreadWeeks: 4 } },
    });
    const setup = setupOf(idle, expectedActuals(idle, 13), 13);
    const capacity = setup.learned!.capacity!;
    expect([capacity.capacityBound, capacity.applied]).toEqual([false, false]);
    expect(setup.scenario.capacity).toEqual(idle.capacity);
    expect(setup.scenario.uncertainty!.capacity.productivity).toBeNull();
    expect(setup.assumptions.join('\n')).toContain('Capacity not scaled');
  });
});

describe("the baseline's uncertainty block under --learn", () => {
  it('takes the learned cvs for the inflow level and productivity and keeps the rest', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const baseline = loaded.value.scenario;
    const setup = setupOf(baseline, expectedActuals(baseline, 26, 'total'), 13);
    const u = setup.scenario.uncertainty!;
    expect(u.inflow.level).toEqual({ cv: setup.learned!.inflow!.cv, distribution: 'lognormal' });
    // The decisions are the plan's every week: no spread, productivity known (cv 0, off).
    expect(u.capacity.productivity).toEqual({ cv: 0, distribution: 'lognormal' });
    expect(u.capacity.weekly).toEqual(baseline.uncertainty!.capacity.weekly);
    expect(u.grantRates).toEqual(baseline.uncertainty!.grantRates);
    expect(u.source).toBe(
      `${baseline.uncertainty!.source}; learned from the actuals 2024-04-01 to 2024-06-30: inflow level and capacity productivity`,
    );
  });
});
