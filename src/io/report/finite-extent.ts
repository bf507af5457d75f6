/**
 * The smallest and largest finite value of a list; null when it holds no
 * finite value (empty, or only NaN and infinities).
 *
 * @example finiteExtent([3, NaN, 1, 8]) // { min: 1, max: 8 }
 */
export function finiteExtent(values: Iterable<number>): { readonly min: number; readonly max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? { min, max } : null;
}
