import { sampleBeta, sampleDirichlet, sampleFactor, sampleGamma, sampleNormal } from '../random/continuous.js';
import { hashString } from '../random/hash.js';
import { createStream } from '../random/stream.js';
import type { Uniform } from '../random/stream.js';
import type { FactorPlan, Plan, UncertaintyPlan } from './plan.js';

/** The part of a replication's state that the draws fill (see ReplicationState). */
export interface UncertainDraws {
  readonly deterministic: boolean;
  readonly seed: number;
  readonly replication: number;
  readonly inflowFactor: Float64Array;
  readonly capacityFactor: Float64Array;
  readonly shareRatio: Float64Array;
  readonly grantRate: Float64Array;
}

/**
 * The keys of the named streams of the uncertain parameters: each source
 * draws from its own stream of (seed, replication, key), so turning one on
 * or off, or comparing two options that share it, moves no other draw.
 */
const KEYS = {
  level: hashString('uncertainty.inflow.level'),
  drift: hashString('uncertainty.inflow.drift'),
  overdispersion: hashString('uncertainty.inflow.overdispersion'),
  productivity: hashString('uncertainty.capacity.productivity'),
  capacityWeekly: hashString('uncertainty.capacity.weekly'),
  shares: hashString('uncertainty.shares'),
  grantRates: hashString('uncertainty.grantRates'),
} as const;

/**
 * Draws the replication's uncertain parameters into the state, before week
 * 0: the inflow factor of every week (level x drift x overdispersion), the
 * capacity factor of every week (productivity x weekly noise), the lanes'
 * share ratios (drawn share / planned share) and grant rates. Expected-value
 * mode takes the means (1, the planned shares and rates) or the fixed values.
 */
export function drawUncertainty(plan: Plan, u: UncertaintyPlan, state: UncertainDraws): void {
  const weeks = plan.horizonWeeks;
  const random = !state.deterministic;
  const stream = (key: number): Uniform => createStream(state.seed, state.replication, key);

  const inflow = state.inflowFactor;
  inflow.fill(factor(u.level, random, KEYS.level, state));
  // Stryker disable next-line EqualityOperator: a walk with steps of standard deviation 0 multiplies every week by exp(0) = 1.
  const walk = u.driftPerWeek > 0 && random;
  if (u.driftFixedEnd !== null) {
    // Stryker disable next-line EqualityOperator: a write one past the end of a typed array is ignored.
    for (let t = 0; t < weeks; t++) inflow[t]! *= Math.exp((u.driftFixedEnd * t) / Math.max(1, weeks - 1));
  } else if (walk) {
    // A random walk of the log level with steps N(-s^2 / 2, s^2): the factor's mean stays 1 every week.
    const draw = stream(KEYS.drift);
    const s = u.driftPerWeek;
    let logLevel = 0;
    // Stryker disable next-line EqualityOperator: a step one past the end writes past the typed array (ignored) from the drift's own stream.
    for (let t = 1; t < weeks; t++) {
      logLevel += s * sampleNormal(draw) - (s * s) / 2;
      inflow[t]! *= Math.exp(logLevel);
    }
  }
  if (u.overdispersionShape > 0 && random) gammaNoise(inflow, u.overdispersionShape, stream(KEYS.overdispersion));

  const capacity = state.capacityFactor;
  capacity.fill(factor(u.productivity, random, KEYS.productivity, state));
  if (u.capacityWeeklyShape > 0 && random) gammaNoise(capacity, u.capacityWeeklyShape, stream(KEYS.capacityWeekly));

  const lanes = plan.laneCount;
  state.shareRatio.fill(1);
  if (u.shareConcentration > 0 && random) {
    // Dirichlet(concentration x share), its parameters from the plan; lanes with share 0 stay at 0 (their mean is 0 whatever the ratio).
    const drawn = state.shareRatio;
    sampleDirichlet(u.shareParameters, stream(KEYS.shares), drawn);
    // Stryker disable next-line EqualityOperator: a lane one past the last reads undefined and writes past the end of a typed array (ignored).
    for (let lane = 0; lane < lanes; lane++) {
      const share = u.share[lane]!;
      drawn[lane] = share > 0 ? drawn[lane]! / share : 1;
    }
  }

  state.grantRate.set(plan.grantRate);
  if (u.grantConcentration > 0 && random) {
    const draw = stream(KEYS.grantRates);
    // Stryker disable next-line EqualityOperator: a lane one past the last reads undefined and writes past the end of a typed array (ignored).
    for (let lane = 0; lane < lanes; lane++) {
      const rate = plan.grantRate[lane]!;
      if (rate <= 0 || rate >= 1) continue;
      state.grantRate[lane] = sampleBeta(u.grantConcentration * rate, u.grantConcentration * (1 - rate), draw);
    }
  }
}

/** A per-replication factor: its fixed value, its draw from its own stream, or its mean 1 (off, or expected-value mode). */
function factor(spec: FactorPlan | null, random: boolean, key: number, state: UncertainDraws): number {
  if (spec === null) return 1;
  if (spec.fixedAt !== null) return spec.fixedAt;
  return random ? sampleFactor(spec.distribution, spec.cv, createStream(state.seed, state.replication, key)) : 1;
}

/** Multiplies every week by its own Gamma(shape, 1 / shape) factor: mean 1, coefficient of variation 1 / sqrt(shape). */
function gammaNoise(weeks: Float64Array, shape: number, uniform: Uniform): void {
  // Stryker disable next-line EqualityOperator: a draw one past the last week, from the noise's own stream, writes past the end of a typed array (ignored).
  for (let t = 0; t < weeks.length; t++) weeks[t]! *= sampleGamma(shape, uniform) / shape;
}
