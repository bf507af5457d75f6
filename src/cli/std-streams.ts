import { describeWriteError } from '../io/describe-write-error.js';
import { removePendingWrites } from '../io/pending-writes.js';
import type { CliIo } from './io.js';

/**
 * Exit code when stdout is a pipe whose reader has gone (`caseload run ... | head -1`):
 * 128 + SIGPIPE's number, what a shell reports for a program a closed pipe stopped.
 */
export const CLOSED_PIPE_EXIT_CODE = 141;

/**
 * Exit code when stdout cannot be written (a full disk, an I/O error): 2, as
 * for an `--out` directory that cannot be written.
 */
export const STDOUT_FAILED_EXIT_CODE = 2;

/** The two streams a command writes to: stdout and stderr of the process, or stand-ins in tests. */
export interface StdStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

/**
 * The command line's io on stdout and stderr, safe when either fails:
 *
 * - stdout that cannot be written stops the command at once. A closed pipe
 *   (EPIPE: the reader, such as `head`, has what it wanted) ends quietly with
 *   exit code 141, as a closed pipe ends other programs; any other error
 *   (ENOSPC, EIO, EBADF) prints one line on stderr,
 *   `caseload: cannot write to stdout: the disk is full (ENOSPC); the output is incomplete`,
 *   and exits with code 2. The temporary files of a write in progress are
 *   removed first.
 * - stderr that cannot be written is given up on: notes and messages are
 *   lost, and the command goes on and exits with the code it would have
 *   (2 for bad input, 0 for a run whose results went to stdout).
 *
 * No stack trace is printed either way.
 *
 * @example const io = processIo(); process.exitCode = await runCli(args, io) // in bin/caseload.js
 */
export function processIo(
  streams: StdStreams = { stdout: process.stdout, stderr: process.stderr },
  exit: (code: number) => void = (code) => process.exit(code),
): CliIo {
  let errBroken = false;
  let outFailed = false;
  const err = (text: string): void => {
    if (errBroken) return;
    try {
      streams.stderr.write(text);
    } catch {
      errBroken = true;
    }
  };
  const failOut = (error: unknown): void => {
    if (outFailed) return;
    outFailed = true;
    removePendingWrites();
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'EPIPE') {
      exit(CLOSED_PIPE_EXIT_CODE);
      return;
    }
    const named = typeof code === 'string' ? ` (${code})` : '';
    err(`caseload: cannot write to stdout: ${describeWriteError(error)}${named}; the output is incomplete\n`);
    exit(STDOUT_FAILED_EXIT_CODE);
  };
  // A failed write is reported as an 'error' event; unheard, it would end the process with a stack trace.
  streams.stderr.on('error', () => {
    errBroken = true;
  });
  streams.stdout.on('error', failOut);
  return {
    out: (text) => {
      if (outFailed) return;
      try {
        streams.stdout.write(text);
      } catch (error) {
        failOut(error);
      }
    },
    err,
    errIsTerminal: streams.stderr.isTTY === true,
    env: process.env,
  };
}
