import type { ArgumentsCamelCase, Argv } from 'yargs';
import { formatMonitor } from '../io/format-monitor.js';
import { MONITOR_FILES, monitorCsv, monitorJson, reforecastCsv } from '../io/monitor-outputs.js';
import { reforecastView } from '../io/reforecast-view.js';
import type { CsvDialect } from '../io/to-csv.js';
import { estimateJob } from '../job/estimate.js';
import { singleRun, wholeJob } from '../job/job.js';
import { parseActualsCsv } from '../monitor/actuals.js';
import type { Actuals } from '../monitor/actuals.js';
import { conservationWarning } from '../monitor/conservation.js';
import { monitorActuals } from '../monitor/monitor-actuals.js';
import type { ReforecastView } from '../monitor/monitor-actuals.js';
import { parseBacklogAgesCsv } from '../monitor/backlog-ages.js';
import { reforecast } from '../monitor/reforecast.js';
import { reforecastScenario } from '../monitor/reforecast-scenario.js';
import type { ReforecastSetup } from '../monitor/reforecast-scenario.js';
import { reforecastStart } from '../monitor/reforecast-start.js';
import { InputError, issueAt, printable } from '../scenario/errors.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { loadScenario, readText } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { weekEndDate } from '../time/weeks.js';
import { checkBudget, FORCE_WRITE_OPTION } from './budget.js';
import { claimOutputs, inDirectory, scenarioFileInputs, scenarioInputs, writeOutputs } from './claim-outputs.js';
import type { Destination } from './claim-outputs.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { CSV_DIALECT_OPTION, countFlag, csvDialectFlag, numericFlag, workersFlag } from './options.js';
import { checkOutputDir, checkOutputFile } from './output-guard.js';
import { progressBar } from './progress.js';
import { caseloadVersion } from './version.js';
import { reportWarnings, STRICT_OPTION, warningsJson } from './warnings.js';
import { monitorReportHtml } from './write-monitor-report.js';

export const command = 'monitor <scenario>';
export const describe = 'Set the actual inflow, decisions and backlog to date beside the plan: band, status and drift';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', { type: 'string', describe: 'The scenario of the plan', demandOption: true })
    .option('actuals', {
      type: 'string',
      describe: 'CSV of the actual figures by week or month: date, and any of inflow, decisions, backlog (or per lane)',
      demandOption: true,
    })
    .option('period', {
      type: 'string',
      describe: "Read the actuals' dates as weeks or as months (week or month)",
      defaultDescription: 'from the dates',
    })
    .option('reps', { type: 'string', describe: "Replications (default: the scenario's)" })
    .option('seed', { type: 'string', describe: "Master seed (default: the scenario's)" })
    .option('horizon', { type: 'string', describe: "Weeks to simulate (default: the scenario's horizonWeeks)" })
    .option('uncertainty', {
      type: 'boolean',
      default: true,
      describe:
        "With --no-uncertainty: leave out the scenario's uncertainty: block, so that the bands hold only the weekly luck of the draws around the plan",
    })
    .option('workers', {
      type: 'string',
      describe: 'Worker threads (the result is the same for any number)',
      defaultDescription: 'the number of cores',
    })
    .option('reforecast', {
      type: 'boolean',
      default: true,
      describe:
        'Re-forecast from the last actual date: the band to the end of the horizon, the chance of the target and the capacity it needs (--no-reforecast: the comparison alone)',
    })
    .option('learn', {
      type: 'string',
      describe:
        'Re-estimate the inflow level and the capacity from the last N weeks of actuals (--learn alone: 13), with the uncertainty of the estimate',
      defaultDescription: "the plan's inflow and capacity",
    })
    .option('backlog-ages', {
      type: 'string',
      describe:
        'CSV of the open cases by arrival month (or week) on the last actual date: date, then a column per lane; replaces the first-in-first-out ages of those lanes',
    })
    .option('confidence', {
      type: 'string',
      describe: "The re-forecast's capacity search: the probability of the target to reach, between 0 and 1",
      defaultDescription: '0.9',
    })
    .option('lever', {
      type: 'string',
      describe: "The re-forecast's capacity search: perWeek (decisions a week) or fte (staff FTE)",
      defaultDescription: 'perWeek',
    })
    .option('capacity-search', {
      type: 'boolean',
      default: true,
      describe: 'With --no-capacity-search: the re-forecast without the search of the capacity the target needs',
    })
    .option('out', { type: 'string', describe: 'Directory to write monitor.csv (and reforecast.csv) into' })
    .option('csv-dialect', CSV_DIALECT_OPTION)
    .option('report', {
      type: 'string',
      describe: "Also write an HTML page: the plan's backlog fan with the actuals drawn on it",
    })
    .option('force', FORCE_WRITE_OPTION)
    .option('strict', STRICT_OPTION)
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the comparison as JSON on stdout, nothing else',
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' });
}

/** What `caseload monitor` needs, resolved from the command line. */
export interface MonitorCommandOptions {
  readonly scenario: string;
  readonly actuals: string;
  /** How the actuals' dates are read; from the dates when absent. */
  readonly period?: 'week' | 'month';
  readonly replications?: number;
  readonly seed?: number;
  readonly horizonWeeks?: number;
  /** false: leave out the scenario's uncertainty: block. */
  readonly uncertainty?: false;
  readonly workers: number;
  /** false: the comparison alone, no re-forecast. */
  readonly reforecast?: boolean;
  /** Weeks of actuals the re-forecast learns the inflow level and capacity from; absent: the plan's. */
  readonly learnWeeks?: number;
  /** A backlog-by-age CSV for the re-forecast's start. */
  readonly backlogAges?: string;
  /** The capacity search of the re-forecast: its confidence (0.9), lever (perWeek), and false to skip it. */
  readonly confidence?: number;
  readonly lever?: 'perWeek' | 'fte';
  readonly capacitySearch?: boolean;
  readonly out: string | null;
  readonly csvDialect?: CsvDialect;
  readonly report: string | null;
  readonly force?: boolean;
  readonly strict?: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const issues: InputIssue[] = [];
  const options: MonitorCommandOptions = {
    scenario: String(argv.scenario),
    actuals: String(argv.actuals),
    period: periodFlag(argv.period, issues),
    replications: countFlag(argv.reps, '--reps', issues),
    seed: countFlag(argv.seed, '--seed', issues),
    horizonWeeks: countFlag(argv.horizon, '--horizon', issues),
    uncertainty: argv.uncertainty === false ? false : undefined,
    workers: workersFlag(argv.workers, issues),
    reforecast: argv.reforecast !== false,
    learnWeeks: learnFlag(argv.learn, issues),
    backlogAges: typeof argv.backlogAges === 'string' ? argv.backlogAges : undefined,
    confidence: confidenceFlag(argv.confidence, issues),
    lever: leverFlag(argv.lever, issues),
    capacitySearch: argv.capacitySearch !== false,
    out: typeof argv.out === 'string' ? argv.out : null,
    csvDialect: csvDialectFlag(argv.csvDialect, typeof argv.out === 'string', 'with --out DIR', issues),
    report: typeof argv.report === 'string' ? argv.report : null,
    force: argv.force === true,
    strict: argv.strict === true,
    json: argv.json === true,
    quiet: argv.quiet === true,
  };
  if (options.reforecast === false)
    for (const [flag, value] of [
      ['--learn', argv.learn],
      ['--backlog-ages', argv.backlogAges],
      ['--confidence', argv.confidence],
      ['--lever', argv.lever],
    ] as const)
      if (value !== undefined)
        issues.push(
          issueAt(
            flag,
            '',
            'is an option of the re-forecast, and --no-reforecast leaves it out',
            `${flag} without --no-reforecast`,
          ),
        );
  const given = [
    ...(await scenarioFileInputs(options.scenario)),
    options.actuals,
    ...(options.backlogAges === undefined ? [] : [options.backlogAges]),
  ];
  if (options.out !== null)
    await checkOutputDir(options.out, MONITOR_FILES, options.force === true, '--out', issues, given);
  if (options.report !== null) await checkOutputFile(options.report, options.force === true, '--report', issues, given);
  if (issues.length > 0) throw new InputError(issues);
  await monitorCommand(options, argv.io as CliIo);
}

/** `--learn [N]`: N weeks (1 to 520), 13 when given alone; undefined when absent. */
function learnFlag(value: unknown, issues: InputIssue[]): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === '' || value === true) return DEFAULT_LEARN_WEEKS;
  const weeks = countFlag(value, '--learn', issues);
  if (weeks === undefined) return undefined;
  if (weeks < 1 || weeks > 520) {
    issues.push(
      issueAt(
        '--learn',
        '',
        `must be 1 to 520 weeks, got ${weeks}`,
        `a number of weeks, or --learn alone for ${DEFAULT_LEARN_WEEKS}`,
      ),
    );
    return undefined;
  }
  return weeks;
}

/** The weeks `--learn` alone learns from: a quarter. */
export const DEFAULT_LEARN_WEEKS = 13;

/** `--confidence P`, strictly between 0 and 1; undefined when absent. */
function confidenceFlag(value: unknown, issues: InputIssue[]): number | undefined {
  const confidence = numericFlag(value, '--confidence', issues);
  if (confidence === undefined || (confidence > 0 && confidence < 1)) return confidence;
  issues.push(
    issueAt('--confidence', '', `must be between 0 and 1, got ${String(value)}`, 'a probability such as 0.9'),
  );
  return undefined;
}

/** `--lever perWeek|fte`; undefined when absent. */
function leverFlag(value: unknown, issues: InputIssue[]): 'perWeek' | 'fte' | undefined {
  if (value === undefined) return undefined;
  if (value === 'perWeek' || value === 'fte') return value;
  issues.push(
    issueAt(
      '--lever',
      '',
      `must be perWeek or fte, got "${String(value)}"`,
      'perWeek (decisions a week) or fte (staff FTE)',
    ),
  );
  return undefined;
}

/** `--period week|month` (any case): undefined when absent; an issue for another value. */
function periodFlag(value: unknown, issues: InputIssue[]): 'week' | 'month' | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().toLowerCase();
  if (text === 'week' || text === 'month') return text;
  issues.push(issueAt('--period', '', `must be week or month, got "${String(value)}"`, 'week or month'));
  return undefined;
}

export async function monitorCommand(options: MonitorCommandOptions, io: CliIo): Promise<void> {
  const note = noter(io, options.quiet);
  const loaded = await loadScenario(options.scenario, {
    replications: options.replications,
    seed: options.seed,
    horizonWeeks: options.horizonWeeks,
    uncertainty: options.uncertainty,
  });
  if (!loaded.ok) throw new InputError(loaded.issues);
  reportWarnings(loaded.value.warnings, io, options.strict === true);
  const { scenario } = loaded.value;
  const actuals = await readActuals(options.actuals, scenario, options.period);
  const setup = options.reforecast === false ? null : await reforecastSetup(scenario, actuals, options, note);
  await claimOutputs(
    monitorDestinations(options, setup !== null),
    [
      ...scenarioInputs([loaded.value]),
      options.actuals,
      ...(options.backlogAges === undefined ? [] : [options.backlogAges]),
    ],
    note,
  );

  const job = singleRun(scenario);
  checkBudget(
    estimateJob(job, wholeJob(job), options.workers),
    { force: options.force === true, quiet: options.quiet, what: 'this monitor', fewer: 'fewer --reps' },
    io,
  );
  note(
    `caseload: monitor of ${printable(scenario.name)}: ${actuals.periods.length} ${actuals.period}s of actuals against ` +
      `${scenario.replications} replications of the plan, seed ${scenario.seed}`,
  );
  const bar = progressBar(io, scenario.replications, options);
  const run = await monitorActuals(scenario, actuals, { workers: options.workers, onProgress: bar.update });
  bar.finish();
  const breaks = run.result.conservation.map((b) => conservationWarning(actuals.file, b));
  // Data corrections happen: a break is a warning, never an error, --strict or not.
  reportWarnings(breaks, io, false);
  const reforecast = setup === null ? null : await runReforecast(setup, options, io, note);

  const about = {
    caseloadVersion: caseloadVersion(),
    scenario: scenario.name,
    file: options.scenario,
    seed: scenario.seed,
    replications: scenario.replications,
    scenarioHash: loaded.value.hash,
  };
  const files = [
    ...(options.out === null
      ? []
      : [
          {
            ...inDirectory(options.out, ['monitor.csv'])[0]!,
            text: monitorCsv(run.result, options.csvDialect ?? 'rfc4180', about),
          },
          ...(reforecast === null
            ? []
            : [
                {
                  ...inDirectory(options.out, ['reforecast.csv'])[0]!,
                  text: reforecastCsv(reforecast, options.csvDialect ?? 'rfc4180', about),
                },
              ]),
        ]),
    ...(options.report === null
      ? []
      : [
          {
            path: options.report,
            flag: '--report',
            text: monitorReportHtml({
              file: options.scenario,
              loaded: loaded.value,
              run,
              reforecast,
              warnings: [...loaded.value.warnings, ...breaks],
            }),
          },
        ]),
  ];
  await writeOutputs(files);
  if (options.report !== null) note(`caseload: wrote the report to ${options.report}`);
  if (options.out !== null)
    note(`caseload: wrote monitor.csv${reforecast === null ? '' : ' and reforecast.csv'} to ${options.out}`);
  io.out(
    options.json
      ? monitorJson(run.result, {
          reforecast,
          warnings: warningsJson([...loaded.value.warnings, ...breaks]).warnings,
        })
      : formatMonitor(run.result, options.scenario, reforecast),
  );
}

/** The actuals file read and checked against the scenario; every problem an input error with its line and column. */
async function readActuals(file: string, scenario: Scenario, period: 'week' | 'month' | undefined): Promise<Actuals> {
  return readCsvInput(file, 'an actuals CSV file', (text) =>
    parseActualsCsv(text, file, scenario, period === undefined ? {} : { period }),
  );
}

/** A CSV input read and parsed; a file that cannot be read, or any problem in it, an input error. */
async function readCsvInput<T>(file: string, what: string, parse: (text: string) => Checked<T>): Promise<T> {
  const read = await readText(file, 'csv');
  if (!read.ok) throw new InputError([issueAt(file, '', `cannot be read: ${read.reason}`, what)]);
  const parsed = parse(read.text);
  if (!parsed.ok) throw new InputError(parsed.issues);
  return parsed.value;
}

/**
 * The scenario of the re-forecast from the last actual date, with the
 * backlog-by-age file read when given; null, with a note, when the actuals
 * reach the horizon's end and no week is left to re-forecast. Problems with
 * the file or the actuals are input errors, found before anything runs.
 */
async function reforecastSetup(
  scenario: Scenario,
  actuals: Actuals,
  options: MonitorCommandOptions,
  note: (text: string) => void,
): Promise<ReforecastSetup | null> {
  const start = reforecastStart(scenario, actuals);
  if (start > weekEndDate(scenario.start, scenario.horizonWeeks - 1)) {
    note(`caseload: no re-forecast: the actuals reach the end of the horizon (${actuals.periods.at(-1)!.to})`);
    return null;
  }
  const file = options.backlogAges;
  const backlogAges =
    file === undefined
      ? undefined
      : await readCsvInput(file, 'a backlog-by-age CSV file', (text) =>
          parseBacklogAgesCsv(text, file, scenario, start),
        );
  const setup = reforecastScenario(scenario, actuals, {
    learn: options.learnWeeks === undefined ? null : { weeks: options.learnWeeks },
    ...(backlogAges === undefined ? {} : { backlogAges }),
  });
  if (!setup.ok) throw new InputError(setup.issues);
  return setup.value;
}

/** Runs the re-forecast (and its capacity search, unless turned off), with progress on stderr, as the outputs show it. */
async function runReforecast(
  setup: ReforecastSetup,
  options: MonitorCommandOptions,
  io: CliIo,
  note: (text: string) => void,
): Promise<ReforecastView> {
  const search = options.capacitySearch !== false && setup.scenario.target !== undefined;
  note(
    `caseload: re-forecast from ${setup.lastActualDate}: ${setup.horizonWeeks} weeks, ${setup.scenario.replications} replications` +
      (search ? `, then the search of the capacity the target needs (one run per value tried)` : ''),
  );
  const bar = progressBar(io, setup.scenario.replications, options);
  const result = await reforecast(setup, {
    workers: options.workers,
    onProgress: bar.update,
    neededCapacity: search,
    ...(options.confidence === undefined ? {} : { confidence: options.confidence }),
    ...(options.lever === undefined ? {} : { lever: options.lever }),
  });
  bar.finish();
  if (!result.ok) throw new InputError(result.issues);
  return reforecastView(setup, result.value);
}

/** The files a monitor writes: monitor.csv (and reforecast.csv) in `--out DIR` and the `--report`. */
function monitorDestinations(options: MonitorCommandOptions, withReforecast: boolean): Destination[] {
  return [
    ...(options.out === null
      ? []
      : inDirectory(options.out, withReforecast ? MONITOR_FILES : MONITOR_FILES.filter((f) => f !== 'reforecast.csv'))),
    ...(options.report === null ? [] : [{ path: options.report, flag: '--report' }]),
  ];
}
