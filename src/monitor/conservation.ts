import type { InputIssue } from '../scenario/errors.js';
import type { Actuals } from './actuals.js';
import { columnName } from './actuals.js';
import { actualOf } from './period-spec.js';

/** A period whose backlog is not the one before plus its inflow minus its decisions. */
export interface ConservationBreak {
  /** The line of the period's row in the actuals file. */
  readonly line: number;
  readonly period: string;
  /** `total`, or the lane. */
  readonly lane: string;
  /** The backlog before: at the end of the period before, or the scenario's initial backlog for a first period that starts with the scenario. */
  readonly before: number;
  /** `actuals` or `scenario` (its initial backlog). */
  readonly beforeFrom: 'actuals' | 'scenario';
  readonly inflow: number;
  readonly decisions: number;
  readonly backlog: number;
  /** backlog - (before + inflow - decisions): what the figures leave unexplained (a data correction, withdrawals, cases moved). */
  readonly break: number;
  /** The largest break let pass: max(1, 0.5% of `before`). */
  readonly tolerance: number;
}

/** The share of the backlog before that a break may be without a warning (at least one case). */
export const CONSERVATION_TOLERANCE = 0.005;

/**
 * The periods of the actuals whose backlog breaks conservation beyond the
 * tolerance: backlog(t) - (backlog(t-1) + inflow(t) - decisions(t)) larger
 * in size than max(1 case, 0.5% of backlog(t-1)), for all lanes together
 * and, with `lanes`, for each lane with all three figures. A first period
 * that starts on the scenario's start is checked against its initial
 * backlog (`initial`). A period or its predecessor without one of the
 * figures is not checked. The figures are never changed: a break is
 * reported, as data corrections happen.
 *
 * @example conservationBreaks(actuals, { total: 1440, byLane: {...} }, '2024-01-01', { lanes: true })
 */
export function conservationBreaks(
  actuals: Actuals,
  initial: { readonly total: number; readonly byLane: Readonly<Record<string, number>> },
  start: string,
  options: { readonly lanes: boolean },
): ConservationBreak[] {
  const lanes: (string | null)[] = [null];
  if (options.lanes)
    lanes.push(
      ...actuals.lanes.backlog.filter(
        (lane) => actuals.lanes.inflow.includes(lane) && actuals.lanes.decisions.includes(lane),
      ),
    );
  const breaks: ConservationBreak[] = [];
  actuals.periods.forEach((period, p) => {
    for (const lane of lanes) {
      const previous = actuals.periods[p - 1];
      const before =
        previous !== undefined
          ? actualOf(previous.backlog, lane)
          : period.from === start
            ? lane === null
              ? initial.total
              : (initial.byLane[lane] ?? null)
            : null;
      const inflow = actualOf(period.inflow, lane);
      const decisions = actualOf(period.decisions, lane);
      const backlog = actualOf(period.backlog, lane);
      if (before === null || inflow === null || decisions === null || backlog === null) continue;
      const gap = backlog - (before + inflow - decisions);
      const tolerance = Math.max(1, CONSERVATION_TOLERANCE * before);
      if (Math.abs(gap) <= tolerance) continue;
      breaks.push({
        line: period.line,
        period: period.label,
        lane: lane ?? 'total',
        before,
        beforeFrom: previous === undefined ? 'scenario' : 'actuals',
        inflow,
        decisions,
        backlog,
        break: gap,
        tolerance,
      });
    }
  });
  return breaks;
}

/**
 * A break as a warning at its row of the actuals file, as the CLI prints
 * warnings: `actuals.csv:5: backlog: breaks conservation by +12 cases: ...`.
 */
export function conservationWarning(file: string, b: ConservationBreak): InputIssue {
  const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  const before = b.beforeFrom === 'scenario' ? "the scenario's initial backlog" : 'the period before';
  return {
    file,
    line: b.line,
    column: null,
    field: columnName('backlog', b.lane === 'total' ? null : b.lane),
    problem:
      `breaks conservation by ${b.break > 0 ? '+' : '-'}${n(Math.abs(b.break))} cases in ${b.period}: ` +
      `${n(b.backlog)} open, but ${n(b.before)} (${before}) + inflow ${n(b.inflow)} - decisions ${n(b.decisions)} = ` +
      `${n(b.before + b.inflow - b.decisions)}`,
    allowed: `a difference within ${n(b.tolerance)} cases (0.5% of the backlog before, at least 1); the figures are compared as given, nothing is corrected`,
  };
}
