/**
 * Step 3 of the weekly step (step.ts, decisions) number for number, where the
 * other tests do not look: a binding dedicated pool carries its remainder
 * while cases wait; a lane below another in the same pool of hours gets the
 * hours the first left; cases moved at the decision step are kept by lane and
 * filing slot.
 */
import { describe, expect, it } from 'vitest';
import { simulateDeterministic } from '../../src/engine/simulate.js';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { LaneSpec, Scenario } from '../../src/scenario/types.js';
import { benchReference, testLane } from './bench-reference.js';

const lane = (name: string, priority: number, extra: Partial<LaneSpec> = {}) =>
  testLane(name, { share: name === 'x' ? 1 : 0, priority, ...extra });

function scenario(overrides: Partial<Scenario>): Scenario {
  return benchReference({
    horizonWeeks: 3,
    inflow: { kind: 'constant', meanPerWeek: 0 },
    target: null,
    ...overrides,
  });
}

describe('a dedicated pool that runs out while cases wait', () => {
  it('carries the part of a decision it had left: 5 hours a week at 0.6 hours gives 8, 8, 9 decisions (0.2, 0.4, 0 left)', () => {
    const plan = compile(
      scenario({
        capacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 0 } },
        lanes: [
          lane('x', 1, {
            hoursPerDecision: 0.6,
            dedicatedCapacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 5 } },
          }),
        ],
        initialBacklog: { x: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 100 }] } },
      }),
    );
    const weeks = traceReplication(plan, { seed: 1, replication: 0 }).weeks;
    expect(weeks.map((week) => week.decisions[0])).toEqual([8, 8, 9]);
    expect(weeks[1]!.poolAvailable[1]).toBeCloseTo(5.2, 12);
    expect(weeks[2]!.poolAvailable[1]).toBeCloseTo(5.4, 12);
  });
});

describe('two lanes in one pool of hours', () => {
  it('100 hours, 2 hours a decision: the first lane decides its 10 cases, the second 40 with the 80 hours left, in both modes', () => {
    const plan = compile(
      scenario({
        capacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 100 } },
        lanes: [lane('x', 1, { hoursPerDecision: 2 }), lane('y', 2, { hoursPerDecision: 2 })],
        initialBacklog: {
          x: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 10 }] },
          y: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 100 }] },
        },
      }),
    );
    for (const deterministic of [true, false]) {
      const weeks = traceReplication(plan, { seed: 1, replication: 0, deterministic }).weeks;
      expect(weeks[0]!.decisions).toEqual([10, 40]);
      expect(weeks[1]!.decisions).toEqual([0, 50]);
      expect(weeks[0]!.poolLeft[0]).toBe(0);
    }
  });
});

describe('two lanes in one pool of hours, with moves at the decision step', () => {
  it('expected values: the first lane spends 20 of 100 hours, the second reaches 40 cases with the 80 left, and half of them move', () => {
    const plan = compile(
      scenario({
        capacity: { unit: 'hours', policy: { kind: 'perWeek', perWeek: 100 } },
        lanes: [
          lane('x', 1, { hoursPerDecision: 2 }),
          lane('y', 2, { hoursPerDecision: 2, transfers: [{ to: 'x', probability: 0.5 }] }),
        ],
        initialBacklog: {
          x: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 10 }] },
          y: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 100 }] },
        },
      }),
    );
    const week = traceReplication(plan, { seed: 1, replication: 0, deterministic: true }).weeks[0]!;
    expect(week.decisions).toEqual([10, 20]);
    expect(week.transferredOut).toEqual([0, 20]);
    expect(week.poolLeft[0]).toBe(0);
  });
});

describe('cases moved at the decision step, by lane and filing slot', () => {
  it('a lane below another (index 1) moving 40% of the 10 cases it reaches: 4 kept at its row and the cases’ slot', () => {
    const plan = compile(
      scenario({
        capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 100 } },
        lanes: [lane('x', 1), lane('y', 2, { transfers: [{ to: 'x', probability: 0.4 }] })],
        // A case of x filed 8 weeks ago makes the oldest slot 8 weeks back, so y's cases are not in slot 0.
        initialBacklog: {
          x: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 8, count: 1 }] },
          y: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 3, count: 10 }] },
        },
      }),
    );
    expect(plan.laneNames).toEqual(['x', 'y']);
    const tally = simulateDeterministic(plan);
    const slot = plan.maxAgeWeeks - 3;
    expect(slot).toBeGreaterThan(0);
    const moved = Array.from(tally.movedOutBySlot);
    expect(moved[plan.cohortSlots + slot]).toBeCloseTo(4, 12);
    expect(moved.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 12);
  });
});
