import { describe, expect, it } from 'vitest';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
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
