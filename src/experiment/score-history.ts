import { sampleFactor, sampleNormal } from '../random/continuous.js';
import { hashString } from '../random/hash.js';
import { samplePoisson } from '../random/poisson.js';
import { createStream } from '../random/stream.js';
import { crpsOfSorted } from '../stats/crps.js';
import { wilsonInterval } from '../stats/proportion.js';
import type { History, HistoryPeriod } from './history.js';
import { levelForecast } from './level-forecast.js';
import { estimateOverdispersion } from './overdispersion.js';

/** How the forecasts of a history are made and drawn. */
export interface ScoreOptions {
  /** Master seed of the draws; each period draws from its own stream (seed, period index, `score.inflow`). */
  readonly seed: number;
  /** Draws of each forecast distribution. */
  readonly draws: number;
  /** A planned inflow per week: the point forecast of every period instead of the last level; null for none. */
  readonly planPerWeek: number | null;
  /** Follow the mean change of the periods before (a random walk with drift). */
  readonly trend: boolean;
}

/** One period forecast from the periods before it, against what came in. */
export interface ScoredPeriod {
  readonly period: string;
  /** Periods the forecast rests on (all before this one). */
  readonly basedOn: number;
  /** The point forecast: the mean of the forecast distribution. */
  readonly forecast: number;
  /** The level factor's cv and the period's overdispersion cv (0 where none is estimated). */
  readonly levelCv: number;
  readonly overdispersionCv: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
  readonly observed: number;
  /** Whether the observed count is within [P5, P95] and within [P25, P75]. */
  readonly in90: boolean;
  readonly in50: boolean;
  /** The continuous ranked probability score, in cases (lower is better). */
  readonly crps: number;
}

/** The backlog at the end of a period against the one before, its inflow and its decisions. */
export interface BalanceRow {
  readonly period: string;
  readonly backlogBefore: number;
  readonly inflow: number;
  readonly decisions: number;
  /** backlogBefore + inflow - decisions. */
  readonly expected: number;
  readonly recorded: number;
}

/** How often the observed counts fell within a band of their forecasts, with the 95% Wilson interval of that share. */
export interface Coverage {
  readonly within: number;
  readonly forecasts: number;
  readonly share: number;
  readonly low: number;
  readonly high: number;
}

/** A rolling-origin backtest of the inflow forecasts of a history. */
export interface HistoryScore {
  readonly granularity: History['granularity'];
  readonly seed: number;
  readonly draws: number;
  readonly planPerWeek: number | null;
  readonly trend: boolean;
  readonly scored: readonly ScoredPeriod[];
  /** The periods not forecast, each with why (the first ones: too little before them). */
  readonly unscored: readonly { readonly period: string; readonly reason: string }[];
  /** Share of the observed counts within the forecasts' P5-P95 and P25-P75, with 95% Wilson intervals. */
  readonly coverage90: Coverage;
  readonly coverage50: Coverage;
  /** Mean CRPS over the scored periods (NaN for none). */
  readonly meanCrps: number;
  /** Where the history has a period's backlog before and after, its inflow and its decisions: whether they add up. */
  readonly balance: readonly BalanceRow[];
}

const STREAM_KEY = hashString('score.inflow');
/** Above this mean a count's Poisson noise (sd below 3e-5 of it) is left out, and the mean is the count. */
const POISSON_MAX_MEAN = 1e9;

/**
 * Scores forecasts of a history's inflow against what came in, period by
 * period (a rolling origin): period k is forecast from periods 0..k-1 only,
 * with the method of `caseload uncertainty` at the history's own
 * granularity. The forecast distribution is a count drawn as a scenario
 * would draw it: the point forecast (the last level times the period's days,
 * or the trend's, or the plan's) times a lognormal level factor with mean 1
 * (`levelForecast`), times a gamma factor with the overdispersion estimated
 * from the periods before (monthly or weekly histories), as the mean of a
 * Poisson count. Its quantiles and CRPS come from `draws` draws of a stream
 * named by the seed and the period, so the result is the same on every run.
 *
 * @example scoreHistory(history, { seed: 1, draws: 20000, planPerWeek: null, trend: false }).coverage90
 */
export function scoreHistory(history: History, options: ScoreOptions): HistoryScore {
  const { periods } = history;
  const scored: ScoredPeriod[] = [];
  const unscored: { period: string; reason: string }[] = [];
  const needed = options.trend ? 3 : 2;
  for (let k = 0; k < periods.length; k++) {
    const period = periods[k]!;
    if (k < needed) {
      unscored.push({
        period: period.label,
        reason:
          k === 0
            ? 'nothing before it'
            : `${k} period${k === 1 ? '' : 's'} before it: the forecast needs ${needed}${options.trend ? ' with a trend' : ''}`,
      });
      continue;
    }
    scored.push(scorePeriod(history, k, options));
  }
  return {
    granularity: history.granularity,
    seed: options.seed,
    draws: options.draws,
    planPerWeek: options.planPerWeek,
    trend: options.trend,
    scored,
    unscored,
    coverage90: coverage(scored.filter((row) => row.in90).length, scored.length),
    coverage50: coverage(scored.filter((row) => row.in50).length, scored.length),
    meanCrps: scored.length === 0 ? Number.NaN : scored.reduce((sum, row) => sum + row.crps, 0) / scored.length,
    balance: balanceRows(periods),
  };
}

function scorePeriod(history: History, k: number, options: ScoreOptions): ScoredPeriod {
  const before: History = { ...history, periods: history.periods.slice(0, k) };
  const period = history.periods[k]!;
  const overdispersion = estimateOverdispersion(before);
  const cvPeriod = overdispersion?.cvPeriod ?? 0;
  const forecast = levelForecast(
    before.periods.map((p) => ({ label: p.label, count: p.inflow, days: p.days, excessVariance: cvPeriod ** 2 })),
    options.trend,
  )!;
  const mean =
    options.planPerWeek !== null ? (options.planPerWeek / 7) * period.days : forecast.forecastPerDay * period.days;
  const uniform = createStream(options.seed, k, STREAM_KEY);
  // The level factor is drawn from its sigma (a lognormal with mean 1), not its cv, which overflows for a huge sigma.
  const { sigma } = forecast;
  const draws = new Float64Array(options.draws);
  for (let i = 0; i < options.draws; i++) {
    const level = sigma === 0 ? 1 : Math.exp(-0.5 * sigma * sigma + sigma * sampleNormal(uniform));
    const countMean = mean * level * sampleFactor('gamma', cvPeriod, uniform);
    draws[i] = countMean > POISSON_MAX_MEAN ? countMean : samplePoisson(countMean, uniform);
  }
  draws.sort();
  const [p5, p25, p50, p75, p95] = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantileOfSorted(draws, p)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const observed = period.inflow;
  return {
    period: period.label,
    basedOn: k,
    forecast: mean,
    levelCv: forecast.cv,
    overdispersionCv: cvPeriod,
    p5,
    p25,
    p50,
    p75,
    p95,
    observed,
    in90: observed >= p5 && observed <= p95,
    in50: observed >= p25 && observed <= p75,
    crps: crpsOfSorted(draws, observed),
  };
}

/** The p-quantile of sorted values by linear interpolation between order statistics (type 7, as IntHistogram's). */
function quantileOfSorted(sorted: Float64Array, p: number): number {
  const index = (sorted.length - 1) * p;
  const lower = Math.floor(index);
  const low = sorted[lower]!;
  return lower + 1 < sorted.length ? low + (index - lower) * (sorted[lower + 1]! - low) : low;
}

function coverage(within: number, forecasts: number): Coverage {
  const { probability, low, high } = wilsonInterval(within, forecasts);
  return { within, forecasts, share: probability, low, high };
}

function balanceRows(periods: readonly HistoryPeriod[]): BalanceRow[] {
  const rows: BalanceRow[] = [];
  for (let k = 1; k < periods.length; k++) {
    const before = periods[k - 1]!.backlog;
    const { backlog, decisions, inflow, label } = periods[k]!;
    if (before === null || backlog === null || decisions === null) continue;
    rows.push({
      period: label,
      backlogBefore: before,
      inflow,
      decisions,
      expected: before + inflow - decisions,
      recorded: backlog,
    });
  }
  return rows;
}
