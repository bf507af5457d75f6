import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceReplication } from '../../src/engine/trace.js';
import type { Trace } from '../../src/engine/trace.js';
import type { Plan } from '../../src/engine/plan.js';
import { compile } from '../../src/scenario/compile.js';
import { arbitraryScenario } from './arbitrary-scenario.js';

const RUNS = 500;
const both = fc.tuple(arbitraryScenario(), fc.boolean(), fc.nat(1000));

function traced(scenario: Parameters<typeof compile>[0], deterministic: boolean, replication: number): { plan: Plan; trace: Trace } {
  const plan = compile(scenario);
  return { plan, trace: traceReplication(plan, { seed: scenario.seed, replication, deterministic }) };
}

/** Cases removed from each arrival slot of a lane in week t. */
function removedBySlot(plan: Plan, trace: Trace, t: number, lane: number): number[] {
  const before = t === 0 ? Array.from(plan.initialCohorts.subarray(lane * plan.cohortSlots, (lane + 1) * plan.cohortSlots)) : [...trace.weeks[t - 1]!.cohorts[lane]!];
  before[t + plan.maxAgeWeeks]! += trace.weeks[t]!.arrivals[lane]!;
  return before.map((open, slot) => open - trace.weeks[t]!.cohorts[lane]![slot]!);
}

describe('MODEL.md invariants on random scenarios', () => {
  it('conservation per lane and in total every week; no backlog is ever negative', () => {
    fc.assert(
      fc.property(both, ([scenario, deterministic, replication]) => {
        const { trace } = traced(scenario, deterministic, replication);
        for (const week of trace.weeks) {
          let start = 0;
          let end = 0;
          week.backlogEnd.forEach((open, lane) => {
            const expected = week.backlogStart[lane]! + week.arrivals[lane]! - week.decisions[lane]!;
            expect(open).toBeCloseTo(expected, 9);
            expect(open).toBeGreaterThanOrEqual(-1e-9);
            expect(week.decisions[lane]!).toBeGreaterThanOrEqual(0);
            start += week.backlogStart[lane]! + week.arrivals[lane]! - week.decisions[lane]!;
            end += open;
          });
          expect(end).toBeCloseTo(start, 9);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('stochastic runs have whole cases and whole decisions', () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.nat(1000), (scenario, replication) => {
        const { trace } = traced(scenario, false, replication);
        for (const week of trace.weeks) {
          for (const value of [...week.arrivals, ...week.decisions, ...week.backlogEnd]) expect(Number.isInteger(value)).toBe(true);
        }
        trace.grants.forEach((grants) => expect(Number.isInteger(grants)).toBe(true));
      }),
      { numRuns: RUNS },
    );
  });

  it('FIFO within a lane, and no case decided before its minimum wait', () => {
    fc.assert(
      fc.property(both, ([scenario, deterministic, replication]) => {
        const { plan, trace } = traced(scenario, deterministic, replication);
        for (let t = 0; t < plan.horizonWeeks; t++) {
          for (let lane = 0; lane < plan.laneCount; lane++) {
            const removed = removedBySlot(plan, trace, t, lane);
            const after = trace.weeks[t]!.cohorts[lane]!;
            const firstOpen = after.findIndex((open) => open > 1e-9);
            removed.forEach((count, slot) => {
              if (count < -1e-9) throw new Error(`week ${t} lane ${lane}: cases appeared in slot ${slot}`);
              if (count <= 1e-12) return;
              const waited = t - (slot - plan.maxAgeWeeks);
              if (waited < plan.minWaitWeeks[lane]!) throw new Error(`week ${t} lane ${lane}: decided after ${waited} weeks`);
              // Everything older than a decided case is gone.
              if (firstOpen !== -1 && slot > firstOpen) throw new Error(`week ${t} lane ${lane}: slot ${slot} decided before ${firstOpen}`);
            });
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a shared pool counted in decisions: never exceeded, priority order kept, idle only when nothing is eligible', () => {
    fc.assert(
      fc.property(arbitraryScenario({ unit: 'decisions', dedicated: false }), fc.boolean(), fc.nat(1000), (scenario, deterministic, replication) => {
        const { plan, trace } = traced(scenario, deterministic, replication);
        for (let t = 0; t < plan.horizonWeeks; t++) {
          const week = trace.weeks[t]!;
          const used = week.decisions.reduce((a, b) => a + b, 0);
          expect(used).toBeLessThanOrEqual(week.capacity[0]! + 1e-9);
          const eligibleLeft = plan.laneNames.map((_, lane) => {
            const lastSlot = t - plan.minWaitWeeks[lane]! + plan.maxAgeWeeks;
            return week.cohorts[lane]!.slice(0, Math.max(0, lastSlot + 1)).reduce((a, b) => a + b, 0);
          });
          if (used < week.capacity[0]! - 1e-9) eligibleLeft.forEach((left) => expect(left).toBeLessThanOrEqual(1e-9));
          // A lane served while a higher-priority lane still had eligible cases would break priority.
          for (let high = 0; high < plan.laneCount; high++) {
            if (eligibleLeft[high]! <= 1e-9) continue;
            for (let low = high + 1; low < plan.laneCount; low++) expect(week.decisions[low]!).toBe(0);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('every decision counts one lead time, t - a weeks', () => {
    fc.assert(
      fc.property(both, ([scenario, deterministic, replication]) => {
        const { plan, trace } = traced(scenario, deterministic, replication);
        const expected = plan.laneNames.map(() => new Array<number>(plan.cohortSlots).fill(0));
        for (let t = 0; t < plan.horizonWeeks; t++) {
          for (let lane = 0; lane < plan.laneCount; lane++) {
            removedBySlot(plan, trace, t, lane).forEach((count, slot) => {
              if (count > 1e-12) expected[lane]![t - (slot - plan.maxAgeWeeks)]! += count;
            });
          }
        }
        expected.forEach((counts, lane) => counts.forEach((count, w) => expect(trace.leadWeeks[lane]![w]!).toBeCloseTo(count, 9)));
      }),
      { numRuns: 100 },
    );
  });
});
