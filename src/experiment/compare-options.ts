import type { Plan } from '../engine/plan.js';
import { simulateDeterministic } from '../engine/simulate.js';
import type { Tally } from '../engine/tally.js';
import type { JobTallies } from '../job/job-tallies.js';
import { runJob } from '../job/run-job.js';
import { summarize } from '../run/summary.js';
import type { RunSummary } from '../run/summary.js';
import {
  argArray,
  argCallback,
  argInteger,
  argObject,
  argScenario,
  argString,
  argumentError,
  argWorkers,
} from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { PairedDifference } from '../stats/paired-difference.js';
import { marginalCost } from './marginal-cost.js';
import type { MarginalCost } from './marginal-cost.js';

/** One option of a comparison, the base first. */
export interface ComparedOption {
  readonly label: string;
  readonly scenario: Scenario;
  readonly plan: Plan;
  readonly tally: Tally;
  readonly summary: RunSummary;
  /** End backlog option - base, replication by replication; null for the base. */
  readonly endBacklog: PairedDifference | null;
  /** Extra cost per extra decision against the base; null for the base, and when neither has a cost. */
  readonly marginal: MarginalCost | null;
}

export interface CompareOptions {
  readonly seed: number;
  /** Replications of every option. */
  readonly replications: number;
  /** Worker threads, this one included. Default 1. */
  readonly workers?: number;
  readonly onProgress?: (done: number) => void;
}

/**
 * Runs a base and its options with the same seed, replication by replication,
 * as one paired job: replication r of every option draws from the same
 * streams (common random numbers), so where their inflow settings agree they
 * see the same arrivals, and the difference of their end backlogs is measured
 * pair by pair, with far less noise than two independent runs. Every option
 * must cover the same weeks as the base. The result does not depend on the
 * number of workers. Throws CaseloadArgumentError when `options` is not a
 * non-empty list of `{ label, scenario }` of scenarios the engine can run over
 * the same weeks, or `run` is not `{ seed, replications, workers?, onProgress? }`
 * with a seed from 0 to 2^32 - 1, 1 to 10,000,000 replications and 1 to 256 workers.
 *
 * @example await compareOptions([{ label: 'base', scenario }, { label: '+1 FTE', scenario: other }], { seed: 1, replications: 1000 })
 */
export async function compareOptions(
  options: readonly { readonly label: string; readonly scenario: Scenario }[],
  run: CompareOptions,
): Promise<ComparedOption[]> {
  argComparison(options, run);
  const job = {
    scenarios: options.map((option) => option.scenario),
    seed: run.seed,
    replications: run.replications,
    paired: true,
  };
  const tallies = await runJob(job, undefined, { workers: run.workers ?? 1, onProgress: run.onProgress });
  return comparedOptions(options, tallies, run.seed);
}

/** Each option's summary and paired change, from the tallies of a comparison's paired job (run or merged). */
export function comparedOptions(
  options: readonly { readonly label: string; readonly scenario: Scenario }[],
  tallies: JobTallies,
  seed: number,
): ComparedOption[] {
  const compared = options.map((option, i) => {
    const plan = tallies.plans[i]!;
    const tally = tallies.tallies[i]!;
    const scenario = { ...option.scenario, seed, replications: tally.replications };
    return {
      label: option.label,
      scenario,
      plan,
      tally,
      summary: summarize(scenario, plan, tally, simulateDeterministic(plan)),
      endBacklog: tallies.paired?.[i] ?? null,
    };
  });
  const base = compared[0]?.summary;
  return compared.map((option, i) => ({
    ...option,
    marginal: i === 0 || base === undefined ? null : marginalCost(base, option.summary),
  }));
}

/** The arguments of compareOptions, checked (see there). */
function argComparison(options: unknown, run: unknown): void {
  const list = argArray(options, 'options', 'the base and its options: a list of { label, scenario }', 1);
  let base: Scenario | null = null;
  list.forEach((option, i) => {
    const item = argObject(option, `options[${i}]`, ['label', 'scenario'], 'an option { label, scenario }');
    argString(item['label'], `options[${i}].label`, 'the name of the option');
    const scenario = argScenario(item['scenario'], `options[${i}].scenario`);
    if (base === null) base = scenario;
    else if (scenario.start !== base.start || scenario.horizonWeeks !== base.horizonWeeks)
      argumentError(
        `options[${i}].scenario`,
        `covers ${scenario.horizonWeeks} weeks from ${scenario.start}, not the weeks of the base`,
        `the weeks of the base: ${base.horizonWeeks} weeks from ${base.start}`,
      );
  });
  const settings = argObject(
    run,
    'run',
    ['seed', 'replications', 'workers', 'onProgress'],
    'the run of the comparison: { seed, replications, workers?, onProgress? }',
  );
  argInteger(settings['seed'], 'run.seed', { min: 0, max: 4_294_967_295 });
  argInteger(settings['replications'], 'run.replications', { min: 1, max: 10_000_000 });
  argWorkers(settings['workers'], 'run.workers');
  argCallback(settings['onProgress'], 'run.onProgress');
}
