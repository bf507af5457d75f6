/**
 * A slow drift shows in the cumulative deviation before any single week
 * leaves its band: actuals at the plan's expected values, with the inflow
 * 20% above plan from week 10 on.
 */
import { describe, expect, it } from 'vitest';
import type { Actuals } from '../../src/monitor/actuals.js';
import { compareActuals } from '../../src/monitor/compare-actuals.js';
import { monitorActuals } from '../../src/monitor/monitor-actuals.js';
import { verdicts } from '../../src/monitor/verdicts.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { scenarioIsoWeek, weekEndDate, weekStartDate } from '../../src/time/weeks.js';

/** Weekly actuals of weeks 0-51 with the given inflow (null: blank). */
function weeklyInflow(scenario: Scenario, inflow: (week: number) => number | null): Actuals {
  return {
    file: 'drift.csv',
    period: 'week',
    lanes: { inflow: [], decisions: [], backlog: [] },
    source: null,
    periods: Array.from({ length: 52 }, (_, t) => {
      const value = inflow(t);
      return {
        line: t + 2,
        from: weekStartDate(scenario.start, t),
        to: weekEndDate(scenario.start, t),
        label: scenarioIsoWeek(scenario.start, t),
        inflow: value === null ? null : { total: value, byLane: {} },
        decisions: null,
        backlog: null,
      };
    }),
  };
}

describe('a drift of the inflow', () => {
  it('20% above plan from week 10 is flagged above plan by the cumulative deviation within 8 weeks (7 predicted), by no single week', async () => {
    // The plan taken as known (--no-uncertainty): the weekly inflow is Poisson with mean 25, nothing else. With the
    // baseline's uncertain inflow level (cv 0.242) the band of the sum is +/-40% wide, and a drift of 20% stays in it.
    const loaded = await loadScenario('scenarios/baseline-2024.yaml', { uncertainty: false });
    if (!loaded.ok) throw new Error('the baseline does not load');
    const scenario = loaded.value.scenario;
    const { bands } = await monitorActuals(
      scenario,
      weeklyInflow(scenario, () => 0),
    );
    const mean = bands.values[0]!.map((q) => q.mean);
    const actuals = weeklyInflow(scenario, (t) => Math.round(mean[t]! * (t >= 10 ? 1.2 : 1)));
    const rows = compareActuals(actuals, bands).filter((row) => row.measure === 'inflow');

    // When: the sum of weeks 0..t has mean 25(t + 1) and sd 5 sqrt(t + 1); the drift adds 5(t - 9) from week 10.
    // It passes the sum's P95, about mean + 1.645 sd, in the first week t with 5(t - 9) > 1.645 x 5 sqrt(t + 1):
    // week 16, the 7th week of the drift. The test allows a week either way: the P95 is that of 1,000
    // replications, and the actuals are the plan's means rounded to whole cases.
    const z95 = 1.6448536269514722;
    let predicted = 10;
    while (5 * (predicted - 9) <= z95 * 5 * Math.sqrt(predicted + 1)) predicted++;
    expect(predicted).toBe(16);
    const flagged = rows.findIndex((row) => row.cumulative!.status === 'above');
    expect(flagged).toBeGreaterThanOrEqual(predicted - 1);
    expect(flagged).toBeLessThanOrEqual(predicted + 1);
    // Once above, it stays above: the drift only grows against the band (which widens as sqrt(t), the drift as t).
    expect(rows.slice(flagged).every((row) => row.cumulative!.status === 'above')).toBe(true);
    expect(rows.slice(0, 10).every((row) => row.cumulative!.status === 'inside')).toBe(true);
    // No single week leaves its band: 30 a week is inside the weekly P5-P95 of Poisson(25), 17 to 33.
    expect(rows.every((row) => row.status === 'inside')).toBe(true);
    expect(rows[20]!.plan.p95).toBeGreaterThanOrEqual(33);

    // The verdict at the end of the year: the run since week 10 (ISO 2024-W11), 42 weeks, 20% above the plan over them.
    const [verdict] = verdicts(rows, 'week');
    expect(verdict!.status).toBe('above');
    expect(verdict!.run!.from).toBe('2024-W11');
    expect(verdict!.run!.periods).toBe(42);
    expect(verdict!.run!.share!).toBeCloseTo(0.2, 2);
    expect(verdict!.outsideSince).toBe(scenarioIsoWeek(scenario.start, flagged));
    const last = rows[51]!.cumulative!;
    expect(verdict!.text).toBe(
      `inflow has run above plan for 42 weeks: +20% (cumulative +${Math.round(last.deviation)} cases, ` +
        `+${Math.round(last.share! * 100)}%, above the plan's P95 since ${scenarioIsoWeek(scenario.start, flagged)})`,
    );

    // Before it is flagged, the verdict already says how long the inflow has run above plan.
    const [early] = verdicts(rows.slice(0, flagged), 'week');
    expect(early!.status).toBe('inside');
    expect(early!.text).toMatch(
      new RegExp(
        `^inflow is inside the plan's band: cumulative \\+\\d+ cases \\(\\+\\d\\.\\d%\\) over ${flagged} weeks from 2024-W01, ` +
          `where the plan's P5 to P95 is -\\d+ to \\+\\d+; above plan for the last ${flagged - 10} weeks \\(\\+20%\\)$`,
      ),
    );
  });
});
