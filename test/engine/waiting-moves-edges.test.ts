/**
 * Moves after a waiting time at their edges (flows.ts): an age that no open
 * case can have yet moves nothing, in either mode, and touches no other
 * lane's cases.
 */
import { describe, expect, it } from 'vitest';
import { simulateDeterministic } from '../../src/engine/simulate.js';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { LaneSpec } from '../../src/scenario/types.js';
import { benchReference, testLane } from './bench-reference.js';

const lane = (name: string, share: number, extra: Partial<LaneSpec> = {}) => testLane(name, { share, ...extra });

describe('a move after a waiting time longer than any open case has waited', () => {
  it('moves nothing until a case reaches the age: the backlogs are the arrivals, in both modes', () => {
    // The oldest case was filed 3 weeks before the start; the move comes after 30 weeks, beyond the 6-week horizon.
    const scenario = benchReference({
      horizonWeeks: 6,
      inflow: { kind: 'constant', meanPerWeek: 10 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
      lanes: [lane('a', 0.5, { transfers: [{ to: 'b', probability: 1, afterWeeks: 30 }] }), lane('b', 0.5)],
      initialBacklog: {
        a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 3, count: 40 }] },
        b: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 7 }] },
      },
      target: null,
    });
    const plan = compile(scenario);
    expect(plan.maxAgeWeeks).toBeLessThan(30);
    for (const deterministic of [true, false]) {
      const weeks = traceReplication(plan, { seed: 2, replication: 0, deterministic }).weeks;
      let open = [40, 7];
      for (const week of weeks) {
        expect(week.transferredOut).toEqual([0, 0]);
        expect(week.transferredIn).toEqual([0, 0]);
        open = open.map((cases, i) => cases + week.arrivals[i]!);
        expect(week.backlogEnd).toEqual(open);
      }
    }
  });
});

describe('a move after a waiting time from a lane below another, of cases not in the oldest slot', () => {
  it('expected values: half of the 10 cases of lane y filed 1 week ago move to x at age 2, from their own slot to the same slot', () => {
    const scenario = benchReference({
      horizonWeeks: 3,
      inflow: { kind: 'constant', meanPerWeek: 0 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
      lanes: [lane('x', 1), lane('y', 0, { priority: 2, transfers: [{ to: 'x', probability: 0.5, afterWeeks: 2 }] })],
      // x's case filed 6 weeks ago makes the oldest slot 6 weeks back: y's cases are in slot 5.
      initialBacklog: {
        x: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 6, count: 1 }] },
        y: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 10 }] },
      },
      target: null,
    });
    const plan = compile(scenario);
    expect(plan.laneNames).toEqual(['x', 'y']);
    const slot = plan.maxAgeWeeks - 1;
    const weeks = traceReplication(plan, { seed: 2, replication: 0, deterministic: true }).weeks;
    expect(weeks[0]!.transferredOut).toEqual([0, 0]);
    // Week 1: the cases reach age 2.
    expect(weeks[1]!.transferredOut).toEqual([0, 5]);
    expect(weeks[1]!.transferredIn).toEqual([5, 0]);
    expect(weeks[1]!.cohorts[1]![slot]).toBe(5);
    expect(weeks[1]!.cohorts[0]![slot]).toBe(5);
    expect(weeks[1]!.backlogEnd).toEqual([6, 5]);
    // The tally keeps the moved cases at y's row and their filing slot.
    const moved = Array.from(simulateDeterministic(plan).movedOutBySlot);
    expect(moved[plan.cohortSlots + slot]).toBe(5);
    expect(moved.reduce((a, b) => a + b, 0)).toBe(5);
  });
});
