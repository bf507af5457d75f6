import { simulateDeterministic } from '../engine/simulate.js';
import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import type { Scenario } from '../scenario/types.js';
import { singleRun } from '../job/job.js';
import { runJob } from '../job/run-job.js';
import { explainFromTallies, explainedRun } from './explain-uncertainty.js';
import { argRunOptions } from './run-arguments.js';
import { argScenario, compile } from '../scenario/index.js';
import { summarize, weeklyRows } from './summary.js';
import type { RunSummary, WeeklyRow } from './summary.js';

export interface RunOptions {
  /** Expected values instead of draws: one path, every percentile equal to the mean. */
  readonly deterministic?: boolean;
  /**
   * Worker threads for the replications, 1 to 256: default 1 (this thread); the CLI defaults to the number of
   * cores. No more threads start than the machine has cores; the result is the same for any number.
   */
  readonly workers?: number;
  /** Called as replications finish, with the number done so far. */
  readonly onProgress?: (done: number) => void;
  /**
   * With an uncertainty block: also explain the band (variance shares by
   * source and the sensitivity to each parameter), at the cost of running the
   * scenario once per subset of its sources and twice per parameter. Default true.
   */
  readonly explain?: boolean;
}

export interface RunResult {
  readonly plan: Plan;
  /** The run's tally (the expected-value one in deterministic mode). */
  readonly tally: Tally;
  /** The expected-value path of the same plan: the deterministic line. */
  readonly expected: Tally;
  readonly summary: RunSummary;
  readonly weekly: readonly WeeklyRow[];
}

/**
 * Runs a scenario with its own seed and replication count (the loader applies
 * command-line overrides) as a job of one plan, and summarises it. The
 * result is the same for any number of workers. Throws
 * CaseloadArgumentError when the scenario is not one the engine can run (one
 * built by hand with `horizonWeeks: 0`, `replications: 2.5`) or an option is
 * not what it takes (`workers: -1`).
 *
 * @example (await runScenario(loaded.scenario, { workers: 2 })).summary.endBacklog.total.mean
 */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  argScenario(scenario, 'scenario');
  argRunOptions(options, 'options');
  if (options.deterministic === true) {
    const plan = compile(scenario);
    return runResult(scenario, plan, simulateDeterministic(plan));
  }
  const explain = options.explain !== false;
  const tallies = await runJob(explain ? explainedRun(scenario) : singleRun(scenario), undefined, {
    workers: options.workers ?? 1,
    onProgress: options.onProgress,
  });
  return runResult(scenario, tallies.plans[0]!, tallies.tallies[0]!, tallies.tallies);
}

/**
 * The result of a run from its tally (the expected-value tally in
 * deterministic mode): the summary and weekly rows against the plan's
 * expected-value path, and where the band comes from when `job` holds the
 * tallies of `explainedRun(scenario)` (tally first). What `caseload merge`
 * gives the merged tallies of a run's shards.
 */
export function runResult(scenario: Scenario, plan: Plan, tally: Tally, job: readonly Tally[] = [tally]): RunResult {
  const expected = tally.deterministic ? tally : simulateDeterministic(plan);
  const summary = summarize(scenario, plan, tally, expected);
  const explanation = tally.deterministic ? null : explainFromTallies(scenario, job);
  return {
    plan,
    tally,
    expected,
    summary: explanation === null ? summary : { ...summary, uncertainty: explanation },
    weekly: weeklyRows(scenario, plan, tally, expected),
  };
}
