import type { Granularity, History } from '../../src/experiment/history.js';
import { consecutivePeriods } from '../../src/experiment/history.js';
import { sampleFactor } from '../../src/random/continuous.js';
import { hashString } from '../../src/random/hash.js';
import { samplePoisson } from '../../src/random/poisson.js';
import { createStream } from '../../src/random/stream.js';
import { dayNumber } from '../../src/time/weeks.js';

/** How a synthetic history is made: the model `caseload score` assumes, with known parameters. */
export interface SyntheticOptions {
  readonly seed: number;
  readonly granularity: Granularity;
  readonly periods: number;
  /** The first period's mean inflow per day. */
  readonly perDay: number;
  /** Standard deviation of the log level's change from one period to the next (a mean-1 lognormal factor). */
  readonly levelSigma: number;
  /** cv of a gamma factor with mean 1 on each period's mean (overdispersion); 0 for Poisson counts. */
  readonly overdispersionCv: number;
  /** Whether the level moves only at the turn of a calendar year (for the overdispersion, which takes each year's level out). */
  readonly yearlyLevel?: boolean;
  readonly start?: string;
}

/**
 * A history drawn from a known model: the level is a random walk of its log
 * (each step a lognormal factor with mean 1), and each count is Poisson with
 * mean level x days x a gamma factor.
 */
export function syntheticHistory(options: SyntheticOptions): History {
  const uniform = createStream(options.seed, 0, hashString('test.synthetic-history'));
  const stepCv = Math.sqrt(Math.expm1(options.levelSigma ** 2));
  let level = options.perDay;
  let year = '';
  const periods = consecutivePeriods(
    options.granularity,
    dayNumber(options.start ?? '1950-01-01')!,
    options.periods,
    () => 0,
  ).map((period, index) => {
    const thisYear = period.label.slice(0, 4);
    const moves = options.yearlyLevel === true ? thisYear !== year && index > 0 : index > 0;
    year = thisYear;
    if (moves) level *= sampleFactor('lognormal', stepCv, uniform);
    const mean = level * period.days * sampleFactor('gamma', options.overdispersionCv, uniform);
    return { ...period, inflow: samplePoisson(mean, uniform) };
  });
  return { granularity: options.granularity, periods, source: null };
}
