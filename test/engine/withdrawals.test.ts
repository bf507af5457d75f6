import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
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
