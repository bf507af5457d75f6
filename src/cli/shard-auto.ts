import { issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';

/** The environment variables `--shard auto` reads; absent ones are undefined. */
export type ShardEnvironment = Readonly<Record<string, string | undefined>>;

/** Shard K of N, and in words where `--shard auto` found it (absent for `--shard K/N`). */
export interface ResolvedShard {
  readonly index: number;
  readonly count: number;
  readonly from?: string;
}

/** The largest N of `--shard K/N`. */
const MAX_SHARDS = 100_000;

/** What `--shard auto` looks at, in this order: the first one set is used. */
const SHARD_SOURCES =
  'CASELOAD_SHARD=K/N; a Slurm array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT); ' +
  'a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with --shard-count N or CASELOAD_SHARD_COUNT); ' +
  'a GitLab CI parallel job (CI_NODE_INDEX, CI_NODE_TOTAL)';

/**
 * `--shard K/N` or `--shard auto`, with `--shard-count N` (`count`, for a
 * Kubernetes Indexed Job). `auto` takes K and N from the batch engine's
 * environment `env`, the first of these that is set:
 *
 * - `CASELOAD_SHARD=K/N`: plain variables, for a CI matrix, or to re-run one
 *   shard of an array by hand;
 * - a Slurm array: K = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1 of
 *   N = SLURM_ARRAY_TASK_COUNT, for an array from 0 or 1 with step 1 and no gaps
 *   (`--array=1-N` or `--array=0-(N-1)`);
 * - a Kubernetes Indexed Job: K = JOB_COMPLETION_INDEX + 1, N from
 *   `--shard-count` or CASELOAD_SHARD_COUNT (the Job's completions);
 * - a GitLab CI job with `parallel: N`: K = CI_NODE_INDEX of N = CI_NODE_TOTAL.
 *
 * A count given with `--shard-count` or CASELOAD_SHARD_COUNT must agree with
 * the N the environment gives. Every problem is an issue on `--shard`, naming
 * the variables and their values; null when `--shard` is absent or wrong.
 *
 * @example resolveShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' }, issues)
 * // { index: 3, count: 4, from: 'SLURM_ARRAY_TASK_ID=3 of a Slurm array 1-4' }
 */
export function resolveShard(
  value: unknown,
  countValue: unknown,
  env: ShardEnvironment,
  issues: InputIssue[],
): ResolvedShard | null {
  const isAuto = typeof value === 'string' && value.trim().toLowerCase() === 'auto';
  const count = countValue === undefined ? undefined : shardCountFlag(countValue, issues);
  if (countValue !== undefined && !isAuto) {
    issues.push(
      issueAt(
        '--shard-count',
        '',
        value === undefined ? 'is only for --shard auto' : `is only for --shard auto, not --shard ${String(value)}`,
        '--shard auto --shard-count N (a Kubernetes Indexed Job), or --shard K/N alone',
      ),
    );
    return null;
  }
  if (value === undefined) return null;
  if (!isAuto) return explicitShard(value, issues);
  if (count === null) return null;
  const found = fromEnvironment(env, count);
  if ('problem' in found) {
    issues.push(issueAt('--shard', '', `auto: ${found.problem}`, found.allowed));
    return null;
  }
  return found;
}

/** `--shard K/N` as given. */
function explicitShard(value: unknown, issues: InputIssue[]): ResolvedShard | null {
  const shard = parseSlice(String(value));
  if (shard === null)
    issues.push(
      issueAt(
        '--shard',
        '',
        `must be K/N with 1 <= K <= N <= ${MAX_SHARDS}, or auto, got "${String(value)}"`,
        'e.g. --shard 2/8, or --shard auto in a batch job',
      ),
    );
  return shard;
}

/** `K/N` with 1 <= K <= N <= MAX_SHARDS; null when not. */
function parseSlice(text: string): ResolvedShard | null {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  return match === null ? null : slice(Number(match[1]), Number(match[2]));
}

function slice(index: number, count: number): ResolvedShard | null {
  return Number.isSafeInteger(index) &&
    Number.isSafeInteger(count) &&
    index >= 1 &&
    index <= count &&
    count <= MAX_SHARDS
    ? { index, count }
    : null;
}

/** A number of shards: a whole number from 1 to MAX_SHARDS; null when not. */
function parseCount(text: string): number | null {
  const count = whole(text.trim());
  return count !== null && count >= 1 && count <= MAX_SHARDS ? count : null;
}

/** `--shard-count N`; null (with an issue) when it is not a number of shards. */
function shardCountFlag(value: unknown, issues: InputIssue[]): number | null {
  const count = parseCount(String(value));
  if (count === null)
    issues.push(
      issueAt('--shard-count', '', `must be a whole number from 1 to ${MAX_SHARDS}, got "${String(value)}"`, null),
    );
  return count;
}

interface Refusal {
  readonly problem: string;
  readonly allowed: string;
}

const RERUN = 'to re-run one shard K of N, requeue it (scontrol requeue JOB_K) or set CASELOAD_SHARD=K/N';

function fromEnvironment(env: ShardEnvironment, flagCount: number | undefined): ResolvedShard | Refusal {
  const set = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const explicitCount = set('CASELOAD_SHARD_COUNT');
  let count = flagCount;
  let countFrom = '--shard-count';
  if (count === undefined && explicitCount !== undefined) {
    const parsed = parseCount(explicitCount);
    if (parsed === null)
      return {
        problem: `CASELOAD_SHARD_COUNT is "${explicitCount}", not a whole number from 1 to ${MAX_SHARDS}`,
        allowed: 'the number of shards, e.g. CASELOAD_SHARD_COUNT=8',
      };
    count = parsed;
    countFrom = 'CASELOAD_SHARD_COUNT';
  }
  const agrees = (n: number, source: string): Refusal | null =>
    count === undefined || count === n
      ? null
      : {
          problem: `${countFrom} is ${count}, but ${source} makes ${n} shards`,
          allowed: `the same count, or no ${countFrom}`,
        };

  const plain = set('CASELOAD_SHARD');
  if (plain !== undefined) {
    const shard = parseSlice(plain);
    if (shard === null)
      return {
        problem: `CASELOAD_SHARD is "${plain}", not K/N with 1 <= K <= N <= ${MAX_SHARDS}`,
        allowed: 'e.g. CASELOAD_SHARD=2/8',
      };
    return agrees(shard.count, `CASELOAD_SHARD=${plain}`) ?? { ...shard, from: `CASELOAD_SHARD=${plain}` };
  }

  const task = set('SLURM_ARRAY_TASK_ID');
  if (task !== undefined) return slurmShard(set, task, agrees);

  const completion = set('JOB_COMPLETION_INDEX');
  if (completion !== undefined) {
    const index = whole(completion);
    if (index === null)
      return { problem: `JOB_COMPLETION_INDEX is "${completion}", not a whole number`, allowed: 'an Indexed Job' };
    if (count === undefined)
      return {
        problem: `JOB_COMPLETION_INDEX=${completion} gives the index but not the number of shards`,
        allowed: "--shard-count N or CASELOAD_SHARD_COUNT=N, N the Job's completions",
      };
    if (index >= count)
      return {
        problem: `JOB_COMPLETION_INDEX is ${index}, but ${countFrom} is ${count} (indexes 0 to ${count - 1})`,
        allowed: `${countFrom} equal to the Job's completions`,
      };
    return {
      index: index + 1,
      count,
      from: `JOB_COMPLETION_INDEX=${index} of ${countFrom}${countFrom === '--shard-count' ? ' ' : '='}${count}`,
    };
  }

  const node = set('CI_NODE_INDEX');
  const total = set('CI_NODE_TOTAL');
  if (node !== undefined || total !== undefined) {
    const shard = slice(whole(node ?? '') ?? Number.NaN, whole(total ?? '') ?? Number.NaN);
    if (shard === null)
      return {
        problem: `CI_NODE_INDEX is ${shown(node)} and CI_NODE_TOTAL ${shown(total)}: not K of N with 1 <= K <= N`,
        allowed: 'a GitLab CI job with parallel: N',
      };
    return (
      agrees(shard.count, `CI_NODE_TOTAL=${shard.count}`) ?? {
        ...shard,
        from: `CI_NODE_INDEX=${shard.index} of CI_NODE_TOTAL=${shard.count}`,
      }
    );
  }

  return {
    problem: 'no shard is set in the environment',
    allowed: `one of: ${SHARD_SOURCES}; or --shard K/N`,
  };
}

/** K and N of a Slurm array task; the array must run from 0 or 1 with step 1 and no gaps. */
function slurmShard(
  set: (name: string) => string | undefined,
  task: string,
  agrees: (n: number, source: string) => Refusal | null,
): ResolvedShard | Refusal {
  const names = ['SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_COUNT'] as const;
  const missing = names.filter((name) => set(name) === undefined);
  if (missing.length > 0)
    return {
      problem: `SLURM_ARRAY_TASK_ID is ${task}, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`,
      allowed: 'a job of sbatch --array, whose tasks Slurm gives all three',
    };
  const id = whole(task);
  const min = whole(set('SLURM_ARRAY_TASK_MIN')!);
  const count = whole(set('SLURM_ARRAY_TASK_COUNT')!);
  const step = set('SLURM_ARRAY_TASK_STEP');
  const max = set('SLURM_ARRAY_TASK_MAX');
  const described = `SLURM_ARRAY_TASK_ID=${task}, SLURM_ARRAY_TASK_MIN=${shown(set('SLURM_ARRAY_TASK_MIN'))}, SLURM_ARRAY_TASK_COUNT=${shown(set('SLURM_ARRAY_TASK_COUNT'))}`;
  const array = 'an array of shards: sbatch --array=1-N (or 0-(N-1)), step 1, no gaps';
  if (id === null || min === null || count === null || count < 1)
    return { problem: `${described}: not whole numbers`, allowed: array };
  if (step !== undefined && step !== '1')
    return {
      problem: `the Slurm array steps by ${step} (SLURM_ARRAY_TASK_STEP), so its tasks are not consecutive shards`,
      allowed: array,
    };
  if (min > 1)
    return {
      problem: `the Slurm array starts at ${min} (SLURM_ARRAY_TASK_MIN), not at 0 or 1, so its task ${id} is not a shard number`,
      allowed: `${array}; ${RERUN}`,
    };
  const last = min + count - 1;
  if (max !== undefined && whole(max) !== last)
    return {
      problem: `the Slurm array has ${count} tasks from ${min} to ${max}: it has gaps, so its tasks are not consecutive shards`,
      allowed: array,
    };
  if (id < min || id > last)
    return { problem: `${described}: the task is not one of the array's ${min}-${last}`, allowed: array };
  if (count > MAX_SHARDS)
    return { problem: `the Slurm array has ${count} tasks, more than ${MAX_SHARDS} shards`, allowed: array };
  return (
    agrees(count, `the Slurm array ${min}-${last}`) ?? {
      index: id - min + 1,
      count,
      from: `SLURM_ARRAY_TASK_ID=${id} of a Slurm array ${min}-${last}`,
    }
  );
}

function whole(text: string): number | null {
  return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}

function shown(value: string | undefined): string {
  return value === undefined ? 'not set' : `"${value}"`;
}
