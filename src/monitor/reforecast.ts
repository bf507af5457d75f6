import { findTargetInScenario } from '../experiment/find-target.js';
import type { TargetResult } from '../experiment/find-target.js';
import { runScenario } from '../run/run-scenario.js';
import type { RunSummary } from '../run/summary.js';
import type { Checked } from '../scenario/errors.js';
import type { ProbabilityInterval } from '../stats/proportion.js';
import type { Quantiles } from '../stats/quantiles.js';
import { weekEndDate } from '../time/weeks.js';
import type { ReforecastSetup } from './reforecast-scenario.js';

/** How a re-forecast is run. */
export interface ReforecastOptions {
  /** Expected values instead of draws: one path, no probability interval, no capacity search. Default false. */
  readonly deterministic?: boolean;
  /** Worker threads for the replications (1 to 256; default 1): the result is the same for any number. */
  readonly workers?: number;
  /** Called as replications of the run finish. */
  readonly onProgress?: (done: number) => void;
  /** Also explain the band (variance shares, sensitivity), as `runScenario` does; default false. */
  readonly explain?: boolean;
  /** Search the capacity the target now needs (a stochastic run with a target only). Default true. */
  readonly neededCapacity?: boolean;
  /** The probability the capacity search aims at, in (0, 1). Default 0.9. */
  readonly confidence?: number;
  /** The capacity the search sets: `perWeek` (decisions a week, default) or `fte`. */
  readonly lever?: 'perWeek' | 'fte';
}

/** The total backlog at the end of one week of the re-forecast: mean and percentiles over replications, and the expected-value path. */
export interface BacklogWeek extends Quantiles {
  /** Week of the re-forecast, 0 the first after the last actual date. */
  readonly week: number;
  /** Its last day, when the backlog is measured. */
  readonly date: string;
  /** The expected-value path. */
  readonly expected: number;
}

/** The plan's target against the re-forecast. */
export interface ReforecastTarget {
  readonly backlog: number;
  readonly date: string;
  /** The re-forecast's week whose end counts: the last whole week ending on or before the date. */
  readonly week: number;
  readonly weekEnd: string;
  /** P(total backlog <= target at the end of that week). */
  readonly probability: number;
  /** The probability's 95% Wilson interval over the replications; null in deterministic mode. */
  readonly interval: ProbabilityInterval | null;
  /** Replications for that interval to be +/-1 percentage point; null in deterministic mode. */
  readonly replicationsForOnePoint: number | null;
}

/** The capacity the target needs from the re-forecast's start, with the confidence asked. */
export interface NeededCapacity {
  /** `perWeek` or `fte`, the field it sets and its unit. */
  readonly lever: string;
  readonly field: string;
  readonly unit: string;
  readonly confidence: number;
  /** The smallest value whose probability clears the confidence with its interval's lower bound; null when none searched does. */
  readonly value: number | null;
  readonly probability: number | null;
  readonly probabilityInterval: ProbabilityInterval | null;
  /** The re-forecast's own value of the lever at its start (after any learned factor); null when it has none. */
  readonly inEffect: number | null;
  /**
   * With a learned capacity factor f: value / f, the planned capacity that
   * delivers `value` if the plan keeps delivering f of what it plans; else null.
   */
  readonly planned: number | null;
  /** The replications cannot tell whether any value searched clears the confidence (see TargetResult.undecided). */
  readonly cannotTell: boolean;
  /** The whole answer of the search. */
  readonly search: TargetResult;
}

/** What a re-forecast gives: the band from the last actual date to the horizon's end, the target's probability, the capacity it needs. */
export interface Reforecast {
  readonly scenario: string;
  readonly start: string;
  readonly lastActualDate: string;
  readonly deterministic: boolean;
  readonly seed: number;
  readonly replications: number;
  /** Every week of the re-forecast, for a chart. */
  readonly weekly: readonly BacklogWeek[];
  /** The week the target is measured at; null without a target. */
  readonly atTarget: BacklogWeek | null;
  /** The last week of the re-forecast. */
  readonly atEnd: BacklogWeek;
  /** Null without a target. */
  readonly target: ReforecastTarget | null;
  /** Null in deterministic mode, without a target, or when not asked for. */
  readonly neededCapacity: NeededCapacity | null;
  /** The run's whole summary, as `caseload run` gives it for the re-forecast's scenario. */
  readonly summary: RunSummary;
}

/**
 * Runs a re-forecast's scenario (through the run path: replications on
 * worker threads, the same result for any number of them) and, with a target
 * and unless asked not to, searches the capacity the target now needs from
 * the re-forecast's start with the confidence asked (findTargetInScenario,
 * the search of `caseload target`). Problems with the options (a confidence
 * outside (0, 1), `fte` for a capacity without staff) come back as issues.
 *
 * @example const result = await reforecast(setup.value, { workers: 2 }); result.ok && result.value.target?.probability
 */
export async function reforecast(
  setup: ReforecastSetup,
  options: ReforecastOptions = {},
): Promise<Checked<Reforecast>> {
  const scenario = setup.scenario;
  const deterministic = options.deterministic === true;
  const run = await runScenario(scenario, {
    deterministic,
    workers: options.workers,
    onProgress: options.onProgress,
    explain: options.explain === true,
  });
  const summary = run.summary;
  const weekly: BacklogWeek[] = run.weekly
    .filter((row) => row.lane === 'total')
    .map((row) => ({
      week: row.week,
      date: row.date,
      mean: row.mean,
      p5: row.p5,
      p25: row.p25,
      p50: row.p50,
      p75: row.p75,
      p95: row.p95,
      expected: row.deterministic,
    }));
  const target: ReforecastTarget | null =
    summary.target === undefined
      ? null
      : {
          backlog: summary.target.backlog,
          date: summary.target.date,
          week: summary.target.week,
          weekEnd: weekEndDate(scenario.start, summary.target.week),
          probability: summary.target.probability,
          interval: summary.target.interval,
          replicationsForOnePoint: summary.target.replicationsForOnePoint,
        };
  let neededCapacity: NeededCapacity | null = null;
  if (target !== null && !deterministic && options.neededCapacity !== false) {
    const confidence = options.confidence ?? 0.9;
    const found = await findTargetInScenario(scenario, {
      confidence,
      workers: options.workers,
      ...(options.lever === undefined ? {} : { lever: options.lever }),
    });
    if (!found.ok) return found;
    const search = found.value;
    const learnedCapacity = setup.learned?.capacity;
    neededCapacity = {
      lever: search.lever,
      field: search.field,
      unit: search.unit,
      confidence,
      value: search.value,
      probability: search.probability,
      probabilityInterval: search.probabilityInterval,
      inEffect: search.current,
      planned:
        search.value === null || learnedCapacity?.applied !== true || !(learnedCapacity.factor > 0)
          ? null
          : search.value / learnedCapacity.factor,
      cannotTell: search.cannotTell,
      search,
    };
  }
  return {
    ok: true,
    value: {
      scenario: scenario.name,
      start: scenario.start,
      lastActualDate: setup.lastActualDate,
      deterministic,
      seed: summary.seed,
      replications: summary.reps,
      weekly,
      atTarget: target === null ? null : weekly[target.week]!,
      atEnd: weekly.at(-1)!,
      target,
      neededCapacity,
      summary,
    },
  };
}
