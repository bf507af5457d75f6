import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { compile, resolveScenario } from '../../src/scenario/index.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { LaneSpec, Scenario } from '../../src/scenario/types.js';
import { benchReference } from './bench-reference.js';

const lane = (name: string, priority: number, extra: Partial<LaneSpec> = {}): LaneSpec => ({
  name,
  share: name === 'a' ? 1 : 0,
  priority,
  minWaitWeeks: 0,
  grantRate: 0.5,
  hoursPerDecision: null,
  dedicatedCapacity: null,
  ...extra,
});

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
