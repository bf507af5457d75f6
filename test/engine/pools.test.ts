import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import type { Tally } from '../../src/engine/tally.js';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { runs } from '../fast-check-config.js';
import { arbitraryScenario } from './arbitrary-scenario.js';
import { benchReference } from './bench-reference.js';

describe('capacity pools in hours', () => {
  it("a dedicated pool's remainder is lost when the shared pool decides the cases it could not: nothing waits, nothing carries", () => {
    // 10 cases of 0.6 hours: the dedicated 5 hours decide 8 (0.2 hours left), the shared 2 hours the other 2.
    const scenario: Scenario = {
      ...benchReference(),
      horizonWeeks: 3,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      capacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 2 } },
      lanes: [
        {
          name: 'only',
          share: 1,
          priority: 1,
          minWaitWeeks: 0,
          grantRate: 0,
          hoursPerDecision: 0.6,
          dedicatedCapacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 5 } },
        },
      ],
      initialBacklog: { only: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 10 }] } },
      target: null,
    };
    for (const deterministic of [false, true]) {
      const trace = traceReplication(compile(scenario), { seed: 1, replication: 0, deterministic });
      expect(trace.weeks[0]!.decisions).toEqual([10]);
      // Week 1 has its own 5 dedicated hours only: the 0.2 left in week 0 was idle, not banked.
      expect(trace.weeks[1]!.poolAvailable[1]).toBe(5);
    }
  });
});

describe('decisions per pool', () => {
  const totalDecisions = (tally: Tally) => {
    let total = 0;
    for (let t = 0; t < tally.horizonWeeks; t++)
      for (let lane = 0; lane < tally.laneCount; lane++) total += tally.decisionsSum(t, lane);
    return total;
  };

  it("the pools' decisions add up to all decisions, and a dedicated pool decides only its lane's cases, within its capacity", () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.boolean(), (scenario, deterministic) => {
        const plan = compile(scenario);
        const tally = deterministic
          ? simulateDeterministic(plan)
          : simulate(plan, { seed: scenario.seed, replications: 3 });
        const byPool = Array.from(tally.poolDecisionsSum);
        expect(byPool).toHaveLength(plan.pools.length);
        const total = totalDecisions(tally);
        expect(byPool.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
        plan.pools.forEach((_, p) => {
          expect(byPool[p]!).toBeGreaterThanOrEqual(-1e-9);
          let issued = 0;
          for (let t = 0; t < plan.horizonWeeks; t++) issued += tally.capacitySum[t * plan.pools.length + p]!;
          if (p === 0) return;
          const lane = plan.dedicatedPool.indexOf(p);
          let laneDecisions = 0;
          for (let t = 0; t < plan.horizonWeeks; t++) laneDecisions += tally.decisionsSum(t, lane);
          expect(byPool[p]!).toBeLessThanOrEqual(laneDecisions + 1e-6);
          expect(byPool[p]! * plan.dedicatedEffort[lane]!).toBeLessThanOrEqual(issued * (1 + 1e-9) + 1e-6);
        });
      }),
      { numRuns: runs(200) },
    );
  });

  it('one FTE of its own for a lane decides most of its cases; the shared pool the rest', () => {
    const scenario: Scenario = {
      ...benchReference(),
      horizonWeeks: 4,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 3 } },
      lanes: [
        {
          name: 'only',
          share: 1,
          priority: 1,
          minWaitWeeks: 0,
          grantRate: 0,
          hoursPerDecision: 4,
          dedicatedCapacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 8 } },
        },
      ],
      initialBacklog: { only: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 18 }] } },
      target: null,
    };
    // Each week the dedicated 8 hours decide 2 (4 hours each), the shared pool 3: 5 a week, 18 in four weeks.
    for (const tally of [
      simulateDeterministic(compile(scenario)),
      simulate(compile(scenario), { seed: 1, replications: 2 }),
    ]) {
      const reps = tally.replications;
      expect(Array.from(tally.poolDecisionsSum).map((sum) => sum / reps)).toEqual([10, 8]);
    }
  });
});
