import type { Uniform } from './stream.js';

/**
 * Continuous draws for the uncertain parameters of a scenario: normal,
 * gamma, beta, and factors with mean 1. Each takes the uniform stream it
 * draws from, so every parameter can have a stream of its own.
 */

/** A standard normal draw by Box and Muller's transform of two uniforms (the cosine half). */
export function sampleNormal(uniform: Uniform): number {
  const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
  return radius * Math.cos(2 * Math.PI * uniform());
}

/**
 * A Gamma(shape, 1) draw: Marsaglia and Tsang's squeeze-and-reject method for
 * shape >= 1 (about 1.02 normal draws on average), and for shape < 1 a draw
 * of shape + 1 times u^(1 / shape).
 *
 * @example sampleGamma(4, createStream(1, 0, 3)) // mean 4, variance 4
 */
export function sampleGamma(shape: number, uniform: Uniform): number {
  if (shape < 1) {
    const boost = uniform() ** (1 / shape);
    return sampleGamma(shape + 1, uniform) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * The log of a Gamma(shape, 1) draw: for a small shape the draw itself can
 * underflow to 0 (u^(1 / shape) with shape 0.001), its log cannot.
 */
export function sampleLogGamma(shape: number, uniform: Uniform): number {
  if (shape < 1) {
    // A uniform of exactly 0 (Alea gives one in 2^32) would make the log -Infinity, and a Dirichlet whose only
    // positive part drew it 0 / 0 (NaN shares; a NaN beta rate hangs sampleBinomial): the smallest double stands in.
    const logBoost = Math.log(uniform() || Number.MIN_VALUE) / shape;
    return Math.log(sampleGamma(shape + 1, uniform)) + logBoost;
  }
  return Math.log(sampleGamma(shape, uniform));
}

/**
 * A draw from the Dirichlet distribution with the given parameters (each >
 * 0; a parameter of 0 gives 0), into `into`: independent gammas normalised,
 * on the log scale so that small parameters do not underflow to 0 / 0.
 */
export function sampleDirichlet(parameters: Float64Array, uniform: Uniform, into: Float64Array): void {
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < parameters.length; i++) {
    const a = parameters[i]!;
    into[i] = a > 0 ? sampleLogGamma(a, uniform) : Number.NEGATIVE_INFINITY;
    largest = Math.max(largest, into[i]!);
  }
  let sum = 0;
  for (let i = 0; i < parameters.length; i++) {
    into[i] = Math.exp(into[i]! - largest);
    sum += into[i]!;
  }
  for (let i = 0; i < parameters.length; i++) into[i]! /= sum;
}

/** A Beta(a, b) draw: the first part of a two-part Dirichlet. */
export function sampleBeta(a: number, b: number, uniform: Uniform): number {
  const logX = sampleLogGamma(a, uniform);
  const logY = sampleLogGamma(b, uniform);
  // x / (x + y) = 1 / (1 + exp(logY - logX)), without forming x or y.
  return 1 / (1 + Math.exp(logY - logX));
}

/** The distributions of a factor with mean 1. */
export type FactorDistribution = 'lognormal' | 'gamma';

/**
 * A factor with mean 1 and coefficient of variation cv: lognormal with
 * sigma^2 = ln(1 + cv^2) and mu = -sigma^2 / 2, or gamma with shape 1 / cv^2
 * and scale cv^2. cv 0 gives 1 without drawing.
 *
 * @example sampleFactor('lognormal', 0.1, createStream(1, 0, 5)) // about 1, sd 0.1
 */
export function sampleFactor(distribution: FactorDistribution, cv: number, uniform: Uniform): number {
  // cv^2 below the double's precision: the factor is 1 to the last digit (and 1 / cv^2 would overflow).
  if (cv * cv < Number.EPSILON) return 1;
  if (distribution === 'gamma') return sampleGamma(1 / (cv * cv), uniform) * cv * cv;
  const sigma2 = Math.log1p(cv * cv);
  return Math.exp(-sigma2 / 2 + Math.sqrt(sigma2) * sampleNormal(uniform));
}
