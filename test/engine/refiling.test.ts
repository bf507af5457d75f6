import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
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
