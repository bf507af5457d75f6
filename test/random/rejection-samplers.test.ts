/**
 * The rejection samplers against their definitions, one proposal at a time:
 * PTRS for Poisson (Hörmann 1993; PoissonSampler above a mean of 200,
 * VaryingPoisson from 10), BTRS for the binomial (Hörmann 1993; n min(p, 1 - p)
 * >= 10) and Marsaglia and Tsang's gamma. A scripted pair (u, v) makes the
 * hat's proposal k = floor((2a / us + b) u + c); the method accepts it exactly
 * when v times the hat is under the pmf, log v + log alpha - log(a / us^2 + b)
 * <= log f(k) - log f(mode) (the quick accepts and rejects only decide early
 * what this test decides anyway). The pmf here is the exact one (lnGamma),
 * and pairs within 1e-9 of the boundary are skipped. When the pair is
 * rejected, the script's next pair (u = 1/2, v = 0) makes the centre's
 * proposal, which is always accepted.
 */
import { describe, expect, it } from 'vitest';
import { sampleBinomial } from '../../src/random/binomial.js';
import {
  sampleDirichlet,
  sampleFactor,
  sampleGamma,
  sampleLogGamma,
  sampleNormal,
} from '../../src/random/continuous.js';
import { PoissonSampler, VaryingPoisson } from '../../src/random/poisson.js';
import { createStream } from '../../src/random/stream.js';
import type { Uniform } from '../../src/random/stream.js';
import { lnGamma } from '../../src/stats/distributions.js';
import { counting, scripted } from './scripted.js';

/** The first uniforms u of the pairs tried: a grid dense towards both ends, where us = 1/2 - |u - 1/2| is small. */
const U_GRID = [
  ...Array.from({ length: 240 }, (_, i) => (i + 0.37) / 240),
  ...Array.from({ length: 60 }, (_, i) => 0.07 * ((i + 0.5) / 60) ** 2),
  ...Array.from({ length: 60 }, (_, i) => 1 - 0.07 * ((i + 0.5) / 60) ** 2),
];
const V_GRID = [0, 1e-300, 1e-9, ...Array.from({ length: 80 }, (_, j) => (j + 0.29) / 80)];

/** What a rejection method must return for the pair (u, v): the proposal if accepted, else the fallback; undefined on the boundary. */
function expected(proposal: number, logHatTimesV: number, logPmfRatio: number, fallback: number): number | undefined {
  if (!Number.isFinite(logPmfRatio)) return fallback;
  if (Math.abs(logHatTimesV - logPmfRatio) < 1e-9 * Math.max(1, Math.abs(logPmfRatio))) return undefined;
  return logHatTimesV <= logPmfRatio ? proposal : fallback;
}

/** Checks draw(script) for every pair of the grid (and the extra pairs) against the definition; returns how many were accepted. */
function checkPairs(
  draw: (uniform: Uniform) => number,
  decide: (u: number, v: number) => number | undefined,
  extra: readonly (readonly [number, number])[] = [],
): { accepted: number; rejected: number } {
  let accepted = 0;
  let rejected = 0;
  const pairs: (readonly [number, number])[] = [...extra];
  for (const u of U_GRID) for (const v of V_GRID) pairs.push([u, v]);
  for (const [u, v] of pairs) {
    const want = decide(u, v);
    if (want === undefined) continue;
    const { uniform, drawn } = scripted([u, v, 0.5, 0]);
    const got = draw(uniform);
    if (got !== want) expect({ u, v, got }).toEqual({ u, v, got: want });
    if (drawn() === 2) accepted++;
    else rejected++;
  }
  return { accepted, rejected };
}

/** PTRS's decision for a Poisson mean, from Hörmann's constants and the exact pmf. */
function ptrsDecision(mean: number) {
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const centre = Math.floor(mean + 0.43);
  return (u1: number, v: number) => {
    const u = u1 - 0.5;
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    const logPmf = k < 0 ? Number.NEGATIVE_INFINITY : -mean + k * Math.log(mean) - lnGamma(k + 1);
    return expected(k, Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b), logPmf, centre);
  };
}

describe('PTRS accepts a proposal exactly when v times the hat is under the Poisson pmf', () => {
  // At mean 10 this pair is outside the squeeze (v > 0.405) and under the hat but above the pmf.
  const outsideSqueeze = [[0.8351917010314043, 0.5864247322655356]] as const;

  for (const mean of [10, 18.25, 60]) {
    it(`VaryingPoisson's first draw, mean ${mean}`, () => {
      const { accepted, rejected } = checkPairs(
        (uniform) => new VaryingPoisson().sample(mean, uniform),
        ptrsDecision(mean),
        outsideSqueeze,
      );
      expect(accepted).toBeGreaterThan(1000);
      expect(rejected).toBeGreaterThan(1000);
    });
  }

  for (const mean of [200.5, 250, 5000]) {
    it(`PoissonSampler, mean ${mean}`, () => {
      const sampler = new PoissonSampler(mean);
      const { accepted, rejected } = checkPairs((uniform) => sampler.sample(uniform), ptrsDecision(mean));
      expect(accepted).toBeGreaterThan(1000);
      expect(rejected).toBeGreaterThan(1000);
    });
  }

  it('the pair outside the squeeze is rejected at mean 10, and a count of 0 proposed with a tiny v is accepted', () => {
    expect(ptrsDecision(10)(...outsideSqueeze[0])).toBe(10);
    // Find a u that proposes 0 (us near 0.028, where the quick reject does not apply).
    const decide = ptrsDecision(10);
    const zero = U_GRID.concat(Array.from({ length: 20_000 }, (_, i) => 0.02 + i * 1e-6)).find(
      (u) => decide(u, 1e-300) === 0,
    );
    expect(zero).toBeDefined();
    expect(new VaryingPoisson().sample(10, scripted([zero!, 1e-300, 0.5, 0]).uniform)).toBe(0);
  });

  it('a proposal far in the tail (us < 0.013) with v below us goes to the full test, which accepts it for a tiny v', () => {
    const u = 0.9875;
    const decide = ptrsDecision(10);
    const k = decide(u, 1e-300)!;
    expect(k).toBeGreaterThan(20);
    expect(new VaryingPoisson().sample(10, scripted([u, 1e-300, 0.5, 0]).uniform)).toBe(k);
  });
});

/** BTRS's decision for Binomial(n, p), p <= 1/2, from Hörmann's constants and the exact pmf relative to the mode. */
function btrsDecision(n: number, p: number) {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const mode = Math.floor((n + 1) * p);
  const logPmf = (k: number) =>
    lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(q);
  return {
    proposal: (u1: number) => {
      const u = u1 - 0.5;
      const us = 0.5 - Math.abs(u);
      return Math.floor(((2 * a) / us + b) * u + c);
    },
    decide: (u1: number, v: number) => {
      const u = u1 - 0.5;
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      const ratio = k < 0 || k > n ? Number.NEGATIVE_INFINITY : logPmf(k) - logPmf(mode);
      return expected(k, Math.log(v) + Math.log(alpha) - Math.log(a / (us * us) + b), ratio, Math.floor(c));
    },
  };
}

describe('BTRS accepts a proposal exactly when v times the hat is under the binomial pmf (relative to its mode)', () => {
  const cases = [
    [20, 0.5],
    [100, 0.1],
    [30, 0.4],
    [1200, 0.4],
    [100_000, 0.32],
  ] as const;

  for (const [n, p] of cases) {
    it(`n ${n}, p ${p}`, () => {
      const { accepted, rejected } = checkPairs((uniform) => sampleBinomial(n, p, uniform), btrsDecision(n, p).decide);
      expect(accepted).toBeGreaterThan(1000);
      expect(rejected).toBeGreaterThan(1000);
    });
  }

  it('p above 1/2 by BTRS: n minus the Binomial(n, 1 - p) draw from the same uniforms', () => {
    const { decide } = btrsDecision(1000, 0.02);
    checkPairs(
      (uniform) => sampleBinomial(1000, 0.98, uniform),
      (u, v) => {
        const k = decide(u, v);
        return k === undefined ? undefined : 1000 - k;
      },
    );
  });

  it('the ends of the support, 0 and n, are accepted when proposed with v = 0', () => {
    for (const [n, p] of [
      [20, 0.5],
      [24, 0.45],
    ] as const) {
      const { proposal } = btrsDecision(n, p);
      const fine = Array.from({ length: 200_000 }, (_, i) => (i + 0.5) / 200_000);
      for (const end of [0, n]) {
        const u = fine.find((x) => proposal(x) === end);
        expect(u).toBeDefined();
        expect(sampleBinomial(n, p, scripted([u!, 0, 0.5, 0]).uniform)).toBe(end);
      }
    }
  });
});

describe("Marsaglia and Tsang's gamma: d (1 + c x)^3 for the normal draw x, d = shape - 1/3, c = 1 / sqrt(9 d)", () => {
  it('accepts at once when u is small, for x of either sign', () => {
    for (const shape of [1, 2.5, 40]) {
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (const [u1, u2] of [
        [0.3, 0],
        [0.6, 0],
        [0.3, 0.5],
        [0.05, 0.5],
      ] as const) {
        const x = sampleNormal(scripted([u1, u2]).uniform);
        const v = 1 + c * x;
        expect(sampleGamma(shape, scripted([u1, u2, 0]).uniform)).toBe(d * (v * v * v));
      }
    }
  });

  it('shape exactly 1 is drawn directly (x = 0 gives d = 1 - 1/3), not as a boosted Gamma(2)', () => {
    expect(sampleGamma(1, scripted([0, 0.25, 0.5]).uniform)).toBe(1 - 1 / 3);
  });

  it('a normal draw with 1 + c x <= 0 is drawn again before any u is drawn', () => {
    // Shape 1: c = 1 / sqrt(6), and u1 = 0.99 with the cosine of pi gives x = -3.03 < -sqrt(6).
    const { uniform, drawn } = scripted([0.99, 0.5, 0, 0.25, 0.5]);
    expect(sampleGamma(1, uniform)).toBe(1 - 1 / 3);
    expect(drawn()).toBe(5);
  });

  it('sampleLogGamma from shape 1 on is the log of sampleGamma from the same uniforms', () => {
    for (const shape of [1, 5, 200]) {
      const a = createStream(130, 0, shape);
      const b = createStream(130, 0, shape);
      for (let i = 0; i < 200; i++) expect(sampleLogGamma(shape, a)).toBe(Math.log(sampleGamma(shape, b)));
    }
  });
});

describe('sampleFactor and sampleDirichlet, draw by draw', () => {
  it('lognormal: exp(-sigma^2 / 2 + sigma x) for the normal draw x, sigma^2 = ln(1 + cv^2)', () => {
    for (const cv of [0.1, 0.5, 2]) {
      for (const [u1, u2] of [
        [0.3, 0],
        [0.8, 0.1],
        [0.2, 0.5],
      ] as const) {
        const x = sampleNormal(scripted([u1, u2]).uniform);
        const sigma2 = Math.log1p(cv * cv);
        expect(sampleFactor('lognormal', cv, scripted([u1, u2]).uniform)).toBe(
          Math.exp(-sigma2 / 2 + Math.sqrt(sigma2) * x),
        );
      }
    }
  });

  it('a cv whose square is exactly the precision of a double (2^-26) is drawn, not taken as 1', () => {
    for (const distribution of ['lognormal', 'gamma'] as const) {
      const cv = 2 ** -26;
      expect(cv * cv).toBe(Number.EPSILON);
      const { uniform, drawn } = counting(0.3);
      sampleFactor(distribution, cv, uniform);
      expect(drawn()).toBeGreaterThan(0);
    }
  });

  it('writes only the first parameters.length entries of into, and a parameter of 0 draws nothing', () => {
    const into = Float64Array.of(7, 7, 7, 7);
    const withZero = createStream(131, 0, 1);
    const without = createStream(131, 0, 1);
    const shorter = new Float64Array(2);
    for (let i = 0; i < 100; i++) {
      sampleDirichlet(Float64Array.of(2, 0, 5), withZero, into);
      sampleDirichlet(Float64Array.of(2, 5), without, shorter);
      expect([into[0], into[1], into[2], into[3]]).toEqual([shorter[0], 0, shorter[1], 7]);
    }
  });
});
