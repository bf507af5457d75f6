/**
 * Refiling (flows.ts, refuseAndRefile) where the tests of whole runs do not
 * look: the returns a replication counts, the lane and week each refiling is
 * due in, in both modes.
 */
import { describe, expect, it } from 'vitest';
import { pickCumulative } from '../../src/engine/flows.js';
import type { Plan } from '../../src/engine/plan.js';
import { replicate } from '../../src/engine/simulate.js';
import { createState, resetState } from '../../src/engine/state.js';
import { Tally } from '../../src/engine/tally.js';
import { traceReplication } from '../../src/engine/trace.js';
import { sampleBinomial } from '../../src/random/binomial.js';
import { createStream } from '../../src/random/stream.js';
import { compile } from '../../src/scenario/index.js';
import type { LaneSpec, Scenario, UncertaintySpec } from '../../src/scenario/types.js';
import { benchReference, NO_UNCERTAINTY, testLane } from './bench-reference.js';

const lane = (name: string, share: number, extra: Partial<LaneSpec> = {}) => testLane(name, { share, ...extra });

/** Lane a decides its 100 open cases in week 0 (grant rate 0.2); refusals return with q 0.5 after 1 or 2 weeks, 70% to lane b. */
function scenario(weeks: number): Scenario {
  return benchReference({
    horizonWeeks: weeks,
    inflow: { kind: 'constant', meanPerWeek: 0 },
    capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 100 } },
    lanes: [
      lane('a', 1, { grantRate: 0.2, refiling: { probability: 0.5, delay: [0.25, 0.75], lanes: { a: 0.3, b: 0.7 } } }),
      lane('b', 0, { grantRate: 1 }),
    ],
    initialBacklog: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 100 }] } },
    target: null,
  });
}

/**
 * The week-0 refusals of lane a's 100 decisions that are due in week 1, by target lane, drawn as flows.ts
 * draws them from the lane's refiling stream: the number returning (a binomial at rate (1 - g) q), then for
 * each return its delay and its lane.
 */
function dueInWeek1(refiling: NonNullable<Plan['refiling']>, uniform: () => number, rate: number): number[] {
  const returning = sampleBinomial(100, rate, uniform);
  const due = [0, 0];
  for (let i = 0; i < returning; i++) {
    const delay = 1 + pickCumulative(refiling.delayCumulative[0]!, uniform());
    const target = pickCumulative(refiling.targetsCumulative[0]!, uniform());
    if (delay < 2) due[target]!++;
  }
  return due;
}

describe('refiling, expected values, week by week', () => {
  it('100 decisions return 100 x 0.8 x 0.5 = 40: 10 due in week 1, 30 in week 2, each split 30% to a and 70% to b', () => {
    const plan = compile(scenario(4));
    const weeks = traceReplication(plan, { seed: 1, replication: 0, deterministic: true }).weeks;
    expect(weeks[0]!.decisions).toEqual([100, 0]);
    expect(weeks[1]!.arrivals[0]).toBeCloseTo(10 * 0.3, 12);
    expect(weeks[1]!.arrivals[1]).toBeCloseTo(10 * 0.7, 12);
    // Week 2: 30 of the first returns, and 1/2 of the 0.8 of lane a's 3 week-1 decisions, 1/4 of it due at once.
    expect(weeks[2]!.arrivals[0]).toBeCloseTo((30 + 3 * 0.4 * 0.25) * 0.3, 12);
    expect(weeks[2]!.arrivals[1]).toBeCloseTo((30 + 3 * 0.4 * 0.25) * 0.7, 12);
  });

  it('a replication counts its returns in state.returned: the sum over weeks of decisions x (1 - g) q', () => {
    const plan = compile(scenario(6));
    const state = createState(plan, true);
    resetState(plan, state, 1, 0);
    let expected = 0;
    replicate(plan, state, new Tally(plan, true), (s) => {
      expected += s.decisions[0]! * 0.8 * 0.5;
    });
    expect(expected).toBeGreaterThan(40);
    expect(state.returned[0]).toBeCloseTo(expected, 12);
    expect(state.returned[1]).toBe(0);
  });
});

describe('refiling, drawn, into two lanes', () => {
  it('each return draws its delay, then its lane, from the refiling.a stream; those due after the horizon are dropped', () => {
    const plan = compile(scenario(2));
    const refiling = plan.refiling!;
    let arrived = 0;
    for (let r = 0; r < 20; r++) {
      const weeks = traceReplication(plan, { seed: 9, replication: r }).weeks;
      expect(weeks[0]!.decisions).toEqual([100, 0]);
      const due = dueInWeek1(refiling, createStream(9, r, refiling.keys[0]!), 0.8 * 0.5);
      expect(weeks[1]!.arrivals).toEqual(due);
      arrived += due[0]! + due[1]!;
    }
    // About 20 x 40 x 1/4 = 200: the test is not vacuous.
    expect(arrived).toBeGreaterThan(150);
  });
});

describe('refiling with uncertain grant rates', () => {
  it("a lane's returns are Binomial(decisions, (1 - g) q) with g the replication's drawn grant rate, not the planned one", () => {
    const uncertainty: UncertaintySpec = { ...NO_UNCERTAINTY, grantRates: { concentration: 4 } };
    const plan = compile({ ...scenario(2), uncertainty });
    const refiling = plan.refiling!;
    for (let r = 0; r < 10; r++) {
      const drawn = createState(plan, false);
      resetState(plan, drawn, 5, r);
      const g = drawn.grantRate[0]!;
      expect(g).not.toBe(0.2);
      const weeks = traceReplication(plan, { seed: 5, replication: r }).weeks;
      expect(weeks[1]!.arrivals).toEqual(dueInWeek1(refiling, createStream(5, r, refiling.keys[0]!), (1 - g) * 0.5));
    }
  });
});
