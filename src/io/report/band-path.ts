import { roundCoordinate } from './round-coordinate.js';

/**
 * The SVG path data of a closed band between a lower and an upper series at
 * the pixels xs: along the upper series, back along the lower one. Points
 * where any of the three is not finite are left out.
 *
 * @example bandPath([0, 10], [50, 40], [20, 10]) // 'M0,20L10,10L10,40L0,50Z'
 */
export function bandPath(xs: readonly number[], lowerYs: readonly number[], upperYs: readonly number[]): string {
  const upper: string[] = [];
  const lower: string[] = [];
  const count = Math.min(xs.length, lowerYs.length, upperYs.length);
  for (let i = 0; i < count; i++) {
    const x = xs[i] ?? NaN;
    const low = lowerYs[i] ?? NaN;
    const high = upperYs[i] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(low) || !Number.isFinite(high)) continue;
    upper.push(`${roundCoordinate(x)},${roundCoordinate(high)}`);
    lower.push(`${roundCoordinate(x)},${roundCoordinate(low)}`);
  }
  if (upper.length === 0) return '';
  return `M${[...upper, ...lower.reverse()].join('L')}Z`;
}
