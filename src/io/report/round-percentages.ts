/**
 * Shares (fractions of a whole) as percentages rounded to `decimals` so that
 * the rounded figures add up to the rounded total: each is rounded down, and
 * the units left over go to the largest remainders, earlier entries first on
 * a tie (largest remainder method). Shares that add up to 1 give percentages
 * that add up to exactly 100; none is more than one unit away from its own
 * value. Non-finite shares count as 0.
 *
 * @example roundPercentages([1 / 3, 1 / 3, 1 / 3]) // [33.4, 33.3, 33.3]
 */
export function roundPercentages(shares: readonly number[], decimals = 1): number[] {
  const scale = 10 ** decimals;
  const units = shares.map((share) => (Number.isFinite(share) ? share * 100 * scale : 0));
  // The tiny epsilon keeps 0.3 * 1000 = 299.99999999999994 from losing a unit.
  const floors = units.map((u) => Math.floor(u + 1e-9));
  const total = Math.round(units.reduce((sum, u) => sum + u, 0));
  let left = total - floors.reduce((sum, f) => sum + f, 0);
  const byRemainder = units
    .map((u, i) => ({ i, remainder: u - floors[i]! }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors.map((f) => Number((f / scale).toFixed(decimals)) + 0);
}
