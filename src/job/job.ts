import { createHash } from 'node:crypto';
import { canonicalJson, scenarioHash } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { PeriodSpec } from './period-values.js';
import type { ReplicationMeasure } from './replication-measure.js';

/**
 * Replications of one or more scenarios (plans) with one seed: replication r
 * of every plan draws only from the streams of (seed, r), so plans that share
 * a setting see the same draws for it (common random numbers) and any split
 * of the work adds up to exactly the same result. A run is a job of one plan,
 * a comparison a paired job of the base and its options, a sweep a job of
 * one plan per combination.
 */
export interface Job {
  /** One per plan; plan 0 is the base of a paired job. */
  readonly scenarios: readonly Scenario[];
  readonly seed: number;
  /** Replications of every plan. */
  readonly replications: number;
  /** Also record, replication by replication, the end backlog of each plan against plan 0. */
  readonly paired: boolean;
  /** Also record, replication by replication, this measure of each plan (JobTallies.measure); absent for none. */
  readonly measure?: ReplicationMeasure;
  /** Also record, replication by replication, the values of these periods (JobTallies.periodValues); absent for none. */
  readonly periods?: PeriodSpec;
}

/**
 * A rectangle of a job: plans [fromPlan, toPlan) x replications
 * [firstReplication, firstReplication + replications). A part of a paired
 * job covers every plan (the pairs need plan 0).
 */
export interface JobPart {
  readonly fromPlan: number;
  readonly toPlan: number;
  readonly firstReplication: number;
  readonly replications: number;
}

/**
 * The job of one scenario with its own seed and replications.
 *
 * @example await runJob(singleRun(scenario))
 */
export function singleRun(scenario: Scenario): Job {
  return { scenarios: [scenario], seed: scenario.seed, replications: scenario.replications, paired: false };
}

/** Every plan and replication of a job. */
export function wholeJob(job: Job): JobPart {
  return { fromPlan: 0, toPlan: job.scenarios.length, firstReplication: 0, replications: job.replications };
}

/** Plan `plan` alone, every replication: how a sweep runs one combination at a time. */
export function onePlan(job: Job, plan: number): JobPart {
  return { fromPlan: plan, toPlan: plan + 1, firstReplication: 0, replications: job.replications };
}

/**
 * Shard K (1-based) of N of the replications, every plan: replications
 * floor((K-1)R/N) to floor(KR/N) - 1, so the N shards cover the job exactly once.
 *
 * @example replicationShard({ ...job, replications: 1000 }, 2, 3) // replications 333 to 665
 */
export function replicationShard(job: Job, index: number, count: number): JobPart {
  return slicePart(jobOutline(job), { index, count, splits: 'replications' });
}

/** Shard K (1-based) of N of the plans (a sweep's combinations), every replication. */
export function planShard(job: Job, index: number, count: number): JobPart {
  return slicePart(jobOutline(job), { index, count, splits: 'plans' });
}

/**
 * Shard K of N of a job, as `--shard K/N` names it: of the replications
 * (run, compare) or of the plans (sweep). A shard file carries its slice, so
 * that merge can check that its part is the one the slice makes.
 */
export interface JobSlice {
  /** K, from 1. */
  readonly index: number;
  /** N. */
  readonly count: number;
  readonly splits: 'replications' | 'plans';
}

/** The part shard K of N of a job is: see replicationShard and planShard. */
export function slicePart(outline: JobOutline, slice: JobSlice): JobPart {
  const { index, count } = slice;
  if (slice.splits === 'plans') {
    const [from, to] = shardRange(index, count, outline.plans);
    return { fromPlan: from, toPlan: to, firstReplication: 0, replications: outline.replications };
  }
  const [first, end] = shardRange(index, count, outline.replications);
  return { fromPlan: 0, toPlan: outline.plans, firstReplication: first, replications: end - first };
}

function shardRange(index: number, count: number, total: number): [number, number] {
  return [Math.floor(((index - 1) * total) / count), Math.floor((index * total) / count)];
}

/** A job without its scenarios: what a shard of a slice of the plans says of the whole job. */
export interface JobOutline {
  readonly plans: number;
  readonly seed: number;
  readonly replications: number;
  readonly paired: boolean;
}

export function jobOutline(job: Job): JobOutline {
  return { plans: job.scenarios.length, seed: job.seed, replications: job.replications, paired: job.paired };
}

/** Whether a part is a rectangle of the job; a part of a paired job covers every plan. */
export function isPartOf(outline: JobOutline, part: JobPart): boolean {
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  return (
    whole(part.fromPlan) &&
    whole(part.toPlan) &&
    whole(part.firstReplication) &&
    whole(part.replications) &&
    part.fromPlan <= part.toPlan &&
    part.toPlan <= outline.plans &&
    part.firstReplication + part.replications <= outline.replications &&
    (!outline.paired || (part.fromPlan === 0 && part.toPlan === outline.plans))
  );
}

/** Throws when a part is not a rectangle of the job: a programming error, as the parts built above always are. */
export function checkPart(job: Job, part: JobPart): void {
  if (!isPartOf(jobOutline(job), part))
    throw new RangeError(
      `plans ${part.fromPlan} to ${part.toPlan - 1}, replications ${part.firstReplication} to ` +
        `${part.firstReplication + part.replications - 1} are not a part of the ` +
        `job${job.paired ? ' (a paired job runs every plan together)' : ''}`,
    );
}

/**
 * What tells a job's shards from another job's: the version of caseload that
 * ran it, its outline, the sha256 of each plan's resolved scenario
 * (scenarioHash, as in a run's provenance: so every flag that changes the
 * scenario, such as --reps, --seed, --horizon or --no-uncertainty, and for a
 * sweep every --set value) and what the command needs to print its result
 * (its context: files, labels, the sweep's grid).
 */
export interface JobIdentity {
  readonly caseloadVersion: string;
  readonly job: JobOutline;
  /** scenarioHash of every plan of the job, plan 0 first. */
  readonly scenarios: readonly string[];
  readonly context: unknown;
}

/** The sha256 of the scenario of every plan of a job, plan 0 first, for its JobIdentity. */
export function scenarioHashes(job: Job): string[] {
  return job.scenarios.map(scenarioHash);
}

/**
 * The sha256 of a job's identity: parts of one job, run anywhere by one
 * version of caseload, have the same signature, and parts of different jobs
 * (another scenario, seed, count, command or version) do not.
 *
 * @example jobSignature({ caseloadVersion: '0.1.0', job: jobOutline(job), scenarios: scenarioHashes(job), context })
 */
export function jobSignature(identity: JobIdentity): string {
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}
