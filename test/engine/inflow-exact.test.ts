/**
 * Step 1 of the weekly step (step.ts, inflow) number for number: where each
 * week's arrivals go (the lane's cohort of the week and its backlog), the
 * inflow a pool that follows the inflow sees (the week's total, in every
 * inflow path), the multinomial split of a replayed week drawn lane by lane,
 * and the mean an uncertain inflow draws with (plan mean x factor x share ratio).
 */
import { describe, expect, it } from 'vitest';
import { createState, resetState } from '../../src/engine/state.js';
import { capacity } from '../../src/engine/step.js';
import { traceReplication } from '../../src/engine/trace.js';
import { sampleBinomial } from '../../src/random/binomial.js';
import { createStream } from '../../src/random/stream.js';
import { compile } from '../../src/scenario/index.js';
import type { Scenario, UncertaintySpec } from '../../src/scenario/types.js';
import { benchReference, NO_UNCERTAINTY, testLane } from './bench-reference.js';

const WEEKS = 10;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

const lane = (name: string, share: number, priority: number) => testLane(name, { share, priority, minWaitWeeks: 2 });

/** Three lanes, a pool that follows the inflow (+10%, 3 trailing weeks, 10 to 80), no open cases at the start. */
function following(overrides: Partial<Scenario> = {}): Scenario {
  return benchReference({
    horizonWeeks: WEEKS,
    inflow: { kind: 'constant', meanPerWeek: 30 },
    capacity: {
      unit: 'decisions',
      policy: { kind: 'inflowPlusMargin', margin: 0.1, trailingWeeks: 3, min: 10, max: 80 },
    },
    lanes: [lane('a', 0.2, 2), lane('b', 0.5, 1), lane('c', 0.3, 3)],
    initialBacklog: {},
    target: null,
    ...overrides,
  });
}

const OBSERVED = [30, 0, 1, 57, 12.5, 26];
const WHOLE = [30, 0, 1, 57, 13, 26];
const replay: Partial<Scenario> = {
  inflow: { kind: 'replay', observedPerWeek: OBSERVED, wholePerWeek: WHOLE, futureMeanPerWeek: 20, source: 'test.csv' },
};

const variants: [string, Partial<Scenario>][] = [
  ['Poisson inflow', {}],
  ['replayed weeks, then Poisson', replay],
  [
    'an uncertain inflow level',
    {
      uncertainty: {
        ...NO_UNCERTAINTY,
        inflow: { ...NO_UNCERTAINTY.inflow, level: { cv: 0.3, distribution: 'gamma' } },
      },
    },
  ],
  ['uncertain shares', { uncertainty: { ...NO_UNCERTAINTY, shares: { concentration: 10 } } }],
];

describe('the inflow a pool follows is the week’s total arrivals, in every inflow path', () => {
  for (const [name, overrides] of variants) {
    for (const deterministic of [false, true]) {
      it(`${name}, ${deterministic ? 'expected values' : 'drawn'}: the capacity is the rule applied to the traced arrivals`, () => {
        const plan = compile(following(overrides));
        for (let r = 0; r < (deterministic ? 1 : 4); r++) {
          const weeks = traceReplication(plan, { seed: 17, replication: r, deterministic }).weeks;
          // The rule itself, fed the traced totals (test/engine/capacity-follows-inflow.test.ts checks it).
          const rule = createState(plan, deterministic);
          resetState(plan, rule, 17, r);
          weeks.forEach((week, t) => {
            rule.inflowHistory[t] = sum(week.arrivals);
            capacity(plan, rule, t);
            expect(week.capacity[0]).toBe(rule.capacity[0]);
          });
          if (!deterministic) expect(new Set(weeks.map((week) => week.capacity[0])).size).toBeGreaterThan(1);
        }
      });
    }
  }
});

describe('arrivals join their lane: the cohort of the week and the backlog', () => {
  for (const [name, overrides] of variants) {
    for (const deterministic of [false, true]) {
      it(`${name}, ${deterministic ? 'expected values' : 'drawn'}: with no capacity the week's cohort holds its arrivals and the backlog adds them`, () => {
        const plan = compile(
          following({ ...overrides, capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 0 } } }),
        );
        const weeks = traceReplication(plan, { seed: 19, replication: 1, deterministic }).weeks;
        let open = [0, 0, 0];
        weeks.forEach((week, t) => {
          open = open.map((cases, i) => cases + week.arrivals[i]!);
          expect(week.backlogEnd).toEqual(open);
          week.cohorts.forEach((cohorts, i) => {
            expect(cohorts[t + plan.maxAgeWeeks]).toBe(week.arrivals[i]);
          });
        });
        expect(sum(open)).toBeGreaterThan(0);
      });
    }
  }
});

describe('a replayed week, drawn: the observed total split lane by lane, each a binomial of what is left from its own stream', () => {
  it('in priority order b (0.5), a (0.2), c (0.3): b ~ Bin(n, 0.5), a ~ Bin(n - b, 0.2 / 0.5), c the rest', () => {
    const plan = compile(following(replay));
    expect(plan.laneNames).toEqual(['b', 'a', 'c']);
    for (let r = 0; r < 6; r++) {
      const weeks = traceReplication(plan, { seed: 23, replication: r }).weeks;
      const streams = Array.from(plan.inflowKeys, (key) => createStream(23, r, key));
      WHOLE.forEach((total, t) => {
        const b = sampleBinomial(total, 0.5, streams[0]!);
        const a = sampleBinomial(total - b, Math.min(1, 0.2 / 0.5), streams[1]!);
        expect(weeks[t]!.arrivals).toEqual([b, a, total - b - a]);
      });
    }
  });
});

describe('an uncertain inflow draws each lane with mean plan mean x week factor x share ratio', () => {
  it('level and shares uncertain: the arrivals are the varying-mean Poisson draws at that mean, from the lane streams', () => {
    const uncertainty: UncertaintySpec = {
      ...NO_UNCERTAINTY,
      inflow: { ...NO_UNCERTAINTY.inflow, level: { cv: 0.3, distribution: 'lognormal' } },
      shares: { concentration: 10 },
    };
    for (const spec of [
      uncertainty,
      { ...uncertainty, shares: null },
      { ...uncertainty, inflow: NO_UNCERTAINTY.inflow },
    ]) {
      const plan = compile(following({ uncertainty: spec }));
      for (let r = 0; r < 4; r++) {
        const weeks = traceReplication(plan, { seed: 29, replication: r }).weeks;
        const reference = createState(plan, false);
        resetState(plan, reference, 29, r);
        const moved = [...reference.inflowFactor, ...reference.shareRatio].some((x) => x !== 1);
        expect(moved).toBe(true);
        weeks.forEach((week, t) => {
          const expected = plan.laneNames.map((_, lane) =>
            reference.varyingInflow[lane]!.sample(
              plan.inflowMean[t * plan.laneCount + lane]! * reference.inflowFactor[t]! * reference.shareRatio[lane]!,
              reference.inflowStreams[lane]!,
            ),
          );
          expect(week.arrivals).toEqual(expected);
        });
      }
    }
  });
});
