/**
 * The tally against the replications it records: a run of several
 * replications (one state, reset between them) must tally exactly the sums of
 * the traces of those replications run each on a fresh state. That pins what
 * Tally.addWeek and addReplication add (every sum adds, none overwrites), the
 * derived decisions and backlog sums, and that resetState leaves nothing of a
 * replication behind for the next (carry, cumulative rates, withdrawal skips,
 * moves in flight, refilings due).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replicate, simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { createState, resetState } from '../../src/engine/state.js';
import { Tally } from '../../src/engine/tally.js';
import { backlogQuantiles, probabilityAtMost } from '../../src/engine/tally-quantiles.js';
import { traceReplication } from '../../src/engine/trace.js';
import type { Trace } from '../../src/engine/trace.js';
import type { Plan } from '../../src/engine/plan.js';
import { compile } from '../../src/scenario/index.js';
import { runs } from '../fast-check-config.js';
import { arbitraryScenario } from './arbitrary-scenario.js';
import { benchReference } from './bench-reference.js';

const REPLICATIONS = 3;

/** Sum over traces of one number per trace. */
const over = (traces: readonly Trace[], pick: (trace: Trace) => number) =>
  traces.reduce((total, trace) => total + pick(trace), 0);

/** Checks that a run of REPLICATIONS replications tallies exactly the sums of their traces. */
function expectTallyOfTraces(plan: Plan, seed: number): void {
  const tally = simulate(plan, { seed, replications: REPLICATIONS });
  const traces = Array.from({ length: REPLICATIONS }, (_, r) => traceReplication(plan, { seed, replication: r }));
  const lanes = plan.laneCount;
  const pools = plan.pools.length;
  expect(tally.replications).toBe(REPLICATIONS);
  let arrived = 0;
  let decided = 0;
  for (let t = 0; t < plan.horizonWeeks; t++) {
    for (let lane = 0; lane < lanes; lane++) {
      const i = t * lanes + lane;
      const week = (trace: Trace) => trace.weeks[t]!;
      expect(tally.arrivalsSum[i]).toBe(over(traces, (x) => week(x).arrivals[lane]!));
      expect(tally.withdrawalsSum[i]).toBe(over(traces, (x) => week(x).withdrawn[lane]!));
      expect(tally.transfersInSum[i]).toBe(over(traces, (x) => week(x).transferredIn[lane]!));
      expect(tally.transfersOutSum[i]).toBe(over(traces, (x) => week(x).transferredOut[lane]!));
      expect(tally.backlogSum(t, lane)).toBe(over(traces, (x) => week(x).backlogEnd[lane]!));
      expect(tally.decisionsSum(t, lane)).toBe(over(traces, (x) => week(x).decisions[lane]!));
      arrived += tally.arrivalsSum[i]!;
      decided += tally.decisionsSum(t, lane);
    }
    const total = (trace: Trace) => trace.weeks[t]!.backlogEnd.reduce((a, b) => a + b, 0);
    expect(tally.backlogSum(t, lanes)).toBe(over(traces, total));
    for (let p = 0; p < pools; p++)
      expect(tally.capacitySum[t * pools + p]).toBe(over(traces, (x) => x.weeks[t]!.capacity[p]!));
  }
  // Week -1 is the initial backlog, once per replication.
  for (let lane = 0; lane < lanes; lane++)
    expect(tally.backlogSum(-1, lane)).toBe(REPLICATIONS * plan.initialBacklog[lane]!);
  const initial = plan.initialBacklog.reduce((a, b) => a + b, 0);
  expect(tally.backlogSum(-1, lanes)).toBe(REPLICATIONS * initial);
  for (let lane = 0; lane < lanes; lane++) {
    expect(tally.grantsSum[lane]).toBe(over(traces, (x) => x.grants[lane]!));
    const leads = tally.leadWeeks.subarray(lane * plan.cohortSlots, (lane + 1) * plan.cohortSlots);
    expect(Array.from(leads)).toEqual(
      leads.length === 0 ? [] : Array.from(leads, (_, k) => over(traces, (x) => x.leadWeeks[lane]![k]!)),
    );
  }
  // What each pool decided adds up to all decisions; the histograms of totals hold one value per replication.
  expect(tally.poolDecisionsSum.reduce((a, b) => a + b, 0)).toBe(decided);
  expect(tally.decisionsTotal!.count).toBe(REPLICATIONS);
  expect(tally.decisionsTotal!.sum()).toBe(decided);
  expect(tally.arrivalsTotal!.count).toBe(REPLICATIONS);
  expect(tally.arrivalsTotal!.sum()).toBe(arrived);
  // The last column of decisionWeeks holds the cases still open at the end.
  const columns = plan.horizonWeeks + 1;
  let open = 0;
  for (let row = 0; row < lanes * plan.cohortSlots; row++)
    open += tally.decisionWeeks[row * columns + plan.horizonWeeks]!;
  expect(open).toBe(tally.backlogSum(plan.horizonWeeks - 1, lanes));
}

/** Checks that the expected-value tally is the deterministic trace, week by week. */
function expectTallyOfDeterministicTrace(plan: Plan): void {
  const tally = simulateDeterministic(plan);
  const trace = traceReplication(plan, { seed: 0, replication: 0, deterministic: true });
  const lanes = plan.laneCount;
  expect(tally.replications).toBe(1);
  for (let t = 0; t < plan.horizonWeeks; t++) {
    const week = trace.weeks[t]!;
    let total = 0;
    for (let lane = 0; lane < lanes; lane++) {
      const i = t * lanes + lane;
      expect(tally.arrivalsSum[i]).toBe(week.arrivals[lane]);
      expect(tally.withdrawalsSum[i]).toBe(week.withdrawn[lane]);
      expect(tally.transfersInSum[i]).toBe(week.transferredIn[lane]);
      expect(tally.transfersOutSum[i]).toBe(week.transferredOut[lane]);
      expect(tally.backlogSum(t, lane)).toBe(week.backlogEnd[lane]);
      expect(tally.decisionsSum(t, lane)).toBe(week.decisions[lane]);
      total += week.backlogEnd[lane]!;
    }
    expect(tally.backlogSum(t, lanes)).toBe(total);
  }
  for (let lane = 0; lane < lanes; lane++) expect(tally.grantsSum[lane]).toBe(trace.grants[lane]);
  expect(tally.arrivalsTotal).toBeNull();
  expect(tally.backlog).toBeNull();
}

describe('a tally of several replications is the sum of their traces', () => {
  it('stochastic and expected values, one scenario with every feature at once (so that even a tenth of the random runs meets them all)', () => {
    // Withdrawals in two bands, moves at the decision step and after waiting, refiling, a dedicated pool in
    // hours whose remainder carries, a shared pool that follows the inflow, and every source of uncertainty.
    const scenario = benchReference({
      horizonWeeks: 20,
      inflow: { kind: 'constant', meanPerWeek: 30 },
      capacity: {
        unit: 'decisions',
        policy: { kind: 'inflowPlusMargin', margin: -0.3, trailingWeeks: 3, min: 5, max: 40 },
      },
      lanes: [
        {
          name: 'a',
          share: 0.5,
          priority: 1,
          minWaitWeeks: 1,
          grantRate: 0.3,
          hoursPerDecision: 4,
          dedicatedCapacity: {
            unit: 'hours',
            policy: { kind: 'staff', fte: 1, hoursPerFteWeek: 36, productiveShare: 0.5 },
          },
          withdrawals: [
            { fromWeeks: 0, hazard: 0.02 },
            { fromWeeks: 5, hazard: 0.1 },
          ],
          transfers: [{ to: 'b', probability: 0.2 }],
        },
        {
          name: 'b',
          share: 0.3,
          priority: 2,
          minWaitWeeks: 2,
          grantRate: 0.5,
          hoursPerDecision: 3,
          dedicatedCapacity: null,
          refiling: { probability: 0.5, delay: [0.3, 0.7], lanes: null },
          transfers: [{ to: 'c', probability: 0.3, afterWeeks: 4 }],
        },
        {
          name: 'c',
          share: 0.2,
          priority: 3,
          minWaitWeeks: 0,
          grantRate: 0.4,
          hoursPerDecision: 2,
          dedicatedCapacity: null,
          withdrawals: [{ fromWeeks: 0, hazard: 0.05 }],
        },
      ],
      initialBacklog: {
        a: { kind: 'spread', count: 200, spreadWeeks: 30 },
        b: { kind: 'spread', count: 100, spreadWeeks: 10 },
        c: { kind: 'spread', count: 50, spreadWeeks: 5 },
      },
      target: null,
      uncertainty: {
        inflow: {
          level: { cv: 0.1, distribution: 'gamma' },
          drift: { sdPerYear: 0.3 },
          overdispersion: { cv: 0.2 },
        },
        capacity: { productivity: { cv: 0.1, distribution: 'lognormal' }, weekly: { cv: 0.1 } },
        shares: { concentration: 50 },
        grantRates: { concentration: 50 },
        source: null,
      },
    });
    const plan = compile(scenario);
    for (const seed of [1, 2, 3]) expectTallyOfTraces(plan, seed);
    expectTallyOfDeterministicTrace(plan);
  });

  it('stochastic, random scenarios with every flow: every weekly sum, the backlog, decisions, grants, lead times and totals', () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => expectTallyOfTraces(compile(scenario), scenario.seed)),
      { numRuns: runs(40) },
    );
  });

  it('expected values, random scenarios with every flow: the tally is the deterministic trace, week by week', () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => expectTallyOfDeterministicTrace(compile(scenario))),
      { numRuns: runs(40) },
    );
  });
});

describe('tallies as data and merged', () => {
  it('a tally through toData and fromData is the same tally; tallies of split ranges merge into the whole run', () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        const plan = compile(scenario);
        const whole = simulate(plan, { seed: scenario.seed, replications: REPLICATIONS });
        const copy = Tally.fromData(whole.toData());
        const split = simulate(plan, { seed: scenario.seed, replications: 1 });
        split.merge(simulate(plan, { seed: scenario.seed, replications: REPLICATIONS - 1, firstReplication: 1 }));
        for (const tally of [copy, split]) {
          expect(tally.replications).toBe(REPLICATIONS);
          expect(tally.toData()).toEqual(whole.toData());
          for (let t = 0; t < plan.horizonWeeks; t++)
            for (let s = 0; s <= plan.laneCount; s++) expect(tally.backlogSum(t, s)).toBe(whole.backlogSum(t, s));
          expect(tally.decisionsTotal!.sum()).toBe(whole.decisionsTotal!.sum());
          expect(tally.arrivalsTotal!.sum()).toBe(whole.arrivalsTotal!.sum());
        }
      }),
      { numRuns: runs(10) },
    );
  });

  it('refuses to merge tallies of other dimensions or of the other mode, and an expected-value tally at all', () => {
    const plan = compile(benchReference({ horizonWeeks: 4 }));
    const tally = new Tally(plan, false);
    const shape = { ...tally.toData() };
    for (const change of [
      { horizonWeeks: 5 },
      { laneCount: 3 },
      { poolCount: 2 },
      { cohortSlots: shape.cohortSlots + 1 },
      { deterministic: true },
    ])
      expect(() => tally.mergeData({ ...shape, ...change })).toThrow(/different plans or modes/);
    const expected = simulateDeterministic(plan);
    expect(() => expected.merge(simulateDeterministic(plan))).toThrow(/nothing to merge/);
  });
});

describe('the quantiles and probabilities read from a tally', () => {
  const plan = compile(benchReference({ horizonWeeks: 8 }));

  it('stochastic: P(total backlog <= x) counts the replications at or below floor(x); the mean is the sum over replications', () => {
    const tally = simulate(plan, { seed: 4, replications: 200 });
    const ends = Array.from({ length: 200 }, (_, r) => {
      const week = traceReplication(plan, { seed: 4, replication: r }).weeks[7]!;
      return week.backlogEnd.reduce((a, b) => a + b, 0);
    });
    const median = [...ends].sort((a, b) => a - b)[100]!;
    // x + 0.6 is at most x + 1 only when rounded: a replication that ends at x + 1 counts for floor, not for round.
    for (const x of [median - 1, median, median + 0.6, median + 1])
      expect(probabilityAtMost(tally, 7, x)).toBe(ends.filter((end) => end <= Math.floor(x)).length / 200);
    expect(ends.filter((end) => end === median + 1).length).toBeGreaterThan(0);
    expect(backlogQuantiles(tally, 7, plan.laneCount).mean).toBe(ends.reduce((a, b) => a + b, 0) / 200);
  });

  it('expected values: the probability is 1 at or above the one path (within 1e-9 of rounding), else 0; every quantile is the path', () => {
    const tally = simulateDeterministic(plan);
    const end = tally.backlogSum(7, plan.laneCount);
    expect(probabilityAtMost(tally, 7, end)).toBe(1);
    expect(probabilityAtMost(tally, 7, end - 1e-10)).toBe(1);
    expect(probabilityAtMost(tally, 7, end - 1e-8)).toBe(0);
    const q = backlogQuantiles(tally, 7, plan.laneCount);
    expect([q.mean, q.p5, q.p50, q.p95]).toEqual([end, end, end, end]);
  });
});

describe('replicate', () => {
  it('calls afterWeek once a week, after the tally, with the end-of-week state', () => {
    const plan = compile(benchReference({ horizonWeeks: 5 }));
    const tally = new Tally(plan, false);
    const state = createState(plan, false);
    resetState(plan, state, 3, 0);
    const seen: [number, number][] = [];
    replicate(plan, state, tally, (s, week) => seen.push([week, s.backlog.reduce((a, b) => a + b, 0)]));
    expect(seen).toEqual(Array.from({ length: 5 }, (_, t) => [t, tally.backlogSum(t, plan.laneCount)]));
  });
});
