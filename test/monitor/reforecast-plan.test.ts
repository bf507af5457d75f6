/**
 * A re-forecast from actuals equal to the plan's expected values gives the
 * plan's own expected-value result: from the start (no actuals) and from later
 * weeks, with the actuals per lane or as totals only.
 */
import { describe, expect, it } from 'vitest';
import { reforecastExpected } from '../../src/monitor/reforecast-expected.js';
import { reforecastScenario } from '../../src/monitor/reforecast-scenario.js';
import type { ReforecastSetup } from '../../src/monitor/reforecast-scenario.js';
import type { Actuals } from '../../src/monitor/actuals.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { initialBacklogAges, loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { benchReference } from '../engine/bench-reference.js';
import { actualsOf, expectedActuals, expectedRun, expectedTotal } from './expected-actuals.js';
import type { Detail } from './expected-actuals.js';

function setupOf(scenario: Scenario, actuals: Actuals): ReforecastSetup {
  const setup = reforecastScenario(scenario, actuals, { learn: null });
  if (!setup.ok) throw new Error(setup.issues.map(formatIssue).join('\n'));
  return setup.value;
}

/**
 * The decisions the plan makes after week k - 1 minus those the re-forecast
 * from week k makes, for a capacity of c a week: the plan issues
 * floor(52c) - floor(kc) in weeks k .. 51, the re-forecast, whose fraction
 * carried from week to week starts again at 0, floor((52 - k)c). 0 when kc is
 * whole (k a multiple of 13 for 1,600 a year: 13 x 1,600 / 52 = 400), else 1.
 * The engine takes floor(x + 1e-9), as here.
 */
function carryRestart(k: number, perWeek: number): number {
  const issued = (weeks: number) => Math.floor(weeks * perWeek + 1e-9);
  return issued(52) - issued(k) - issued(52 - k);
}

const BENCH = benchReference();
const PER_WEEK = 1600 / 52;

describe("a re-forecast from the plan's start, with no actuals", () => {
  const setup = setupOf(BENCH, actualsOf('actuals.csv', 'week', []));

  it("starts on the plan's start, runs its whole horizon and keeps its target", () => {
    expect([setup.start, setup.lastActualDate, setup.horizonWeeks]).toEqual(['2024-01-01', '2023-12-31', 52]);
    expect(setup.scenario.target).toEqual(BENCH.target);
    expect(setup.startBacklog.total).toBe(1440);
    expect(Object.values(setup.startBacklogFrom)).toEqual(['plan', 'plan', 'plan', 'plan']);
  });

  it("gives each lane the plan's own initial ages (the first-in-first-out walk reaches into them and takes them all)", () => {
    for (const lane of BENCH.lanes)
      expect(initialBacklogAges(setup.scenario.initialBacklog[lane.name])).toEqual(
        initialBacklogAges(BENCH.initialBacklog[lane.name]),
      );
  });

  it("gives the plan's expected-value path week by week and lane by lane, to 1e-9", () => {
    // Everything the engine reads is the plan's: the same cohorts, inflow means 25 a week (weekly
    // instead of constant), the same perYear capacity from the same week 0. So the same path.
    const { tally, laneNames } = expectedRun(BENCH);
    const result = reforecastExpected(setup);
    result.weekly.forEach((total, t) => {
      expect(total).toBeCloseTo(tally.backlogSum(t, 4), 9);
    });
    laneNames.forEach((name, lane) => {
      expect(result.endByLane[name]).toBeCloseTo(tally.backlogSum(51, lane), 9);
    });
    expect(result.atTarget).toBeCloseTo(1140, 9);
  });
});

describe("a re-forecast from week k, with k weeks of actuals equal to the plan's expected values", () => {
  // Why the total is exact. The actuals' backlog at the end of week k - 1 is the plan's expected
  // backlog, a whole number in total (1,440 + 25k - the whole decisions so far), and the lanes' parts,
  // fractional in expected values (25 x 0.14 = 3.5 a week arrive in incomplete), are rounded
  // cumulatively, which keeps that total. The open cases' ages follow first in first out: bench-reference
  // has no withdrawals or transfers, so a lane's open cases are exactly its most recent arrivals, the
  // same cohorts as in the plan's run up to the rounding of the lanes' parts. The inflow is the plan's
  // (25 a week), and the capacity is binding every week (the 1,300 regular cases alone are far more than
  // 31 a week), so the decisions are the capacity's quotas whatever the ages: the end backlog is the
  // start plus 25 a week minus the quotas. The quotas differ from the plan's only by the fraction of a
  // decision carried from week to week, which the re-forecast starts again at 0 (carryRestart).
  for (const k of [1, 10, 13, 26, 40])
    for (const detail of ['lanes', 'total'] as Detail[])
      it(`k = ${k}, actuals ${detail === 'lanes' ? 'per lane' : 'as totals'}: the plan's end backlog ${carryRestart(k, PER_WEEK) === 0 ? 'exactly' : 'plus the 1 decision the restarted carry does not make'}`, () => {
        const setup = setupOf(BENCH, expectedActuals(BENCH, k, detail));
        expect(setup.horizonWeeks).toBe(52 - k);
        expect(setup.startBacklog.total).toBeCloseTo(expectedTotal(BENCH, k - 1), 9);
        const end = reforecastExpected(setup).atTarget!;
        expect(end).toBeCloseTo(1140 + carryRestart(k, PER_WEEK), 9);
      });

  it('the restarted carry costs a decision at k = 10 and none at k = 13 (the arithmetic of carryRestart)', () => {
    // 10c = 307.7: the plan issues 1,600 - 307 = 1,293 in weeks 10-51, the re-forecast floor(42c) = 1,292.
    expect([carryRestart(10, PER_WEEK), carryRestart(13, PER_WEEK), carryRestart(26, PER_WEEK)]).toEqual([1, 0, 0]);
  });

  it("per lane, the end backlog is the plan's to within the rounding of the lanes' starting parts", () => {
    const { tally, laneNames } = expectedRun(BENCH);
    const setup = setupOf(BENCH, expectedActuals(BENCH, 13));
    const result = reforecastExpected(setup);
    laneNames.forEach((name, lane) => {
      expect(Math.abs(result.endByLane[name]! - tally.backlogSum(51, lane))).toBeLessThan(1);
    });
  });
});

describe('the 2024 baseline re-forecast from its own expected values', () => {
  it('ends at 1,140 from the start and from week 13, per lane or from totals', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const baseline = loaded.value.scenario;
    expect(reforecastExpected(setupOf(baseline, actualsOf('a.csv', 'week', []))).atTarget).toBeCloseTo(1140, 9);
    for (const detail of ['lanes', 'total'] as Detail[]) {
      const setup = setupOf(baseline, expectedActuals(baseline, 13, detail));
      // The plan's uncertainty block stays (no learning): every factor has mean 1.
      expect(setup.scenario.uncertainty).toEqual(baseline.uncertainty);
      expect(setup.scenario.capacity).toEqual(baseline.capacity);
      expect(reforecastExpected(setup).atTarget).toBeCloseTo(1140, 9);
    }
  });
});
