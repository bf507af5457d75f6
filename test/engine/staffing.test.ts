import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { summarize } from '../../src/run/summary.js';
import { compile, resolveScenario } from '../../src/scenario/index.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/types.js';

/** A one-lane scenario with the given capacity, checked by the loader. */
function scenario(capacity: unknown, extra: Record<string, unknown> = {}): Scenario {
  const checked = resolveScenario(
    {
      start: '2024-01-01',
      horizonWeeks: 8,
      replications: 50,
      inflow: { meanPerWeek: 0 },
      capacity,
      lanes: { only: { share: 1, grantRate: 0.5, hoursPerDecision: 1 } },
      initialBacklog: { lanes: { only: 5000 } },
      ...extra,
    },
    'test.yaml',
  );
  if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join('\n'));
  return checked.value;
}

describe('staffing over time', () => {
  it('a scheduled capacity changes from the week its date falls in', () => {
    const plan = compile(scenario({ perWeek: { '2024-01-01': 10, '2024-01-17': 20, '2024-02-05': 5 } }));
    // 2024-01-17 is in week 2 (15-21 January); 2024-02-05 starts week 5.
    expect(Array.from(plan.pools[0]!.quota!)).toEqual([10, 10, 20, 20, 20, 5, 5, 5]);
  });

  it('new staff reach full productivity evenly over rampUpWeeks; attrition takes its share every week', () => {
    const plan = compile(
      scenario({
        staff: {
          fte: { '2024-01-01': 10, '2024-01-15': 20 },
          hoursPerFteWeek: 10,
          productiveShare: 1,
          rampUpWeeks: 4,
          attritionPerQuarter: 1.3,
        },
      }),
    );
    const paid = Array.from(plan.pools[0]!.paidFte!);
    // 0.1 FTE lost a week from the start.
    expect(paid.map((f) => Number(f.toFixed(9)))).toEqual([10, 9.9, 19.8, 19.7, 19.6, 19.5, 19.4, 19.3]);
    // The 10 hired in week 2 work at 1/4, 2/4, 3/4, then fully: hours = 10 x working FTE.
    const working = [10, 9.9, 19.8 - 7.5, 19.7 - 5, 19.6 - 2.5, 19.5, 19.4, 19.3];
    let cumulative = 0;
    let issued = 0;
    const expected = working.map((fte) => {
      cumulative += fte * 10;
      const whole = Math.floor(cumulative + 1e-9);
      const quota = whole - issued;
      issued = whole;
      return quota;
    });
    expect(Array.from(plan.pools[0]!.quota!)).toEqual(expected);
  });

  it('reports paid FTE, productive hours and the staff cost per decision', () => {
    const s = scenario({
      staff: {
        fte: { '2024-01-01': 10, '2024-01-29': 12 },
        hoursPerFteWeek: 36,
        productiveShare: 0.5,
        costPerFteYear: 52_000,
      },
    });
    const plan = compile(s);
    const tally = simulate(plan, { seed: 1, replications: 50 });
    const summary = summarize(s, plan, tally, simulateDeterministic(plan));
    // Four weeks at 10 FTE, four at 12: 11 on average; 1,000 per FTE-week.
    expect(summary.staff!.fte).toBeCloseTo(11, 9);
    expect(summary.staff!.cost).toBeCloseTo((4 * 10 + 4 * 12) * 1_000, 6);
    expect(summary.staff!.hoursPerWeek).toBeCloseTo((4 * 180 + 4 * 216) / 8, 9);
    // Capacity is always binding here (5,000 cases wait), so decisions = hours.
    expect(summary.decisions.total).toBeCloseTo(4 * 180 + 4 * 216, 9);
    expect(summary.staff!.costPerDecision).toBeCloseTo(summary.staff!.cost! / summary.decisions.total, 9);
  });

  it('without costPerFteYear there is no cost, and pools not in staff report no staff', () => {
    const s = scenario({ staff: { fte: 3 } });
    const plan = compile(s);
    const summary = summarize(s, plan, simulate(plan, { seed: 1, replications: 5 }), simulateDeterministic(plan));
    expect(summary.staff).toMatchObject({ fte: 3, cost: null, costPerDecision: null });
    const perWeek = scenario({ perWeek: 3 });
    const planPerWeek = compile(perWeek);
    expect(
      summarize(
        perWeek,
        planPerWeek,
        simulate(planPerWeek, { seed: 1, replications: 5 }),
        simulateDeterministic(planPerWeek),
      ).staff,
    ).toBeUndefined();
  });

  it('a schedule must give the value at the start', () => {
    const checked = resolveScenario(
      {
        start: '2024-01-01',
        horizonWeeks: 8,
        inflow: { meanPerWeek: 1 },
        capacity: { staff: { fte: { '2024-03-01': 10 } } },
        lanes: { only: { share: 1, grantRate: 0.5, hoursPerDecision: 1 } },
      },
      'test.yaml',
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map(formatIssue)).toEqual([
      'test.yaml: capacity.staff.fte: has no value at the start: its first date 2024-03-01 is after the start 2024-01-01 (a first date on or before 2024-01-01)',
    ]);
  });
});
