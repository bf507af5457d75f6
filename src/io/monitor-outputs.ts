import type { MonitorResult, ReforecastView } from '../monitor/monitor-actuals.js';
import { CSV_DECIMALS, csvText } from './to-csv.js';
import type { CsvAbout, CsvColumn, CsvDialect } from './to-csv.js';

const { whole, cases, share } = CSV_DECIMALS;

/**
 * The columns of monitor.csv: a row per period, measure and lane (`total`
 * for all lanes) with an actual figure; the plan's mean and band of the
 * same figure and where the actual lies; for inflow and decisions, the sum
 * since the first period with the figure against the plan's sum.
 */
export const MONITOR_COLUMNS: readonly CsvColumn[] = [
  { name: 'period', decimals: whole },
  { name: 'period_start', decimals: whole },
  { name: 'period_end', decimals: whole },
  { name: 'measure', decimals: whole },
  { name: 'lane', decimals: whole },
  { name: 'actual', decimals: whole },
  { name: 'plan_mean', decimals: cases },
  { name: 'plan_p5', decimals: cases },
  { name: 'plan_p50', decimals: cases },
  { name: 'plan_p95', decimals: cases },
  { name: 'status', decimals: whole },
  { name: 'cumulative_actual', decimals: whole },
  { name: 'cumulative_plan_mean', decimals: cases },
  { name: 'cumulative_plan_p5', decimals: cases },
  { name: 'cumulative_plan_p95', decimals: cases },
  { name: 'cumulative_deviation', decimals: cases },
  { name: 'cumulative_deviation_share', decimals: share },
  { name: 'cumulative_status', decimals: whole },
];

export const MONITOR_HEADER = MONITOR_COLUMNS.map((column) => column.name);

/**
 * monitor.csv (see MONITOR_COLUMNS): the cumulative cells are empty for the
 * backlog and where the sums stop (after a period that leaves the figure
 * blank). In a dialect (CSV_DIALECTS); `about` heads an `nl` file.
 *
 * @example monitorCsv(result).split('\n')[0] // 'period,period_start,period_end,measure,lane,actual,plan_mean,...'
 */
export function monitorCsv(
  result: MonitorResult,
  dialect: CsvDialect = 'rfc4180',
  about: CsvAbout | null = null,
): string {
  return csvText(
    MONITOR_COLUMNS,
    result.rows.map((r) => {
      const c = r.cumulative;
      return [
        r.period,
        r.from,
        r.to,
        r.measure,
        r.lane,
        r.actual,
        r.plan.mean,
        r.plan.p5,
        r.plan.p50,
        r.plan.p95,
        r.status,
        c?.actual ?? '',
        c?.plan.mean ?? '',
        c?.plan.p5 ?? '',
        c?.plan.p95 ?? '',
        c?.deviation ?? '',
        c?.share ?? '',
        c?.status ?? '',
      ];
    }),
    dialect,
    about,
  );
}

/**
 * The columns of reforecast.csv: a row per date of the re-forecast, the last
 * actual date first (the backlog open then), then each week's last day, with
 * the total backlog's mean and percentiles over the replications.
 */
export const REFORECAST_COLUMNS: readonly CsvColumn[] = [
  { name: 'date', decimals: whole },
  { name: 'week', decimals: whole },
  { name: 'backlog_mean', decimals: cases },
  { name: 'backlog_p5', decimals: cases },
  { name: 'backlog_p25', decimals: cases },
  { name: 'backlog_p50', decimals: cases },
  { name: 'backlog_p75', decimals: cases },
  { name: 'backlog_p95', decimals: cases },
];

/**
 * reforecast.csv (see REFORECAST_COLUMNS): `week` is empty for the last
 * actual date and counts the re-forecast's weeks from 0 after it.
 *
 * @example reforecastCsv(view).split('\n')[1] // '2024-04-28,,1382,1382,...'
 */
export function reforecastCsv(
  view: ReforecastView,
  dialect: CsvDialect = 'rfc4180',
  about: CsvAbout | null = null,
): string {
  return csvText(
    REFORECAST_COLUMNS,
    view.points.map((p, i) => [p.date, i === 0 ? '' : i - 1, p.mean, p.p5, p.p25, p.p50, p.p75, p.p95]),
    dialect,
    about,
  );
}

/** The files `caseload monitor --out DIR` writes (reforecast.csv with a re-forecast). */
export const MONITOR_FILES = ['monitor.csv', 'reforecast.csv'] as const;

/**
 * The JSON of `caseload monitor --json`: the result as it is (see
 * MonitorResult: rows, verdicts, conservation), the re-forecast when there
 * is one, and the warnings as the CLI prints them when there are any.
 * Stable field names, documented in docs/cli.md.
 */
export function monitorJson(
  result: MonitorResult,
  extra: { readonly reforecast?: ReforecastView | null; readonly warnings?: readonly unknown[] } = {},
): string {
  const value = {
    ...result,
    ...(extra.reforecast === undefined || extra.reforecast === null ? {} : { reforecast: extra.reforecast }),
    ...(extra.warnings === undefined || extra.warnings.length === 0 ? {} : { warnings: extra.warnings }),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
