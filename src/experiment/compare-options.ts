import type { Plan } from '../engine/plan.js';
import { replicate, simulateDeterministic } from '../engine/simulate.js';
import { createState, resetState } from '../engine/state.js';
import type { ReplicationState } from '../engine/state.js';
import { Tally } from '../engine/tally.js';
import type { TallyData } from '../engine/tally.js';
import { runInChunks } from '../run/run-in-chunks.js';
import { tallyBuffers } from '../run/simulate-parallel.js';
import { summarize } from '../run/summary.js';
import type { RunSummary } from '../run/summary.js';
import { compile } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { HistogramData } from '../stats/int-histogram.js';
import { PairedDifference } from '../stats/paired-difference.js';

/** One option of a comparison, the base first. */
export interface ComparedOption {
  readonly label: string;
  readonly scenario: Scenario;
  readonly plan: Plan;
  readonly tally: Tally;
  readonly summary: RunSummary;
  /** End backlog option - base, replication by replication; null for the base. */
  readonly endBacklog: PairedDifference | null;
}

export interface CompareOptions {
  readonly seed: number;
  /** Replications of the comparison (of this slice, with firstReplication). */
  readonly replications: number;
  /** First replication index, for shards. Default 0. */
  readonly firstReplication?: number;
  /** Worker threads, this one included. Default 1. */
  readonly workers?: number;
  readonly onProgress?: (done: number) => void;
}

/** The data of a ComparisonRun, to send between threads. */
export interface ComparisonData {
  readonly tallies: readonly TallyData[];
  readonly paired: readonly (readonly [HistogramData, HistogramData, HistogramData] | null)[];
}

/**
 * The replications of a comparison so far: a tally per option and the paired
 * end-backlog differences against the base. Replication r of every option
 * draws from the streams of (seed, r).
 */
export class ComparisonRun {
  readonly plans: readonly Plan[];
  readonly tallies: readonly Tally[];
  readonly paired: readonly (PairedDifference | null)[];
  private readonly states: readonly ReplicationState[];
  private readonly ends: Float64Array;
  private readonly seed: number;

  constructor(scenarios: readonly Scenario[], seed: number) {
    this.seed = seed;
    this.plans = scenarios.map((scenario) => compile(scenario));
    this.tallies = this.plans.map((plan) => new Tally(plan, false));
    this.states = this.plans.map((plan, i) => createState(plan, false, this.tallies[i]!.decisionWeeks));
    this.paired = scenarios.map((_, i) => (i === 0 ? null : new PairedDifference()));
    this.ends = new Float64Array(scenarios.length);
  }

  /** Runs replications first .. first + count - 1 of every option. */
  runRange(first: number, count: number): void {
    for (let r = first; r < first + count; r++) {
      this.plans.forEach((plan, i) => {
        const state = this.states[i]!;
        resetState(plan, state, this.seed, r);
        replicate(plan, state, this.tallies[i]!);
        let end = 0;
        for (let lane = 0; lane < plan.laneCount; lane++) end += state.backlog[lane]!;
        this.ends[i] = end;
      });
      for (let i = 1; i < this.plans.length; i++) this.paired[i]!.add(this.ends[i]!, this.ends[0]!);
    }
  }

  toData(): ComparisonData {
    return {
      tallies: this.tallies.map((t) => t.toData()),
      paired: this.paired.map((p) => (p === null ? null : p.toData())),
    };
  }

  mergeData(data: ComparisonData): void {
    data.tallies.forEach((tally, i) => {
      this.tallies[i]!.mergeData(tally);
    });
    data.paired.forEach((pair, i) => {
      if (pair !== null) this.paired[i]!.mergeData(pair);
    });
  }
}

/**
 * Runs a base and its options with the same seed, replication by replication:
 * replication r of every option draws from the same streams (common random
 * numbers), so where their inflow settings agree they see the same arrivals,
 * and the difference of their end backlogs is measured pair by pair, with far
 * less noise than two independent runs. Every option must cover the same
 * weeks as the base (the caller checks). The result does not depend on the
 * number of workers.
 *
 * @example await compareOptions([{ label: 'base', scenario }, { label: '+1 FTE', scenario: other }], { seed: 1, replications: 1000 })
 */
export async function compareOptions(
  options: readonly { readonly label: string; readonly scenario: Scenario }[],
  run: CompareOptions,
): Promise<ComparedOption[]> {
  const comparison = await runComparison(
    options.map((option) => option.scenario),
    run,
  );
  return comparedOptions(options, comparison, run.seed);
}

/** The replications of a comparison (or of a slice of one, for a shard), over worker threads. */
export async function runComparison(scenarios: readonly Scenario[], run: CompareOptions): Promise<ComparisonRun> {
  const comparison = new ComparisonRun(scenarios, run.seed);
  await runInChunks({
    workers: run.workers ?? 1,
    workerModule: 'compare-worker.js',
    workerData: { scenarios, seed: run.seed },
    firstReplication: run.firstReplication ?? 0,
    replications: run.replications,
    runHere: (first, count) => comparison.runRange(first, count),
    absorb: (data) => comparison.mergeData(data as ComparisonData),
    onProgress: run.onProgress,
  });
  return comparison;
}

/** Each option's summary and paired change, from the replications a comparison ran (or merged). */
export function comparedOptions(
  options: readonly { readonly label: string; readonly scenario: Scenario }[],
  comparison: ComparisonRun,
  seed: number,
): ComparedOption[] {
  return options.map((option, i) => {
    const plan = comparison.plans[i]!;
    const tally = comparison.tallies[i]!;
    const scenario = { ...option.scenario, seed, replications: tally.replications };
    return {
      label: option.label,
      scenario,
      plan,
      tally,
      summary: summarize(scenario, plan, tally, simulateDeterministic(plan)),
      endBacklog: comparison.paired[i]!,
    };
  });
}

/** The typed arrays of a comparison's data, to transfer between threads. */
export function comparisonBuffers(data: ComparisonData): ArrayBuffer[] {
  return [
    ...data.tallies.flatMap((tally) => tallyBuffers(tally)),
    ...data.paired.flatMap((pair) => (pair === null ? [] : pair.map((h) => h.counts.buffer as ArrayBuffer))),
  ];
}
