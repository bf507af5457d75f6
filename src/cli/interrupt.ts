import { releaseClaims } from '../io/output-claims.js';
import { finishedWrites, removePendingWrites } from '../io/pending-writes.js';
import type { CliIo } from './io.js';

/** Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report it. */
export const INTERRUPTED_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Makes SIGINT (Ctrl-C) and SIGTERM stop a run at once and cleanly: the
 * temporary files of a write in progress are removed (results are renamed
 * into place in one synchronous step, so a signal never lands half-way
 * through it), worker threads end with the process, and one line says what
 * happened. The exit code is 130 for SIGINT and 143 for SIGTERM. The
 * locks on output files are removed then, and on any other exit.
 *
 * @example installInterruptHandlers(io) // in bin/caseload.js, before runCli
 */
export function installInterruptHandlers(
  io: Pick<CliIo, 'err'>,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const signal of Object.keys(INTERRUPTED_EXIT_CODES) as (keyof typeof INTERRUPTED_EXIT_CODES)[]) {
    process.once(signal, () => interrupted(signal, io, exit));
  }
  process.once('exit', releaseClaims);
}

/** What the handlers do; exported for tests. */
export function interrupted(
  signal: keyof typeof INTERRUPTED_EXIT_CODES,
  io: Pick<CliIo, 'err'>,
  exit: (code: number) => void,
): void {
  const removed = removePendingWrites();
  releaseClaims();
  const written = finishedWrites();
  const unfinished = removed === 0 ? '' : `, removed ${removed} unfinished file${removed === 1 ? '' : 's'}`;
  const result = written.length === 0 ? 'no result was written' : `already written: ${written.join(', ')}`;
  io.err(`\ncaseload: interrupted by ${signal}: stopped${unfinished}; ${result}\n`);
  exit(INTERRUPTED_EXIT_CODES[signal]);
}
