import { describe, expect, it } from 'vitest';
import { simulate, simulateDeterministic } from '../../src/engine/simulate.js';
import { traceReplication } from '../../src/engine/trace.js';
import { compile } from '../../src/scenario/index.js';
import type { LaneSpec, Scenario } from '../../src/scenario/types.js';
import { benchReference } from './bench-reference.js';

const lane = (name: string, share: number, priority: number): LaneSpec => ({
  name,
  share,
  priority,
  minWaitWeeks: 1,
  grantRate: 0.5,
  hoursPerDecision: null,
  dedicatedCapacity: null,
});

const OBSERVED = [30, 0, 1, 57, 12.5, 26, 40, 3];
const WHOLE = [30, 0, 1, 57, 13, 26, 40, 3];

/** Three lanes, 8 replayed weeks, then 6 weeks of Poisson with mean 20. */
const replay = (overrides: Partial<Scenario> = {}): Scenario => ({
  ...benchReference(),
  horizonWeeks: 14,
  lanes: [lane('a', 0.2, 2), lane('b', 0.5, 1), lane('c', 0.3, 3)],
  initialBacklog: {},
  capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 20 } },
  calendar: [],
  target: null,
  inflow: { kind: 'replay', observedPerWeek: OBSERVED, wholePerWeek: WHOLE, futureMeanPerWeek: 20, source: 'test.csv' },
  ...overrides,
});

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('replayed inflow', () => {
  it("stochastic: every replayed week's arrivals over the lanes equal the data, in every replication", () => {
    const plan = compile(replay());
    for (let r = 0; r < 200; r++) {
      const trace = traceReplication(plan, { seed: 11, replication: r });
      WHOLE.forEach((total, t) => {
        const arrivals = trace.weeks[t]!.arrivals;
        arrivals.forEach((x) => {
          expect(Number.isInteger(x) && x >= 0).toBe(true);
        });
        expect(sum(arrivals)).toBe(total);
      });
    }
  });

  it("deterministic: the week's total is the (fractional) data, split total x share", () => {
    const plan = compile(replay());
    const trace = traceReplication(plan, { seed: 11, replication: 0, deterministic: true });
    OBSERVED.forEach((total, t) => {
      expect(sum(trace.weeks[t]!.arrivals)).toBeCloseTo(total, 12);
      // Lanes in priority order: b (0.5), a (0.2), c (0.3).
      expect(trace.weeks[t]!.arrivals).toEqual([total * 0.5, total * 0.2, total * 0.3]);
    });
    // After the data: the future mean.
    expect(sum(trace.weeks[OBSERVED.length]!.arrivals)).toBeCloseTo(20, 12);
    const tally = simulateDeterministic(plan);
    expect(tally.arrivalsSum[4 * 3]! + tally.arrivalsSum[4 * 3 + 1]! + tally.arrivalsSum[4 * 3 + 2]!).toBeCloseTo(
      12.5,
      12,
    );
  });

  it('the split over lanes is unbiased: the mean per lane is near share x total', () => {
    const reps = 4000;
    const plan = compile(replay());
    const tally = simulate(plan, { seed: 5, replications: reps });
    const shares = [0.5, 0.2, 0.3];
    for (const t of [0, 3, 6]) {
      const total = WHOLE[t]!;
      shares.forEach((share, l) => {
        const mean = tally.arrivalsSum[t * 3 + l]! / reps;
        const sd = Math.sqrt((total * share * (1 - share)) / reps);
        expect(Math.abs(mean - total * share)).toBeLessThan(4 * sd);
      });
    }
  });

  it('weeks after the data draw Poisson with futureMeanPerWeek', () => {
    const reps = 4000;
    const plan = compile(replay());
    const tally = simulate(plan, { seed: 9, replications: reps });
    for (let t = OBSERVED.length; t < 14; t++) {
      const mean = (tally.arrivalsSum[t * 3]! + tally.arrivalsSum[t * 3 + 1]! + tally.arrivalsSum[t * 3 + 2]!) / reps;
      expect(Math.abs(mean - 20)).toBeLessThan(4 * Math.sqrt(20 / reps));
    }
  });

  it('data longer than the horizon replays the first horizonWeeks weeks only', () => {
    const plan = compile(replay({ horizonWeeks: 5 }));
    expect(plan.replay?.weeks).toBe(5);
    const trace = traceReplication(plan, { seed: 1, replication: 0 });
    expect(trace.weeks.map((week) => sum(week.arrivals))).toEqual(WHOLE.slice(0, 5));
  });

  it('conservation holds and ordinary scenarios have no replay in their plan', () => {
    const plan = compile(replay());
    const trace = traceReplication(plan, { seed: 3, replication: 2 });
    for (const week of trace.weeks) {
      week.backlogEnd.forEach((end, l) => {
        expect(end).toBe(week.backlogStart[l]! + week.arrivals[l]! - week.decisions[l]!);
      });
    }
    expect(compile(benchReference()).replay).toBeNull();
  });

  it('a lane with share 0 gets nothing, and a single lane gets everything', () => {
    const zero = compile(replay({ lanes: [lane('a', 0, 1), lane('b', 1, 2)] }));
    const trace = traceReplication(zero, { seed: 2, replication: 0 });
    WHOLE.forEach((total, t) => {
      expect(trace.weeks[t]!.arrivals).toEqual([0, total]);
    });
  });
});
