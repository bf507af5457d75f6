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

/** A Beta(a, b) draw as X / (X + Y) of two gamma draws. */
export function sampleBeta(a: number, b: number, uniform: Uniform): number {
  const x = sampleGamma(a, uniform);
  const y = sampleGamma(b, uniform);
  return x / (x + y);
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
  if (cv === 0) return 1;
  if (distribution === 'gamma') return sampleGamma(1 / (cv * cv), uniform) * cv * cv;
  const sigma2 = Math.log1p(cv * cv);
  return Math.exp(-sigma2 / 2 + Math.sqrt(sigma2) * sampleNormal(uniform));
}
