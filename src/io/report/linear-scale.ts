import { niceStep } from './nice-step.js';

/** A linear map from values to pixels, with its domain widened to whole ticks. */
export interface LinearScale {
  readonly domainMin: number;
  readonly domainMax: number;
  /** Tick values from domainMin to domainMax, a nice step apart. */
  readonly ticks: readonly number[];
  /** Decimals that show the tick step exactly (0 for steps of 1 and more). */
  readonly tickDecimals: number;
  /** The pixel of a value; NaN for NaN. */
  toPixel(value: number): number;
}

export interface LinearScaleOptions {
  /** Smallest and largest value to show; non-finite values count as 0. */
  readonly min: number;
  readonly max: number;
  /** Pixels of domainMin and domainMax (rangeStart > rangeEnd for a y axis). */
  readonly rangeStart: number;
  readonly rangeEnd: number;
  /** Widen the domain to include 0 (counts). */
  readonly includeZero?: boolean;
  /** About how many intervals between ticks. */
  readonly tickCount?: number;
  /** Ticks at whole numbers only (counts): a step of at least 1. */
  readonly integerTicks?: boolean;
}

/**
 * A linear scale whose domain is widened to include 0 (if asked) and to the
 * nearest ticks at 1, 2 or 5 times a power of ten; a single value is padded
 * so the domain never has zero width. With integerTicks the step is at
 * least 1 (counts).
 *
 * @example linearScale({ min: 0, max: 1440, rangeStart: 300, rangeEnd: 20 }).ticks // [0, 200, ..., 1600]
 */
export function linearScale(options: LinearScaleOptions): LinearScale {
  let min = Number.isFinite(options.min) ? options.min : 0;
  let max = Number.isFinite(options.max) ? options.max : 0;
  if (min > max) [min, max] = [max, min];
  if (options.includeZero === true) {
    min = Math.min(0, min);
    max = Math.max(0, max);
  }
  if (min === max) {
    const pad = Math.max(1, Math.abs(min) * 0.1);
    if (options.includeZero === true && min === 0) max = pad;
    else [min, max] = [min - pad, max + pad];
  }
  const step =
    options.integerTicks === true
      ? Math.max(1, niceStep(max - min, options.tickCount ?? 5))
      : niceStep(max - min, options.tickCount ?? 5);
  const tickDecimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(tickDecimals)) + 0);
  const domainMin = ticks[0] ?? min;
  const domainMax = ticks[ticks.length - 1] ?? max;
  const { rangeStart, rangeEnd } = options;
  const pixelsPerUnit = (rangeEnd - rangeStart) / (domainMax - domainMin);
  return {
    domainMin,
    domainMax,
    ticks,
    tickDecimals,
    toPixel: (value: number) => rangeStart + (value - domainMin) * pixelsPerUnit,
  };
}
