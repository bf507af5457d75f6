/**
 * The weekly step (step.ts) on scripted scenarios whose numbers follow by hand
 * from docs/model.md, in expected-value mode (exact arithmetic): the capacity
 * of a pool that follows the inflow, with refilings and a calendar.
 */
import { describe, expect, it } from 'vitest';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { CalendarEntry, LaneSpec, Scenario } from '../../src/scenario/types.js';
import { benchReference } from './bench-reference.js';

const only = (extra: Partial<LaneSpec> = {}): LaneSpec => ({
  name: 'only',
  share: 1,
  priority: 1,
  minWaitWeeks: 0,
  grantRate: 0,
  hoursPerDecision: null,
  dedicatedCapacity: null,
  ...extra,
});

/** One lane, no initial backlog, capacity (1 + margin) x this week's inflow, clamped to [min, max]. */
function following(
  meanPerWeek: number,
  rule: { margin: number; min: number; max: number },
  extra: Partial<Scenario> = {},
): Scenario {
  return benchReference({
    horizonWeeks: 6,
    inflow: { kind: 'constant', meanPerWeek },
    capacity: { unit: 'decisions', policy: { kind: 'inflowPlusMargin', trailingWeeks: 1, ...rule } },
    lanes: [only()],
    initialBacklog: {},
    target: null,
    ...extra,
  });
}

const capacities = (scenario: Scenario) =>
  traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic: true }).weeks.map((w) => w.capacity[0]);

describe('capacity that follows the inflow, expected values', () => {
  it('counts the refilings due in a week as inflow: 10 new a week, every decision refused and back a week later, gives 10, 20, 30, ...', () => {
    // Week t: 10 new plus the 10 t decided in week t - 1, all back after one week; capacity is this week's inflow.
    const scenario = following(
      10,
      { margin: 0, min: 0, max: 1000 },
      { lanes: [only({ refiling: { probability: 1, delay: [1], lanes: null } })] },
    );
    expect(capacities(scenario)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('the calendar scales the clamped rate: inflow 10, between 30 and 40, half a week gives 15 (not the clamp of a scaled maximum)', () => {
    const halfWeek: CalendarEntry = { from: '2024-01-08', to: '2024-01-14', scale: 0.5, label: null };
    // max(30, 10) = 30 every week; week 1 at half: 15. Scaling the maximum first would give min(20, 30) = 20.
    expect(capacities(following(10, { margin: 0, min: 30, max: 40 }, { calendar: [halfWeek] }))).toEqual([
      30, 15, 30, 30, 30, 30,
    ]);
  });

  it('a rate of 0.1 a week gives its first whole decision in week 9: ten additions of 0.1 floor to 1, not 0', () => {
    // 0.1 added ten times is 0.9999999999999999; the tolerance of the floor makes it the 1 it stands for.
    const units = capacities(following(0.1, { margin: 0, min: 0, max: 100 }, { horizonWeeks: 12 }));
    expect(units).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });
});
