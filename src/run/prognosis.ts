import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import {
  dayNumber,
  FIRST_DATE,
  inDateRange,
  scenarioIsoWeek,
  weekEndDate,
  weekOf,
  weekStartDate,
} from '../time/weeks.js';
import { argObject, argString, didYouMean, initialBacklogAges, optional } from '../scenario/index.js';
import { argRunOf } from './run-arguments.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { parameterIssue } from '../scenario/errors.js';
import type { Scenario } from '../scenario/types.js';

/** What an applicant asks: when will a case filed on this date (in this lane) be decided? */
export interface PrognosisQuery {
  /**
   * ISO date `YYYY-MM-DD`: within the horizon, or before the start for a
   * case still open at the start (no older than the oldest such case).
   */
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
  /** The ISO 8601 week (`YYYY-Www`) of the decision week. */
  readonly isoWeek: string;
}

/** The prognosis for the cases of one lane filed in one week. */
export interface LanePrognosis {
  readonly lane: string;
  /** Cases of the cohort, mean per replication (filed before the start: those still open at the start). */
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
  /**
   * Filed before the start: the arrival week of the lane's oldest case open
   * at the start (negative), or null when the lane had none open.
   */
  readonly oldestOpenWeek?: number | null;
  /** Filed before the start: where the ages of the lane's open cases come from, in words. */
  readonly openCasesBasis?: string;
}

/** The answer of `caseload prognosis`, as printed with `--json`. */
export interface Prognosis {
  readonly scenario: string;
  readonly seed: number;
  readonly reps: number;
  readonly filed: string;
  /** Arrival week of the filing date (0-based from the scenario's start; negative before it). */
  readonly week: number;
  readonly lanes: readonly LanePrognosis[];
  /** The ISO 8601 week (`YYYY-Www`) of the filing week. */
  readonly isoWeek: string;
  /** True when the filing date is before the start: the cohort is the cases of that week still open at the start. */
  readonly openAtStart: boolean;
  /** The scenario's first day. */
  readonly start: string;
  /** Weeks the prognosis ran (the horizon it is "within"). */
  readonly horizonWeeks: number;
  /** Last day of the last week run. */
  readonly horizonEnd: string;
  /**
   * When caseload chose how far to run (no --horizon): it runs on, doubling
   * the weeks, until 90% of every cohort asked about is decided, or the cap.
   */
  readonly runOn?: RunOn;
  /** When the run is longer than the scenario's own horizon: what the weeks after it assume. */
  readonly pastScenarioHorizon?: PastScenarioHorizon;
}

/** How far prognosis ran on by itself to decide a cohort. */
export interface RunOn {
  /** The most weeks caseload runs, from the start (PROGNOSIS_MAX_WEEKS, or the scenario's horizon when longer). */
  readonly capWeeks: number;
  /**
   * When 90% of a cohort asked about is still undecided at the end: why the
   * run stopped there (the cap, or what keeps the scenario from running
   * longer); null when every such cohort was decided.
   */
  readonly stoppedShort: string | null;
}

/** The weeks a prognosis ran past the scenario's own horizonWeeks, and what they assume. */
export interface PastScenarioHorizon {
  /** The scenario's own horizonWeeks. */
  readonly scenarioHorizonWeeks: number;
  /** Last day of the scenario's own horizon. */
  readonly scenarioEnd: string;
  /** What the weeks after the scenario's horizon assume, in words (see assumptionsPastHorizon). */
  readonly assumptions: readonly string[];
}

/** The most weeks `caseload prognosis` runs on by itself to decide a cohort: 10 years. */
export const PROGNOSIS_MAX_WEEKS = 520;

/** One row of prognosis.csv: one filing week and lane. */
export interface PrognosisRow {
  /** Negative for the weeks before the start (the cases of that week still open at the start). */
  readonly filedWeek: number;
  /** First day of the filing week. */
  readonly filedDate: string;
  /** Last day of the filing week. */
  readonly filedWeekEnd: string;
  /** The ISO 8601 week of the filing week. */
  readonly filedIsoWeek: string;
  readonly lane: string;
  readonly cases: number;
  readonly decidedShare: number | null;
  readonly p50: DecisionPoint | null;
  readonly p90: DecisionPoint | null;
  /** With transfers; see LanePrognosis.movedOnShare (0 when the lane held no case of that week). */
  readonly movedOnShare?: number;
}

/** What checkPrognosisQuery allows beside the scenario's horizon. */
export interface PrognosisQueryOptions {
  /**
   * Weeks from the start the run may go to (prognosis without --horizon runs
   * on to decide the cohort): a filing date up to its last week is allowed.
   * Default: the scenario's horizonWeeks.
   */
  readonly runWeeksAtMost?: number;
  /**
   * Where the scenario gives each lane's open cases at the start
   * (`file:line`), by lane name, and initialBacklog as a whole under '', for
   * the message about a date older than them; absent ones are not located.
   */
  readonly openCasesAt?: Readonly<Record<string, string>>;
}

/** Share of a cohort's cases due by a percentile: within this tolerance counts as reached (fractional expected values). */
const EPSILON = 1e-9;

/**
 * The arrival week of a lane's oldest case open at the start (negative), or
 * null when the lane starts with none.
 *
 * @example oldestOpenWeek(scenario, 'regular') // -52 with spreadWeeks 52
 */
export function oldestOpenWeek(scenario: Scenario, lane: string): number | null {
  const ages = initialBacklogAges(scenario.initialBacklog[lane]);
  for (let k = ages.length - 1; k >= 0; k--) if (ages[k]! > 0) return -(k + 1);
  return null;
}

/**
 * The arrival week of a filing date, or the issues with `filed` and `lane`
 * (not a date, older than every case open at the start, after the last week
 * the run may go to, an unknown lane with a suggestion).
 *
 * @example checkPrognosisQuery(scenario, { filed: '2024-03-05' }) // { ok: true, value: { week: 9, lanes: [0, 1, 2, 3] } }
 * @example checkPrognosisQuery(scenario, { filed: '2023-06-01' }) // { ok: true, value: { week: -31, lanes: [0, 1, 2, 3] } }
 */
export function checkPrognosisQuery(
  scenario: Scenario,
  query: PrognosisQuery,
  options: PrognosisQueryOptions = {},
): Checked<{ week: number; lanes: number[] }> {
  const issues: InputIssue[] = [];
  // The lane's issue comes after the date's, but the lane is read first: the oldest open case depends on it.
  const laneIssues: InputIssue[] = [];
  const names = scenario.lanes.map((l) => l.name);
  let lanes = names.map((_, lane) => lane);
  let laneName: string | null = null;
  if (query.lane !== undefined) {
    const lane = names.indexOf(query.lane);
    if (lane === -1) {
      const guess = didYouMean(query.lane, names);
      laneIssues.push(
        parameterIssue(
          'lane',
          '',
          `unknown lane "${query.lane}"${guess === null ? '' : `; did you mean "${guess}"?`}`,
          names.join(', '),
        ),
      );
    } else laneName = query.lane;
    lanes = [lane];
  }
  const asked = laneName === null ? names : [laneName];
  const oldestByLane = asked.flatMap((name) => {
    const week = oldestOpenWeek(scenario, name);
    return week === null ? [] : [{ week, lane: name }];
  });
  const oldestWeek = Math.min(...oldestByLane.map((entry) => entry.week));
  const oldestLanes = oldestByLane.filter((entry) => entry.week === oldestWeek).map((entry) => entry.lane);
  const oldest = oldestLanes.length === 0 ? null : { week: oldestWeek, lanes: oldestLanes };
  const runWeeks = Math.max(scenario.horizonWeeks, options.runWeeksAtMost ?? scenario.horizonWeeks);
  const first = oldest === null ? scenario.start : weekStartDate(scenario.start, oldest.week);
  const last = weekEndDate(scenario.start, runWeeks - 1);
  const lastText =
    runWeeks > scenario.horizonWeeks ? `${last}, ${runWeeks} weeks from the start` : `${last}, the end of the horizon`;
  const within =
    oldest === null
      ? `a date from ${first}, the start, to ${lastText}`
      : `a date from ${first}, the oldest open case at the start, to ${lastText}`;
  const filed = query.filed.trim();
  const day = dayNumber(filed);
  let week = -1;
  if (day === null) {
    issues.push(parameterIssue('filed', '', `must be a date YYYY-MM-DD, got "${query.filed}"`, within));
  } else if (!inDateRange(day)) {
    issues.push(parameterIssue('filed', '', `${filed} is before ${FIRST_DATE}`, within));
  } else {
    week = weekOf(scenario.start, filed);
    if (week < 0 && oldest === null) {
      const none =
        laneName === null
          ? 'no lane had open cases at the start (the scenario gives no initialBacklog)'
          : `lane ${laneName} had no open cases at the start (initialBacklog.lanes lists none for it)`;
      issues.push(parameterIssue('filed', '', `${filed} is before the start, ${scenario.start}, and ${none}`, within));
    } else if (oldest !== null && week < oldest.week) {
      // Located where the scenario gives them: the one lane's entry, or initialBacklog as a whole when lanes tie.
      const one = oldest.lanes.length === 1 ? oldest.lanes[0]! : null;
      const at = options.openCasesAt?.[laneName ?? one ?? ''] ?? options.openCasesAt?.[''];
      const whose =
        laneName === null ? 'every case open at the start' : `every case of lane ${laneName} open at the start`;
      const inLane = laneName === null && one !== null ? `, in lane ${one},` : '';
      issues.push(
        parameterIssue(
          'filed',
          '',
          `${filed} is older than ${whose}: the oldest${inLane} was filed in week ${oldest.week} (ISO ${scenarioIsoWeek(scenario.start, oldest.week)}, ${first} to ${weekEndDate(scenario.start, oldest.week)})${at === undefined ? '' : `, as the scenario's initialBacklog gives at ${at}`}`,
          within,
        ),
      );
    } else if (week >= runWeeks) {
      const after =
        runWeeks > scenario.horizonWeeks
          ? `is after the last week caseload runs to, ${last}`
          : 'is after the end of the horizon';
      issues.push(parameterIssue('filed', '', `${filed} ${after}`, within));
    }
  }
  issues.push(...laneIssues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { week, lanes } };
}

/**
 * For a case filed on `query.filed`: per lane (or the one lane asked for) the
 * P50 and P90 of its decision date and wait in weeks, over the cases of its
 * cohort in all replications, and the share decided within the horizon. The
 * P-th percentile is the first week by which at least that share of the
 * cohort is decided, cases still open at the end counting as later; one that
 * falls after the horizon is null, with `beyondHorizon`. A date before the
 * start asks about a case still open at the start: its cohort is the cases
 * of the initial backlog filed that week. Lanes in priority order. A bad
 * date or lane is an issue naming `filed` or `lane`; a scenario, plan or tally
 * that are not one run's, or a query that is not `{ filed, lane? }` of
 * strings, throw CaseloadArgumentError.
 *
 * @example prognosis(scenario, plan, tally, { filed: '2024-03-05', lane: 'regular' }).value.lanes[0].p50 // { waitWeeks: 23, date: '2024-08-18', isoWeek: '2024-W33' }
 */
export function prognosis(scenario: Scenario, plan: Plan, tally: Tally, query: PrognosisQuery): Checked<Prognosis> {
  argRunOf(scenario, plan, tally);
  const asked = argObject(query, 'query', ['filed', 'lane'], 'a PrognosisQuery { filed, lane? }');
  argString(asked['filed'], 'query.filed', 'a date YYYY-MM-DD');
  optional(asked['lane'], (lane) => argString(lane, 'query.lane', 'a lane name, or absent for every lane'));
  const checked = checkPrognosisQuery(scenario, query, { runWeeksAtMost: plan.horizonWeeks });
  if (!checked.ok) return checked;
  const { week } = checked.value;
  const openAtStart = week < 0;
  const lanes = query.lane === undefined ? plan.laneNames.map((_, lane) => lane) : [plan.laneNames.indexOf(query.lane)];
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
          ...(openAtStart
            ? { oldestOpenWeek: oldestOpenWeek(scenario, row.lane), openCasesBasis: openCasesBasis(scenario, row.lane) }
            : {}),
        };
      }),
      isoWeek: scenarioIsoWeek(scenario.start, week),
      openAtStart,
      start: scenario.start,
      horizonWeeks: plan.horizonWeeks,
      horizonEnd: weekEndDate(scenario.start, plan.horizonWeeks - 1),
    },
  };
}

/**
 * Where the ages of a lane's open cases at the start come from, in words
 * that do not name the lane (so lanes alike can share them).
 *
 * @example openCasesBasis(scenario, 'regular') // 'spread evenly over the 52 weeks before the start by initialBacklog'
 */
export function openCasesBasis(scenario: Scenario, lane: string): string {
  const spec = scenario.initialBacklog[lane];
  if (spec === undefined || oldestOpenWeek(scenario, lane) === null) return 'none: initialBacklog lists none';
  if (spec.kind === 'spread')
    return `spread evenly over the ${spec.spreadWeeks} weeks before the start by initialBacklog`;
  return 'counted by weeks before the start in initialBacklog';
}

/**
 * Whether a cohort asked about is still less than 90% decided at the end of
 * the run (a lane with cases and no P90): a longer run would tell more.
 *
 * @example undecidedLanes(result) // ['regular']
 */
export function undecidedLanes(result: Prognosis): string[] {
  return result.lanes.filter((lane) => lane.cases > 0 && lane.p90 === null).map((lane) => lane.lane);
}

/**
 * The rows of prognosis.csv: every filing week from the oldest case open at
 * the start to the last week of the horizon, and every lane (lanes in
 * priority order), with the P50 and P90 wait and decision date within the
 * horizon. Rows of weeks before the start count the cases of that week still
 * open at the start. Throws CaseloadArgumentError when the scenario, plan and
 * tally are not one run's.
 *
 * @example prognosisRows(scenario, plan, tally)[0] // { filedWeek: -52, filedDate: '2023-01-02', lane: 'incomplete', ... }
 */
export function prognosisRows(scenario: Scenario, plan: Plan, tally: Tally): PrognosisRow[] {
  argRunOf(scenario, plan, tally);
  const rows: PrognosisRow[] = [];
  for (let week = -plan.maxAgeWeeks; week < plan.horizonWeeks; week++) {
    for (let lane = 0; lane < plan.laneCount; lane++) rows.push(cohortPrognosis(scenario, plan, tally, lane, week));
  }
  return rows;
}

/**
 * The decision percentiles of the cohort of one lane that arrived in one week
 * (before the start: the cases of that week open at the start): the cases
 * this lane decides or holds at the end, its own and those that moved in
 * (their wait counted from filing). Cases that moved on to another lane are
 * counted there, and their share is given.
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
        return {
          waitWeeks: t - week,
          date: weekEndDate(scenario.start, t),
          isoWeek: scenarioIsoWeek(scenario.start, t),
        };
    }
    return null;
  };
  const reps = tally.replications;
  const movedOn = tally.movedOutBySlot[lane * plan.cohortSlots + week + plan.maxAgeWeeks]!;
  return {
    filedWeek: week,
    filedDate: weekStartDate(scenario.start, week),
    filedWeekEnd: weekEndDate(scenario.start, week),
    filedIsoWeek: scenarioIsoWeek(scenario.start, week),
    lane: plan.laneNames[lane]!,
    cases: reps > 0 ? total / reps : 0,
    decidedShare: total > 0 ? (total - counts[weeks]!) / total : null,
    p50: percentile(0.5),
    p90: percentile(0.9),
    ...(plan.transfers === null ? {} : { movedOnShare: total + movedOn > 0 ? movedOn / (total + movedOn) : 0 }),
  };
}
