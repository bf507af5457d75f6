import type { History } from './history.js';
import { yearOfDay } from './history.js';

/** The overdispersion of sub-yearly counts: how much more they vary than Poisson counts would. */
export interface OverdispersionEstimate {
  /** cv^2 of a gamma factor with mean 1 on each period's mean (may be below 0: less variation than Poisson). */
  readonly cv2: number;
  /** Its approximate standard error (normal theory). */
  readonly standardError: number;
  /** The cv of the period's factor: sqrt(max(0, cv2)). */
  readonly cvPeriod: number;
  /**
   * The cv of a weekly factor that gives the periods this variance when the
   * weeks' factors are independent: cvPeriod x sqrt(mean period length / 7 days).
   */
  readonly cvWeek: number;
  /** The counts it rests on, the calendar years they fall in, and the degrees of freedom left (counts - years with a count). */
  readonly counts: number;
  readonly years: number;
  readonly df: number;
  /** The counts' variance beyond Poisson and their Poisson variance, summed over the years (the estimate's numerator and what it took off). */
  readonly excess: number;
  readonly poisson: number;
}

/**
 * The overdispersion of monthly or weekly counts, by the method of moments
 * after removing the level: within each calendar year the expected count of
 * a period is the year's total times the period's share of the year's days,
 * mu_i = w_i X (so months of 28 and 31 days compare). Given the level, a
 * Poisson count with a gamma factor of cv c on its mean has variance
 * mu + c^2 mu^2, and the residuals x_i - w_i X of a year have
 *
 *   E sum (x_i - w_i X)^2 = X (1 - sum w_i^2) + c^2 [sum mu_i^2 (1 - 2 w_i) + sum w_i^2 sum mu_i^2],
 *
 * so c^2 = sum over years of (residual squares - the Poisson part) / sum of
 * the brackets. Its standard error is the normal-theory one, sqrt(2 df) times
 * the period variance over the bracket. A level that moves within a year
 * shows up here too (it is variation the year's mean does not explain).
 *
 * Null for a yearly history, or when no calendar year has two periods.
 *
 * @example estimateOverdispersion(monthlyHistory)?.cvWeek
 */
export function estimateOverdispersion(history: History): OverdispersionEstimate | null {
  if (history.granularity === 'year') return null;
  const byYear = new Map<number, { count: number; days: number }[]>();
  for (const period of history.periods) {
    const year = yearOfDay(period.firstDay);
    const group = byYear.get(year) ?? [];
    group.push({ count: period.inflow, days: period.days });
    byYear.set(year, group);
  }
  let excess = 0;
  let poisson = 0;
  let bracket = 0;
  let df = 0;
  let counts = 0;
  // For the standard error: per year, its degrees of freedom, mean count and mean squared count.
  const years: { df: number; mean: number; meanSquare: number }[] = [];
  for (const group of byYear.values()) {
    if (group.length < 2) continue;
    const total = group.reduce((sum, p) => sum + p.count, 0);
    const days = group.reduce((sum, p) => sum + p.days, 0);
    let squares = 0;
    let sumW2 = 0;
    let sumMu2 = 0;
    let sumMu2Weighted = 0;
    for (const period of group) {
      const w = period.days / days;
      const mu = w * total;
      squares += (period.count - mu) ** 2;
      sumW2 += w * w;
      sumMu2 += mu * mu;
      sumMu2Weighted += mu * mu * (1 - 2 * w);
    }
    const poissonPart = total * (1 - sumW2);
    excess += squares - poissonPart;
    poisson += poissonPart;
    bracket += sumMu2Weighted + sumW2 * sumMu2;
    df += group.length - 1;
    counts += group.length;
    years.push({ df: group.length - 1, mean: total / group.length, meanSquare: sumMu2 / group.length });
  }
  if (df === 0) return null;
  const cv2 = bracket > 0 ? excess / bracket : 0;
  const c2 = Math.max(0, cv2);
  const variance = years.reduce((sum, y) => sum + 2 * y.df * (y.mean + c2 * y.meanSquare) ** 2, 0);
  const standardError = bracket > 0 ? Math.sqrt(variance) / bracket : Number.POSITIVE_INFINITY;
  const meanDays = history.periods.reduce((sum, p) => sum + p.days, 0) / history.periods.length;
  const cvPeriod = Math.sqrt(c2);
  return {
    cv2,
    standardError,
    cvPeriod,
    cvWeek: cvPeriod * Math.sqrt(meanDays / 7),
    counts,
    years: years.length,
    df,
    excess,
    poisson,
  };
}
