import type { ArgumentsCamelCase, Argv } from 'yargs';
import { formatRunSummary } from '../io/format-run-summary.js';
import { runOutputFiles } from '../io/run-outputs.js';
import { writeFilesAtomically } from '../io/write-files-atomically.js';
import { runScenario } from '../run/run-scenario.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { numericFlag, workersFlag } from './options.js';
import { caseloadVersion } from './version.js';

export const command = 'run <scenario>';
export const describe = 'Run a scenario and print the projection of the backlog';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', { type: 'string', describe: 'Scenario file (.yaml, .yml or .json)', demandOption: true })
    .option('reps', { type: 'string', describe: 'Replications (default: the scenario\'s, else 1000)' })
    .option('seed', { type: 'string', describe: 'Master seed, an integer >= 0 (default: the scenario\'s, else 1)' })
    .option('horizon', { type: 'string', describe: 'Weeks to simulate (default: the scenario\'s horizonWeeks)' })
    .option('workers', { type: 'string', describe: 'Worker threads for the replications (the result is the same for any number)', defaultDescription: 'the number of cores' })
    .option('deterministic', { type: 'boolean', default: false, describe: 'Expected values instead of random draws (one path)' })
    .option('out', { type: 'string', describe: 'Directory to write weekly.csv, summary.json and scenario.json into' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout, nothing else' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' });
}

/** What `caseload run` needs, resolved from the command line. */
export interface RunCommandOptions {
  readonly scenario: string;
  readonly replications?: number;
  readonly seed?: number;
  readonly horizonWeeks?: number;
  readonly workers: number;
  readonly deterministic: boolean;
  readonly out: string | null;
  readonly json: boolean;
  readonly quiet: boolean;
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const issues: InputIssue[] = [];
  const options: RunCommandOptions = {
    scenario: String(argv.scenario),
    replications: numericFlag(argv.reps, '--reps', issues),
    seed: numericFlag(argv.seed, '--seed', issues),
    horizonWeeks: numericFlag(argv.horizon, '--horizon', issues),
    workers: workersFlag(argv.workers, issues),
    deterministic: argv.deterministic === true,
    out: typeof argv.out === 'string' ? argv.out : null,
    json: argv.json === true,
    quiet: argv.quiet === true,
  };
  if (options.out !== null && options.out.trim() === '') issues.push(issueAt('--out', '', 'must name a directory, got an empty string'));
  if (issues.length > 0) throw new InputError(issues);
  await runCommand(options, argv.io as CliIo);
}

export async function runCommand(options: RunCommandOptions, io: CliIo): Promise<void> {
  const note = noter(io, options.quiet);
  const loaded = await loadScenario(options.scenario, {
    replications: options.replications,
    seed: options.seed,
    horizonWeeks: options.horizonWeeks,
  });
  if (!loaded.ok) throw new InputError(loaded.issues);
  const { scenario, files, hash } = loaded.value;
  note(
    options.deterministic
      ? `caseload: ${scenario.name}: deterministic run of ${scenario.horizonWeeks} weeks`
      : `caseload: ${scenario.name}: ${scenario.replications} replications of ${scenario.horizonWeeks} weeks, seed ${scenario.seed}`,
  );
  const started = Date.now();
  const result = await runScenario(scenario, { deterministic: options.deterministic, workers: options.workers });
  note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (options.out !== null) {
    const provenance = {
      caseloadVersion: caseloadVersion(),
      scenarioHash: hash,
      files,
      seed: scenario.seed,
      replications: result.summary.reps,
      deterministic: options.deterministic,
    };
    try {
      await writeFilesAtomically(options.out, runOutputFiles(scenario, result.summary, result.weekly, provenance));
    } catch (error) {
      throw new InputError([issueAt('--out', '', `cannot write to "${options.out}": ${(error as Error).message}`, 'a directory you can write to')]);
    }
    note(`caseload: wrote weekly.csv, summary.json and scenario.json to ${options.out}`);
  }
  io.out(options.json ? JSON.stringify(result.summary, null, 2) + '\n' : formatRunSummary(result.summary, options.scenario));
}
