import { simulateDeterministic } from '../engine/simulate.js';
import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import { compile } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { simulateParallel } from './simulate-parallel.js';
import { summarize, weeklyRows } from './summary.js';
import type { RunSummary, WeeklyRow } from './summary.js';

export interface RunOptions {
  /** Expected values instead of draws: one path, every percentile equal to the mean. */
  readonly deterministic?: boolean;
  /** Worker threads for the replications. Default 1 (this thread); the CLI defaults to the number of cores. */
  readonly workers?: number;
  /** Called as replications finish, with the number done so far. */
  readonly onProgress?: (done: number) => void;
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
 * command-line overrides) and summarises it. The result is the same for any
 * number of workers.
 *
 * @example (await runScenario(loaded.scenario, { workers: 2 })).summary.endBacklog.total.mean
 */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const plan = compile(scenario);
  const expected = simulateDeterministic(plan);
  const tally =
    options.deterministic === true
      ? expected
      : await simulateParallel(scenario, {
          seed: scenario.seed,
          replications: scenario.replications,
          workers: options.workers ?? 1,
          onProgress: options.onProgress,
        });
  return {
    plan,
    tally,
    expected,
    summary: summarize(scenario, plan, tally, expected),
    weekly: weeklyRows(scenario, plan, tally, expected),
  };
}
