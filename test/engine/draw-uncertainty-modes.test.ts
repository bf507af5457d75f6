/**
 * The uncertain parameters in expected-value mode and when held fixed
 * (draw-uncertainty.ts): expected values take every source's mean (factors
 * 1, the planned shares and grant rates), whatever the spread; a fixed drift
 * is a straight line of the log level from 1 in week 0 to its end value.
 */
import { describe, expect, it } from 'vitest';
import { createState, resetState } from '../../src/engine/state.js';
import { sampleBeta, sampleDirichlet } from '../../src/random/continuous.js';
import { hashString } from '../../src/random/hash.js';
import { createStream } from '../../src/random/stream.js';
import { compile } from '../../src/scenario/index.js';
import type { UncertaintySpec } from '../../src/scenario/types.js';
import { benchReference } from './bench-reference.js';

const WEEKS = 9;

/** Every source of uncertainty on, with a large spread. */
const everything: UncertaintySpec = {
  inflow: {
    level: { cv: 0.3, distribution: 'lognormal' },
    drift: { sdPerYear: 0.9 },
    overdispersion: { cv: 0.4 },
  },
  capacity: { productivity: { cv: 0.25, distribution: 'gamma' }, weekly: { cv: 0.3 } },
  shares: { concentration: 20 },
  grantRates: { concentration: 15 },
  source: null,
};

function drawn(uncertainty: UncertaintySpec, deterministic: boolean, seed = 3, replication = 2) {
  const plan = compile(benchReference({ horizonWeeks: WEEKS, uncertainty }));
  const state = createState(plan, deterministic);
  resetState(plan, state, seed, replication);
  return { plan, state };
}

describe('expected-value mode takes the mean of every uncertain parameter', () => {
  it('with every source on: inflow and capacity factors 1 in every week, share ratios 1, the planned grant rates', () => {
    const { plan, state } = drawn(everything, true);
    expect([...state.inflowFactor]).toEqual(Array(WEEKS).fill(1));
    expect([...state.capacityFactor]).toEqual(Array(WEEKS).fill(1));
    expect([...state.shareRatio]).toEqual(Array(plan.laneCount).fill(1));
    expect([...state.grantRate]).toEqual([...plan.grantRate]);
  });

  it('the same sources drawn in a stochastic replication do move them (the test above is not vacuous)', () => {
    const { plan, state } = drawn(everything, false);
    expect(new Set(state.inflowFactor).size).toBe(WEEKS);
    expect(new Set(state.capacityFactor).size).toBe(WEEKS);
    expect([...state.shareRatio].every((ratio) => ratio !== 1)).toBe(true);
    const rates = [...plan.grantRate].map((rate, lane) => [rate, state.grantRate[lane]!]);
    for (const [planned, rate] of rates) {
      if (planned! > 0 && planned! < 1) expect(rate).not.toBe(planned);
      else expect(rate).toBe(planned);
    }
  });
});

describe('a drift held at its end value', () => {
  it('the inflow factor is exp(ln(end) t / (weeks - 1)): 1 in week 0, the end value in the last week', () => {
    const end = 1.3;
    const uncertainty: UncertaintySpec = {
      ...everything,
      inflow: { level: null, drift: { sdPerYear: 0.9, fixedEndAt: end }, overdispersion: null },
      capacity: { productivity: null, weekly: null },
      shares: null,
      grantRates: null,
    };
    for (const deterministic of [true, false]) {
      const { state } = drawn(uncertainty, deterministic);
      expect(state.inflowFactor).toHaveLength(WEEKS);
      for (let t = 0; t < WEEKS; t++) {
        expect(state.inflowFactor[t]).toBeCloseTo(Math.exp((Math.log(end) * t) / (WEEKS - 1)), 14);
      }
      expect(state.inflowFactor[0]).toBe(1);
      expect(state.inflowFactor[WEEKS - 1]).toBeCloseTo(end, 14);
    }
  });
});

describe('share ratios and grant rates, draw by draw from their streams', () => {
  const lanes = (shares: number[], rates: number[]) =>
    benchReference().lanes.map((lane, i) => ({ ...lane, share: shares[i]!, grantRate: rates[i]! }));
  const uncertainty: UncertaintySpec = {
    ...everything,
    inflow: { level: null, drift: null, overdispersion: null },
    capacity: { productivity: null, weekly: null },
  };
  const stream = (seed: number, replication: number, name: string) =>
    createStream(seed, replication, hashString(`uncertainty.${name}`));

  it('a lane share ratio is its Dirichlet(concentration x shares) draw over its share; a lane of share 0 keeps 1', () => {
    const scenario = benchReference({
      horizonWeeks: WEEKS,
      uncertainty,
      lanes: lanes([0.14, 0, 0.13, 0.73], [0, 0.3, 0.02, 1]),
    });
    const plan = compile(scenario);
    expect([...plan.uncertainty!.shareParameters]).toEqual([0.14, 0, 0.13, 0.73].map((share) => 20 * share));
    for (let r = 0; r < 3; r++) {
      const state = createState(plan, false);
      resetState(plan, state, 11, r);
      const draw = new Float64Array(4);
      sampleDirichlet(plan.uncertainty!.shareParameters, stream(11, r, 'shares'), draw);
      expect(state.shareRatio[0]).toBe(draw[0]! / 0.14);
      expect(state.shareRatio[1]).toBe(1);
      expect(state.shareRatio[2]).toBe(draw[2]! / 0.13);
      expect(state.shareRatio[3]).toBe(draw[3]! / 0.73);
    }
  });

  it('grant rates strictly between 0 and 1 are Beta(c g, c (1 - g)) draws in lane order from one stream; 0 and 1 stay, drawing nothing', () => {
    const scenario = benchReference({
      horizonWeeks: WEEKS,
      uncertainty,
      lanes: lanes([0.14, 0.03, 0.1, 0.73], [0, 0.3, 1, 0.4]),
    });
    const plan = compile(scenario);
    for (let r = 0; r < 3; r++) {
      const state = createState(plan, false);
      resetState(plan, state, 12, r);
      const draw = stream(12, r, 'grantRates');
      const second = sampleBeta(15 * 0.3, 15 * 0.7, draw);
      const fourth = sampleBeta(15 * 0.4, 15 * 0.6, draw);
      expect([...state.grantRate]).toEqual([0, second, 1, fourth]);
    }
  });
});
