import { singleRun } from '../job/job.js';
import { runJob } from '../job/run-job.js';
import { parameterIssue, parameterSettingIssues } from '../scenario/errors.js';
import { addDays, dayNumber, weekEndDate, weekEndingBy } from '../time/weeks.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { loadScenario, scenarioDocument } from '../scenario/index.js';
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

/** What `caseload target` asks: the smallest lever value that reaches a backlog by a date with a confidence. */
export interface TargetRequest {
  /** Scenario file. */
  readonly file: string;
  /** `perWeek`, `fte` or a dotted field path (`resolveLever`). Default `perWeek`. */
  readonly lever?: string;
  /** Total backlog to reach or go below; default the scenario's target. */
  readonly backlog?: number;
  /** ISO date by which; default the scenario's target. */
  readonly date?: string;
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
  readonly target: { readonly backlog: number; readonly date: string; readonly week: number; readonly weekEnd: string };
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
  readonly analyticRelief: AnalyticRelief;
  /** What the probabilities' bands include besides the Poisson noise of the arrivals: the scenario's uncertain sources, in words. */
  readonly uncertainty: readonly string[];
  /** The answer against the analytic relief, when the lever is a capacity counted in decisions or FTE; else null. */
  readonly comparison: ReliefComparison | null;
  /** For `fte` on a pool with a conversion to staff: how the FTE became capacity.perWeek; else null. */
  readonly conversion: LeverConversion | null;
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
 * the analytic relief for comparison. Problems with the request come back as
 * issues naming its parameter (`confidence`, `date`, `lever`...).
 *
 * @example await findTarget({ file: 'scenarios/baseline-2024.yaml', lever: 'perWeek', backlog: 1100, date: '2024-12-31', confidence: 0.9 })
 */
export async function findTarget(request: TargetRequest): Promise<Checked<TargetResult>> {
  const issues: InputIssue[] = [];
  const confidence = request.confidence ?? 0.9;
  const step = request.step ?? 1;
  const leverName = request.lever ?? 'perWeek';
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
  if (request.date !== undefined && dayNumber(request.date) === null) {
    issues.push(parameterIssue('date', '', `must be a real date, got "${request.date}"`, 'a date YYYY-MM-DD'));
  }
  const loaded = await loadScenario(request.file, {
    replications: request.replications,
    seed: request.seed,
    uncertainty: request.uncertainty,
  });
  if (!loaded.ok) return { ok: false, issues: [...issues, ...loaded.issues] };
  const base = loaded.value.scenario;

  const backlog = request.backlog ?? base.target?.backlog;
  const date = request.date ?? base.target?.date;
  if (backlog === undefined)
    issues.push(parameterIssue('backlog', '', 'is required: the scenario names no target', 'a number of cases >= 0'));
  if (date === undefined)
    issues.push(parameterIssue('date', '', 'is required: the scenario names no target', 'a date YYYY-MM-DD'));
  const week = date === undefined || dayNumber(date) === null ? null : weekEndingBy(base.start, date);
  const firstEnd = weekEndDate(base.start, 0);
  const lastDay = addDays(weekEndDate(base.start, base.horizonWeeks - 1), 6);
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

  const document = await scenarioDocument(request.file);
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
  if (issues.length > 0 || !resolved.ok || backlog === undefined || date === undefined || week === null)
    return { ok: false, issues };
  const lever = resolved.value;
  const relief = analyticRelief(base, backlog, week, confidence);

  const lowest = lowestIndex(lever, step);
  const startValue = lever.current ?? (lever.kind === 'perWeek' ? relief.perWeek : gridValue(lowest, step));
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

  const scenarioAt = async (value: number): Promise<Checked<Scenario>> => {
    const at = await loadScenario(request.file, {
      replications: request.replications,
      seed: request.seed,
      uncertainty: request.uncertainty,
      set: lever.settings(value),
    });
    return at.ok
      ? { ok: true, value: at.value.scenario }
      : { ok: false, issues: parameterSettingIssues(at.issues, 'lever') };
  };
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
    const tallies = await runJob(singleRun(scenario.value), undefined, { workers: request.workers ?? 1 });
    const tally = tallies.tally(0);
    const interval = wilsonInterval(successesAtMost(tally, week, backlog), tally.replications);
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
      file: request.file,
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
      target: { backlog, date, week, weekEnd: weekEndDate(base.start, week) },
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
      comparison: value === null ? null : compareRelief(value, lever, probe.value, relief),
      conversion: lever.conversion,
    },
  };
}

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
