import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import { singleRun } from '../job/job.js';
import { runJob } from '../job/run-job.js';
import type { Scenario } from '../scenario/types.js';
import type { ProbabilityInterval } from '../stats/proportion.js';
import type { Actuals } from './actuals.js';
import type { MonitorRow } from './compare-actuals.js';
import { compareActuals } from './compare-actuals.js';
import { conservationBreaks } from './conservation.js';
import type { ConservationBreak } from './conservation.js';
import { periodSpec } from './period-spec.js';
import { planBands } from './plan-bands.js';
import type { NeededCapacity } from './reforecast.js';
import type { Learned, StartBacklogSource } from './reforecast-scenario.js';
import type { PlanBands } from './plan-bands.js';
import { verdicts } from './verdicts.js';
import type { Verdict } from './verdicts.js';

/** What `caseload monitor` finds: the actuals beside the plan, figure by figure, with verdicts and the breaks of conservation. */
export interface MonitorResult {
  /** The scenario's name. */
  readonly scenario: string;
  readonly start: string;
  readonly horizonWeeks: number;
  readonly seed: number;
  readonly replications: number;
  /** Whether the plan's bands include the scenario's uncertainty: block (what the plan does not know), or only the weekly luck of the draws. */
  readonly uncertainty: boolean;
  readonly actuals: {
    readonly file: string;
    readonly period: 'week' | 'month';
    /** First day of the first period and last day of the last. */
    readonly from: string;
    readonly to: string;
    readonly periods: number;
    /** The file's `# source:` line, or null. */
    readonly source: string | null;
  };
  readonly rows: readonly MonitorRow[];
  readonly verdicts: readonly Verdict[];
  readonly conservation: readonly ConservationBreak[];
}

/** A monitor's result with the run of the plan it rests on: the plan, its weekly tally (the fan), and the bands per period. */
export interface MonitorRun {
  readonly result: MonitorResult;
  readonly plan: Plan;
  readonly tally: Tally;
  readonly bands: PlanBands;
  /** Every period of the actuals, in order, those with blank figures too: what the bands are indexed by. */
  readonly periods: readonly { readonly label: string; readonly from: string; readonly to: string }[];
}

/** The total backlog on a date: mean and percentiles over the replications. */
export interface BacklogPoint {
  readonly date: string;
  readonly mean: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

/**
 * The re-forecast as the monitor's outputs show it (the terminal, --json and
 * the report's second fan): the total backlog per week from the last day
 * with actuals on, and what it means for the target. Made from a re-forecast
 * (src/monitor/reforecast.ts) by reforecastView (src/io/reforecast-view.ts)
 * and handed to formatMonitor, monitorJson and monitorReportHtml; without it
 * they show the comparison alone. */
export interface ReforecastView {
  /** The last day with actuals, where the re-forecast starts. */
  readonly from: string;
  /** Per point: `from` (the backlog open then, the same in every percentile), then each week's last day. */
  readonly points: readonly BacklogPoint[];
  /** The first day of the re-forecast (the day after `from`) and its weeks. */
  readonly start: string;
  readonly weeks: number;
  /** Expected values only (no percentiles, no interval, no capacity search). */
  readonly deterministic: boolean;
  readonly seed: number;
  readonly replications: number;
  /** Whole cases open on `from`, in total and per lane, and where each lane's count came from. */
  readonly startBacklog: { readonly total: number; readonly byLane: Readonly<Record<string, number>> };
  readonly startBacklogFrom: Readonly<Record<string, StartBacklogSource>>;
  /** The plan's expected total backlog on `from`. */
  readonly planBacklog: number;
  /** The band at the week the target is measured (the last week of the re-forecast without a target). */
  readonly band: {
    readonly date: string;
    readonly mean: number;
    readonly p5: number;
    readonly p50: number;
    readonly p95: number;
  };
  /** The scenario's target by the re-forecast, when it has one; its interval null in expected-value mode. */
  readonly target: {
    readonly backlog: number;
    readonly date: string;
    readonly weekEnd: string;
    readonly probability: number;
    readonly interval: ProbabilityInterval | null;
  } | null;
  /** The capacity the target now needs from `start` with the confidence asked; null when not searched. */
  readonly neededCapacity: Omit<NeededCapacity, 'search'> | null;
  /** What --learn measured; null without it. */
  readonly learned: Learned | null;
  /** Every assumption and approximation of the re-forecast, in words. */
  readonly assumptions: readonly string[];
  /** What it says in plain words, printed under the verdicts. */
  readonly text: string;
}

export interface MonitorOptions {
  /** Worker threads, 1 to 256 (default 1); the result is the same for any number. */
  readonly workers?: number;
  /** Called as replications finish, with the number done so far. */
  readonly onProgress?: (done: number) => void;
}

/**
 * Sets actuals beside the plan: runs the scenario as planned (its seed and
 * replications, so replication r is the one `caseload run` draws and the
 * weekly P50 is the run's), records every period of the actuals in every
 * replication, and compares figure by figure (compareActuals), with a
 * verdict per measure (verdicts) and the periods whose backlog breaks
 * conservation (conservationBreaks; per lane too unless the scenario moves
 * cases between lanes). The same for any number of workers.
 *
 * @example (await monitorActuals(scenario, actuals, { workers: 2 })).result.verdicts[0].text
 */
export async function monitorActuals(
  scenario: Scenario,
  actuals: Actuals,
  options: MonitorOptions = {},
): Promise<MonitorRun> {
  const { spec, series } = periodSpec(actuals, scenario);
  const tallies = await runJob({ ...singleRun(scenario), periods: spec }, undefined, {
    workers: options.workers ?? 1,
    onProgress: options.onProgress,
  });
  const plan = tallies.plans[0]!;
  const bands = planBands(spec, series, tallies.periodValues(0));
  const rows = compareActuals(actuals, bands);
  const initial = {
    total: plan.initialBacklog.reduce((sum, open) => sum + open, 0),
    byLane: Object.fromEntries(plan.laneNames.map((name, lane) => [name, plan.initialBacklog[lane]!])),
  };
  const first = actuals.periods[0]!;
  const last = actuals.periods[actuals.periods.length - 1]!;
  return {
    plan,
    tally: tallies.tally(0),
    bands,
    periods: actuals.periods.map(({ label, from, to }) => ({ label, from, to })),
    result: {
      scenario: scenario.name,
      start: scenario.start,
      horizonWeeks: scenario.horizonWeeks,
      seed: scenario.seed,
      replications: scenario.replications,
      uncertainty: plan.uncertainty !== null,
      actuals: {
        file: actuals.file,
        period: actuals.period,
        from: first.from,
        to: last.to,
        periods: actuals.periods.length,
        source: actuals.source,
      },
      rows,
      verdicts: verdicts(rows, actuals.period),
      conservation: conservationBreaks(actuals, initial, scenario.start, { lanes: plan.transfers === null }),
    },
  };
}
