import { describe, expect, it } from 'vitest';
import { replicate, simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { createState, resetState } from '../../src/engine/state.js';
import { Tally } from '../../src/engine/tally.js';
import { compile, resolveScenario } from '../../src/scenario/index.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/types.js';
import { benchReference } from './bench-reference.js';

/** One lane: inflow m a week, ample capacity, refused share 1 - g, a refiling probability q, a delay of `delay` weeks. */
function refiling(m: number, g: number, q: number, delay: number[], weeks: number): Scenario {
  return benchReference({
    horizonWeeks: weeks,
    inflow: { kind: 'constant', meanPerWeek: m },
    capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 100 * m } },
    lanes: [
      {
        name: 'only',
        share: 1,
        priority: 1,
        minWaitWeeks: 1,
        grantRate: g,
        hoursPerDecision: null,
        dedicatedCapacity: null,
        refiling: { probability: q, delay, lanes: null },
      },
    ],
    initialBacklog: {},
    target: null,
  });
}

describe('refiling', () => {
  it('with ample capacity the weekly arrivals approach m / (1 - r q) (expected values)', () => {
    // m = 25, refused share r = 0.6, q = 0.5: 25 / (1 - 0.3) = 35.714...; delays of 2 or 3 weeks.
    const tally = simulateDeterministic(compile(refiling(25, 0.4, 0.5, [0, 0.5, 0.5], 200)));
    const late = tally.arrivalsSum[199]!;
    expect(late).toBeCloseTo(25 / (1 - 0.6 * 0.5), 6);
    // The refilings are the part above m.
    expect(tally.refiledSum[199]!).toBeCloseTo(25 / 0.7 - 25, 6);
  });

  it('draws: the mean weekly arrivals late in the horizon match m / (1 - r q) within 4 standard errors', () => {
    const reps = 300;
    const tally = simulate(compile(refiling(25, 0.4, 0.5, [0, 0.5, 0.5], 120)), { seed: 6, replications: reps });
    let late = 0;
    for (let t = 100; t < 120; t++) late += tally.arrivalsSum[t]!;
    const mean = late / (20 * reps);
    // Weekly arrivals have variance about their mean times a small factor: a generous 2 x mean as variance.
    expect(Math.abs(mean - 25 / 0.7)).toBeLessThan(4 * Math.sqrt((2 * (25 / 0.7)) / (20 * reps)));
  });

  it('a gamma delay: the pmf in whole weeks sums to 1 and has the asked mean (rounded up)', () => {
    const resolved = resolveScenario(
      {
        name: 'x',
        start: '2024-01-01',
        horizonWeeks: 4,
        inflow: { meanPerWeek: 5 },
        capacity: { perWeek: 5 },
        lanes: { a: { share: 1, grantRate: 0.3, refiling: { probability: 0.2, delayWeeks: { mean: 10, shape: 3 } } } },
      },
      'x.json',
    );
    if (!resolved.ok) throw new Error(resolved.issues.map(formatIssue).join('\n'));
    const delay = resolved.value.lanes[0]!.refiling!.delay;
    expect(delay.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const mean = delay.reduce((sum, p, i) => sum + p * (i + 1), 0);
    // ceil(X) has a mean between E[X] and E[X] + 1.
    expect(mean).toBeGreaterThan(10);
    expect(mean).toBeLessThan(11);
  });

  it('bad refiling: a table that does not sum to 1, unknown target lanes, both delays or none', () => {
    const issues = (refile: Record<string, unknown>) => {
      const resolved = resolveScenario(
        {
          name: 'x',
          start: '2024-01-01',
          horizonWeeks: 4,
          inflow: { meanPerWeek: 5 },
          capacity: { perWeek: 5 },
          lanes: { a: { share: 1, grantRate: 0.3, refiling: refile } },
        },
        'x.json',
      );
      return resolved.ok ? '' : resolved.issues.map(formatIssue).join('\n');
    };
    expect(issues({ probability: 0.2, delayTable: { 4: 0.5, 8: 0.4 } })).toContain('probabilities sum to 0.9');
    expect(issues({ probability: 0.2, delayTable: { 4: 1 }, lanes: { b: 1 } })).toContain('names no lane');
    expect(issues({ probability: 0.2, delayTable: { 4: 1 }, delayWeeks: { mean: 3 } })).not.toBe('');
    expect(issues({ probability: 0.2 })).not.toBe('');
    expect(issues({ probability: 1.2, delayTable: { 4: 1 } })).toContain('must be at most 1');
    expect(issues({ probability: 0.2, delayWeeks: { mean: -3 } })).toContain('must be greater than 0');
  });

  it('a scenario without refiling draws exactly what it drew before', () => {
    const plain = benchReference();
    const off = benchReference({
      lanes: plain.lanes.map((lane) => ({ ...lane, refiling: { probability: 0, delay: [1], lanes: null } })),
    });
    expect(compile(off).refiling).toBeNull();
    expect(simulate(compile(off), { seed: 4, replications: 40 }).toData()).toEqual(
      simulate(compile(plain), { seed: 4, replications: 40 }).toData(),
    );
  });
});

/** Decisions of a lane summed over weeks from .. to - 1 and over replications. */
function decided(tally: Tally, lane: number, from: number, to: number): number {
  let total = 0;
  for (let t = from; t < to; t++) total += tally.decisionsSum(t, lane);
  return total;
}

describe('refiling: grants and returning refusals', () => {
  // m = 25 a week, ample capacity, a refusal returns after 1 week: each decision is a grant with probability g and a
  // refusal that returns with probability r = (1 - g) q. Each decision's outcome is independent of the past that made
  // the decision happen, so E[grants] = g E[decisions] over a replication, and grants - g x decisions has variance
  // g (1 - g) E[decisions] (a sum of martingale differences): the ratio of totals over replications has standard
  // error sqrt(g (1 - g) / total decisions). The same holds for returns with r in place of g.
  const cases = [
    { g: 0.4, q: 0.5 },
    { g: 0.1, q: 0.9 },
    // q = 1: every refusal returns, so the decisions that did not return are all grants (g / (1 - (1 - g) q) = 1).
    { g: 0.2, q: 1 },
  ];
  const weeks = 52;

  it.each(cases)('expected values: grants are exactly g x decisions (g $g, q $q)', ({ g, q }) => {
    const tally = simulateDeterministic(compile(refiling(25, g, q, [1], weeks)));
    const decisions = decided(tally, 0, 0, weeks);
    expect(decisions).toBeGreaterThan(25 * 50);
    expect(tally.grantsSum[0]! / decisions).toBeCloseTo(g, 12);
  });

  it.each(cases)('draws: total grants / total decisions is g within 4 standard errors (g $g, q $q)', ({ g, q }) => {
    const reps = 300;
    const tally = simulate(compile(refiling(25, g, q, [1], weeks)), { seed: 14, replications: reps });
    const decisions = decided(tally, 0, 0, weeks);
    const grants = tally.grantsSum[0]!;
    expect(Math.abs(grants / decisions - g)).toBeLessThan(4 * Math.sqrt((g * (1 - g)) / decisions));
  });

  it.each(cases)(
    'draws: returning refusals are (1 - g) q of the decisions, within the horizon or beyond it (g $g, q $q)',
    ({ g, q }) => {
      const r = (1 - g) * q;
      const reps = 300;
      const plan = compile(refiling(25, g, q, [1], weeks));
      // Run the replications one by one to read each one's returns (state.returned), due within the horizon or not.
      const tally = new Tally(plan, false);
      const state = createState(plan, false, tally.decisionWeeks, tally.movedOutBySlot);
      let returned = 0;
      for (let rep = 0; rep < reps; rep++) {
        resetState(plan, state, 15, rep);
        replicate(plan, state, tally);
        returned += state.returned[0]!;
      }
      const decisions = decided(tally, 0, 0, weeks);
      expect(Math.abs(returned / decisions - r)).toBeLessThan(4 * Math.sqrt((r * (1 - r)) / decisions));
      // With a delay of 1 week, the returns of week t arrive in week t + 1: the refilings in the horizon are the
      // returns of weeks 0 .. 50, r x their decisions; the returns of week 51 fall beyond the horizon.
      let refiled = 0;
      for (const x of tally.refiledSum) refiled += x;
      expect(tally.refiledSum[0]).toBe(0);
      const early = decided(tally, 0, 0, weeks - 1);
      expect(Math.abs(refiled - r * early)).toBeLessThan(4 * Math.sqrt(r * (1 - r) * early));
      const last = decided(tally, 0, weeks - 1, weeks);
      expect(returned - refiled).toBeGreaterThanOrEqual(0);
      expect(Math.abs(returned - refiled - r * last)).toBeLessThan(4 * Math.sqrt(r * (1 - r) * last));
    },
  );

  it('expected values: the refilings of week t + k are r x the decisions of week t x P(delay k) x the target share', () => {
    const g = 0.4;
    const q = 0.5;
    const r = (1 - g) * q;
    const base = refiling(25, g, q, [0.25, 0.75], 20);
    const only = base.lanes[0]!;
    const scenario: Scenario = {
      ...base,
      // a refiles, 20% into a and 80% into b; b takes no inflow and does not refile.
      lanes: [
        { ...only, name: 'a', refiling: { probability: q, delay: [0.25, 0.75], lanes: { a: 0.2, b: 0.8 } } },
        { ...only, name: 'b', share: 0, priority: 2, refiling: null },
      ],
    };
    const tally = simulateDeterministic(compile(scenario));
    const d = (t: number) => (t < 0 ? 0 : tally.decisionsSum(t, 0));
    for (let t = 0; t < 20; t++) {
      // Delay 1 with probability 0.25, delay 2 with 0.75.
      const due = r * (0.25 * d(t - 1) + 0.75 * d(t - 2));
      expect(tally.refiledSum[t * 2 + 0], `a, week ${t}`).toBeCloseTo(0.2 * due, 9);
      expect(tally.refiledSum[t * 2 + 1], `b, week ${t}`).toBeCloseTo(0.8 * due, 9);
    }
    expect(tally.refiledSum[19 * 2 + 1]!).toBeGreaterThan(1);
  });
});
