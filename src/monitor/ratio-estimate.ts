/** One period's actual count and what the plan expected over the same days. */
export interface RatioPoint {
  readonly actual: number;
  readonly planned: number;
}

/** Actual over planned, with the standard error of that ratio as a coefficient of variation. */
export interface RatioEstimate {
  /** Sums over the points. */
  readonly actual: number;
  readonly planned: number;
  /** actual / planned. */
  readonly factor: number;
  /** The standard error of the factor over the factor; null when one point gives no spread to measure it by. */
  readonly cv: number | null;
  readonly points: number;
}

/**
 * The factor f = sum actual / sum planned over periods, with the standard
 * error of a ratio estimate: Var(f) = n / (n - 1) x sum (a_i - f p_i)^2 /
 * (sum p)^2 over n periods, the residuals measured against the plan's own
 * shape (a planned rise is no noise). With `poisson` (counts of arrivals) the
 * variance is at least that of Poisson counts, sum a / (sum p)^2, and one
 * period is enough; without it (decisions, which capacity makes regular) one
 * period gives no cv. Null when the plan expected nothing.
 *
 * @example ratioEstimate([{ actual: 30, planned: 25 }, { actual: 30, planned: 25 }], true) // factor 1.2, cv sqrt(60) / 60 = 0.129
 */
export function ratioEstimate(points: readonly RatioPoint[], poisson: boolean): RatioEstimate | null {
  let actual = 0;
  let planned = 0;
  for (const point of points) {
    actual += point.actual;
    planned += point.planned;
  }
  if (!(planned > 0)) return null;
  const factor = actual / planned;
  const n = points.length;
  let squares = 0;
  for (const point of points) squares += (point.actual - factor * point.planned) ** 2;
  const spread = n > 1 ? (n / (n - 1)) * squares : null;
  const variance = poisson ? Math.max(spread ?? 0, actual) : spread;
  const cv = variance === null ? null : variance === 0 ? 0 : Math.sqrt(variance) / planned / factor;
  return { actual, planned, factor, cv, points: n };
}
