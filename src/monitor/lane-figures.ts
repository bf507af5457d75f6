import type { ActualValue } from './actuals.js';

/** One measure of one period per lane: the lane's own figure, its part of the total, or null where neither is known. */
export interface LaneFigures {
  /** Per lane, in the order of `laneNames`. */
  readonly values: readonly (number | null)[];
  /** Whether some lane's figure is a part of the total (the lanes without a figure of their own share what the others leave). */
  readonly split: boolean;
  /** How far the lanes' own figures exceed the total (then the others get 0); 0 when they do not. */
  readonly excess: number;
}

/**
 * A measure's figure per lane: a lane's own where given; where some are not,
 * what the total leaves after them, split over those lanes in proportion to
 * `weights` (the plan's expected figures of the period; `fallback`, the
 * lanes' inflow shares, when the weights of those lanes are all 0, and equal
 * parts when those are too). Without a total, the lanes without a figure
 * stay null.
 *
 * @example laneFigures({ total: 100, byLane: { a: 10 } }, ['a', 'b', 'c'], [1, 3, 1], [0.2, 0.4, 0.4]).values // [10, 67.5, 22.5]
 */
export function laneFigures(
  value: ActualValue,
  laneNames: readonly string[],
  weights: readonly number[],
  fallback: readonly number[],
): LaneFigures {
  const values: (number | null)[] = laneNames.map((name) =>
    Object.hasOwn(value.byLane, name) ? value.byLane[name]! : null,
  );
  const missing = values.flatMap((v, lane) => (v === null ? [lane] : []));
  if (missing.length === 0 || value.total === null) return { values, split: false, excess: 0 };
  const given = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const rest = value.total - given;
  const sum = (of: readonly number[]) => missing.reduce((total, lane) => total + of[lane]!, 0);
  const part =
    sum(weights) > 0
      ? (lane: number) => weights[lane]! / sum(weights)
      : sum(fallback) > 0
        ? (lane: number) => fallback[lane]! / sum(fallback)
        : () => 1 / missing.length;
  for (const lane of missing) values[lane] = Math.max(0, rest) * part(lane);
  return { values, split: true, excess: Math.max(0, -rest) };
}
