import { totalmem } from 'node:os';
import type { JobEstimate } from '../job/estimate.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { FORCE_OPTION } from './output-guard.js';

/**
 * The memory and time a command may use before it runs, and the check of a
 * run's estimate (job/estimate.ts) against them: beyond either, the command
 * stops before it starts (exit 2) with the estimate, the budget and what to
 * do, unless --force; a run estimated at more than 10 seconds says so on
 * stderr first (unless --quiet), terminal or not.
 */

/** Most memory by default: 4 GB, or 75% of the machine's memory when that is less. */
export const DEFAULT_MEMORY_BYTES = 4e9;
/** Longest run by default: 4 hours. */
export const DEFAULT_SECONDS = 4 * 3600;
/** Runs estimated at more than this many seconds note the estimate on stderr. */
export const NOTE_AFTER_SECONDS = 10;

/** What a command may use, and where each limit comes from, for the message. */
export interface Budget {
  readonly bytes: number;
  readonly bytesFrom: string;
  readonly seconds: number;
  readonly secondsFrom: string;
}

/**
 * The budget of this machine: memory min(4 GB, 75% of its memory), time 4
 * hours; CASELOAD_MEMORY_BUDGET_MB and CASELOAD_TIME_BUDGET_S (numbers > 0)
 * set them instead, e.g. lower on a machine others share.
 *
 * @example runBudget({}).seconds // 14400
 */
export function runBudget(env: NodeJS.ProcessEnv = process.env): Budget {
  const fromEnv = (name: string): number | null => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return null;
    const value = Number(raw);
    if (!(value > 0 && Number.isFinite(value)))
      throw new InputError([
        issueAt(name, '', `must be a number > 0, got "${raw}"`, 'or leave it unset for the default'),
      ]);
    return value;
  };
  const memory = fromEnv('CASELOAD_MEMORY_BUDGET_MB');
  const seconds = fromEnv('CASELOAD_TIME_BUDGET_S');
  const machine = totalmem();
  const share = 0.75 * machine;
  return {
    bytes: memory !== null ? memory * 1e6 : Math.min(DEFAULT_MEMORY_BYTES, share),
    bytesFrom:
      memory !== null
        ? 'set by CASELOAD_MEMORY_BUDGET_MB'
        : `the smaller of 4 GB and 75% of this machine's ${formatBytes(machine)}`,
    seconds: seconds ?? DEFAULT_SECONDS,
    secondsFrom: seconds !== null ? 'set by CASELOAD_TIME_BUDGET_S' : 'the default',
  };
}

/** `--force` of a command that writes files: it also runs beyond the budget. */
export const FORCE_WRITE_OPTION = {
  ...FORCE_OPTION,
  describe: `${FORCE_OPTION.describe}; also run when the estimate of memory or time is above the budget`,
} as const;

/** `--force` of a command that writes no files: run beyond the budget. */
export const FORCE_BUDGET_OPTION = {
  type: 'boolean',
  default: false,
  describe: 'Run even when the estimate of memory or time is above the budget',
} as const;

/**
 * Checks a run's estimate against the budget before it starts: throws an
 * InputError (exit 2) naming the estimate, the budget and what to do when it
 * is above either, unless `force`; notes the estimate on stderr when the run
 * takes more than 10 seconds by it (unless `quiet`). `what` names the run in
 * the message; `fewer` says what to lower, in the command's flags.
 *
 * @example checkBudget(estimateJob(job, wholeJob(job), 2), { force: false, quiet: false, what: 'this run', fewer: 'fewer --reps or a shorter --horizon' }, io)
 */
export function checkBudget(
  estimate: JobEstimate,
  options: { readonly force: boolean; readonly quiet: boolean; readonly what: string; readonly fewer: string },
  io: CliIo,
  budget: Budget = runBudget(),
): void {
  const about = `about ${formatDuration(estimate.seconds)} and ${formatBytes(estimate.bytes)} of memory`;
  if (!options.force) {
    const over: string[] = [];
    if (estimate.bytes > budget.bytes)
      over.push(
        `${formatBytes(estimate.bytes)} of memory, above the budget of ${formatBytes(budget.bytes)}, ${budget.bytesFrom}`,
      );
    if (estimate.seconds > budget.seconds)
      over.push(
        `${formatDuration(estimate.seconds)}, above the budget of ${formatDuration(budget.seconds)}, ${budget.secondsFrom}`,
      );
    if (over.length > 0)
      throw new InputError([
        issueAt(
          'caseload',
          '',
          `by estimate, ${options.what} would take about ${over.join('; and about ')}`,
          `--force to run it anyway, or ${options.fewer}`,
        ),
      ]);
  }
  if (!options.quiet && estimate.seconds > NOTE_AFTER_SECONDS)
    io.err(`caseload: estimate: ${options.what} takes ${about}\n`);
}

/**
 * Bytes in words, to two significant digits: `87 MB`, `5.3 GB`.
 *
 * @example formatBytes(5.3e9) // '5.3 GB'
 */
export function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : bytes >= 1e6 ? [bytes / 1e6, 'MB'] : [bytes / 1e3, 'kB'];
  return `${value >= 10 ? Math.round(value) : Number(value.toPrecision(2))} ${unit}`;
}

/**
 * A duration in words, rounded: `4 s`, `12 min`, `2.5 hours`.
 *
 * @example formatDuration(9000) // '2.5 hours'
 */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const hours = seconds / 3600;
  return `${hours >= 10 ? Math.round(hours) : Number(hours.toPrecision(2))} hours`;
}
