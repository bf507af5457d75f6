/**
 * Actuals with the inflow 20% above plan from week 10: the re-forecast's end
 * backlog moves by the arithmetic amount in expected-value mode, and with
 * --learn by a further amount for the weeks to come; stochastic runs give the
 * target's probability with its interval and the capacity now needed, which
 * rises with the inflow.
 */
import { describe, expect, it } from 'vitest';
import { reforecast } from '../../src/monitor/reforecast.js';
import type { Reforecast, ReforecastOptions } from '../../src/monitor/reforecast.js';
import { reforecastExpected } from '../../src/monitor/reforecast-expected.js';
import { reforecastScenario } from '../../src/monitor/reforecast-scenario.js';
import type { ReforecastScenarioOptions, ReforecastSetup } from '../../src/monitor/reforecast-scenario.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/types.js';
import { replicationsForHalfWidth } from '../../src/stats/proportion.js';
import { weekStartDate } from '../../src/time/weeks.js';
import { benchReference } from '../engine/bench-reference.js';
import { expectedActuals, expectedTotal } from './expected-actuals.js';

/** bench-reference with its inflow 20% above plan from week 10: 30 a week instead of 25. */
const HIGHER = benchReference({
  inflow: { kind: 'scheduled', meanPerWeek: 25, changes: [{ from: weekStartDate('2024-01-01', 10), meanPerWeek: 30 }] },
});
const PLAN = benchReference();
/** The last actual week: 26 weeks of actuals, to 2024-06-30 (26 x 1,600 / 52 = 800 decisions, whole: no carry to restart). */
const K = 26;

function setupOf(scenario: Scenario, options: ReforecastScenarioOptions, weeks = K): ReforecastSetup {
  const setup = reforecastScenario(scenario, expectedActuals(HIGHER, weeks), options);
  if (!setup.ok) throw new Error(setup.issues.map(formatIssue).join('\n'));
  return setup.value;
}

describe('inflow 20% above plan from week 10, in expected values', () => {
  it('the actuals decide what the plan decides: capacity binds every week, so every extra case stays', () => {
    // 1,600 a year is 30.8 a week against 25 or 30 arriving, with 1,300 regular cases waiting.
    expect(expectedTotal(HIGHER, K - 1)).toBeCloseTo(expectedTotal(PLAN, K - 1) + 5 * (K - 10), 9);
  });

  it('without --learn the end backlog moves by the extra cases up to the last actual date: 5 x (26 - 10) = 80', () => {
    // Start: the plan's backlog at the end of week 25 plus 16 weeks x 5 extra cases; from there the
    // plan's inflow (25 a week) and its capacity's quotas, as in the plan: 1,140 + 80 = 1,220.
    const setup = setupOf(PLAN, { learn: null });
    expect(setup.startBacklog.total).toBeCloseTo(expectedTotal(PLAN, K - 1) + 80, 9);
    expect(reforecastExpected(setup).atTarget).toBeCloseTo(1140 + 5 * (K - 10), 9);
  });

  it('with --learn over 13 weeks (weeks 13-25, all after week 10) the inflow factor is 30 / 25 = 1.2', () => {
    const learned = setupOf(PLAN, { learn: { weeks: 13 } }).learned!;
    expect([learned.from, learned.to, learned.days]).toEqual(['2024-04-01', '2024-06-30', 91]);
    expect(learned.inflow!.actual).toBeCloseTo(13 * 30, 9);
    expect(learned.inflow!.planned).toBeCloseTo(13 * 25, 9);
    expect(learned.inflow!.factor).toBeCloseTo(1.2, 12);
    // No week departs from 1.2 x plan: the cv is Poisson's floor, sqrt(390) / 325 / 1.2 = 1 / sqrt(390).
    expect(learned.inflow!.cv).toBeCloseTo(1 / Math.sqrt(390), 12);
    // The decisions are the plan's (capacity-bound both): capacity factor 1, applied, no spread.
    expect(learned.capacity).toMatchObject({ factor: 1, cv: 0, capacityBound: true, applied: true });
  });

  it('with --learn the end backlog moves by a further 5 x 26 = 130: 26 more weeks of 30 instead of 25', () => {
    // 1,140 + 80 (the past) + (30 - 25) x 26 weeks from 2024-07-01 to the end of week 51 = 1,350;
    // the decisions stay the quotas (scaled by the capacity factor 1).
    const setup = setupOf(PLAN, { learn: { weeks: 13 } });
    expect(setup.scenario.inflow).toEqual({ kind: 'weekly', meanPerWeek: Array(26).fill(25 * 1.2) });
    expect(reforecastExpected(setup).atTarget).toBeCloseTo(1140 + 5 * (K - 10) + 5 * 26, 9);
  });
});

describe('inflow 20% above plan from week 10, stochastic', () => {
  const OPTIONS: ReforecastOptions = { confidence: 0.9 };
  const SCENARIO = { ...PLAN, replications: 400, seed: 7 };
  const run = async (weeks: number, learn: ReforecastScenarioOptions['learn']): Promise<Reforecast> => {
    const setup = reforecastScenario(SCENARIO, expectedActuals(HIGHER, weeks), { learn });
    if (!setup.ok) throw new Error(setup.issues.map(formatIssue).join('\n'));
    const result = await reforecast(setup.value, OPTIONS);
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    return result.value;
  };

  it('gives the band at the target date, the target probability with its Wilson interval and the capacity needed', async () => {
    const result = await run(K, { weeks: 13 });
    const target = result.target!;
    expect([target.week, target.weekEnd, result.atTarget!.date]).toEqual([25, '2024-12-29', '2024-12-29']);
    expect(result.weekly).toHaveLength(26);
    expect(result.atTarget!.expected).toBeCloseTo(1350, 9);
    expect(result.atTarget!.p5).toBeLessThan(result.atTarget!.p50);
    expect(result.atTarget!.p50).toBeLessThan(result.atTarget!.p95);
    expect(target.interval!.low).toBeLessThanOrEqual(target.probability);
    expect(target.interval!.high).toBeGreaterThanOrEqual(target.probability);
    expect(target.replicationsForOnePoint).toBe(replicationsForHalfWidth(target.probability));
    // 1,350 expected against a target of 1,100: out of reach at the planned 30.8 a week.
    expect(target.probability).toBeLessThan(0.05);
    const needed = result.neededCapacity!;
    expect([needed.lever, needed.unit, needed.confidence]).toEqual(['perWeek', 'decisions/week', 0.9]);
    expect(needed.inEffect).toBeCloseTo(1600 / 52, 9);
    // 1,350 expected at 30.8 a week: 250 cases too many, 250 / 26 = 9.6 more decisions a week in expected
    // values (40.4); the 90% confidence asks for more against the inflow's luck and its learned level.
    expect(needed.value).toBeGreaterThan(1600 / 52 + 250 / 26);
    expect(needed.probabilityInterval!.low).toBeGreaterThanOrEqual(0.9);
    // The capacity factor was learned (1): the planned capacity is the same number.
    expect(needed.planned).toBe(needed.value);
  });

  it('needs more capacity, and reaches the target less often, than a re-forecast from actuals on plan', async () => {
    const onPlan = reforecastScenario(SCENARIO, expectedActuals(PLAN, K), { learn: { weeks: 13 } });
    if (!onPlan.ok) throw new Error('no setup');
    const planned = await reforecast(onPlan.value, OPTIONS);
    const higher = await run(K, { weeks: 13 });
    if (!planned.ok) throw new Error('no re-forecast');
    expect(higher.neededCapacity!.value!).toBeGreaterThan(planned.value.neededCapacity!.value!);
    expect(higher.target!.probability).toBeLessThan(planned.value.target!.probability);
  });

  it('is the same on 2 worker threads as on 1', async () => {
    const setup = reforecastScenario(SCENARIO, expectedActuals(HIGHER, K), { learn: null });
    if (!setup.ok) throw new Error('no setup');
    const options = { neededCapacity: false } as const;
    const [one, two] = await Promise.all([
      reforecast(setup.value, { ...options, workers: 1 }),
      reforecast(setup.value, { ...options, workers: 2 }),
    ]);
    if (!one.ok || !two.ok) throw new Error('no re-forecast');
    expect(two.value.weekly).toEqual(one.value.weekly);
    expect(two.value.target).toEqual(one.value.target);
    expect(one.value.neededCapacity).toBeNull();
  });

  it('in deterministic mode gives the expected-value path, a probability of 0 or 1 without an interval, and no search', async () => {
    const setup = reforecastScenario(SCENARIO, expectedActuals(HIGHER, K), { learn: null });
    if (!setup.ok) throw new Error('no setup');
    const result = await reforecast(setup.value, { deterministic: true });
    if (!result.ok) throw new Error('no re-forecast');
    expect(result.value.atTarget!.mean).toBeCloseTo(1220, 9);
    expect(result.value.atTarget!.p95).toBe(result.value.atTarget!.mean);
    expect(result.value.target).toMatchObject({ probability: 0, interval: null, replicationsForOnePoint: null });
    expect(result.value.neededCapacity).toBeNull();
  });
});
