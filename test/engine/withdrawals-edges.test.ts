/**
 * Withdrawals at their edges (flows.ts): a band that holds a single age, and
 * the running count of withdrawals a replication keeps (state.withdrawnSoFar),
 * in both modes.
 */
import { describe, expect, it } from 'vitest';
import { replicate } from '../../src/engine/simulate.js';
import { createState, resetState } from '../../src/engine/state.js';
import { Tally } from '../../src/engine/tally.js';
import { traceReplication } from '../../src/engine/trace.js';
import { createStream } from '../../src/random/stream.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario, WithdrawalBand } from '../../src/scenario/types.js';
import { benchReference } from './bench-reference.js';

/** One lane, no inflow, no capacity: `n` cases filed `weeksAgo` weeks before the start, withdrawing by `bands`. */
function oneCohort(n: number, weeksAgo: number, bands: WithdrawalBand[], weeks: number): Scenario {
  const reference = benchReference();
  return benchReference({
    horizonWeeks: weeks,
    inflow: { kind: 'constant', meanPerWeek: 0 },
    capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } },
    lanes: [{ ...reference.lanes[0]!, name: 'a', share: 1, withdrawals: bands }],
    initialBacklog: { a: { kind: 'byWeeksAgo', counts: [{ weeksAgo, count: n }] } },
    target: null,
  });
}

describe('a withdrawal band that holds one age', () => {
  it('ages 0-2 hazard 0, age 3 hazard 0.5, 4 on hazard 0: a cohort aged 3 in week 0 withdraws then only, as its trials give', () => {
    const n = 20;
    const bands = [
      { fromWeeks: 0, hazard: 0 },
      { fromWeeks: 3, hazard: 0.5 },
      { fromWeeks: 4, hazard: 0 },
    ];
    const plan = compile(oneCohort(n, 3, bands, 3));
    const scale = Math.log(1 - 0.5);
    let total = 0;
    for (let r = 0; r < 8; r++) {
      const weeks = traceReplication(plan, { seed: 21, replication: r }).weeks;
      const stream = createStream(21, r, plan.withdrawalKeys[0]!);
      // One Bernoulli(1/2) trial per case, oldest first: the gaps between withdrawals are geometric.
      let withdrawn = 0;
      for (let k = Math.floor(Math.log(1 - stream()) / scale), c = 0; c < n; c++) {
        if (k > 0) k--;
        else {
          withdrawn++;
          k = Math.floor(Math.log(1 - stream()) / scale);
        }
      }
      expect(weeks.map((week) => week.withdrawn[0])).toEqual([withdrawn, 0, 0]);
      expect(weeks[2]!.backlogEnd[0]).toBe(n - withdrawn);
      total += withdrawn;
    }
    // About half of 160 cases; a band skipped would withdraw none.
    expect(total).toBeGreaterThan(50);
  });
});

describe('the withdrawals a replication has counted so far', () => {
  for (const deterministic of [true, false]) {
    it(`${deterministic ? 'expected values' : 'drawn'}: state.withdrawnSoFar is the sum of the weeks' withdrawals, per lane`, () => {
      const plan = compile(oneCohort(400, 2, [{ fromWeeks: 0, hazard: 0.07 }], 10));
      const state = createState(plan, deterministic);
      resetState(plan, state, 4, 1);
      let sum = 0;
      replicate(plan, state, new Tally(plan, deterministic), (s) => {
        sum += s.withdrawn[0]!;
      });
      expect(sum).toBeGreaterThan(100);
      expect(state.withdrawnSoFar[0]).toBeCloseTo(sum, 9);
      if (deterministic) expect(sum).toBeCloseTo(400 * (1 - 0.93 ** 10), 9);
    });
  }
});
