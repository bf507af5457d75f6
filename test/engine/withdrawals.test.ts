import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { compile } from '../../src/scenario/index.js';
import type { Tally } from '../../src/engine/tally.js';
import type { Scenario, WithdrawalBand } from '../../src/scenario/types.js';
import { benchReference } from './bench-reference.js';

/** One lane of N open cases, no inflow and no capacity: only withdrawals move the backlog. */
function idle(n: number, bands: Scenario['lanes'][number]['withdrawals'], weeks = 30): Scenario {
  return benchReference({
    horizonWeeks: weeks,
    inflow: { kind: 'constant', meanPerWeek: 0 },
    capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
    lanes: [
      {
        name: 'only',
        share: 1,
        priority: 1,
        minWaitWeeks: 1,
        grantRate: 0.5,
        hoursPerDecision: null,
        dedicatedCapacity: null,
        withdrawals: bands,
      },
    ],
    initialBacklog: { only: { kind: 'spread', count: n, spreadWeeks: 20 } },
    target: null,
  });
}

describe('withdrawals', () => {
  it('with no capacity, the expected backlog after t weeks is N (1 - h)^t: exactly in expected-value mode', () => {
    const h = 0.03;
    const tally = simulateDeterministic(compile(idle(1000, [{ fromWeeks: 0, hazard: h }])));
    // The hazard acts at the start of each week, so the end of week t has seen t + 1 of them.
    for (const t of [0, 9, 29]) expect(tally.backlogSum(t, 1)).toBeCloseTo(1000 * (1 - h) ** (t + 1), 9);
  });

  it('stochastic: the mean backlog follows N (1 - h)^t within 4 standard errors, and each week is Binomial', () => {
    const h = 0.03;
    const n = 1000;
    const reps = 2000;
    const tally = simulate(compile(idle(n, [{ fromWeeks: 0, hazard: h }])), { seed: 3, replications: reps });
    for (const t of [0, 9, 29]) {
      const p = (1 - h) ** (t + 1);
      const mean = tally.backlogSum(t, 1) / reps;
      // Each case survives independently: the backlog is Binomial(N, p).
      const se = Math.sqrt((n * p * (1 - p)) / reps);
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * se);
      const histogram = tally.backlog![t * 2 + 1]!;
      let variance = 0;
      for (const [value, count] of histogram.entries()) variance += count * (value - histogram.mean()) ** 2;
      variance /= reps;
      // The sample variance of a binomial: standard error about var * sqrt(2 / reps).
      expect(Math.abs(variance - n * p * (1 - p))).toBeLessThan(4 * n * p * (1 - p) * Math.sqrt(2 / reps));
    }
  });

  it('a hazard by age: cases younger than the band keep theirs', () => {
    // 20 weeks of ages 1..20 at the start; from age 10 the hazard is 0.5, before it 0.
    const tally = simulateDeterministic(
      compile(
        idle(
          200,
          [
            { fromWeeks: 0, hazard: 0 },
            { fromWeeks: 10, hazard: 0.5 },
          ],
          1,
        ),
      ),
    );
    // In week 0 the ages are 1..20 (10 a week): ages 10..20 (11 cohorts of 10) lose half.
    expect(tally.backlogSum(0, 1)).toBeCloseTo(200 - 0.5 * 110, 9);
  });

  it('conservation with withdrawals: decisions = start + arrivals - withdrawals - end, every week and lane', () => {
    const scenario = benchReference({
      lanes: benchReference().lanes.map((lane) => ({ ...lane, withdrawals: [{ fromWeeks: 0, hazard: 0.01 }] })),
    });
    const plan = compile(scenario);
    const tally = simulate(plan, { seed: 9, replications: 200 });
    let decided = 0;
    for (let t = 0; t < 52; t++)
      for (let lane = 0; lane < 4; lane++) {
        const d = tally.decisionsSum(t, lane);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(d)).toBe(true);
        decided += d;
      }
    // Capacity binds all year: 1,600 decisions in every replication, withdrawals or not.
    expect(decided / 200).toBe(1600);
    let withdrawn = 0;
    for (const w of tally.withdrawalsSum) withdrawn += w;
    expect(withdrawn / 200).toBeGreaterThan(100);
  });

  it('a scenario without withdrawals draws exactly what it drew before: no stream, no step', () => {
    const plain = benchReference();
    const zero = benchReference({
      lanes: plain.lanes.map((lane) => ({ ...lane, withdrawals: [{ fromWeeks: 0, hazard: 0 }] })),
    });
    expect(compile(zero).withdrawalHazard).toBeNull();
    const a = simulate(compile(plain), { seed: 4, replications: 50 }).toData();
    const b = simulate(compile(zero), { seed: 4, replications: 50 }).toData();
    expect(b).toEqual(a);
  });
});

/** Mean and variance over replications of the backlog of a series at the end of week t. */
function moments(tally: Tally, t: number, series: number): { mean: number; variance: number } {
  const histogram = tally.backlog![t * (tally.laneCount + 1) + series]!;
  const mean = histogram.mean();
  let variance = 0;
  for (const [value, count] of histogram.entries()) variance += count * (value - mean) ** 2;
  return { mean, variance: variance / histogram.count };
}

/** One lane with the given initial cohorts (cases by weeks before the start), no inflow and no capacity. */
function cohorts(counts: { weeksAgo: number; count: number }[], bands: WithdrawalBand[], weeks: number): Scenario {
  return { ...idle(0, bands, weeks), initialBacklog: { only: { kind: 'byWeeksAgo', counts } } };
}

describe('withdrawals: the skip between withdrawals carries over from week to week', () => {
  // N = 50 and h = 0.003: 0.15 withdrawals expected in a week, so most weeks have none and the skip drawn in one
  // week must carry (less the week's 50 trials) into the next. After t weeks each case is still open with
  // probability (1 - h)^t, independently: the backlog is Binomial(N, (1 - h)^t). A skip lost at the end of a
  // week (restarted at 0) would withdraw a case every week; one not reduced by the week's trials would almost never.
  const n = 50;
  const h = 0.003;
  const weeks = 40;
  const reps = 4000;
  it.each([
    { label: 'one band', bands: [{ fromWeeks: 0, hazard: h }] },
    // Two bands of the same hazard: the same distribution, but the walk over the cohorts and a skip per band.
    {
      label: 'two bands of the same hazard',
      bands: [
        { fromWeeks: 0, hazard: h },
        { fromWeeks: 12, hazard: h },
      ],
    },
  ])('$label: after t = 40 weeks the backlog is Binomial(N, (1 - h)^t) in mean and variance', ({ bands }) => {
    const tally = simulate(compile(idle(n, bands, weeks)), { seed: 31, replications: reps });
    // The end of week 39 has seen the hazard 40 times: p = 0.997^40 = 0.8867, mean 44.3, variance 5.02.
    const p = (1 - h) ** weeks;
    const variance = n * p * (1 - p);
    const observed = moments(tally, weeks - 1, 0);
    expect(Math.abs(observed.mean - n * p)).toBeLessThan(4 * Math.sqrt(variance / reps));
    // var(s^2) is about sigma^4 (2 + excess kurtosis) / reps, the binomial's excess kurtosis (1 - 6 p q) / (n p q).
    const kurtosis = (1 - 6 * p * (1 - p)) / variance;
    expect(Math.abs(observed.variance - variance)).toBeLessThan(4 * variance * Math.sqrt((2 + kurtosis) / reps));
    // The premise: most weeks of most replications withdraw nothing (0.15 expected a week).
    let withdrawn = 0;
    for (const w of tally.withdrawalsSum) withdrawn += w;
    expect(withdrawn / (weeks * reps)).toBeLessThan(0.2);
  });
});

describe('withdrawals: hazards by age on cohorts that span both bands', () => {
  // Hazard 0.01 up to age 9 and 0.05 from age 10. Cohorts filed 2, 8 and 15 weeks before the start, 100 cases each,
  // 12 weeks: a cohort filed k weeks ago has age k + t at the start of week t, so over weeks 0..11 it sees ages
  // k .. k + 11:
  //   k = 2:  ages 2..13: 8 at 0.01 (2..9) and 4 at 0.05 (10..13): 0.99^8 x 0.95^4
  //   k = 8:  ages 8..19: 2 at 0.01 and 10 at 0.05:                  0.99^2 x 0.95^10
  //   k = 15: ages 15..26: 12 at 0.05:                                0.95^12
  const bands = [
    { fromWeeks: 0, hazard: 0.01 },
    { fromWeeks: 10, hazard: 0.05 },
  ];
  const counts = [
    { weeksAgo: 2, count: 100 },
    { weeksAgo: 8, count: 100 },
    { weeksAgo: 15, count: 100 },
  ];
  const survival = [0.99 ** 8 * 0.95 ** 4, 0.99 ** 2 * 0.95 ** 10, 0.95 ** 12];

  it('expected values: the backlog is the sum over cohorts of N x the product of (1 - hazard at each age)', () => {
    const tally = simulateDeterministic(compile(cohorts(counts, bands, 12)));
    expect(tally.backlogSum(11, 0)).toBeCloseTo(100 * (survival[0]! + survival[1]! + survival[2]!), 9);
    // And after week 0 alone: ages 2, 8 at 0.01 and 15 at 0.05.
    expect(tally.backlogSum(0, 0)).toBeCloseTo(100 * (0.99 + 0.99 + 0.95), 9);
  });

  it('draws: the mean and variance of the backlog agree within 4 standard errors', () => {
    const reps = 3000;
    const tally = simulate(compile(cohorts(counts, bands, 12)), { seed: 12, replications: reps });
    // Independent cases: a sum of three binomials, mean sum N p_k and variance sum N p_k (1 - p_k).
    const mean = survival.reduce((sum, p) => sum + 100 * p, 0);
    const variance = survival.reduce((sum, p) => sum + 100 * p * (1 - p), 0);
    const observed = moments(tally, 11, 0);
    expect(Math.abs(observed.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / reps));
    // var(s^2) is about sigma^4 (2 + excess kurtosis) / reps; cumulants add over independent cohorts, and a
    // Binomial(N, p)'s fourth cumulant is N p q (1 - 6 p q).
    const fourth = survival.reduce((sum, p) => sum + 100 * p * (1 - p) * (1 - 6 * p * (1 - p)), 0);
    const kurtosis = fourth / variance ** 2;
    expect(Math.abs(observed.variance - variance)).toBeLessThan(4 * variance * Math.sqrt((2 + kurtosis) / reps));
  });
});
