import type { Checked, InputIssue } from '../scenario/errors.js';
import { InputError, issueAt } from '../scenario/errors.js';
import { canonicalJson } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { Job, JobOutline, JobPart, JobSlice } from './job.js';
import { checkPart, isPartOf, slicePart } from './job.js';
import type { Tally, TallyData } from '../engine/tally.js';
import { JobTallies, partWork } from './job-tallies.js';
import type { JobTalliesData } from './job-tallies.js';

/** One part of a job as read back from a shard file, for mergeShards. */
export interface JobShard<C> {
  /** The shard file, which the merge's issues name. */
  readonly file: string;
  /** The version of caseload that wrote the shard. */
  readonly caseloadVersion: string;
  /** jobSignature of the whole job: the version, the outline, the scenarios' hashes and the context. */
  readonly signature: string;
  readonly job: JobOutline;
  /** scenarioHash of every plan of the job (not only the part's), plan 0 first. */
  readonly scenarioHashes: readonly string[];
  readonly part: JobPart;
  /** The slice K of N the part is (checked when the shard was read); absent for a part that is not a slice. */
  readonly slice?: JobSlice;
  /** What the command that wrote the shard needs to print the merged result. */
  readonly context: C;
  /** The scenarios of the part's plans, fromPlan first. */
  readonly scenarios: readonly Scenario[];
  /** The data of the part's plans [from, to), decoded when asked, so that a big sweep's shards stay small in memory. */
  readonly data: (from: number, to: number) => JobTalliesData;
}

/** The shards of one job, checked to cover it exactly once. */
export interface MergedJob<C> {
  readonly job: Job;
  readonly context: C;
  readonly shards: number;
  /**
   * The tallies of plans [from, to) (default every plan) over every
   * replication, added up from the shards that hold them: exactly those of
   * the job run on one machine. A paired job's tallies are of every plan.
   * Throws an InputError naming the shard whose data do not fit the plans
   * compiled from their scenarios (a shard of another version of caseload).
   */
  tallies(from?: number, to?: number): JobTallies;
}

/**
 * Merges the shards of a job: every shard must have been written by one
 * version of caseload (`version`, when given: the merging one) and have the
 * job's signature (the same scenarios, seed, replications and command), and
 * their parts must tile the job, each (plan, replication) in exactly one
 * shard, none missing. Problems come back as issues naming the shard files;
 * `kind` names a context for them (`run`, `sweep`).
 *
 * @example mergeShards(shards, (context) => context.command, caseloadVersion())
 */
export function mergeShards<C>(
  shards: readonly JobShard<C>[],
  kind: (context: C) => string,
  version?: string,
): Checked<MergedJob<C>> {
  const head = shards[0];
  if (head === undefined) return { ok: false, issues: [issueAt('merge', '', 'no shards given', 'shard files')] };
  const issues: InputIssue[] = versionIssues(shards, version);
  if (issues.length > 0) return { ok: false, issues };
  for (const shard of shards) {
    const same = shard.signature === head.signature && canonicalJson(shard.job) === canonicalJson(head.job);
    const other = same ? null : difference(shard, head, kind);
    if (other !== null)
      issues.push(
        issueAt(
          shard.file,
          '',
          `is a shard of another job than ${head.file}: ${other}`,
          'shards of one job: the same command, scenarios, seed and replications',
        ),
      );
  }
  if (issues.length > 0) return { ok: false, issues };
  const outline = head.job;
  for (const shard of shards) {
    if (!isPartOf(outline, shard.part) || shard.scenarios.length !== shard.part.toPlan - shard.part.fromPlan)
      issues.push(
        issueAt(
          shard.file,
          'part',
          `is not a part of its job of ${outline.plans} plan${outline.plans === 1 ? '' : 's'} x ${outline.replications} replications`,
        ),
      );
  }
  if (issues.length > 0) return { ok: false, issues };
  const tiling = tilingIssues(shards, outline);
  issues.push(...tiling.overlaps, ...(missingSlices(shards, outline) ?? tiling.missing));
  if (issues.length > 0) return { ok: false, issues };

  const scenarios: Scenario[] = [];
  for (const shard of shards) {
    shard.scenarios.forEach((scenario, i) => {
      scenarios[shard.part.fromPlan + i] ??= scenario;
    });
  }
  const { seed, replications, paired } = outline;
  const merged: Job = { scenarios, seed, replications, paired };
  const ordered = [...shards].sort((a, b) => a.part.firstReplication - b.part.firstReplication);
  return {
    ok: true,
    value: {
      job: merged,
      context: head.context,
      shards: shards.length,
      tallies: (from = 0, to = outline.plans) => {
        const part = { fromPlan: from, toPlan: to, firstReplication: 0, replications: outline.replications };
        checkPart(merged, part);
        const tallies = new JobTallies(partWork(merged, part));
        for (const shard of ordered) {
          const low = Math.max(from, shard.part.fromPlan);
          const high = Math.min(to, shard.part.toPlan);
          if (low >= high || shard.part.replications === 0) continue;
          const data = shard.data(low, high);
          const misfit =
            data.tallies
              .map((tally, i) => planMisfit(tally, tallies.tally(low + i), low + i - shard.part.fromPlan))
              .find((problem) => problem !== null) ?? null;
          if (misfit !== null)
            throw new InputError([
              issueAt(shard.file, misfit.at, misfit.problem, 'a shard written by caseload, unchanged'),
            ]);
          try {
            tallies.mergeData(data);
          } catch (error) {
            const problem = `do not fit the plans of their scenarios: ${(error as Error).message}`;
            throw new InputError([
              issueAt(shard.file, 'plans', problem, 'a shard written by this version of caseload'),
            ]);
          }
        }
        return tallies;
      },
    },
  };
}

/**
 * The issues of shards written by different versions of caseload (naming
 * both), or by another version than `version`: the engine, and so the
 * result, may differ between versions.
 */
function versionIssues<C>(shards: readonly JobShard<C>[], version: string | undefined): InputIssue[] {
  const head = shards[0]!;
  const other = shards.find((shard) => shard.caseloadVersion !== head.caseloadVersion);
  if (other !== undefined)
    return [
      issueAt(
        other.file,
        'caseloadVersion',
        `was written by caseload ${other.caseloadVersion}, ${head.file} by caseload ${head.caseloadVersion}`,
        'shards written by one version of caseload',
      ),
    ];
  if (version !== undefined && head.caseloadVersion !== version)
    return [
      issueAt(
        head.file,
        'caseloadVersion',
        `was written by caseload ${head.caseloadVersion}, this is caseload ${version}`,
        'merge with the version that wrote the shards',
      ),
    ];
  return [];
}

/** How a shard's job differs from the first shard's, in words. */
function difference<C>(shard: JobShard<C>, head: JobShard<C>, kind: (context: C) => string): string {
  const [a, b] = [shard.job, head.job];
  if (kind(shard.context) !== kind(head.context))
    return `it is a ${kind(shard.context)} shard, ${head.file} a ${kind(head.context)} shard`;
  if (a.plans !== b.plans) return `${a.plans} plans, not ${b.plans}`;
  if (a.seed !== b.seed) return `seed ${a.seed}, not ${b.seed}`;
  if (a.replications !== b.replications) return `${a.replications} replications, not ${b.replications}`;
  if (a.paired !== b.paired) return `${a.paired ? 'paired' : 'not paired'}, unlike it`;
  const plan = shard.scenarioHashes.findIndex((hash, i) => hash !== head.scenarioHashes[i]);
  if (plan >= 0) {
    const [mine, theirs] = [shard.scenarioHashes[plan]!, head.scenarioHashes[plan]!].map((h) => h.slice(0, 12));
    return `another scenario (plan ${plan}: sha256 ${mine}, not ${theirs})`;
  }
  const setting = firstDifference(shard.context, head.context, 'context');
  return setting === null ? 'other settings' : `other settings (${setting})`;
}

/** The path of the first value where two JSON values differ (`context.label`), or null if they are alike. */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (canonicalJson(a) === canonicalJson(b)) return null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return path;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const inner = firstDifference(
      (a as Record<string, unknown>)[key] ?? null,
      (b as Record<string, unknown>)[key] ?? null,
      `${path}.${key}`,
    );
    if (inner !== null) return inner;
  }
  return path;
}

/**
 * What does not fit between a plan's tally in a shard and the plan compiled
 * from its scenario (weeks, lanes, pools, cohort slots, trigger rules, the
 * initial backlog), or null: a shard whose scenarios were edited with their hashes
 * and signature, or written by another engine.
 */
function planMisfit(
  data: TallyData,
  tally: Tally,
  index: number,
): { readonly at: string; readonly problem: string } | null {
  const at = `plans.${index}.tally`;
  const dimensions = [
    ['horizonWeeks', 'weeks'],
    ['laneCount', 'lanes'],
    ['poolCount', 'pools'],
    ['cohortSlots', 'cohort slots'],
  ] as const;
  for (const [key, words] of dimensions)
    if (data[key] !== tally[key])
      return { at, problem: `has ${data[key]} ${words}, its scenario ${tally[key]}: it does not fit its plan` };
  const rules = data.triggerCount ?? 0;
  if (rules !== tally.triggerCount)
    return { at, problem: `has ${rules} trigger rules, its scenario ${tally.triggerCount}: it does not fit its plan` };
  if (data.initialBacklog.some((open, lane) => open !== tally.initialBacklog[lane]))
    return { at: `${at}.initialBacklog`, problem: 'is not the initial backlog of its scenario' };
  return null;
}

/**
 * Each (plan, replication) in exactly one shard: band by band of plans (cut
 * where any part begins or ends), the parts over the band must cover the
 * replications without a gap or an overlap.
 */
function tilingIssues<C>(
  shards: readonly JobShard<C>[],
  outline: JobOutline,
): { missing: InputIssue[]; overlaps: InputIssue[] } {
  const missed: InputIssue[] = [];
  const overlaps: InputIssue[] = [];
  const parts = shards.filter((s) => s.part.fromPlan < s.part.toPlan && s.part.replications > 0);
  const cuts = [...new Set([0, outline.plans, ...parts.flatMap((s) => [s.part.fromPlan, s.part.toPlan])])].sort(
    (a, b) => a - b,
  );
  const byPlan = [...parts].sort((a, b) => a.part.fromPlan - b.part.fromPlan);
  let next = 0;
  let active: JobShard<C>[] = [];
  for (let c = 0; c + 1 < cuts.length; c++) {
    const [from, to] = [cuts[c]!, cuts[c + 1]!];
    while (next < byPlan.length && byPlan[next]!.part.fromPlan <= from) active.push(byPlan[next++]!);
    active = active.filter((s) => s.part.toPlan > from);
    const band = (first: number, end: number) =>
      describePart(outline, { fromPlan: from, toPlan: to, firstReplication: first, replications: end - first });
    let covered = 0;
    let coveredBy: JobShard<C> | null = null;
    for (const shard of [...active].sort((a, b) => a.part.firstReplication - b.part.firstReplication)) {
      const first = shard.part.firstReplication;
      const end = first + shard.part.replications;
      if (first > covered) missed.push(missing(shards[0]!.file, band(covered, first)));
      if (first < covered && coveredBy !== null) {
        const overlap = band(first, Math.min(end, covered));
        overlaps.push(issueAt(shard.file, 'part', `${overlap} also in ${coveredBy.file}`, 'each part once'));
      }
      if (end > covered) [covered, coveredBy] = [end, shard];
    }
    if (covered < outline.replications) missed.push(missing(shards[0]!.file, band(covered, outline.replications)));
  }
  return { missing: missed, overlaps };
}

/**
 * When every shard is a slice K of one N (as `--shard K/N` and `--shard auto`
 * write them), the slices that are missing, one issue each, saying what to
 * re-run: a batch engine that lost a shard needs that index run again, and
 * only that one. Null when some shard is not a slice or the counts differ
 * (the parts missing are then named by tilingIssues), or none is missing.
 */
function missingSlices<C>(shards: readonly JobShard<C>[], outline: JobOutline): InputIssue[] | null {
  const head = shards[0]?.slice;
  if (head === undefined) return null;
  const same = shards.every(
    (s) => s.slice !== undefined && s.slice.count === head.count && s.slice.splits === head.splits,
  );
  if (!same) return null;
  const present = new Set(shards.map((s) => s.slice!.index));
  const issues: InputIssue[] = [];
  for (let index = 1; index <= head.count; index++) {
    const part = slicePart(outline, { ...head, index });
    // A slice with nothing in it (more shards than a sweep's combinations) is not needed.
    if (present.has(index) || part.fromPlan === part.toPlan || part.replications === 0) continue;
    issues.push(
      issueAt(
        'merge',
        '',
        `shard ${index} of ${head.count} (${describePart(outline, part)}) missing`,
        `re-run only that shard (--shard ${index}/${head.count}, or CASELOAD_SHARD=${index}/${head.count} with --shard auto), then merge`,
      ),
    );
  }
  return issues.length === 0 ? null : issues;
}

function missing(file: string, what: string): InputIssue {
  return issueAt(file, 'part', `${what} missing`, 'a shard of every part of the job');
}

/**
 * A part in words, 0-based like the notes of `--shard`: `replications 2000 to
 * 2999 of 3000`, with `plans 3 to 5 of 10` when the job has several plans and
 * the part not all of them.
 *
 * @example describePart({ plans: 1, seed: 1, replications: 3000, paired: false }, part) // 'replications 2000 to 2999 of 3000'
 */
export function describePart(outline: JobOutline, part: JobPart): string {
  const plans =
    outline.plans <= 1 || (part.fromPlan === 0 && part.toPlan === outline.plans)
      ? null
      : part.toPlan - part.fromPlan === 1
        ? `plan ${part.fromPlan} of ${outline.plans}`
        : `plans ${part.fromPlan} to ${part.toPlan - 1} of ${outline.plans}`;
  const end = part.firstReplication + part.replications;
  const replications =
    part.firstReplication === 0 && end === outline.replications && plans !== null
      ? null
      : `replications ${part.firstReplication} to ${end - 1} of ${outline.replications}`;
  return [plans, replications].filter((text) => text !== null).join(', ');
}
