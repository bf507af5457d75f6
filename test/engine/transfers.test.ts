import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { compile, resolveScenario } from '../../src/scenario/index.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { Tally } from '../../src/engine/tally.js';
import { traceReplication } from '../../src/engine/trace.js';
import type { LaneSpec, Scenario } from '../../src/scenario/types.js';
import { benchReference, testLane } from './bench-reference.js';

const lane = (name: string, priority: number, extra: Partial<LaneSpec> = {}) =>
  testLane(name, { share: name === 'a' ? 1 : 0, priority, grantRate: 0.5, ...extra });

/** N open cases in lane a, which moves p of what it reaches to b; ample capacity, no inflow. */
function ample(n: number, p: number): Scenario {
  return benchReference({
    horizonWeeks: 6,
    inflow: { kind: 'constant', meanPerWeek: 0 },
    capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 10 * n } },
    lanes: [lane('a', 1, { transfers: [{ to: 'b', probability: p }] }), lane('b', 2)],
    initialBacklog: { a: { kind: 'spread', count: n, spreadWeeks: 4 } },
    target: null,
  });
}

const sum = (tally: { transfersInSum: Float64Array }, key: 'transfersInSum' | 'transfersOutSum', lane: number) => {
  const values = (tally as unknown as Record<string, Float64Array>)[key]!;
  let total = 0;
  for (let i = lane; i < values.length; i += 2) total += values[i]!;
  return total;
};

describe('transfers at the decision step', () => {
  it('expected values: of N cases in a with p to b, b receives exactly p N and a decides (1 - p) N', () => {
    const n = 1000;
    const p = 0.3;
    const tally = simulateDeterministic(compile(ample(n, p)));
    expect(sum(tally, 'transfersOutSum', 0)).toBeCloseTo(p * n, 9);
    expect(sum(tally, 'transfersInSum', 1)).toBeCloseTo(p * n, 9);
    let decidedA = 0;
    let decidedB = 0;
    for (let t = 0; t < 6; t++) {
      decidedA += tally.decisionsSum(t, 0);
      decidedB += tally.decisionsSum(t, 1);
    }
    expect(decidedA).toBeCloseTo((1 - p) * n, 9);
    // b decides what it received, the week after (capacity is ample): nothing is left open.
    expect(decidedB).toBeCloseTo(p * n, 9);
    expect(tally.backlogSum(5, 2)).toBeCloseTo(0, 9);
  });

  it('draws: b receives about p N (within 4 binomial standard errors), every case decided once, in its filing slot', () => {
    const n = 1000;
    const p = 0.3;
    const reps = 400;
    const tally = simulate(compile(ample(n, p)), { seed: 8, replications: reps });
    const moved = sum(tally, 'transfersInSum', 1) / reps;
    expect(Math.abs(moved - p * n)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / reps));
    expect(sum(tally, 'transfersOutSum', 0)).toBe(sum(tally, 'transfersInSum', 1));
    // Every case is decided exactly once over the two lanes; lead times keep the filing week.
    let decided = 0;
    for (let t = 0; t < 6; t++) decided += tally.decisionsSum(t, 0) + tally.decisionsSum(t, 1);
    expect(decided).toBe(n * reps);
    const lead = tally.leadWeeks;
    let leadCases = 0;
    for (const count of lead) leadCases += count;
    expect(leadCases).toBe(n * reps);
  });

  it('the effort of a moved case is spent: with capacity for half the cases, a moves p of that half', () => {
    const n = 1000;
    const scenario: Scenario = {
      ...ample(n, 0.5),
      horizonWeeks: 1,
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: n / 2 } },
      lanes: [lane('a', 1, { transfers: [{ to: 'b', probability: 0.5 }] }), lane('b', 2)],
    };
    const tally = simulateDeterministic(compile(scenario));
    expect(tally.decisionsSum(0, 0)).toBeCloseTo(250, 9);
    expect(sum(tally, 'transfersOutSum', 0)).toBeCloseTo(250, 9);
    // b gets its cases at the end of the week: none decided in week 0 (the capacity is spent anyway).
    expect(tally.decisionsSum(0, 1)).toBeCloseTo(0, 9);
    expect(tally.backlogSum(0, 1)).toBeCloseTo(250, 9);
  });

  it('bad transfers: to a lane that does not exist, to itself, probabilities above 1 in sum, a cycle', () => {
    const doc = (transfers: Record<string, unknown>) => ({
      name: 'x',
      start: '2024-01-01',
      horizonWeeks: 4,
      inflow: { meanPerWeek: 5 },
      capacity: { perWeek: 5 },
      lanes: {
        a: { share: 0.5, grantRate: 0.3, ...(transfers['a'] as object) },
        b: { share: 0.5, grantRate: 0.3, ...(transfers['b'] as object) },
      },
    });
    const issues = (transfers: Record<string, unknown>) => {
      const resolved = resolveScenario(doc(transfers), 'x.json');
      return resolved.ok ? [] : resolved.issues.map(formatIssue);
    };
    expect(issues({ a: { transfers: [{ to: 'c', probability: 0.1 }] } }).join('\n')).toContain(
      'lanes.a.transfers[0].to: names no lane: "c"',
    );
    expect(issues({ a: { transfers: [{ to: 'a', probability: 0.1 }] } }).join('\n')).toContain('is the lane itself');
    expect(
      issues({
        a: {
          transfers: [
            { to: 'b', probability: 0.7 },
            { to: 'b', probability: 0.4 },
          ],
        },
      }).join('\n'),
    ).toContain('lanes.a.transfers: probabilities at the decision step sum to 1.1');
    expect(
      issues({
        a: { transfers: [{ to: 'b', probability: 0.1 }] },
        b: { transfers: [{ to: 'a', probability: 0.1 }] },
      }).join('\n'),
    ).toContain('at the decision step form a cycle: a -> b -> a');
    expect(issues({ a: { transfers: [{ to: 'b', probability: 1.5 }] } }).join('\n')).toContain('must be at most 1');
  });
});

/** A field of a tally (horizonWeeks x laneCount) for one lane, week by week. */
const weekly = (tally: Tally, values: Float64Array, lane: number): number[] =>
  Array.from({ length: tally.horizonWeeks }, (_, t) => values[t * tally.laneCount + lane]!);

/** Each week's value, to 9 decimals, against the expected one of that week. */
function expectWeeks(actual: number[], expected: (t: number) => number, label: string): void {
  for (let t = 0; t < actual.length; t++) expect(actual[t], `${label}, week ${t}`).toBeCloseTo(expected(t), 9);
}

/** Mean and variance (over replications) of a series' end-of-week backlog in week t, and the values seen. */
function backlogMoments(tally: Tally, t: number, series: number): { mean: number; variance: number; values: number[] } {
  const histogram = tally.backlog![t * (tally.laneCount + 1) + series]!;
  const mean = histogram.mean();
  let variance = 0;
  for (const [value, count] of histogram.entries()) variance += count * (value - mean) ** 2;
  return { mean, variance: variance / histogram.count, values: histogram.entries().map(([value]) => value) };
}

/**
 * 4 standard errors of the sample variance of `reps` draws of a Binomial(n, p): var(s^2) is about
 * sigma^4 (2 + excess kurtosis) / reps, with sigma^2 = n p q and excess kurtosis (1 - 6 p q) / (n p q).
 */
function varianceTolerance(n: number, p: number, reps: number): number {
  const v = n * p * (1 - p);
  return 4 * v * Math.sqrt((2 + (1 - 6 * p * (1 - p)) / v) / reps);
}

/**
 * Lane a holds the given cases (by weeks before the start) and has the given transfers (to b, and c when
 * the lanes include it); no inflow, and no capacity unless `perWeek` is given, so nothing is decided.
 */
function waiting(
  counts: { weeksAgo: number; count: number }[],
  transfers: LaneSpec['transfers'],
  options: { weeks?: number; perWeek?: number; minWaitA?: number; lanes?: string[] } = {},
): Scenario {
  const names = options.lanes ?? ['a', 'b'];
  return benchReference({
    horizonWeeks: options.weeks ?? 10,
    inflow: { kind: 'constant', meanPerWeek: 0 },
    capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: options.perWeek ?? 0 } },
    lanes: names.map((name, i) =>
      lane(name, i + 1, name === 'a' ? { transfers: transfers ?? [], minWaitWeeks: options.minWaitA ?? 0 } : {}),
    ),
    initialBacklog: { a: { kind: 'byWeeksAgo', counts } },
    target: null,
  });
}

describe('transfers after a waiting time', () => {
  it('expected values: of N cases filed in one week, exactly p N move in the week they reach age w, none before or after', () => {
    const n = 1000;
    const p = 0.3;
    const w = 5;
    // Filed 2 weeks before the start (week -2): age w = 5 at the start of week -2 + 5 = 3.
    const tally = simulateDeterministic(
      compile(waiting([{ weeksAgo: 2, count: n }], [{ to: 'b', probability: p, afterWeeks: w }])),
    );
    const expected = Array.from({ length: 10 }, (_, t) => (t === 3 ? p * n : 0));
    expectWeeks(weekly(tally, tally.transfersOutSum, 0), (t) => expected[t]!, 'out of a');
    expectWeeks(weekly(tally, tally.transfersInSum, 1), (t) => expected[t]!, 'into b');
    // Nothing moves the other way.
    expect(weekly(tally, tally.transfersInSum, 0).every((x) => x === 0)).toBe(true);
    expect(weekly(tally, tally.transfersOutSum, 1).every((x) => x === 0)).toBe(true);
    // No capacity: a keeps (1 - p) N and b holds p N from week 3 on (700 and 300).
    expect(tally.backlogSum(2, 0)).toBeCloseTo(n, 9);
    expect(tally.backlogSum(2, 1)).toBeCloseTo(0, 9);
    expect(tally.backlogSum(9, 0)).toBeCloseTo((1 - p) * n, 9);
    expect(tally.backlogSum(9, 1)).toBeCloseTo(p * n, 9);
  });

  it('expected values: arrivals of week 1 move at the start of week 1 + w, keeping their filing week', () => {
    const n = 400;
    const p = 0.25;
    const w = 3;
    const scenario: Scenario = {
      ...waiting([], [{ to: 'b', probability: p, afterWeeks: w }], { weeks: 8 }),
      // N arrive in week 1 only.
      inflow: { kind: 'weekly', meanPerWeek: [0, n, 0, 0, 0, 0, 0, 0] },
      initialBacklog: {},
    };
    const plan = compile(scenario);
    const tally = simulateDeterministic(plan);
    // Filed in week 1, age w = 3 at the start of week 4: p N = 100 move then, nothing in any other week.
    expectWeeks(weekly(tally, tally.transfersOutSum, 0), (t) => (t === 4 ? p * n : 0), 'out of a');
    expectWeeks(weekly(tally, tally.transfersInSum, 1), (t) => (t === 4 ? p * n : 0), 'into b');
    // In b they sit in the slot of week 1 (plan slot 1 + maxAgeWeeks), still open at the end.
    const slot = 1 + plan.maxAgeWeeks;
    expect(
      tally.decisionWeeks[(1 * plan.cohortSlots + slot) * (plan.horizonWeeks + 1) + plan.horizonWeeks],
    ).toBeCloseTo(p * n, 9);
  });

  it.each([
    { n: 1000, reps: 400, path: 'binomial draws' },
    { n: 20, reps: 3000, path: 'one uniform per case' },
  ])(
    'draws ($path): the cases moved are Binomial(N, p), within 4 standard errors in mean and variance, in that week only',
    ({ n, reps }) => {
      const p = 0.3;
      const tally = simulate(
        compile(waiting([{ weeksAgo: 2, count: n }], [{ to: 'b', probability: p, afterWeeks: 5 }])),
        {
          seed: 21,
          replications: reps,
        },
      );
      const out = weekly(tally, tally.transfersOutSum, 0);
      const into = weekly(tally, tally.transfersInSum, 1);
      // Week 3 only (age 5 of cases filed in week -2); what leaves a arrives in b, case for case.
      out.forEach((moved, t) => {
        if (t !== 3) expect(moved, `week ${t}`).toBe(0);
        expect(into[t]).toBe(moved);
      });
      const mean = out[3]! / reps;
      expect(Math.abs(mean - p * n)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / reps));
      // b's backlog at the end of week 3 is the number moved: Binomial(N, p) variance N p q.
      const b = backlogMoments(tally, 3, 1);
      expect(b.mean).toBeCloseTo(mean, 9);
      expect(Math.abs(b.variance - n * p * (1 - p))).toBeLessThan(varianceTolerance(n, p, reps));
      // And a keeps the rest: the total is N in every replication.
      expect(backlogMoments(tally, 9, 2).values).toEqual([n]);
    },
  );

  it('no capacity is spent by a move after waiting: the moved cases are decided in b in the same week, with the capacity a did not use', () => {
    const n = 100;
    const p = 0.3;
    // a's cases were filed in week -1; a decides a case only from age 4 (minWaitWeeks 4), the age of the move:
    // in week 3 p N = 30 move to b at the start of the week, a decides its 70, and b (minWaitWeeks 0) decides
    // its 30 with the rest of the week's capacity of N = 100. A move that spent capacity would leave b nothing.
    const options = { perWeek: n, minWaitA: 4, weeks: 6 };
    const atWait = simulateDeterministic(
      compile(waiting([{ weeksAgo: 1, count: n }], [{ to: 'b', probability: p, afterWeeks: 4 }], options)),
    );
    for (let t = 0; t < 3; t++) expect(atWait.decisionsSum(t, 0) + atWait.decisionsSum(t, 1)).toBe(0);
    expect(atWait.decisionsSum(3, 0)).toBeCloseTo((1 - p) * n, 9);
    expect(atWait.decisionsSum(3, 1)).toBeCloseTo(p * n, 9);
    expect(atWait.backlogSum(3, 2)).toBeCloseTo(0, 9);
    // The same move at the decision step spends a's capacity on the 30 it moves: b gets them at the end of
    // week 3 and decides them in week 4. This is what the check above tells apart.
    const atDecision = simulateDeterministic(
      compile(waiting([{ weeksAgo: 1, count: n }], [{ to: 'b', probability: p }], options)),
    );
    expect(atDecision.decisionsSum(3, 0)).toBeCloseTo((1 - p) * n, 9);
    expect(atDecision.decisionsSum(3, 1)).toBeCloseTo(0, 9);
    expect(atDecision.decisionsSum(4, 1)).toBeCloseTo(p * n, 9);
    // Draws: every replication decides all N in week 3, b exactly what it received.
    const reps = 200;
    const drawn = simulate(
      compile(waiting([{ weeksAgo: 1, count: n }], [{ to: 'b', probability: p, afterWeeks: 4 }], options)),
      { seed: 5, replications: reps },
    );
    expect(drawn.decisionsSum(3, 0) + drawn.decisionsSum(3, 1)).toBe(n * reps);
    expect(drawn.decisionsSum(3, 1)).toBe(drawn.transfersInSum[3 * 2 + 1]);
    expect(drawn.transfersInSum[3 * 2 + 1]).toBeGreaterThan(0);
    expect(backlogMoments(drawn, 3, 2).values).toEqual([0]);
  });

  it('cases of the initial backlog already older than w never move; those of age w at the start move in week 0', () => {
    const w = 4;
    // Probability 1: every case that reaches age w in a moves, so the result is the same in every replication.
    // Filed 7 and 5 weeks ago: older than w at the start, never move (100 + 40 stay in a).
    // Filed 4 weeks ago: age w at the start of week 0, all 50 move then. Filed 1 week ago: age w in week 3, 10 move.
    const counts = [
      { weeksAgo: w + 3, count: 100 },
      { weeksAgo: w + 1, count: 40 },
      { weeksAgo: w, count: 50 },
      { weeksAgo: 1, count: 10 },
    ];
    const scenario = waiting(counts, [{ to: 'b', probability: 1, afterWeeks: w }], { weeks: 8 });
    const expected = [50, 0, 0, 10, 0, 0, 0, 0];
    const deterministic = simulateDeterministic(compile(scenario));
    expectWeeks(weekly(deterministic, deterministic.transfersOutSum, 0), (t) => expected[t]!, 'out of a');
    expect(deterministic.backlogSum(7, 0)).toBeCloseTo(140, 9);
    const reps = 50;
    const drawn = simulate(compile(scenario), { seed: 2, replications: reps });
    expect(weekly(drawn, drawn.transfersOutSum, 0)).toEqual(expected.map((x) => x * reps));
    expect(backlogMoments(drawn, 7, 0).values).toEqual([140]);
    expect(backlogMoments(drawn, 7, 1).values).toEqual([60]);
  });

  describe('two targets at the same age are one multinomial draw', () => {
    const three = (n: number, pb: number, pc: number) =>
      waiting(
        [{ weeksAgo: 1, count: n }],
        [
          { to: 'b', probability: pb, afterWeeks: 3 },
          { to: 'c', probability: pc, afterWeeks: 3 },
        ],
        { weeks: 4, lanes: ['a', 'b', 'c'] },
      );

    it('expected values: b gets pb N, c gets pc N, a keeps (1 - pb - pc) N', () => {
      const tally = simulateDeterministic(compile(three(1000, 0.3, 0.4)));
      // Filed in week -1: age 3 at the start of week 2.
      expect(tally.transfersOutSum[2 * 3 + 0]).toBeCloseTo(700, 9);
      expect(tally.backlogSum(3, 0)).toBeCloseTo(300, 9);
      expect(tally.backlogSum(3, 1)).toBeCloseTo(300, 9);
      expect(tally.backlogSum(3, 2)).toBeCloseTo(400, 9);
    });

    it.each([
      { n: 200, reps: 1500, path: 'binomial draws' },
      { n: 20, reps: 3000, path: 'one uniform per case' },
    ])('draws ($path): each lane is Binomial in mean and variance, and a case moves at most once', ({ n, reps }) => {
      const pb = 0.3;
      const pc = 0.4;
      const tally = simulate(compile(three(n, pb, pc)), { seed: 17, replications: reps });
      // Multinomial(N; 1 - pb - pc, pb, pc): each lane's count is Binomial(N, its probability).
      [1 - pb - pc, pb, pc].forEach((p, lane) => {
        const { mean, variance } = backlogMoments(tally, 3, lane);
        expect(Math.abs(mean - n * p), `lane ${lane} mean`).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / reps));
        expect(Math.abs(variance - n * p * (1 - p)), `lane ${lane} variance`).toBeLessThan(
          varianceTolerance(n, p, reps),
        );
      });
      // No case is lost or moved twice: N in total in every replication.
      expect(backlogMoments(tally, 3, 3).values).toEqual([n]);
    });

    it.each([200, 20])('probabilities that sum to 1 (0.5 and 0.5) move every case, N = %i', (n) => {
      const reps = 1000;
      const tally = simulate(compile(three(n, 0.5, 0.5)), { seed: 23, replications: reps });
      expect(backlogMoments(tally, 3, 0).values).toEqual([0]);
      // b's share is Binomial(N, 1/2): variance N / 4.
      const b = backlogMoments(tally, 3, 1);
      expect(Math.abs(b.mean - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4 / reps));
      expect(Math.abs(b.variance - n / 4)).toBeLessThan(varianceTolerance(n, 0.5, reps));
    });
  });

  it('a loop through a move after waiting is accepted; a loop of two moves at the decision step is not', () => {
    const doc = (a: unknown[], b: unknown[]) => ({
      name: 'x',
      start: '2024-01-01',
      horizonWeeks: 20,
      inflow: { meanPerWeek: 5 },
      capacity: { perWeek: 3 },
      lanes: {
        a: { share: 0.5, grantRate: 0.3, ...(a.length > 0 ? { transfers: a } : {}) },
        b: { share: 0.5, grantRate: 0.3, ...(b.length > 0 ? { transfers: b } : {}) },
      },
    });
    const resolve = (a: unknown[], b: unknown[]) => resolveScenario(doc(a, b), 'x.json');
    const issues = (a: unknown[], b: unknown[]) => {
      const resolved = resolve(a, b);
      return resolved.ok ? '' : resolved.issues.map(formatIssue).join('\n');
    };
    const loops = [
      // a -> b after 2 weeks, b -> a at the decision step.
      [[{ to: 'b', probability: 0.4, afterWeeks: 2 }], [{ to: 'a', probability: 0.3 }]],
      // Both after a waiting time.
      [[{ to: 'b', probability: 0.4, afterWeeks: 2 }], [{ to: 'a', probability: 0.3, afterWeeks: 3 }]],
    ] as const;
    for (const [a, b] of loops) {
      expect(issues([...a], [...b])).toBe('');
      // And it runs: what leaves one lane arrives in the other, every week.
      const resolved = resolve([...a], [...b]);
      if (!resolved.ok) throw new Error('unreachable');
      const plan = compile(resolved.value);
      const tally = simulate(plan, { seed: 3, replications: 20 });
      let moved = 0;
      for (let t = 0; t < plan.horizonWeeks; t++) {
        const out = tally.transfersOutSum[t * 2]! + tally.transfersOutSum[t * 2 + 1]!;
        expect(tally.transfersInSum[t * 2]! + tally.transfersInSum[t * 2 + 1]!).toBe(out);
        moved += out;
      }
      expect(moved).toBeGreaterThan(0);
    }
    expect(issues([{ to: 'b', probability: 0.4 }], [{ to: 'a', probability: 0.3 }])).toContain(
      'at the decision step form a cycle: a -> b -> a',
    );
    // Probabilities sum to at most 1 per waiting time, separately from the decision step's.
    expect(
      issues(
        [
          { to: 'b', probability: 0.7 },
          { to: 'b', probability: 0.7, afterWeeks: 2 },
          { to: 'b', probability: 0.7, afterWeeks: 3 },
        ],
        [],
      ),
    ).toBe('');
    expect(
      issues(
        [
          { to: 'b', probability: 0.7, afterWeeks: 2 },
          { to: 'b', probability: 0.4, afterWeeks: 2 },
        ],
        [],
      ),
    ).toContain('lanes.a.transfers: probabilities after 2 weeks sum to 1.1');
    // A waiting time is a whole number of weeks, at least 1.
    expect(issues([{ to: 'b', probability: 0.4, afterWeeks: 0 }], [])).not.toBe('');
    expect(issues([{ to: 'b', probability: 0.4, afterWeeks: 1.5 }], [])).not.toBe('');
  });
});

describe('transfers after a waiting time: expected values leave no negative rounding residue', () => {
  // docs: "Never negative, not even by a rounding residue of fractional cases" (invariants.test.ts). Withdrawals and
  // the decision step recompute an emptied lane's backlog from its cohorts for this reason.
  it('a lane emptied by a move with probability 1 has a backlog of 0, not below', () => {
    // 0.7 cases filed in week 0 and 0.1 in week 1, all moving to b at age 2, nothing decided: a holds 0.7 + 0.1 =
    // 0.7999999999999999 at the end of week 1, 0.1 at the end of week 2 and nothing from week 3 on. Subtracting the
    // moves from the running sum leaves 0.7999999999999999 - 0.7 - 0.1 = -2.8e-17 instead.
    const scenario: Scenario = {
      ...waiting([], [{ to: 'b', probability: 1, afterWeeks: 2 }], { weeks: 6 }),
      inflow: { kind: 'weekly', meanPerWeek: [0.7, 0.1, 0, 0, 0, 0] },
      initialBacklog: {},
    };
    const tally = simulateDeterministic(compile(scenario));
    for (let t = 3; t < 6; t++) {
      expect(tally.backlogSum(t, 0), `week ${t}`).toBeCloseTo(0, 12);
      expect(tally.backlogSum(t, 0), `week ${t}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('two targets whose probabilities sum to 1 leave the cohort at 0, not below', () => {
    // 7 cases filed in week -1 move at age 2 (week 1), 20% to b and 80% to c: taken from the cohort in turn,
    // 7 - 7 x 0.2 - 7 x 0.8 is 7 - 1.4000000000000001 - 5.6000000000000005 = -8.9e-16 in doubles.
    const scenario = waiting(
      [{ weeksAgo: 1, count: 7 }],
      [
        { to: 'b', probability: 0.2, afterWeeks: 2 },
        { to: 'c', probability: 0.8, afterWeeks: 2 },
      ],
      { weeks: 3, lanes: ['a', 'b', 'c'] },
    );
    const plan = compile(scenario);
    const trace = traceReplication(plan, { seed: 1, replication: 0, deterministic: true });
    for (const week of trace.weeks) {
      expect(Math.min(...week.cohorts[0]!), `week ${week.week}: a's cohorts`).toBeGreaterThanOrEqual(0);
      expect(week.backlogEnd[0], `week ${week.week}: a's backlog`).toBeGreaterThanOrEqual(0);
    }
    expect(trace.weeks[2]!.backlogEnd).toEqual([0, 1.4, 5.6].map((x) => expect.closeTo(x, 12)));
  });
});

describe('moves after a waiting time between two lanes at the same age', () => {
  it('a case moves once a week: lanes that move cases of the same age to each other swap them, whatever their priority', () => {
    // 100 cases of a and 40 of b, filed 1 week before the start; each lane moves all its cases of age 3 to the other.
    // All moves of a week are drawn before any moved case joins its lane, so at the start of week 2 a holds b's 40
    // and b holds a's 100; one move each, in both orders of priority and in both modes.
    for (const order of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      const scenario: Scenario = benchReference({
        horizonWeeks: 4,
        inflow: { kind: 'constant', meanPerWeek: 0 },
        capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
        lanes: order.map((name, i) =>
          lane(name, i + 1, { transfers: [{ to: name === 'a' ? 'b' : 'a', probability: 1, afterWeeks: 3 }] }),
        ),
        initialBacklog: {
          a: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 100 }] },
          b: { kind: 'byWeeksAgo', counts: [{ weeksAgo: 1, count: 40 }] },
        },
        target: null,
      });
      const plan = compile(scenario);
      const a = plan.laneNames.indexOf('a');
      const b = plan.laneNames.indexOf('b');
      for (const deterministic of [true, false]) {
        const trace = traceReplication(plan, { seed: 1, replication: 0, deterministic });
        const week2 = trace.weeks[2]!;
        expect(week2.backlogEnd[a], `${order} ${deterministic}`).toBe(40);
        expect(week2.backlogEnd[b], `${order} ${deterministic}`).toBe(100);
        expect(week2.transferredOut[a]).toBe(100);
        expect(week2.transferredIn[b]).toBe(100);
        expect(week2.transferredOut[b]).toBe(40);
        expect(week2.transferredIn[a]).toBe(40);
      }
    }
  });
});
