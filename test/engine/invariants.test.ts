import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceReplication } from '../../src/engine/trace.js';
import type { Trace } from '../../src/engine/trace.js';
import type { Plan } from '../../src/engine/plan.js';
import { compile } from '../../src/scenario/index.js';
import { arbitraryScenario } from './arbitrary-scenario.js';
import { runs } from '../fast-check-config.js';

const RUNS = 500;
// The rules of the decision step are checked without flows between lanes (withdrawals, transfers):
// those change what leaves a cohort besides decisions; conservation and whole cases are checked with them.
const both = fc.tuple(arbitraryScenario({ flows: false }), fc.boolean(), fc.nat(1000));
const withFlows = fc.tuple(arbitraryScenario(), fc.boolean(), fc.nat(1000));

function traced(
  scenario: Parameters<typeof compile>[0],
  deterministic: boolean,
  replication: number,
): { plan: Plan; trace: Trace } {
  const plan = compile(scenario);
  return { plan, trace: traceReplication(plan, { seed: scenario.seed, replication, deterministic }) };
}

/** Cases removed from each arrival slot of a lane in week t. */
function removedBySlot(plan: Plan, trace: Trace, t: number, lane: number): number[] {
  const before =
    t === 0
      ? Array.from(plan.initialCohorts.subarray(lane * plan.cohortSlots, (lane + 1) * plan.cohortSlots))
      : [...trace.weeks[t - 1]!.cohorts[lane]!];
  before[t + plan.maxAgeWeeks]! += trace.weeks[t]!.arrivals[lane]!;
  return before.map((open, slot) => open - trace.weeks[t]!.cohorts[lane]![slot]!);
}

describe('model invariants (docs/model.md) on random scenarios', () => {
  it('conservation per lane and in total every week, with withdrawals and transfers; no backlog is ever negative', () => {
    fc.assert(
      fc.property(withFlows, ([scenario, deterministic, replication]) => {
        const { trace } = traced(scenario, deterministic, replication);
        for (const week of trace.weeks) {
          let start = 0;
          let end = 0;
          week.backlogEnd.forEach((open, lane) => {
            // end = start + arrivals + moved in - decisions - moved out - withdrawn.
            const expected =
              week.backlogStart[lane]! +
              week.arrivals[lane]! +
              week.transferredIn[lane]! -
              week.decisions[lane]! -
              week.transferredOut[lane]! -
              week.withdrawn[lane]!;
            expect(open).toBeCloseTo(expected, 9);
            // Never negative, not even by a rounding residue of fractional cases.
            expect(open).toBeGreaterThanOrEqual(0);
            expect(week.decisions[lane]!).toBeGreaterThanOrEqual(0);
            expect(week.withdrawn[lane]!).toBeGreaterThanOrEqual(0);
            expect(week.transferredOut[lane]!).toBeGreaterThanOrEqual(0);
            start += week.backlogStart[lane]! + week.arrivals[lane]! - week.decisions[lane]! - week.withdrawn[lane]!;
            end += open;
          });
          // In total, what moves out of one lane moves into another in the same week.
          const movedOut = week.transferredOut.reduce((a, b) => a + b, 0);
          const movedIn = week.transferredIn.reduce((a, b) => a + b, 0);
          expect(movedIn).toBeCloseTo(movedOut, 9);
          expect(end).toBeCloseTo(start, 9);
        }
      }),
      { numRuns: runs(RUNS) },
    );
  });

  it('stochastic runs have whole cases and whole decisions', () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.nat(1000), (scenario, replication) => {
        const { trace } = traced(scenario, false, replication);
        for (const week of trace.weeks) {
          for (const value of [
            ...week.arrivals,
            ...week.decisions,
            ...week.withdrawn,
            ...week.transferredOut,
            ...week.transferredIn,
            ...week.backlogEnd,
          ])
            expect(Number.isInteger(value)).toBe(true);
        }
        trace.grants.forEach((grants) => {
          expect(Number.isInteger(grants)).toBe(true);
        });
      }),
      { numRuns: runs(RUNS) },
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
              if (waited < plan.minWaitWeeks[lane]!)
                throw new Error(`week ${t} lane ${lane}: decided after ${waited} weeks`);
              // Everything older than a decided case is gone.
              if (firstOpen !== -1 && slot > firstOpen)
                throw new Error(`week ${t} lane ${lane}: slot ${slot} decided before ${firstOpen}`);
            });
          }
        }
      }),
      { numRuns: runs(RUNS) },
    );
  });

  it('a shared pool counted in decisions: never exceeded, priority order kept, idle only when nothing is eligible', () => {
    fc.assert(
      fc.property(
        arbitraryScenario({ unit: 'decisions', dedicated: false, flows: false }),
        fc.boolean(),
        fc.nat(1000),
        (scenario, deterministic, replication) => {
          const { plan, trace } = traced(scenario, deterministic, replication);
          for (let t = 0; t < plan.horizonWeeks; t++) {
            const week = trace.weeks[t]!;
            const used = week.decisions.reduce((a, b) => a + b, 0);
            expect(used).toBeLessThanOrEqual(week.capacity[0]! + 1e-9);
            const eligibleLeft = plan.laneNames.map((_, lane) => {
              const lastSlot = t - plan.minWaitWeeks[lane]! + plan.maxAgeWeeks;
              return week.cohorts[lane]!.slice(0, Math.max(0, lastSlot + 1)).reduce((a, b) => a + b, 0);
            });
            if (used < week.capacity[0]! - 1e-9)
              eligibleLeft.forEach((left) => {
                expect(left).toBeLessThanOrEqual(1e-9);
              });
            // A lane served while a higher-priority lane still had eligible cases would break priority.
            for (let high = 0; high < plan.laneCount; high++) {
              if (eligibleLeft[high]! <= 1e-9) continue;
              for (let low = high + 1; low < plan.laneCount; low++) expect(week.decisions[low]!).toBe(0);
            }
          }
        },
      ),
      { numRuns: runs(RUNS) },
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
        expected.forEach((counts, lane) => {
          counts.forEach((count, w) => {
            expect(trace.leadWeeks[lane]![w]!).toBeCloseTo(count, 9);
          });
        });
      }),
      { numRuns: runs(100) },
    );
  });
});

/** Cases of a lane still open at the end of week t that were eligible in week t. */
function eligibleLeft(plan: Plan, trace: Trace, t: number, lane: number): number {
  const lastSlot = t - plan.minWaitWeeks[lane]! + plan.maxAgeWeeks;
  let left = 0;
  const cohorts = trace.weeks[t]!.cohorts[lane]!;
  for (let slot = 0; slot <= lastSlot && slot < cohorts.length; slot++) left += cohorts[slot]!;
  return left;
}

/**
 * Decisions of each lane from the shared pool in week t: a dedicated pool
 * serves only its lane, so what it used, over the lane's effort, is the
 * lane's dedicated decisions; the rest of the lane's decisions came from the
 * shared pool.
 */
function sharedDecisions(plan: Plan, trace: Trace, t: number): number[] {
  const week = trace.weeks[t]!;
  return plan.laneNames.map((_, lane) => {
    const own = plan.dedicatedPool[lane]!;
    if (own < 0) return week.decisions[lane]!;
    return week.decisions[lane]! - (week.poolAvailable[own]! - week.poolLeft[own]!) / plan.dedicatedEffort[lane]!;
  });
}

describe('capacity pools on random scenarios (decisions and hours, shared and dedicated)', () => {
  // Tolerance for the fractional arithmetic of deterministic mode, relative to the units involved.
  const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(scale));

  it("no pool ever spends more than it was given: per week, cumulatively, and the lanes' decisions account for what each pool used", () => {
    fc.assert(
      fc.property(both, ([scenario, deterministic, replication]) => {
        const { plan, trace } = traced(scenario, deterministic, replication);
        const pools = plan.pools.length;
        const issued = new Array<number>(pools).fill(0);
        const spent = new Array<number>(pools).fill(0);
        for (let t = 0; t < plan.horizonWeeks; t++) {
          const week = trace.weeks[t]!;
          for (let p = 0; p < pools; p++) {
            const available = week.poolAvailable[p]!;
            const left = week.poolLeft[p]!;
            const carried = available - week.capacity[p]!;
            // What a pool has is this week's capacity plus, at most, all that was left last week.
            const leftBefore = t === 0 ? 0 : trace.weeks[t - 1]!.poolLeft[p]!;
            if (!(close(carried, 0, available) || close(carried, leftBefore, available))) {
              throw new Error(`week ${t} pool ${p}: carried ${carried}, but ${leftBefore} was left`);
            }
            // Idle capacity is lost: only a pool that a lane with eligible cases left had exhausted carries anything.
            if (carried > 1e-9 * Math.max(1, available)) {
              const served = p === 0 ? plan.laneNames.map((_, lane) => lane) : [plan.dedicatedPool.indexOf(p)];
              if (!served.some((lane) => eligibleLeft(plan, trace, t - 1, lane) > 1e-9))
                throw new Error(`week ${t} pool ${p}: idle capacity ${carried} was banked`);
            }
            if (week.capacity[p]! < 0 || left < -1e-9 || left > available + 1e-9 * Math.max(1, available)) {
              throw new Error(`week ${t} pool ${p}: ${left} left of ${available}`);
            }
            issued[p]! += week.capacity[p]!;
            spent[p]! += available - left;
            if (spent[p]! > issued[p]! * (1 + 1e-9) + 1e-9)
              throw new Error(`week ${t} pool ${p}: spent ${spent[p]} of ${issued[p]} issued so far`);
          }
          const shared = sharedDecisions(plan, trace, t);
          let sharedUnits = 0;
          shared.forEach((count, lane) => {
            if (count < -1e-9)
              throw new Error(`week ${t} lane ${lane}: more decisions from the dedicated pool than in total`);
            if (!deterministic && Math.abs(count - Math.round(count)) > 1e-6)
              throw new Error(`week ${t} lane ${lane}: ${count} shared decisions`);
            sharedUnits += count * plan.sharedEffort[lane]!;
          });
          const usedShared = week.poolAvailable[0]! - week.poolLeft[0]!;
          if (!close(sharedUnits, usedShared, week.poolAvailable[0]!) && Math.abs(sharedUnits - usedShared) > 1e-6) {
            throw new Error(`week ${t}: decisions use ${sharedUnits} shared units, the pool lost ${usedShared}`);
          }
        }
      }),
      { numRuns: runs(RUNS) },
    );
  });

  it('priority per pool: a lane that still has eligible cases has exhausted every pool it uses, so a lower lane is served only from what it could not use', () => {
    fc.assert(
      fc.property(both, ([scenario, deterministic, replication]) => {
        const { plan, trace } = traced(scenario, deterministic, replication);
        // "Exhausted for this lane": not enough left for one more of its decisions (nothing at all with fractional cases).
        const exhausted = (left: number, effort: number) =>
          deterministic ? left <= 1e-9 * Math.max(1, effort) : left < effort * (1 + 1e-9);
        for (let t = 0; t < plan.horizonWeeks; t++) {
          const week = trace.weeks[t]!;
          const shared = sharedDecisions(plan, trace, t);
          // Shared units left after each lane took its turn, in priority order.
          let room = week.poolAvailable[0]!;
          const roomAfter = shared.map((count, lane) => (room -= count * plan.sharedEffort[lane]!));
          // Dedicated capacity first: a lane draws on the shared pool only once its own pool is spent.
          shared.forEach((count, lane) => {
            const own = plan.dedicatedPool[lane]!;
            if (own >= 0 && count > 1e-9 && !exhausted(week.poolLeft[own]!, plan.dedicatedEffort[lane]!)) {
              throw new Error(
                `week ${t} lane ${lane}: ${count} shared decisions with ${week.poolLeft[own]} dedicated units unused`,
              );
            }
          });
          for (let high = 0; high < plan.laneCount; high++) {
            if (eligibleLeft(plan, trace, t, high) <= 1e-9) continue;
            const own = plan.dedicatedPool[high]!;
            if (own >= 0 && !exhausted(week.poolLeft[own]!, plan.dedicatedEffort[high]!)) {
              throw new Error(
                `week ${t} lane ${high}: eligible cases left with ${week.poolLeft[own]} dedicated units unused`,
              );
            }
            if (!exhausted(roomAfter[high]!, plan.sharedEffort[high]!)) {
              throw new Error(
                `week ${t} lane ${high}: eligible cases left with ${roomAfter[high]} shared units unused after its turn`,
              );
            }
            for (let low = high + 1; low < plan.laneCount; low++) {
              if (shared[low]! <= 1e-9) continue;
              // Only possible in hours: the lower lane's decision fits in what is too little for the higher one's.
              if (plan.pools[0]!.unit === 'decisions' || plan.sharedEffort[low]! >= plan.sharedEffort[high]!) {
                throw new Error(
                  `week ${t}: lane ${low} served from the shared pool while lane ${high} had eligible cases`,
                );
              }
            }
          }
        }
      }),
      { numRuns: runs(RUNS) },
    );
  });
});

/** Random scenarios whose moves between lanes are all after a waiting time (those at the decision step dropped). */
const waitingOnly = arbitraryScenario().map((scenario): Parameters<typeof compile>[0] => ({
  ...scenario,
  lanes: scenario.lanes.map((lane) => ({
    ...lane,
    transfers: (lane.transfers ?? []).filter((move) => (move.afterWeeks ?? null) !== null),
  })),
}));

describe('moves after a waiting time on random scenarios', () => {
  it('the generator makes them: loops with moves at the decision step, probability 1, two at one age', () => {
    const samples = fc.sample(arbitraryScenario(), { numRuns: 2000, seed: 7 });
    const waiting = (lane: Parameters<typeof compile>[0]['lanes'][number]) =>
      (lane.transfers ?? []).filter((move) => (move.afterWeeks ?? null) !== null && move.probability > 0);
    const count = (test: (s: Parameters<typeof compile>[0]) => boolean) => samples.filter(test).length;
    const coverage = {
      afterWaiting: count((s) => s.lanes.some((lane) => waiting(lane).length > 0)),
      // A move after waiting back to a lane that moves to this one at the decision step.
      loop: count((s) =>
        s.lanes.some((lane) =>
          waiting(lane).some((move) =>
            s.lanes
              .find((other) => other.name === move.to)!
              .transfers?.some((back) => back.to === lane.name && (back.afterWeeks ?? null) === null),
          ),
        ),
      ),
      probabilityOne: count((s) => s.lanes.some((lane) => waiting(lane).some((move) => move.probability === 1))),
      twoAtOneAge: count((s) =>
        s.lanes.some((lane) => new Set(waiting(lane).map((move) => move.afterWeeks)).size < waiting(lane).length),
      ),
    };
    for (const [name, n] of Object.entries(coverage)) expect(n, name).toBeGreaterThanOrEqual(20);
  });

  it('they take cases of exactly their age: cases appear in a lane only in the slot of the week, or of an age moved into it', () => {
    fc.assert(
      fc.property(waitingOnly, fc.boolean(), fc.nat(1000), (scenario, deterministic, replication) => {
        const { plan, trace } = traced(scenario, deterministic, replication);
        const waiting = plan.transfers?.waiting ?? [];
        for (let t = 0; t < plan.horizonWeeks; t++) {
          const week = trace.weeks[t]!;
          for (let lane = 0; lane < plan.laneCount; lane++) {
            // Slots that may gain cases in week t: the week's arrivals, and cases filed w weeks ago when some lane moves
            // its cases of age w into this one.
            const allowed = new Set([t + plan.maxAgeWeeks]);
            for (const moves of waiting) if (moves.to.includes(lane)) allowed.add(t - moves.age + plan.maxAgeWeeks);
            const before =
              t === 0
                ? Array.from(plan.initialCohorts.subarray(lane * plan.cohortSlots, (lane + 1) * plan.cohortSlots))
                : trace.weeks[t - 1]!.cohorts[lane]!;
            week.cohorts[lane]!.forEach((open, slot) => {
              if (open > before[slot]! + 1e-9 * Math.max(1, open) && !allowed.has(slot))
                throw new Error(`week ${t} lane ${lane}: slot ${slot} grew from ${before[slot]} to ${open}`);
            });
            // What moves out is at most what was open in the slots of the lane's ages, and what moved in this week.
            let movable = week.transferredIn[lane]!;
            for (const moves of waiting) {
              const slot = t - moves.age + plan.maxAgeWeeks;
              if (moves.lane === lane && slot >= 0) movable += before[slot]!;
            }
            expect(week.transferredOut[lane]!).toBeLessThanOrEqual(movable + 1e-9 * Math.max(1, movable));
          }
        }
      }),
      { numRuns: runs(RUNS) },
    );
  });
});
