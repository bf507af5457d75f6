import { roundCoordinate } from './round-coordinate.js';

/**
 * The SVG path data of a polyline through the points (xs[i], ys[i]), in
 * pixels rounded to 0.1. A point with a non-finite coordinate breaks the
 * line; a point alone between breaks becomes a zero-length segment, which a
 * round line cap draws as a dot.
 *
 * @example linePath([0, 10, 20], [5, 7.25, 9.96]) // 'M0,5L10,7.3L20,10'
 */
export function linePath(xs: readonly number[], ys: readonly number[]): string {
  const parts: string[] = [];
  let runLength = 0;
  const count = Math.min(xs.length, ys.length);
  for (let i = 0; i <= count; i++) {
    const x = xs[i] ?? NaN;
    const y = ys[i] ?? NaN;
    const drawn = i < count && Number.isFinite(x) && Number.isFinite(y);
    if (!drawn) {
      if (runLength === 1) parts.push('l0,0');
      runLength = 0;
      continue;
    }
    parts.push(`${runLength === 0 ? 'M' : 'L'}${roundCoordinate(x)},${roundCoordinate(y)}`);
    runLength += 1;
  }
  return parts.join('');
}
