import type { ArgumentsCamelCase, Argv } from 'yargs';
import { findTarget } from '../experiment/find-target.js';
import type { TargetRequest } from '../experiment/find-target.js';
import { formatTarget } from '../io/format-target.js';
import { formatNumber } from '../io/format-number.js';
import { formatProbability } from '../io/format-probability.js';
import { InputError } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { reportScenarioWarnings, STRICT_OPTION } from './warnings.js';
import { countFlag, numericFlag, workersFlag } from './options.js';

export const command = 'target <scenario>';
export const describe =
  'Find the smallest capacity (or other lever) that reaches a backlog by a date with a confidence';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', { type: 'string', describe: 'Scenario file (.yaml, .yml or .json)', demandOption: true })
    .option('backlog', {
      type: 'string',
      describe: "Total backlog to reach or go below (default: the scenario's target)",
    })
    .option('by', {
      type: 'string',
      describe:
        "Date YYYY-MM-DD: the end of the last whole week on or before it counts (default: the scenario's target)",
    })
    .option('confidence', {
      type: 'string',
      describe: 'Probability to reach, between 0 and 1',
      defaultDescription: '0.9',
    })
    .option('lever', {
      type: 'string',
      describe:
        'What to vary: perWeek (decisions a week, replacing the capacity), fte (staff FTE) or a field path such as lanes.regular.hoursPerDecision',
      defaultDescription: 'perWeek',
    })
    .option('step', {
      type: 'string',
      describe: 'Grid step of the lever (a whole number for a whole-number field)',
      defaultDescription: '1',
    })
    .option('max', {
      type: 'string',
      describe: 'Highest lever value to try',
      defaultDescription: "100 x the scenario's value",
    })
    .option('reps', { type: 'string', describe: "Replications per evaluation (default: the scenario's, else 1000)" })
    .option('seed', {
      type: 'string',
      describe: "Master seed, the same for every evaluation (default: the scenario's, else 1)",
    })
    .option('uncertainty', {
      type: 'boolean',
      default: true,
      describe:
        "With --no-uncertainty: leave out the scenario's uncertainty: block (inflow level and capacity as planned, known exactly)",
    })
    .option('workers', {
      type: 'string',
      describe: "Worker threads for each evaluation's replications",
      defaultDescription: 'the number of cores',
    })
    .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON on stdout, nothing else' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
    .option('strict', STRICT_OPTION)
    .example(
      '$0 target scenarios/baseline-2024.yaml --backlog 1100 --by 2024-12-31 --confidence 0.9',
      'decisions a week for 1,100 by the end of 2024',
    );
}

/** What `caseload target` needs, resolved from the command line. */
export interface TargetCommandOptions extends TargetRequest {
  readonly json: boolean;
  readonly quiet: boolean;
  /** Make the scenario's plausibility warnings errors. */
  readonly strict?: boolean;
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const issues: InputIssue[] = [];
  const options: TargetCommandOptions = {
    file: String(argv.scenario),
    lever: typeof argv.lever === 'string' ? argv.lever : undefined,
    backlog: countFlag(argv.backlog, '--backlog', issues),
    date: argv.by === undefined ? undefined : String(argv.by).trim(),
    confidence: numericFlag(argv.confidence, '--confidence', issues),
    step: numericFlag(argv.step, '--step', issues),
    max: numericFlag(argv.max, '--max', issues),
    replications: countFlag(argv.reps, '--reps', issues),
    seed: countFlag(argv.seed, '--seed', issues),
    uncertainty: argv.uncertainty === false ? false : undefined,
    workers: workersFlag(argv.workers, issues),
    json: argv.json === true,
    quiet: argv.quiet === true,
    strict: argv.strict === true,
  };
  if (issues.length > 0) throw new InputError(issues);
  await targetCommand(options, argv.io as CliIo);
}

export async function targetCommand(options: TargetCommandOptions, io: CliIo): Promise<void> {
  const note = noter(io, options.quiet);
  const lever = options.lever ?? 'perWeek';
  const { replications, seed, uncertainty } = options;
  await reportScenarioWarnings(options.file, { replications, seed, uncertainty }, io, options.strict === true);
  const started = Date.now();
  // Announced with the first evaluation: a bad flag or scenario is reported before any note.
  let announced = false;
  const found = await findTarget({
    ...options,
    onEvaluation: (e) => {
      if (!announced)
        note(`caseload: searching ${lever} in ${options.file}, one full run per value, the same seed every time`);
      announced = true;
      note(
        `caseload:   ${lever} ${String(e.value)}: probability ${formatProbability(e.probability, e.probabilityInterval)}`,
      );
    },
  });
  if (!found.ok) throw new InputError(found.issues);
  note(
    `caseload: ${found.value.evaluations.length} evaluations of ${formatNumber(found.value.reps)} replications in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  io.out(options.json ? `${JSON.stringify(found.value, null, 2)}\n` : formatTarget(found.value));
}
