/**
 * Monte Carlo error of a probability estimated from replications: the share
 * of replications in which something happened is a binomial proportion.
 */

/** The 0.975 quantile of the standard normal: a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** The bounds of a probability's 95% interval. */
export interface ProbabilityInterval {
  readonly low: number;
  readonly high: number;
}

/** A probability estimated from n replications with its 95% Wilson score interval. */
export interface ProportionInterval extends ProbabilityInterval {
  /** Replications in which it happened, of `replications`. */
  readonly successes: number;
  readonly replications: number;
  readonly probability: number;
}

/**
 * Wilson's score interval for x successes of n: unlike p +/- z sqrt(p(1-p)/n)
 * it keeps inside [0, 1] and does not collapse to a point at 0 or n successes
 * (0 of 1,000 gives [0, 0.38%], not [0, 0]).
 *
 * @example wilsonInterval(119, 1000) // { probability: 0.119, low: 0.1004, high: 0.1405, ... }
 */
export function wilsonInterval(successes: number, replications: number, z = Z_95): ProportionInterval {
  if (!(replications > 0)) return { successes, replications, probability: Number.NaN, low: 0, high: 1 };
  const [low, high] = wilsonBounds(successes / replications, replications, z);
  return { successes, replications, probability: successes / replications, low, high };
}

function wilsonBounds(p: number, n: number, z: number): [number, number] {
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 (or n) successes the bound is exactly 0 (or 1); rounding would leave 1e-17 (or 0.9999999999999999).
  return [p === 0 ? 0 : Math.max(0, centre - half), p === 1 ? 1 : Math.min(1, centre + half)];
}

/**
 * The fewest replications whose 95% Wilson interval around the probability p
 * is at most +/- halfWidth wide (the larger of its two sides): 1 percentage
 * point by default. About z^2 p (1 - p) / halfWidth^2: 9,600 at p = 0.5,
 * 4,317 at p = 0.119; 381 at p = 0 or 1.
 *
 * @example replicationsForHalfWidth(0.5) // 9600
 */
export function replicationsForHalfWidth(p: number, halfWidth = 0.01, z = Z_95): number {
  const q = Math.min(1, Math.max(0, p));
  const wide = (n: number) => {
    const [low, high] = wilsonBounds(q, n, z);
    // Stryker disable next-line EqualityOperator: a Wilson side exactly equal to the half-width does not occur at the widths asked for.
    return Math.max(q - low, high - q) > halfWidth;
  };
  // Stryker disable next-line MethodExpression,ArithmeticOperator: the search's first guess only; doubling then bisection find the same smallest n.
  let high = Math.max(1, Math.ceil((z * z * Math.max(q * (1 - q), 1e-9)) / (halfWidth * halfWidth)));
  while (wide(high)) high *= 2;
  let low = 0;
  // Smallest n in (low, high] that is not too wide: the width shrinks as n grows.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wide(middle)) low = middle;
    else high = middle;
  }
  return high;
}
