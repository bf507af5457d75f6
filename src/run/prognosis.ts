import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import { dayNumber, weekEndDate, weekOf, weekStartDate } from '../time/weeks.js';
import { didYouMean } from '../scenario/index.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { parameterIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';

/** What an applicant asks: when will a case filed on this date (in this lane) be decided? */
export interface PrognosisQuery {
  /** ISO date `YYYY-MM-DD` within the horizon. */
  readonly filed: string;
  /** One lane by name; all lanes when absent. */
  readonly lane?: string;
}

/** A percentile of the decision of one cohort, within the horizon. */
export interface DecisionPoint {
  /** Decision week minus arrival week. */
  readonly waitWeeks: number;
  /** Last day of the decision week. */
  readonly date: string;
}

/** The prognosis for the cases of one lane filed in one week. */
export interface LanePrognosis {
  readonly lane: string;
  /** Cases of the cohort, mean per replication. */
  readonly cases: number;
  /** Median decision; null when no cases were filed or it falls beyond the horizon. */
  readonly p50: DecisionPoint | null;
  /** 90th percentile decision; null likewise. */
  readonly p90: DecisionPoint | null;
  /** Share of the cohort's cases decided by the end of the horizon; null when there are no cases. */
  readonly decidedWithinHorizon: number | null;
  /** True when P50 or P90 falls after the end of the horizon (and is reported as null). */
  readonly beyondHorizon: boolean;
  /**
   * With transfers: the share of the cases that were in this lane from that
   * filing week and moved on to another lane before a decision (they are
   * counted, with their wait from filing, in the lane that decides them).
   */
  readonly movedOnShare?: number;
}

/** The answer of `caseload prognosis`, as printed with `--json`. */
export interface Prognosis {
  readonly scenario: string;
  readonly seed: number;
  readonly reps: number;
  readonly filed: string;
  /** Arrival week of the filing date (0-based from the scenario's start). */
  readonly week: number;
  readonly lanes: readonly LanePrognosis[];
}

/** One row of prognosis.csv: one filing week and lane. */
export interface PrognosisRow {
  readonly filedWeek: number;
  /** First day of the filing week. */
  readonly filedDate: string;
  readonly lane: string;
  readonly cases: number;
  readonly decidedShare: number | null;
  readonly p50: DecisionPoint | null;
  readonly p90: DecisionPoint | null;
  /** With transfers; see LanePrognosis.movedOnShare (0 when the lane held no case of that week). */
  readonly movedOnShare?: number;
}

/** Share of a cohort's cases due by a percentile: within this tolerance counts as reached (fractional expected values). */
const EPSILON = 1e-9;

/**
 * The arrival week of a filing date, or the issues with `filed` and `lane`
 * (not a date, outside the horizon, an unknown lane with a suggestion).
 *
 * @example checkPrognosisQuery(scenario, { filed: '2024-03-05' }) // { ok: true, value: { week: 9, lanes: [0, 1, 2, 3] } }
 */
export function checkPrognosisQuery(
  scenario: Scenario,
  query: PrognosisQuery,
): Checked<{ week: number; lanes: number[] }> {
  const issues: InputIssue[] = [];
  const first = weekStartDate(scenario.start, 0);
  const last = weekEndDate(scenario.start, scenario.horizonWeeks - 1);
  const within = `a date from ${first} to ${last}, the horizon`;
  const day = dayNumber(query.filed.trim());
  let week = -1;
  if (day === null) {
    issues.push(parameterIssue('filed', '', `must be a date YYYY-MM-DD, got "${query.filed}"`, within));
  } else {
    week = weekOf(scenario.start, query.filed.trim());
    if (week < 0)
      issues.push(parameterIssue('filed', '', `${query.filed.trim()} is before the start of the horizon`, within));
    else if (week >= scenario.horizonWeeks)
      issues.push(parameterIssue('filed', '', `${query.filed.trim()} is after the end of the horizon`, within));
  }
  const names = scenario.lanes.map((l) => l.name);
  let lanes = names.map((_, lane) => lane);
  if (query.lane !== undefined) {
    const lane = names.indexOf(query.lane);
    if (lane === -1) {
      const guess = didYouMean(query.lane, names);
      issues.push(
        parameterIssue(
          'lane',
          '',
          `unknown lane "${query.lane}"${guess === null ? '' : `; did you mean "${guess}"?`}`,
          names.join(', '),
        ),
      );
    }
    lanes = [lane];
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { week, lanes } };
}

/**
 * For a case filed on `query.filed`: per lane (or the one lane asked for) the
 * P50 and P90 of its decision date and wait in weeks, over the cases of its
 * cohort in all replications, and the share decided within the horizon. The
 * P-th percentile is the first week by which at least that share of the
 * cohort is decided, cases still open at the end counting as later; one that
 * falls after the horizon is null, with `beyondHorizon`.
 *
 * @example prognosis(scenario, plan, tally, { filed: '2024-03-05', lane: 'regular' }).value.lanes[0].p50 // { waitWeeks: 23, date: '2024-08-18' }
 */
export function prognosis(scenario: Scenario, plan: Plan, tally: Tally, query: PrognosisQuery): Checked<Prognosis> {
  const checked = checkPrognosisQuery(scenario, query);
  if (!checked.ok) return checked;
  const { week, lanes } = checked.value;
  return {
    ok: true,
    value: {
      scenario: scenario.name,
      seed: scenario.seed,
      reps: tally.replications,
      filed: query.filed.trim(),
      week,
      lanes: lanes.map((lane) => {
        const row = cohortPrognosis(scenario, plan, tally, lane, week);
        const beyondHorizon = row.cases > 0 && (row.p50 === null || row.p90 === null);
        return {
          lane: row.lane,
          cases: row.cases,
          p50: row.p50,
          p90: row.p90,
          decidedWithinHorizon: row.decidedShare,
          beyondHorizon,
          ...(row.movedOnShare === undefined ? {} : { movedOnShare: row.movedOnShare }),
        };
      }),
    },
  };
}

/**
 * The rows of prognosis.csv: every filing week of the horizon and lane (lanes
 * in priority order), with the P50 and P90 wait and decision date.
 *
 * @example prognosisRows(scenario, plan, tally)[0] // { filedWeek: 0, filedDate: '2024-01-01', lane: 'incomplete', ... }
 */
export function prognosisRows(scenario: Scenario, plan: Plan, tally: Tally): PrognosisRow[] {
  const rows: PrognosisRow[] = [];
  for (let week = 0; week < plan.horizonWeeks; week++) {
    for (let lane = 0; lane < plan.laneCount; lane++) rows.push(cohortPrognosis(scenario, plan, tally, lane, week));
  }
  return rows;
}

/**
 * The decision percentiles of the cohort of one lane that arrived in one week
 * of the horizon: the cases this lane decides or holds at the end, its own and
 * those that moved in (their wait counted from filing). Cases that moved on
 * to another lane are counted there, and their share is given.
 */
function cohortPrognosis(scenario: Scenario, plan: Plan, tally: Tally, lane: number, week: number): PrognosisRow {
  const weeks = plan.horizonWeeks;
  const columns = weeks + 1;
  const start = (lane * plan.cohortSlots + week + plan.maxAgeWeeks) * columns;
  const counts = tally.decisionWeeks.subarray(start, start + columns);
  let total = 0;
  for (const count of counts) total += count;
  const percentile = (share: number): DecisionPoint | null => {
    if (total <= 0) return null;
    let decided = 0;
    for (let t = 0; t < weeks; t++) {
      decided += counts[t]!;
      if (decided >= share * total - EPSILON * total)
        return { waitWeeks: t - week, date: weekEndDate(scenario.start, t) };
    }
    return null;
  };
  const reps = tally.replications;
  const movedOn = tally.movedOutBySlot[lane * plan.cohortSlots + week + plan.maxAgeWeeks]!;
  return {
    filedWeek: week,
    filedDate: weekStartDate(scenario.start, week),
    lane: plan.laneNames[lane]!,
    cases: reps > 0 ? total / reps : 0,
    decidedShare: total > 0 ? (total - counts[weeks]!) / total : null,
    p50: percentile(0.5),
    p90: percentile(0.9),
    ...(plan.transfers === null ? {} : { movedOnShare: total + movedOn > 0 ? movedOn / (total + movedOn) : 0 }),
  };
}
