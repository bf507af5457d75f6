/**
 * Moves after a waiting time at their edges (flows.ts): an age that no open
 * case can have yet moves nothing, in either mode, and touches no other
 * lane's cases.
 */
import { describe, expect, it } from 'vitest';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { LaneSpec } from '../../src/scenario/types.js';
import { benchReference } from './bench-reference.js';

const lane = (name: string, share: number, extra: Partial<LaneSpec> = {}): LaneSpec => ({
  ...benchReference().lanes[0]!,
  name,
  share,
  minWaitWeeks: 0,
  ...extra,
});

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
