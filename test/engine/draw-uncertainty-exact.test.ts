/**
 * The uncertain parameters of a replication (draw-uncertainty.ts) written out
 * from their named streams: the inflow factor is level x drift x weekly noise,
 * the drift a random walk of the log level from 1 in week 0 with steps
 * N(-s^2 / 2, s^2), the capacity factor productivity x weekly noise, each
 * weekly noise Gamma(k, 1 / k) (mean 1).
 */
import { describe, expect, it } from 'vitest';
import { createState, resetState } from '../../src/engine/state.js';
import { sampleFactor, sampleGamma, sampleNormal } from '../../src/random/continuous.js';
import { hashString } from '../../src/random/hash.js';
import { createStream } from '../../src/random/stream.js';
import { compile } from '../../src/scenario/index.js';
import type { UncertaintySpec } from '../../src/scenario/types.js';
import { benchReference, NO_UNCERTAINTY } from './bench-reference.js';

const WEEKS = 6;

function stateFor(uncertainty: UncertaintySpec, seed: number, replication: number) {
  const plan = compile(benchReference({ horizonWeeks: WEEKS, uncertainty }));
  const state = createState(plan, false);
  resetState(plan, state, seed, replication);
  return { plan, state };
}

const off = NO_UNCERTAINTY;

const stream = (seed: number, replication: number, name: string) =>
  createStream(seed, replication, hashString(`uncertainty.${name}`));

describe('the inflow and capacity factors of a replication, from their streams', () => {
  it('level x drift x overdispersion: one level, a walk of the log level from 0 in week 0, one gamma per week', () => {
    const uncertainty: UncertaintySpec = {
      ...off,
      inflow: {
        level: { cv: 0.2, distribution: 'gamma' },
        drift: { sdPerYear: 0.8 },
        overdispersion: { cv: 0.3 },
      },
    };
    for (let r = 0; r < 4; r++) {
      const { plan, state } = stateFor(uncertainty, 7, r);
      const level = sampleFactor('gamma', 0.2, stream(7, r, 'inflow.level'));
      const drift = stream(7, r, 'inflow.drift');
      const noise = stream(7, r, 'inflow.overdispersion');
      const s = plan.uncertainty!.driftPerWeek;
      const k = plan.uncertainty!.overdispersionShape;
      expect(s).toBeCloseTo(0.8 / Math.sqrt(52), 15);
      expect(k).toBeCloseTo(1 / 0.09, 12);
      let logLevel = 0;
      for (let t = 0; t < WEEKS; t++) {
        if (t > 0) logLevel += s * sampleNormal(drift) - (s * s) / 2;
        expect(state.inflowFactor[t]).toBeCloseTo(level * Math.exp(logLevel) * (sampleGamma(k, noise) / k), 12);
      }
    }
  });

  it('productivity x weekly noise on the capacity; the inflow factor stays 1 without inflow sources', () => {
    const uncertainty: UncertaintySpec = {
      ...off,
      capacity: { productivity: { cv: 0.15, distribution: 'lognormal' }, weekly: { cv: 0.25 } },
    };
    for (let r = 0; r < 4; r++) {
      const { state } = stateFor(uncertainty, 8, r);
      const productivity = sampleFactor('lognormal', 0.15, stream(8, r, 'capacity.productivity'));
      const weekly = stream(8, r, 'capacity.weekly');
      const k = 1 / 0.25 ** 2;
      for (let t = 0; t < WEEKS; t++) {
        expect(state.capacityFactor[t]).toBeCloseTo(productivity * (sampleGamma(k, weekly) / k), 12);
        expect(state.inflowFactor[t]).toBe(1);
      }
    }
  });
});
