import yargs from 'yargs';
import type { Argv } from 'yargs';
import { releaseClaims } from '../io/output-claims.js';
import { formatIssue, InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { threadsFor } from '../job/run-in-chunks.js';
import { inFlagWords } from './flag-words.js';
import type { CliIo } from './io.js';
import { UsageError } from './io.js';
import { workersFlag } from './options.js';
import * as app from './app.js';
import * as backtest from './backtest.js';
import * as calibrate from './calibrate.js';
import * as compare from './compare.js';
import * as merge from './merge.js';
import * as monitor from './monitor.js';
import * as prognosis from './prognosis.js';
import * as report from './report.js';
import * as run from './run.js';
import * as score from './score.js';
import * as sweep from './sweep.js';
import * as target from './target.js';
import * as uncertainty from './uncertainty.js';
import * as validate from './validate.js';
import { caseloadVersion } from './version.js';

export { installInterruptHandlers } from './interrupt.js';
export { processIo } from './std-streams.js';

/** A fresh parser, so that tests can parse argument lists without spawning a process. */
export function buildCli(): Argv {
  return yargs()
    .scriptName('caseload')
    .usage('$0 <command> [options]\n\nDiscrete-event capacity simulator for case backlogs.')
    .command(run)
    .command(validate)
    .command(target)
    .command(compare)
    .command(report)
    .command(app)
    .command(merge)
    .command(sweep)
    .command(prognosis)
    .command(monitor)
    .command(backtest)
    .command(calibrate)
    .command(uncertainty)
    .command(score)
    .demandCommand(
      1,
      'Name a command: run, validate, compare, report, app, target, sweep, merge, backtest, calibrate, uncertainty, score, prognosis or monitor (see --help)',
    )
    .strict()
    .middleware(rejectRepeatedFlags)
    .middleware(noteWorkersAboveCores)
    .version(caseloadVersion())
    .help()
    .alias('h', 'help')
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      throw new UsageError(message);
    });
}

/** Flags that take several values; every other flag given twice is a mistake, not "the last one wins". */
const REPEATABLE = new Set(['_', '$0', 'set', 'fit', 'options', 'shards', 'io']);

function rejectRepeatedFlags(argv: Record<string, unknown>): void {
  const issues = Object.entries(argv)
    .filter(([key, value]) => Array.isArray(value) && !REPEATABLE.has(key) && !key.includes('-'))
    .map(([key, value]) =>
      issueAt(
        `--${key}`,
        '',
        `is given ${(value as unknown[]).length} times (${(value as unknown[]).map(String).join(', ')})`,
        'give it once',
      ),
    );
  if (issues.length > 0) throw new InputError(issues);
}

/**
 * `--workers N` above the cores of this machine: the run starts no more
 * threads than the cores (threadsFor: more only cost memory), and says so on
 * stderr unless --quiet. A bad value is left to the command, which reports it.
 */
function noteWorkersAboveCores(argv: Record<string, unknown>): void {
  if (argv['workers'] === undefined || argv['quiet'] === true) return;
  const issues: InputIssue[] = [];
  const requested = workersFlag(argv['workers'], issues);
  const used = threadsFor(requested);
  if (issues.length === 0 && used < requested)
    (argv['io'] as CliIo).err(`caseload: --workers ${requested}: using ${used}, the cores this machine has\n`);
}

/**
 * Runs the command line and returns the exit code: 0 on success, 2 for a
 * problem with the input (printed as `file:line:col: field: problem (allowed)`),
 * 1 for an internal error. However it ends, the command's claims on its
 * output files end with it (see releaseClaims).
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildCli().parseAsync([...args], { io });
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      for (const issue of error.issues) io.err(`${formatIssue(inFlagWords(issue))}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.err(`caseload: ${error.message}\nRun "caseload --help" for the commands and their options.\n`);
      return 2;
    }
    const detail = process.env['CASELOAD_DEBUG'] === '1' && error instanceof Error ? `\n${error.stack ?? ''}` : '';
    io.err(
      `caseload: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\nPlease report this with the command you ran (set CASELOAD_DEBUG=1 for details).\n`,
    );
    return 1;
  } finally {
    releaseClaims();
  }
}
