import { normalQuantile, studentTQuantile } from '../stats/distributions.js';

/** One count of a series whose level is forecast: a period's inflow and length. */
export interface LevelPoint {
  readonly label: string;
  readonly count: number;
  readonly days: number;
  /**
   * The count's relative variance beyond Poisson (its overdispersion, cv^2 of
   * a factor with mean 1 on its mean); 0 where none is known.
   */
  readonly excessVariance: number;
}

/** The change of the log level from one period to the next. */
export interface LevelChange {
  readonly from: string;
  readonly to: string;
  /** ln(level to / level from), levels per day. */
  readonly logChange: number;
}

/**
 * The uncertainty of the next period's level, from the changes of the past
 * ones: what a lognormal factor with mean 1 on the level must be to carry it.
 */
export interface LevelForecast {
  readonly changes: readonly LevelChange[];
  /** Whether the forecast follows the mean change (a random walk with drift) or not (a random walk). */
  readonly trend: boolean;
  /** The mean of the log changes: the trend per period (0 without a trend). */
  readonly meanLogChange: number;
  /** Degrees of freedom of the predictive Student t: the changes, one fewer with a trend. */
  readonly df: number;
  /** The variance of a one-step forecast error of the log count, as the changes show it. */
  readonly errorVariance: number;
  /** The part of it that is the forecast period's own count noise (Poisson and overdispersion), which a simulation draws itself. */
  readonly countNoiseVariance: number;
  /** s: the standard deviation of the log level's forecast error, count noise removed; 0 when the noise explains it all. */
  readonly scale: number;
  /** t(0.95, df): the predictive's P95 in units of s. */
  readonly t95: number;
  /** sigma = s t(0.95, df) / z(0.95): the lognormal whose P5-P95 is as wide as the predictive t's. */
  readonly sigma: number;
  /** The coefficient of variation of that lognormal factor with mean 1: sqrt(exp(sigma^2) - 1). */
  readonly cv: number;
  /** The last period's level, (count + 0.5) / days. */
  readonly lastLevelPerDay: number;
  /** The point forecast per day: the last level, times exp(meanLogChange) with a trend. */
  readonly forecastPerDay: number;
}

/** The 0.95 quantile of the standard normal. */
const Z_0_95 = normalQuantile(0.95);

/**
 * The next period's level from consecutive counts, treating the change of
 * the log level from each period to the next as the error of the forecast
 * "the next period is like the last" (a random walk; with `trend`, "like the
 * last, times the mean change", a random walk with drift).
 *
 * The level of a period is (count + 0.5) / days: per day, so that periods of
 * different lengths compare, and with a half so that an empty period has a
 * level and its log is nearly unbiased. With n changes d_i:
 *
 * - without a trend, the error variance is sum d_i^2 / n, on n degrees of freedom;
 * - with one, it is sum (d_i - mean d)^2 / (n - 1) x (1 + 1/n), on n - 1
 *   (the 1/n for the error of the mean change itself).
 *
 * Each d_i holds the count noise of its newer count, 1/(count + 0.5) plus its
 * excess variance; a simulation draws the forecast period's own count noise
 * itself (Poisson week by week), so their mean is taken off: s^2 = error
 * variance - mean noise (floored at 0). As s rests on a few numbers, the
 * next change is Student t with df degrees of freedom and scale s (the
 * predictive distribution), not normal: the factor is the lognormal with mean
 * 1 whose P5-P95 is as wide as the t's, sigma = s t(0.95, df) / z(0.95).
 *
 * Null when there are too few periods: two for a random walk, three with a trend.
 *
 * @example levelForecast([{ label: '2021', count: 1810, days: 365, excessVariance: 0 }, ...], false)!.cv
 */
export function levelForecast(points: readonly LevelPoint[], trend: boolean): LevelForecast | null {
  const n = points.length - 1;
  if (n < (trend ? 2 : 1)) return null;
  const level = (point: LevelPoint) => (point.count + 0.5) / point.days;
  const changes: LevelChange[] = [];
  let noise = 0;
  for (let i = 1; i <= n; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    changes.push({ from: from.label, to: to.label, logChange: Math.log(level(to) / level(from)) });
    noise += 1 / (to.count + 0.5) + to.excessVariance;
  }
  const countNoiseVariance = noise / n;
  const mean = trend ? changes.reduce((sum, c) => sum + c.logChange, 0) / n : 0;
  const squares = changes.reduce((sum, c) => sum + (c.logChange - mean) ** 2, 0);
  const df = trend ? n - 1 : n;
  const errorVariance = trend ? (squares / df) * (1 + 1 / n) : squares / n;
  const scale = Math.sqrt(Math.max(0, errorVariance - countNoiseVariance));
  const t95 = studentTQuantile(0.95, df);
  const sigma = (scale * t95) / Z_0_95;
  const last = points[n]!;
  return {
    changes,
    trend,
    meanLogChange: mean,
    df,
    errorVariance,
    countNoiseVariance,
    scale,
    t95,
    sigma,
    cv: Math.sqrt(Math.expm1(sigma * sigma)),
    lastLevelPerDay: level(last),
    forecastPerDay: level(last) * Math.exp(mean),
  };
}
