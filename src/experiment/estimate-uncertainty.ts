import type { History, YearTotal } from './history.js';
import { completeYears } from './history.js';
import type { LevelForecast, LevelPoint } from './level-forecast.js';
import { levelForecast } from './level-forecast.js';
import type { OverdispersionEstimate } from './overdispersion.js';
import { estimateOverdispersion } from './overdispersion.js';

/** An estimate, or why the history cannot give it. */
export type Estimated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** The yearly inflow level's uncertainty, with the yearly totals it rests on. */
export interface LevelEstimate extends LevelForecast {
  /** The yearly inflows the changes come from: the file's years, or the complete calendar years of its months or weeks. */
  readonly years: readonly { readonly year: string; readonly inflow: number; readonly days: number }[];
}

/** What a trend would say the next year's inflow is (printed, never applied). */
export interface TrendLevel {
  /** The mean yearly change, exp(mean log change) - 1. */
  readonly changePerYear: number;
  /** The last year's level and the next by the trend, per week. */
  readonly lastPerWeek: number;
  readonly nextPerWeek: number;
}

/** A scenario's `uncertainty:` block as the file writes it. */
export interface UncertaintyBlock {
  readonly inflow: {
    readonly level?: { readonly cv: number; readonly distribution: 'lognormal' };
    readonly overdispersion?: { readonly cv: number };
  };
  readonly source: string;
}

/** The uncertainty of a scenario's inflow as a history shows it. */
export interface UncertaintyEstimate {
  readonly granularity: History['granularity'];
  readonly periods: number;
  readonly first: string;
  readonly last: string;
  readonly source: string | null;
  readonly trend: boolean;
  readonly level: Estimated<LevelEstimate>;
  readonly overdispersion: Estimated<OverdispersionEstimate>;
  /** With `trend`, the level the trend points to; null without. */
  readonly trendLevel: TrendLevel | null;
  /** The block to paste into a scenario, the cvs rounded to 3 decimals. */
  readonly block: UncertaintyBlock;
}

/**
 * The `uncertainty:` block a history supports, for the inflow:
 *
 * - the level (`inflow.level`, a lognormal factor with mean 1 per
 *   replication): from the changes of the yearly inflow (the file's years, or
 *   the totals of the complete calendar years of its months or weeks), by
 *   `levelForecast`; a sub-yearly history's overdispersion counts as noise of
 *   the yearly totals (cv^2 x the sum of the squared day shares of the year's
 *   periods). The factor has mean 1: the scenario's own inflow stays the
 *   planning assumption, and the factor says how far off a forecast like
 *   "next year as last year" has been;
 * - the overdispersion (`inflow.overdispersion`, a weekly gamma factor):
 *   from monthly or weekly counts by `estimateOverdispersion`, as a weekly cv.
 *
 * With `trend`, the level's uncertainty is that of a forecast that follows
 * the mean change, and `trendLevel` gives the inflow it points to; the block
 * stays centred on the scenario's own inflow.
 *
 * `name` names the history in the block's `source` (the file name).
 *
 * @example estimateUncertainty(history, { trend: false, name: 'inflow-history.csv' }).block
 */
export function estimateUncertainty(
  history: History,
  options: { readonly trend: boolean; readonly name: string },
): UncertaintyEstimate {
  const { granularity, periods } = history;
  const overdispersion = estimateOverdispersion(history);
  const overdispersionEstimate: Estimated<OverdispersionEstimate> =
    overdispersion !== null
      ? { ok: true, value: overdispersion }
      : {
          ok: false,
          reason:
            granularity === 'year'
              ? 'yearly counts cannot show how the inflow varies from week to week: that needs monthly or weekly counts'
              : 'needs two or more periods within one calendar year',
        };

  const years = completeYears(history);
  const excessPerPeriod = overdispersion === null ? 0 : overdispersion.cvPeriod ** 2;
  const points: LevelPoint[] = years.map((year) => ({
    label: String(year.year),
    count: year.inflow,
    days: year.days,
    excessVariance: granularity === 'year' ? 0 : excessPerPeriod * year.sumSquaredShares,
  }));
  const forecast = levelForecast(points, options.trend);
  const level = levelEstimate(forecast, years, granularity, options.trend);

  const trendLevel =
    options.trend && forecast !== null
      ? {
          changePerYear: Math.expm1(forecast.meanLogChange),
          lastPerWeek: forecast.lastLevelPerDay * 7,
          nextPerWeek: forecast.forecastPerDay * 7,
        }
      : null;

  const first = periods[0]!.label;
  const last = periods[periods.length - 1]!.label;
  const inflow: { level?: { cv: number; distribution: 'lognormal' }; overdispersion?: { cv: number } } = {};
  if (level.ok) inflow.level = { cv: round3(level.value.cv), distribution: 'lognormal' };
  if (overdispersion !== null && round3(overdispersion.cvWeek) > 0)
    inflow.overdispersion = { cv: round3(overdispersion.cvWeek) };
  const basis = [
    level.ok ? `${level.value.changes.length} yearly change${level.value.changes.length === 1 ? '' : 's'}` : null,
    overdispersion === null ? null : `${overdispersion.counts} ${granularity}ly counts`,
  ].filter((part) => part !== null);
  const source = `caseload uncertainty from ${options.name}${history.source === null ? '' : ` (${history.source})`}: ${
    basis.length === 0 ? 'nothing estimable' : basis.join(', ')
  }, ${first} to ${last}`;

  return {
    granularity,
    periods: periods.length,
    first,
    last,
    source: history.source,
    trend: options.trend,
    level,
    overdispersion: overdispersionEstimate,
    trendLevel,
    block: { inflow, source },
  };
}

/** The level estimate, or why there is none: too few years, or changes too large for a factor. */
function levelEstimate(
  forecast: LevelForecast | null,
  years: readonly YearTotal[],
  granularity: History['granularity'],
  trend: boolean,
): Estimated<LevelEstimate> {
  if (forecast === null) {
    const needed = trend ? 3 : 2;
    return {
      ok: false,
      reason:
        granularity === 'year'
          ? `needs ${needed} or more years${trend ? ' with a trend (one change for the trend, one for its error)' : ''}`
          : `needs the totals of ${needed} or more complete calendar years${trend ? ' with a trend' : ''}; the file covers ${describeYears(years.map((y) => y.year))}`,
    };
  }
  if (!Number.isFinite(forecast.cv)) {
    const largest = Math.exp(Math.max(...forecast.changes.map((c) => Math.abs(c.logChange))));
    return {
      ok: false,
      reason: `the yearly changes (up to a factor of ${largest.toPrecision(3)}) are too large for a lognormal factor with mean 1: its cv would be infinite`,
    };
  }
  const yearly = years.map((y) => ({ year: String(y.year), inflow: y.inflow, days: y.days }));
  return { ok: true, value: { ...forecast, years: yearly } };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function describeYears(years: readonly number[]): string {
  if (years.length === 0) return 'no complete calendar year';
  return `${years.length} complete calendar year${years.length === 1 ? '' : 's'} (${years.join(', ')})`;
}
