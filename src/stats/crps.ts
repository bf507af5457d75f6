/**
 * The continuous ranked probability score of a forecast given as a sample of
 * draws, against what happened: CRPS = integral over x of
 * (F(x) - 1{x >= observed})^2, with F the draws' empirical CDF, computed
 * exactly as E|X - y| - E|X - X'| / 2 (Gneiting and Raftery 2007) from the
 * sorted draws in O(n): sum over i, j of |x_i - x_j| = 2 sum_i (2i - n - 1) x_(i).
 * In the units of the forecast; 0 for a forecast that puts all its weight on
 * what happened, |x - observed| for one that puts it all on x; lower is
 * better, and a forecaster scores best on average by giving its true beliefs
 * (the score is proper). NaN for no draws.
 *
 * @example crpsOfSorted(Float64Array.of(3, 3, 3), 5) // 2
 */
export function crpsOfSorted(sorted: Float64Array, observed: number): number {
  const n = sorted.length;
  // Stryker disable next-line ConditionalExpression: with no draws the sums are 0 and 0 / 0 is NaN as well.
  if (n === 0) return Number.NaN;
  let toObserved = 0;
  let between = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i]!;
    toObserved += Math.abs(x - observed);
    between += (2 * (i + 1) - n - 1) * x;
  }
  return toObserved / n - between / (n * n);
}
