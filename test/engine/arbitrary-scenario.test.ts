import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { arbitraryScenario } from './arbitrary-scenario.js';

describe('the random-scenario generator reaches the edge cases the invariants must hold at', () => {
  it('shares of 0 and 1, lanes with no cases, capacities of 0, hours and dedicated pools, closed calendar weeks, waits of 0', () => {
    const samples = fc.sample(arbitraryScenario(), { numRuns: 2000, seed: 7 });
    const count = (test: (s: Scenario) => boolean) => samples.filter(test).length;
    const zeroCapacity = (s: Scenario) =>
      [s.capacity, ...s.lanes.map((l) => l.dedicatedCapacity)].some((c) => {
        if (c === null) return false;
        const p = c.policy;
        return (
          (p.kind === 'perWeek' && p.perWeek === 0) ||
          (p.kind === 'perYear' && p.perYear === 0) ||
          (p.kind === 'staff' && p.fte === 0)
        );
      });
    const emptyLane = (s: Scenario) => {
      const plan = compile(s);
      return plan.laneNames.some(
        (_, lane) =>
          plan.initialBacklog[lane] === 0 && s.lanes.find((l) => l.name === plan.laneNames[lane])!.share === 0,
      );
    };
    const coverage = {
      shareZero: count((s) => s.lanes.some((l) => l.share === 0)),
      shareOne: count((s) => s.lanes.some((l) => l.share === 1) && s.lanes.length > 1),
      emptyLane: count(emptyLane),
      zeroCapacity: count(zeroCapacity),
      hours: count((s) => s.capacity.unit === 'hours'),
      staff: count((s) => s.capacity.policy.kind === 'staff'),
      inflowFollowing: count((s) => s.capacity.policy.kind === 'inflowPlusMargin'),
      dedicated: count((s) => s.lanes.some((l) => l.dedicatedCapacity !== null)),
      dedicatedHours: count((s) => s.lanes.some((l) => l.dedicatedCapacity?.unit === 'hours')),
      calendar: count((s) => s.calendar.length > 0),
      closedDays: count((s) => s.calendar.some((c) => c.scale === 0 && c.to > c.from)),
      workWeek: count((s) => s.workWeek !== undefined && s.calendar.length > 0),
      waitZero: count((s) => s.lanes.some((l) => l.minWaitWeeks === 0)),
      waitLong: count((s) => s.lanes.some((l) => l.minWaitWeeks >= 5)),
      weeklyInflow: count((s) => s.inflow.kind === 'weekly'),
      noInflow: count((s) => s.inflow.kind === 'constant' && s.inflow.meanPerWeek === 0),
    };
    // At least 1% of the samples for each case, so that 500 runs of a property meet each one a few times.
    for (const [name, n] of Object.entries(coverage)) expect(n, name).toBeGreaterThanOrEqual(20);
  });
});
