import type { ArgumentsCamelCase, Argv } from 'yargs';
import { findTarget } from '../experiment/find-target.js';
import type { TargetRequest } from '../experiment/find-target.js';
import { formatTarget } from '../io/format-target.js';
import { formatNumber } from '../io/format-number.js';
import { formatProbability } from '../io/format-probability.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { reportScenarioWarnings, STRICT_OPTION, warningsJson } from './warnings.js';
import { countFlag, numericFlag, workersFlag } from './options.js';

export const command = 'target <scenario>';
export const describe =
  'Find the smallest capacity (or other lever) that reaches a backlog by a date, or a lead time, with a confidence';

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
    .option('lanes', {
      type: 'string',
      describe: 'Lanes the target is about, comma-separated: their backlog together, or the lead time of their cases',
      defaultDescription: 'every lane',
    })
    .option('lead-time', {
      type: 'string',
      describe:
        'A lead-time target instead of a backlog: the --percentile of the lead time (days) of the cases filed from --filed-from to --filed-to is at most this',
    })
    .option('lead-time-p90', {
      type: 'string',
      describe: 'Shorthand for --lead-time DAYS --percentile 90',
    })
    .option('percentile', {
      type: 'string',
      describe: 'The percentile of a lead-time target, between 0 and 100',
      defaultDescription: '90',
    })
    .option('filed-from', {
      type: 'string',
      describe: 'Date YYYY-MM-DD: the first filing week of a lead-time target (before the start: open cases)',
      defaultDescription: 'the start',
    })
    .option('filed-to', {
      type: 'string',
      describe: 'Date YYYY-MM-DD: the last filing week of a lead-time target',
      defaultDescription: 'the last week the horizon follows for the whole lead time',
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
    .option('horizon', { type: 'string', describe: "Weeks to simulate (default: the scenario's)" })
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
    )
    .example(
      '$0 target scenarios/baseline-2024.yaml --lead-time-p90 120 --lanes safe-country --lever fte',
      'FTE for 90% of safe-country cases decided within 120 days',
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
  const leadTime = numericFlag(argv.leadTime, '--lead-time', issues);
  const leadTimeP90 = numericFlag(argv.leadTimeP90, '--lead-time-p90', issues);
  const percentile = numericFlag(argv.percentile, '--percentile', issues);
  if (leadTimeP90 !== undefined && (leadTime !== undefined || percentile !== undefined))
    issues.push(
      issueAt(
        '--lead-time-p90',
        '',
        `is shorthand for --lead-time ${argv.leadTimeP90} --percentile 90, and cannot go with ${leadTime !== undefined ? '--lead-time' : '--percentile'}`,
        'one of --lead-time-p90, or --lead-time with --percentile',
      ),
    );
  const options: TargetCommandOptions = {
    file: String(argv.scenario),
    lever: typeof argv.lever === 'string' ? argv.lever : undefined,
    backlog: countFlag(argv.backlog, '--backlog', issues),
    date: argv.by === undefined ? undefined : String(argv.by).trim(),
    lanes: lanesFlag(argv.lanes, issues),
    leadTimeDays: leadTimeP90 ?? leadTime,
    percentile: leadTimeP90 !== undefined ? 90 : percentile,
    filedFrom: argv.filedFrom === undefined ? undefined : String(argv.filedFrom).trim(),
    filedTo: argv.filedTo === undefined ? undefined : String(argv.filedTo).trim(),
    confidence: numericFlag(argv.confidence, '--confidence', issues),
    step: numericFlag(argv.step, '--step', issues),
    max: numericFlag(argv.max, '--max', issues),
    replications: countFlag(argv.reps, '--reps', issues),
    horizonWeeks: countFlag(argv.horizon, '--horizon', issues),
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

/** --lanes a,b: the names, each trimmed; an empty name is an issue. */
function lanesFlag(value: unknown, issues: InputIssue[]): string[] | undefined {
  if (value === undefined) return undefined;
  const names = String(value)
    .split(',')
    .map((name) => name.trim());
  if (names.some((name) => name === '')) {
    issues.push(
      issueAt('--lanes', '', `has an empty lane name in "${String(value)}"`, 'lane names separated by commas'),
    );
    return undefined;
  }
  return names;
}

export async function targetCommand(options: TargetCommandOptions, io: CliIo): Promise<void> {
  const note = noter(io, options.quiet);
  const lever = options.lever ?? 'perWeek';
  const { replications, seed, uncertainty } = options;
  const warnings = await reportScenarioWarnings(
    options.file,
    { replications, seed, uncertainty },
    io,
    options.strict === true,
  );
  const started = Date.now();
  // Announced with the first evaluation: a bad flag or scenario is reported before any note.
  let announced = false;
  // The request alone: findTarget refuses keys it does not know.
  const { json: _json, quiet: _quiet, strict: _strict, ...request } = options;
  const found = await findTarget({
    ...request,
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
  io.out(
    options.json
      ? `${JSON.stringify({ ...found.value, ...warningsJson(warnings) }, null, 2)}\n`
      : formatTarget(found.value),
  );
}
