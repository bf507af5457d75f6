import { logFactorial } from './log-factorial.js';
import type { Uniform } from './stream.js';

/**
 * A Binomial(n, p) draw: inversion when n x min(p, 1-p) < 10 (a few steps),
 * Hörmann's BTRS transformed rejection otherwise (O(1) for any n).
 *
 * @example sampleBinomial(1200, 0.4, createStream(1, 0, 9)) // about 480
 */
export function sampleBinomial(n: number, p: number, uniform: Uniform): number {
  if (n <= 0 || p <= 0) return 0;
  // p >= 1 too: n minus a Binomial(n, 1 - p <= 0), which is 0 without a draw.
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, uniform);
  return n * p < 10 ? inversion(n, p, uniform) : btrs(n, p, uniform);
}

function inversion(n: number, p: number, uniform: Uniform): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = q ** n;
  let u = uniform();
  let x = 0;
  // Stops at n: rounding can leave a sliver of u beyond the last term.
  while (u > r && x < n) {
    u -= r;
    x++;
    r *= a / x - s;
  }
  return x;
}

function btrs(n: number, p: number, uniform: Uniform): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / q;
  const logAlpha = Math.log((2.83 + 5.1 / b) * spq);
  const m = Math.floor((n + 1) * p);
  const logPm = logFactorial(m) + logFactorial(n - m);
  const logR = Math.log(r);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    // log of f(k) / f(m), the pmf relative to its mode, against the hat.
    const logRatio = logPm - logFactorial(k) - logFactorial(n - k) + (k - m) * logR;
    if (Math.log(v) + logAlpha - Math.log(a / (us * us) + b) <= logRatio) return k;
  }
}
