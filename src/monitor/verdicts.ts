import type { Measure } from './actuals.js';
import { MEASURES } from './actuals.js';
import type { BandStatus, MonitorRow } from './compare-actuals.js';

/** What the actuals of one measure (all lanes together) say against the plan, up to the last period with the figure. */
export interface Verdict {
  readonly measure: Measure;
  /** `total`: the verdicts are about all lanes together. */
  readonly lane: string;
  /** The last period with the figure (for inflow and decisions: the last of the sums). */
  readonly period: string;
  /** Inflow and decisions: where the cumulative sum lies against its band; backlog: where the last backlog lies against its band. */
  readonly status: BandStatus;
  /** When `status` is not inside: the first period of the streak, up to `period`, in which it was so. */
  readonly outsideSince: string | null;
  /** Inflow and decisions: the latest run of periods since the sum was last on the other side of the plan's mean (or at it); null when it is at the mean. */
  readonly run: VerdictRun | null;
  /** Inflow and decisions: the sum's deviation from the plan's mean in cases and as a share of that mean (null when it is 0). */
  readonly deviation: number | null;
  readonly share: number | null;
  /** The verdict in plain words. */
  readonly text: string;
}

/** A run of periods in which a measure's sum stayed above (or below) the plan's mean. */
export interface VerdictRun {
  readonly direction: 'above' | 'below';
  /** Its first period, and how many periods it has, up to the verdict's period. */
  readonly from: string;
  readonly periods: number;
  /** The actual minus the plan's mean over the periods of the run, in cases and as a share of the plan's mean over them. */
  readonly deviation: number;
  readonly share: number | null;
}

/**
 * A verdict per measure the actuals give for all lanes together, in plain
 * words. Inflow and decisions are judged by their cumulative sum since the
 * first period with the figure, which shows a drift before any single period
 * leaves its band: above the plan's P95 of the sum, below its P5, or inside.
 * The run is the latest stretch of periods since the sum's deviation from
 * the plan's mean last was zero or of the other sign: the periods it has,
 * and the deviation over them as a share of the plan over them. The backlog
 * is judged by its last figure against that period's band. A period of
 * `unit` (week or month) is named as the rows name it.
 *
 * @example verdicts(rows, 'week')[0].text // 'inflow has run above plan for 14 weeks: +18% (cumulative +63 cases, +4.8%, above the plan's P95 since 2024-W22)'
 */
export function verdicts(rows: readonly MonitorRow[], unit: 'week' | 'month'): Verdict[] {
  return MEASURES.flatMap((measure) => {
    const series = rows.filter((row) => row.measure === measure && row.lane === 'total');
    if (measure === 'backlog') return series.length === 0 ? [] : [backlogVerdict(series, unit)];
    const sums = series.filter((row) => row.cumulative !== null);
    return sums.length === 0 ? [] : [flowVerdict(measure, sums, unit)];
  });
}

function flowVerdict(measure: Measure, rows: readonly MonitorRow[], unit: 'week' | 'month'): Verdict {
  const last = rows[rows.length - 1]!;
  const sum = last.cumulative!;
  const status = sum.status;
  const run = latestRun(rows);
  const outsideSince = status === 'inside' ? null : streakStart(rows, (row) => row.cumulative!.status === status);
  const has = measure === 'inflow' ? 'inflow has' : 'decisions have';
  const is = measure === 'inflow' ? 'inflow is' : 'decisions are';
  const cases = `cumulative ${signed(sum.deviation)} cases`;
  const cumulative = `${cases}${sum.share === null ? '' : `, ${signedPercent(sum.share)}`}`;
  let text: string;
  if (status !== 'inside') {
    const edge = `${status} the plan's ${status === 'above' ? 'P95' : 'P5'} since ${outsideSince}`;
    text =
      run === null
        ? `${is} ${status} the plan's band: ${cumulative}, ${edge}`
        : `${has} run ${run.direction} plan for ${count(run.periods, unit)}: ${share(run)} (${cumulative}, ${edge})`;
  } else {
    const band = `the plan's P5 to P95 is ${signed(sum.plan.p5 - sum.plan.mean)} to ${signed(sum.plan.p95 - sum.plan.mean)}`;
    const over = `over ${count(sum.periods, unit)} from ${rows[0]!.period}`;
    const lately =
      run === null || run.periods === sum.periods
        ? ''
        : `; ${run.direction} plan for the last ${count(run.periods, unit)} (${share(run)})`;
    text =
      run === null
        ? `${is} on plan: ${cases} ${over}`
        : `${is} inside the plan's band: ${cases}${sum.share === null ? '' : ` (${signedPercent(sum.share)})`} ${over}, where ${band}${lately}`;
  }
  return {
    measure,
    lane: 'total',
    period: last.period,
    status,
    outsideSince,
    run,
    deviation: sum.deviation,
    share: sum.share,
    text,
  };
}

function backlogVerdict(rows: readonly MonitorRow[], unit: 'week' | 'month'): Verdict {
  const last = rows[rows.length - 1]!;
  const status = last.status;
  const outsideSince = status === 'inside' ? null : streakStart(rows, (row) => row.status === status);
  const figures =
    `${number(last.actual)} open at the end of ${last.period} against the plan's P50 ${number(last.plan.p50)} ` +
    `(P5 to P95: ${number(last.plan.p5)} to ${number(last.plan.p95)})`;
  const since =
    status === 'inside'
      ? ''
      : outsideSince === last.period
        ? `, first ${status} it in ${last.period}`
        : `, ${status} it since ${outsideSince} (${count(rows.length - rows.findIndex((row) => row.period === outsideSince), unit)})`;
  return {
    measure: 'backlog',
    lane: 'total',
    period: last.period,
    status,
    outsideSince,
    run: null,
    deviation: null,
    share: null,
    text: `the backlog is ${status} the plan's band: ${figures}${since}`,
  };
}

/**
 * The latest run of the sums: back from the last period while the deviation
 * from the plan's mean keeps the sign it has there; null when it is zero.
 */
function latestRun(rows: readonly MonitorRow[]): VerdictRun | null {
  const sign = Math.sign(rows[rows.length - 1]!.cumulative!.deviation);
  if (sign === 0) return null;
  let first = rows.length - 1;
  while (first > 0 && Math.sign(rows[first - 1]!.cumulative!.deviation) === sign) first--;
  const before =
    first === 0
      ? { deviation: 0, mean: 0 }
      : { ...rows[first - 1]!.cumulative!, mean: rows[first - 1]!.cumulative!.plan.mean };
  const last = rows[rows.length - 1]!.cumulative!;
  const deviation = last.deviation - before.deviation;
  const plan = last.plan.mean - before.mean;
  return {
    direction: sign > 0 ? 'above' : 'below',
    from: rows[first]!.period,
    periods: rows.length - first,
    deviation,
    share: plan === 0 ? null : deviation / plan,
  };
}

/** The period from which every row to the last has the property. */
function streakStart(rows: readonly MonitorRow[], holds: (row: MonitorRow) => boolean): string {
  let first = rows.length - 1;
  while (first > 0 && holds(rows[first - 1]!)) first--;
  return rows[first]!.period;
}

function count(n: number, unit: 'week' | 'month'): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function number(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** A deviation in cases with its sign: `+63`, `-40`, `0`. */
function signed(value: number): string {
  const rounded = Math.round(value);
  return rounded > 0 ? `+${number(rounded)}` : rounded < 0 ? `-${number(-rounded)}` : '0';
}

/** A share with its sign, whole percents from 10% on, one decimal below: `+18%`, `-4.8%`. */
export function signedPercent(share: number): string {
  const percent = share * 100;
  const text = Math.abs(percent) >= 9.95 ? Math.abs(percent).toFixed(0) : Math.abs(percent).toFixed(1);
  if (Number(text) === 0) return '0%';
  return `${percent > 0 ? '+' : '-'}${text}%`;
}

function share(run: VerdictRun): string {
  return run.share === null ? `${signed(run.deviation)} cases` : signedPercent(run.share);
}
