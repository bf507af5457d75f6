import { singleRun } from '../job/job.js';
import type { Job } from '../job/job.js';
import type { ReplicationMeasure } from '../job/replication-measure.js';
import { runJob } from '../job/run-job.js';
import { parameterIssue, parameterSettingIssues } from '../scenario/errors.js';
import {
  addDaysUpToLast,
  DATE_RANGE,
  dayNumber,
  FIRST_DATE,
  inDateRange,
  scenarioIsoWeek,
  weekEndDate,
  weekEndingBy,
  weekOf,
  weekStartDate,
} from '../time/weeks.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { argOneOf, argScenario, argumentError, didYouMean, loadScenario, scenarioDocument } from '../scenario/index.js';
import type { FieldSetting } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { Tally } from '../engine/tally.js';
import { replicationsForHalfWidth, wilsonInterval } from '../stats/proportion.js';
import type { ProbabilityInterval, ProportionInterval } from '../stats/proportion.js';

export type { ProbabilityInterval } from '../stats/proportion.js';
import { bandIncludes } from '../run/summary.js';
import { analyticRelief } from './analytic-relief.js';
import type { AnalyticRelief } from './analytic-relief.js';
import { resolveLever } from './resolve-lever.js';
import type { Lever, LeverConversion } from './resolve-lever.js';
import { searchLeverGrid } from './search-lever-grid.js';
import { argTargetRequest } from './experiment-arguments.js';

/** What `caseload target` asks: the smallest lever value that reaches a backlog by a date (or a lead time) with a confidence. */
export interface TargetRequest {
  /** Scenario file. */
  readonly file: string;
  /** `perWeek`, `fte` or a dotted field path (`resolveLever`). Default `perWeek`. */
  readonly lever?: string;
  /** Total backlog to reach or go below (of `lanes` together, when given); default the scenario's target. */
  readonly backlog?: number;
  /** ISO date by which; default the scenario's target. */
  readonly date?: string;
  /**
   * The lanes the target is about: their backlog together, or the lead time
   * of their cases; default every lane. Lane names of the scenario.
   */
  readonly lanes?: readonly string[];
  /**
   * A lead-time target instead of a backlog: the `percentile` of the lead
   * time (filing to decision) of the cases of `lanes` filed from `filedFrom`
   * to `filedTo` is at most this many days (see LeadTimeTarget).
   */
  readonly leadTimeDays?: number;
  /** The percentile of a lead-time target, in (0, 100). Default 90. */
  readonly percentile?: number;
  /** First filing date of a lead-time target's cases; default the start (before it: cases of the initial backlog). */
  readonly filedFrom?: string;
  /** Last filing date of a lead-time target's cases; default the last whose cases the horizon follows long enough. */
  readonly filedTo?: string;
  /** Probability to reach, in (0, 1). Default 0.9. */
  readonly confidence?: number;
  /** Grid step of the lever; default 1. A whole number for a whole-number field. */
  readonly step?: number;
  /** Highest lever value tried; default 100 x the starting value (at least 100 steps), within the field's maximum. */
  readonly max?: number;
  /** Replications per evaluation; default the scenario's. */
  readonly replications?: number;
  /** Master seed, the same for every evaluation; default the scenario's. */
  readonly seed?: number;
  /** Weeks to simulate; default the scenario's (a lead-time target may need more). */
  readonly horizonWeeks?: number;
  /** false: leave out the scenario's uncertainty: block (the plan taken as known). */
  readonly uncertainty?: false;
  /** Worker threads per evaluation. Default 1. */
  readonly workers?: number;
  /** Called after each evaluation. */
  readonly onEvaluation?: (evaluation: LeverEvaluation) => void;
}

/** The probability of reaching the target at one value of the lever. */
export interface LeverEvaluation {
  readonly value: number;
  /** successes / reps. */
  readonly probability: number;
  /** Replications whose total backlog was at or below the target, of `reps`. */
  readonly successes: number;
  readonly probabilityInterval: ProbabilityInterval;
}

/** A value whose probability reaches the confidence on the estimate but whose interval does not clear it. */
export interface UndecidedValue extends LeverEvaluation {
  /**
   * About how many replications would separate the probability from the
   * confidence, if it stays at the estimate: the fewest whose interval is at
   * most |probability - confidence| wide on either side. Null when the
   * estimate equals the confidence, which no number of replications separates.
   */
  readonly replicationsToSeparate: number | null;
  /** Replications for a 95% interval of +/-1 percentage point at this probability. */
  readonly replicationsForOnePoint: number;
}

/** How far the simulated answer is from the analytic relief, in the lever's unit. */
export interface ReliefComparison {
  /** The analytic relief in the lever's unit (decisions a week, a year, or FTE). */
  readonly analytic: number;
  /** The analytic relief plus the allowance for Poisson inflow, in the lever's unit. */
  readonly withInflowVariability: number;
  /** Simulated answer - analytic. */
  readonly difference: number;
  /** difference / analytic x 100; null when the analytic relief is not above 0. */
  readonly percent: number | null;
}

/** The answer of `caseload target` (printed as JSON by `--json`). */
export interface TargetResult {
  readonly scenario: string;
  readonly file: string;
  /** As named: `perWeek`, `fte` or a field path. */
  readonly lever: string;
  /** The field set. */
  readonly field: string;
  readonly unit: string;
  /**
   * The smallest grid value whose probability clears the confidence with the
   * lower bound of its 95% interval; null when none up to `searched.highest` does.
   */
  readonly value: number | null;
  /** The probability at `value` (null with it). */
  readonly probability: number | null;
  /** The 95% interval of `probability` (null with it). */
  readonly probabilityInterval: ProbabilityInterval | null;
  /** Replications for a 95% interval of +/-1 percentage point at `probability` (null with it). */
  readonly replicationsForOnePoint: number | null;
  /** True when the lowest value the field allows already clears the confidence. */
  readonly metAtLowest: boolean;
  /**
   * The smallest value whose probability reaches the confidence on the
   * estimate, when its interval does not clear it (so it is below `value`, or
   * there is no `value`); else null.
   */
  readonly undecided: UndecidedValue | null;
  /**
   * True when the replications cannot tell: a value reaches the confidence on
   * the estimate (`undecided`) but none up to `searched.highest` clears it with its interval.
   */
  readonly cannotTell: boolean;
  readonly confidence: number;
  readonly target: BacklogTarget | LeadTimeTarget;
  readonly seed: number;
  readonly reps: number;
  /** The scenario's own value of the lever (null when it has none). */
  readonly current: number | null;
  /** The grid searched: values lowest, lowest + step, ... up to highest, starting at start. */
  readonly searched: {
    readonly lowest: number;
    readonly highest: number;
    readonly step: number;
    readonly start: number;
  };
  /** One step below `value` (its interval does not clear the confidence) and one above, where they exist. */
  readonly neighbours: readonly LeverEvaluation[];
  /** Every evaluation in the order made. */
  readonly evaluations: readonly LeverEvaluation[];
  /** Whether the probability never fell as the lever rose (what the search assumes). */
  readonly monotone: boolean;
  /** The planners' mean-value figure for the total backlog; null for a target on some lanes or a lead time. */
  readonly analyticRelief: AnalyticRelief | null;
  /** What the probabilities' bands include besides the Poisson noise of the arrivals: the scenario's uncertain sources, in words. */
  readonly uncertainty: readonly string[];
  /** The answer against the analytic relief, when the lever is a capacity counted in decisions or FTE; else null. */
  readonly comparison: ReliefComparison | null;
  /** For `fte` on a pool with a conversion to staff: how the FTE became capacity.perWeek; else null. */
  readonly conversion: LeverConversion | null;
}

/** A backlog target: P(backlog <= backlog at the end of week `week`), of every lane or of `lanes` together. */
export interface BacklogTarget {
  readonly kind: 'backlog';
  readonly backlog: number;
  readonly date: string;
  readonly week: number;
  readonly weekEnd: string;
  /** The ISO 8601 week of `week` (`YYYY-Www`). */
  readonly isoWeek: string;
  /** The lanes whose backlog counts, together; null for every lane (the total backlog). */
  readonly lanes: readonly string[] | null;
}

/**
 * A lead-time target: P(the percentile of the lead time of the cohort <=
 * days). The cohort: the cases of `lanes` filed in weeks fromWeek .. toWeek
 * (the weeks of filedFrom and filedTo; before the start, cases of the initial
 * backlog by their arrival week), decided in one of the lanes or open in one
 * at the end of the horizon; withdrawn cases and cases decided in another
 * lane do not count. Lead times are whole weeks, in days 7 x weeks, so the
 * target is met when the percentile is at most `withinWeeks` =
 * floor(days / 7) weeks. The horizon follows every case of the cohort at
 * least that long, so a case still open at its end is known to have waited
 * longer. A replication without any such case does not reach the target.
 */
export interface LeadTimeTarget {
  readonly kind: 'leadTime';
  readonly days: number;
  /** In (0, 100): 90 for the P90. */
  readonly percentile: number;
  readonly withinWeeks: number;
  readonly filedFrom: string;
  readonly filedTo: string;
  readonly fromWeek: number;
  readonly toWeek: number;
  /** The lanes whose cases count; null for every lane. */
  readonly lanes: readonly string[] | null;
}

/** Values are multiples of the step, rounded so that 0.1 x 3 prints as 0.3. */
const gridValue = (index: number, step: number) => Number((index * step).toPrecision(12));

/**
 * Finds the smallest value of a lever (decisions a week, FTE or any number
 * field) for which P(total backlog <= target at the end of the last whole
 * week ending on or before the date) clears the confidence with the lower
 * bound of its 95% Wilson interval, so that the answer does not claim 90%
 * when the replications say 90% +/- 2%. Two bracketing and bisection
 * searches (`searchLeverGrid`) over a grid of values, every evaluation a
 * full run with the same seed (common random numbers, so evaluations differ
 * only by the lever): the first for the smallest value whose estimate
 * reaches the confidence, the second, from there up, for the smallest whose
 * lower bound does. When the two differ, the first is reported as
 * `undecided`, with the replications that would tell; when no value clears
 * the confidence, `cannotTell` says the replications cannot tell. Also gives
 * the analytic relief for comparison. The target may instead be the backlog
 * of some `lanes` together, or a lead time (`leadTimeDays`: a percentile of
 * the lead time of a cohort of filings, LeadTimeTarget): the job then
 * records that measure replication by replication, and the probability, its
 * interval and the search are the same; there is no analytic relief for
 * them. Problems with the request come back as issues naming its parameter
 * (`confidence`, `date`, `lever`, `lanes`...); a request that is not an
 * object of its keys, each of its type (`file` a string, `confidence` a
 * number, `workers` a whole number from 1 to 256), throws CaseloadArgumentError.
 *
 * @example await findTarget({ file: 'scenarios/baseline-2024.yaml', lever: 'perWeek', backlog: 1100, date: '2024-12-31', confidence: 0.9 })
 */
export async function findTarget(request: TargetRequest): Promise<Checked<TargetResult>> {
  argTargetRequest(request);
  const issues = requestIssues(request);
  const loaded = await loadScenario(request.file, {
    replications: request.replications,
    seed: request.seed,
    horizonWeeks: request.horizonWeeks,
    uncertainty: request.uncertainty,
  });
  if (!loaded.ok) return { ok: false, issues: [...issues, ...loaded.issues] };
  return searchTarget(request, issues, {
    base: loaded.value.scenario,
    file: request.file,
    document: () => scenarioDocument(request.file),
    scenarioAt: async (settings) => {
      const at = await loadScenario(request.file, {
        replications: request.replications,
        seed: request.seed,
        horizonWeeks: request.horizonWeeks,
        uncertainty: request.uncertainty,
        set: settings,
      });
      return at.ok
        ? { ok: true, value: at.value.scenario }
        : { ok: false, issues: parameterSettingIssues(at.issues, 'lever') };
    },
  });
}

/** The problems with a request's values that need no scenario: confidence, backlog, step, max, date. */
function requestIssues(request: Omit<TargetRequest, 'file'>): InputIssue[] {
  const issues: InputIssue[] = [];
  const confidence = request.confidence ?? 0.9;
  const step = request.step ?? 1;
  if (!(confidence > 0 && confidence < 1))
    issues.push(
      parameterIssue(
        'confidence',
        '',
        `must be between 0 and 1, got ${confidence}`,
        'a probability in (0, 1), e.g. 0.9',
      ),
    );
  if (request.backlog !== undefined && !(request.backlog >= 0 && Number.isFinite(request.backlog))) {
    issues.push(
      parameterIssue('backlog', '', `must not be negative, got ${request.backlog}`, 'a number of cases >= 0'),
    );
  }
  if (!(step > 0 && Number.isFinite(step)))
    issues.push(parameterIssue('step', '', `must be above 0, got ${step}`, 'a number > 0'));
  if (request.max !== undefined && !Number.isFinite(request.max))
    issues.push(parameterIssue('max', '', `must be a finite number, got ${request.max}`, null));
  const dateDay = request.date === undefined ? null : dayNumber(request.date);
  if (request.date !== undefined && dateDay === null) {
    issues.push(parameterIssue('date', '', `must be a real date, got "${request.date}"`, 'a date YYYY-MM-DD'));
  } else if (dateDay !== null && !inDateRange(dateDay)) {
    issues.push(parameterIssue('date', '', `${request.date} is before ${FIRST_DATE}`, DATE_RANGE));
  }
  return issues;
}

/** What findTargetInScenario asks: a TargetRequest without a file, whose lever is the capacity. */
export type ScenarioTargetRequest = Omit<TargetRequest, 'file' | 'horizonWeeks' | 'lever'> & {
  /** `perWeek` (default) or `fte`: the levers that set the shared capacity of a scenario built in code. */
  readonly lever?: 'perWeek' | 'fte';
};

/**
 * findTarget for a scenario already resolved (one built in code, such as a
 * re-forecast from actuals), not a file: the same checks, search and answer,
 * with `file` the scenario's name. The lever is the shared capacity:
 * `perWeek` sets `capacity.perWeek` in decisions a week for the whole
 * horizon (the policy and its dated changes replaced, its conversion to
 * staff kept), as `caseload target --lever perWeek` does to a file; `fte`
 * the FTE of a staff pool or, with a conversion to staff, capacity.perWeek
 * at its units per FTE. `replications`, `seed` and `uncertainty: false`
 * apply to the scenario. Problems come back as issues naming the request's
 * parameter; a scenario or request that is not one (`lever: 'x'` included)
 * throws CaseloadArgumentError.
 *
 * @example await findTargetInScenario(setup.scenario, { lever: 'perWeek', confidence: 0.9 })
 */
export async function findTargetInScenario(
  scenario: Scenario,
  request: ScenarioTargetRequest = {},
): Promise<Checked<TargetResult>> {
  argScenario(scenario, 'scenario');
  for (const key of ['file', 'horizonWeeks'])
    if (key in request)
      argumentError(`request.${key}`, 'is not for a scenario built in code', 'leave it out; set it on the scenario');
  argTargetRequest({ ...request, file: scenario.name });
  if (request.lever !== undefined) argOneOf(request.lever, 'request.lever', ['perWeek', 'fte'] as const);
  const issues = requestIssues(request);
  const { uncertainty, ...known } = scenario;
  const base: Scenario = {
    ...(request.uncertainty === false || uncertainty === undefined ? known : { ...known, uncertainty }),
    replications: request.replications ?? scenario.replications,
    seed: request.seed ?? scenario.seed,
  };
  const policy = base.capacity.policy;
  if (
    request.lever === 'fte' &&
    policy.kind === 'staff' &&
    (base.capacity.changes ?? []).some((change) => change.field === 'fte')
  )
    return {
      ok: false,
      issues: [
        ...issues,
        parameterIssue(
          'lever',
          'fte',
          'the FTE of this scenario change on dated weeks: a lever sets one value',
          'perWeek, which sets the capacity for the whole horizon',
        ),
      ],
    };
  return searchTarget(request, issues, {
    base,
    file: scenario.name,
    // The levers perWeek and fte read their current value from the scenario, not from a document.
    document: async () => ({ ok: true, value: {} }),
    scenarioAt: async (settings) => ({ ok: true, value: withCapacitySettings(base, settings) }),
  });
}

/**
 * A scenario with the settings of the capacity levers applied as a file
 * that sets them would: `capacity.perWeek` replaces the policy (its dated
 * changes go with it), `capacity.unit` the unit, `capacity.staff.fte` the
 * staff pool's FTE.
 */
function withCapacitySettings(scenario: Scenario, settings: readonly FieldSetting[]): Scenario {
  let capacity = scenario.capacity;
  for (const { path, value } of settings) {
    if (path === 'capacity.perWeek') {
      const { changes: _dropped, policy: _replaced, ...kept } = capacity;
      capacity = { ...kept, policy: { kind: 'perWeek', perWeek: value as number } };
    } else if (path === 'capacity.unit') capacity = { ...capacity, unit: value as 'decisions' | 'hours' };
    else if (path === 'capacity.staff.fte' && capacity.policy.kind === 'staff')
      capacity = { ...capacity, policy: { ...capacity.policy, fte: value as number } };
    else throw new Error(`a capacity lever does not set ${path}`);
  }
  return { ...scenario, capacity };
}

/**
 * What the search varies: the scenario at the lever's starting point, the
 * name its result gives as its file, its document (where the lever's current
 * value is read), and the scenario with the lever's settings applied.
 */
interface TargetSubject {
  readonly base: Scenario;
  readonly file: string;
  readonly document: () => Promise<Checked<unknown>>;
  readonly scenarioAt: (settings: readonly FieldSetting[]) => Promise<Checked<Scenario>>;
}

/** The search of findTarget once its scenario is known: the target checked, the lever resolved, the grid searched. */
async function searchTarget(
  request: Omit<TargetRequest, 'file'>,
  issues: InputIssue[],
  subject: TargetSubject,
): Promise<Checked<TargetResult>> {
  const base = subject.base;
  const confidence = request.confidence ?? 0.9;
  const step = request.step ?? 1;
  const leverName = request.lever ?? 'perWeek';
  const leadTime = request.leadTimeDays !== undefined;
  const laneNames = base.lanes.map((lane) => lane.name);
  const lanes = targetLanes(request.lanes, laneNames, issues);
  const aimed = leadTime ? leadTimeTarget(request, base, lanes, issues) : backlogTarget(request, base, lanes, issues);

  const document = await subject.document();
  if (!document.ok) return { ok: false, issues: [...issues, ...document.issues] };
  const resolved = resolveLever(leverName, base, document.value);
  if (!resolved.ok) issues.push(...resolved.issues);
  else if (resolved.value.integer && !Number.isInteger(step)) {
    issues.push(
      parameterIssue(
        'step',
        '',
        `must be a whole number for ${resolved.value.field}, a whole-number field, got ${step}`,
        'a whole number >= 1',
      ),
    );
  }
  if (issues.length > 0 || !resolved.ok || aimed === null) return { ok: false, issues };
  const lever = resolved.value;
  const target = aimed;
  // What the tallies cannot answer is recorded replication by replication: a backlog of some lanes, a lead time.
  const measure: ReplicationMeasure | null =
    target.kind === 'leadTime'
      ? {
          kind: 'leadTime',
          lanes: target.lanes ?? laneNames,
          fromWeek: target.fromWeek,
          toWeek: target.toWeek,
          percentile: target.percentile / 100,
        }
      : target.lanes === null
        ? null
        : { kind: 'backlog', lanes: target.lanes, week: target.week };
  const relief =
    target.kind === 'backlog' && target.lanes === null
      ? analyticRelief(base, target.backlog, target.week, confidence)
      : null;
  const threshold = target.kind === 'leadTime' ? target.withinWeeks : Math.floor(target.backlog);

  const lowest = lowestIndex(lever, step);
  const startValue =
    lever.current ?? (lever.kind === 'perWeek' && relief !== null ? relief.perWeek : gridValue(lowest, step));
  const ceiling = Math.min(lever.maximum, request.max ?? 100 * Math.max(startValue, step));
  const highest = Math.floor(ceiling / step + 1e-9);
  if (highest < lowest) {
    const parameter = request.max !== undefined && request.max < lever.maximum ? 'max' : 'lever';
    return {
      ok: false,
      issues: [
        parameterIssue(
          parameter,
          '',
          `leaves no value to search: ${lever.field} must be at least ${gridValue(lowest, step)}`,
          `a maximum >= ${gridValue(lowest, step)}`,
        ),
      ],
    };
  }
  const start = Math.min(highest, Math.max(lowest, Math.floor(startValue / step + 1e-9)));

  const scenarioAt = (value: number): Promise<Checked<Scenario>> => subject.scenarioAt(lever.settings(value));
  // A value the loader rejects (a cross-field rule such as min <= max) stops the search with its issues.
  const probe = await scenarioAt(gridValue(start, step));
  if (!probe.ok) return probe;
  const evaluations: LeverEvaluation[] = [];
  const byIndex = new Map<number, LeverEvaluation>();
  const evaluationAt = async (index: number): Promise<LeverEvaluation> => {
    const known = byIndex.get(index);
    if (known !== undefined) return known;
    const value = gridValue(index, step);
    const scenario = await scenarioAt(value);
    if (!scenario.ok) {
      const why = parameterIssue(
        'lever',
        lever.name,
        `the search reached ${value}, which the scenario rejects for the reason on the next line`,
        `limit the search with a \`max\` below ${value}`,
      );
      throw new RejectedValue([why, ...scenario.issues]);
    }
    const job: Job = measure === null ? singleRun(scenario.value) : { ...singleRun(scenario.value), measure };
    const tallies = await runJob(job, undefined, { workers: request.workers ?? 1 });
    const tally = tallies.tally(0);
    const successes =
      measure === null
        ? successesAtMost(tally, (target as BacklogTarget).week, threshold)
        : tallies.measure(0).countAtMost(threshold);
    const interval = wilsonInterval(successes, tally.replications);
    const evaluation = leverEvaluation(value, interval);
    byIndex.set(index, evaluation);
    evaluations.push(evaluation);
    request.onEvaluation?.(evaluation);
    return evaluation;
  };
  // Both searches read the same evaluations: no value is run twice.
  let estimate: Awaited<ReturnType<typeof searchLeverGrid>>;
  let search: Awaited<ReturnType<typeof searchLeverGrid>> | null = null;
  try {
    estimate = await searchLeverGrid(async (i) => (await evaluationAt(i)).probability, {
      lowest,
      highest,
      start,
      confidence,
    });
    // The lower bound is below the estimate, so the value it clears at is the estimate's answer or above.
    if (estimate.index !== null)
      search = await searchLeverGrid(async (i) => (await evaluationAt(i)).probabilityInterval.low, {
        lowest,
        highest,
        start: estimate.index,
        confidence,
      });
  } catch (error) {
    if (error instanceof RejectedValue) return { ok: false, issues: error.issues };
    throw error;
  }

  const index = search?.index ?? null;
  const value = index === null ? null : gridValue(index, step);
  const answer = index === null ? null : byIndex.get(index)!;
  const undecided =
    estimate.index !== null && estimate.index !== index
      ? undecidedValue(byIndex.get(estimate.index)!, confidence)
      : null;
  const sorted = [...evaluations].sort((a, b) => a.value - b.value);
  const monotone = sorted.every((e, i) => i === 0 || e.probability >= sorted[i - 1]!.probability);
  return {
    ok: true,
    value: {
      scenario: base.name,
      file: subject.file,
      lever: lever.name,
      field: lever.field,
      unit: lever.unit,
      value,
      probability: answer === null ? null : answer.probability,
      probabilityInterval: answer === null ? null : answer.probabilityInterval,
      replicationsForOnePoint: answer === null ? null : replicationsForHalfWidth(answer.probability),
      metAtLowest: index === lowest,
      undecided,
      cannotTell: index === null && undecided !== null,
      confidence,
      target,
      seed: base.seed,
      reps: base.replications,
      current: lever.current,
      searched: {
        lowest: gridValue(lowest, step),
        highest: gridValue(highest, step),
        step,
        start: gridValue(start, step),
      },
      neighbours:
        search === null ? [] : [search.below, search.above].filter((e) => e !== null).map((e) => byIndex.get(e.index)!),
      evaluations,
      monotone,
      analyticRelief: relief,
      uncertainty: bandIncludes(probe.value).slice(1),
      comparison: value === null || relief === null ? null : compareRelief(value, lever, probe.value, relief),
      conversion: lever.conversion,
    },
  };
}

/**
 * The lanes a target names, checked against the scenario's (an unknown one
 * with the closest known name), in the scenario's order; null for every
 * lane (none named, or all of them).
 */
function targetLanes(
  named: readonly string[] | undefined,
  laneNames: readonly string[],
  issues: InputIssue[],
): readonly string[] | null {
  if (named === undefined) return null;
  if (named.length === 0) {
    issues.push(parameterIssue('lanes', '', 'names no lane', `one or more of: ${laneNames.join(', ')}`));
    return null;
  }
  let known = true;
  for (const name of named) {
    if (laneNames.includes(name)) continue;
    known = false;
    const guess = didYouMean(name, laneNames);
    issues.push(
      parameterIssue(
        'lanes',
        name,
        `no lane named "${name}"`,
        guess === null ? `one of: ${laneNames.join(', ')}` : `did you mean "${guess}"?`,
      ),
    );
  }
  if (!known) return null;
  const chosen = laneNames.filter((name) => named.includes(name));
  return chosen.length === laneNames.length ? null : chosen;
}

/** The backlog target of a request (or the scenario's), checked; null with issues. */
function backlogTarget(
  request: Omit<TargetRequest, 'file'>,
  base: Scenario,
  lanes: readonly string[] | null,
  issues: InputIssue[],
): BacklogTarget | null {
  for (const [given, parameter] of [
    [request.percentile, 'percentile'],
    [request.filedFrom, 'filedFrom'],
    [request.filedTo, 'filedTo'],
  ] as const) {
    if (given !== undefined)
      issues.push(
        parameterIssue(
          parameter,
          '',
          'is for a lead-time target, and this one is a backlog',
          'give `leadTime` for a lead-time target, or leave it out',
        ),
      );
  }
  // The scenario's target is for the total backlog: a target on some lanes names its own.
  if (lanes !== null && request.backlog === undefined && base.target !== null)
    issues.push(
      parameterIssue(
        'backlog',
        '',
        `is required with \`lanes\`: the scenario's target, ${base.target.backlog}, is for the total backlog`,
        `the backlog of ${lanes.join(', ')}${lanes.length > 1 ? ' together' : ''} to reach, a number of cases >= 0`,
      ),
    );
  const backlog = request.backlog ?? (lanes === null ? base.target?.backlog : undefined);
  const date = request.date ?? base.target?.date;
  if (backlog === undefined && (lanes === null || base.target === null))
    issues.push(parameterIssue('backlog', '', 'is required: the scenario names no target', 'a number of cases >= 0'));
  if (date === undefined)
    issues.push(parameterIssue('date', '', 'is required: the scenario names no target', 'a date YYYY-MM-DD'));
  // A date that is none, or before 1900, is reported by findTarget already.
  const day = date === undefined ? null : dayNumber(date);
  const week = date === undefined || day === null || !inDateRange(day) ? null : weekEndingBy(base.start, date);
  const firstEnd = weekEndDate(base.start, 0);
  const lastDay = addDaysUpToLast(weekEndDate(base.start, base.horizonWeeks - 1), 6);
  if (week !== null && week < 0)
    issues.push(
      parameterIssue(
        'date',
        '',
        `${date} is before the end of the scenario's first week, ${firstEnd}`,
        `a date from ${firstEnd} to ${lastDay}`,
      ),
    );
  if (week !== null && week >= base.horizonWeeks) {
    const lastEnd = weekEndDate(base.start, base.horizonWeeks - 1);
    issues.push(
      parameterIssue(
        'date',
        '',
        `${date} is after the end of the scenario's horizon, ${lastEnd} (week ${base.horizonWeeks - 1})`,
        `a date from ${firstEnd} to ${lastDay}`,
      ),
    );
  }
  if (backlog === undefined || date === undefined || week === null || week < 0 || week >= base.horizonWeeks)
    return null;
  return {
    kind: 'backlog',
    backlog,
    date,
    week,
    weekEnd: weekEndDate(base.start, week),
    isoWeek: scenarioIsoWeek(base.start, week),
    lanes,
  };
}

/**
 * The lead-time target of a request, checked; null with issues. The cohort's
 * weeks default to the first week up to the last whose cases the horizon
 * follows for the whole lead time: a case filed in week a can be seen
 * decided within L = floor(days / 7) weeks only if a + L is a week of the
 * horizon.
 */
function leadTimeTarget(
  request: Omit<TargetRequest, 'file'>,
  base: Scenario,
  lanes: readonly string[] | null,
  issues: InputIssue[],
): LeadTimeTarget | null {
  const days = request.leadTimeDays!;
  const percentile = request.percentile ?? DEFAULT_PERCENTILE;
  let ok = true;
  const problem = (parameter: string, text: string, allowed: string | null) => {
    issues.push(parameterIssue(parameter, '', text, allowed));
    ok = false;
  };
  if (request.backlog !== undefined)
    problem(
      'backlog',
      'cannot go with `leadTime`: a target is a backlog or a lead time, one at a time',
      'leave out `backlog` or `leadTime`',
    );
  if (request.date !== undefined)
    problem(
      'date',
      'is for a backlog target: a lead-time target counts the cases filed from `filedFrom` to `filedTo`',
      'leave it out, or give `filedTo`',
    );
  if (!(Number.isFinite(days) && days >= 0)) problem('leadTime', `must be a number of days >= 0, got ${days}`, null);
  if (!(percentile > 0 && percentile < 100))
    problem('percentile', `must be between 0 and 100, got ${percentile}`, 'a percentile, e.g. 90 for the P90');
  const weekOfDate = (parameter: string, date: string | undefined): number | null => {
    if (date === undefined) return null;
    const day = dayNumber(date);
    if (day !== null && inDateRange(day)) return weekOf(base.start, date);
    if (day !== null) problem(parameter, `${date} is before ${FIRST_DATE}`, DATE_RANGE);
    else problem(parameter, `must be a real date, got "${date}"`, 'a date YYYY-MM-DD');
    return null;
  };
  const givenFrom = weekOfDate('filedFrom', request.filedFrom);
  const givenTo = weekOfDate('filedTo', request.filedTo);
  if (!ok) return null;
  const within = Math.floor(days / 7 + 1e-9);
  const lastFollowed = base.horizonWeeks - 1 - within;
  const horizonEnd = weekEndDate(base.start, base.horizonWeeks - 1);
  const fromWeek = givenFrom ?? 0;
  const toWeek = givenTo ?? lastFollowed;
  if (toWeek > lastFollowed || (givenTo === null && toWeek < fromWeek)) {
    const late = Math.max(toWeek, fromWeek);
    const reason =
      `cases filed in week ${late} (${weekStartDate(base.start, late)}) can still be open at the end of the ` +
      `horizon, ${horizonEnd}, before waiting ${days} days (${within} whole weeks), so the run cannot tell ` +
      `whether they are decided within ${days} days`;
    if (request.filedTo !== undefined)
      problem(
        'filedTo',
        reason,
        lastFollowed >= fromWeek
          ? `a date up to ${weekEndDate(base.start, lastFollowed)}, or a longer \`horizonWeeks\``
          : 'a longer `horizonWeeks`',
      );
    else
      problem(
        'leadTime',
        `leaves no cases to count: the horizon of ${base.horizonWeeks} weeks ends on ${horizonEnd}, and ${reason}`,
        `\`horizonWeeks\` of at least ${Math.max(0, fromWeek) + within + 1}, or an earlier \`filedFrom\``,
      );
    return null;
  }
  if (fromWeek > toWeek) {
    problem(
      'filedFrom',
      `${request.filedFrom} is after the last filing date ${weekEndDate(base.start, toWeek)}`,
      `a date up to ${weekEndDate(base.start, toWeek)}`,
    );
    return null;
  }
  return {
    kind: 'leadTime',
    days,
    percentile,
    withinWeeks: within,
    filedFrom: weekStartDate(base.start, fromWeek),
    filedTo: weekEndDate(base.start, toWeek),
    fromWeek,
    toWeek,
    lanes,
  };
}

/** The percentile of a lead-time target when none is given: the P90. */
const DEFAULT_PERCENTILE = 90;

/** Thrown inside the search when the loader rejects a value, caught by findTarget. */
class RejectedValue extends Error {
  constructor(readonly issues: readonly InputIssue[]) {
    super('a lever value the loader rejects');
  }
}

/**
 * Replications whose total backlog at the end of week t is at most `backlog`:
 * counted in the histogram, not rounded from the share.
 */
function successesAtMost(tally: Tally, week: number, backlog: number): number {
  if (tally.backlog === null) return tally.backlogSum(week, tally.laneCount) <= backlog + 1e-9 ? tally.replications : 0;
  return tally.backlog[week * (tally.laneCount + 1) + tally.laneCount]!.countAtMost(Math.floor(backlog));
}

function leverEvaluation(value: number, interval: ProportionInterval): LeverEvaluation {
  const { probability, successes, low, high } = interval;
  return { value, probability, successes, probabilityInterval: { low, high } };
}

/** A value that reaches the confidence on the estimate only, with the replications that would tell. */
function undecidedValue(evaluation: LeverEvaluation, confidence: number): UndecidedValue {
  const distance = Math.abs(evaluation.probability - confidence);
  return {
    ...evaluation,
    replicationsToSeparate: distance > 0 ? replicationsForHalfWidth(evaluation.probability, distance) : null,
    replicationsForOnePoint: replicationsForHalfWidth(evaluation.probability),
  };
}

/** The first grid index the field allows. */
function lowestIndex(lever: Lever, step: number): number {
  let index = Math.ceil(lever.minimum / step - 1e-9);
  if (lever.minimumExclusive && gridValue(index, step) <= lever.minimum) index += 1;
  return index;
}

/** The answer against the analytic relief, in the lever's unit, when the lever is a capacity in decisions or FTE. */
function compareRelief(
  value: number,
  lever: Lever,
  scenario: Scenario,
  relief: AnalyticRelief,
): ReliefComparison | null {
  const capacity = scenario.capacity;
  let scale: number | null = null;
  let analytic = relief.perWeek;
  let withVariability = relief.withInflowVariability;
  if (lever.kind === 'fte') {
    if (relief.fte !== null) {
      scale = 1;
      analytic = relief.fte.value;
      withVariability = relief.fte.withInflowVariability;
    }
  } else if (lever.field === 'capacity.perWeek' && capacity.unit === 'decisions') scale = 1;
  else if (lever.field === 'capacity.perYear' && capacity.unit === 'decisions') scale = 52;
  if (scale === null) return null;
  analytic *= scale;
  const difference = value - analytic;
  return {
    analytic,
    withInflowVariability: withVariability * scale,
    difference,
    percent: analytic > 0 ? (difference / analytic) * 100 : null,
  };
}
