const TABLE_SIZE = 256;
const table = new Float64Array(TABLE_SIZE);
for (let k = 2; k < TABLE_SIZE; k++) table[k] = table[k - 1]! + Math.log(k);

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln(k!) for an integer k >= 0: exact sums below 256, Stirling's series above
 * (absolute error below 1e-14 there).
 *
 * @example logFactorial(3) // Math.log(6)
 */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return table[k]!;
  const x = k + 1;
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}
