import type { ArgumentsCamelCase, Argv } from 'yargs';
import { loadSweep, runSweepPlans, sweepResult } from '../experiment/run-sweep.js';
import type { SweepJob, SweepResult, SweepRow } from '../experiment/run-sweep.js';
import { parseSweepGrid } from '../experiment/sweep-grid.js';
import type { SweepGrid } from '../experiment/sweep-grid.js';
import { formatNumber } from '../io/format-number.js';
import { packPlans, shardFileName } from '../io/shard-file.js';
import type { PackedPlan } from '../io/shard-file.js';
import { formatSweepTable, sweepCsv } from '../io/sweep-outputs.js';
import { InputError, issueAt, printable } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { planShard, wholeJob } from '../job/job.js';
import { checkOutputFile } from './output-guard.js';
import { claimOutputs, inDirectory, scenarioFileInputs, writeOutputs } from './claim-outputs.js';
import { checkBudget, FORCE_WRITE_OPTION } from './budget.js';
import { estimateJob } from '../job/estimate.js';
import type { ResolvedShard } from './shard-auto.js';
import { checkShardOut, writeShard } from './shard-output.js';
import {
  CSV_DIALECT_OPTION,
  countFlag,
  csvDialectFlag,
  SHARD_COUNT_OPTION,
  shardFlag,
  workersFlag,
} from './options.js';
import type { CsvDialect } from '../io/to-csv.js';
import { caseloadVersion } from './version.js';
import { progressBar } from './progress.js';
import { reportWarnings, STRICT_OPTION, warningsJson } from './warnings.js';

export const command = 'sweep <scenario>';
export const describe = 'Run a scenario for every combination of settings (same seed) and compare them';

export function builder(yargs: Argv) {
  return (
    yargs
      // `--set a=1 file.yaml` must leave the file to the positional: one value per --set.
      .parserConfiguration({ 'greedy-arrays': false })
      .positional('scenario', { type: 'string', describe: 'Scenario file (.yaml, .yml or .json)', demandOption: true })
      .option('set', {
        type: 'string',
        array: true,
        describe: 'A field and its values: path=20,25,30 or path=28..40:2 (from..to:step) or both; repeat for a grid',
      })
      .option('reps', { type: 'string', describe: "Replications per combination (default: the scenario's, else 1000)" })
      .option('seed', {
        type: 'string',
        describe: "Master seed, the same for every combination (default: the scenario's, else 1)",
      })
      .option('uncertainty', {
        type: 'boolean',
        default: true,
        describe:
          "With --no-uncertainty: leave out the scenario's uncertainty: block (inflow level and capacity as planned, known exactly)",
      })
      .option('workers', {
        type: 'string',
        describe: "Worker threads for each combination's replications",
        defaultDescription: 'the number of cores',
      })
      .option('out', {
        type: 'string',
        describe: 'CSV file to write, one row per combination (with --shard: a directory)',
      })
      .option('shard', {
        type: 'string',
        describe:
          'Run only the K-th of N slices of the combinations (K/N, or auto: from a Slurm array, a Kubernetes Indexed Job or CASELOAD_SHARD) and write it to the directory --out for caseload merge',
      })
      .option('shard-count', SHARD_COUNT_OPTION)
      .option('csv-dialect', CSV_DIALECT_OPTION)
      .option('force', FORCE_WRITE_OPTION)
      .option('json', { type: 'boolean', default: false, describe: 'Print the sweep as JSON on stdout, nothing else' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
      .option('strict', STRICT_OPTION)
      .example(
        '$0 sweep scenarios/baseline-2024.yaml --set capacity.perWeek=28..40:2 --set inflow.meanPerWeek=20,25,30',
        'a 7 x 3 grid',
      )
  );
}

/** What `caseload sweep` needs, resolved from the command line. */
export interface SweepCommandOptions {
  readonly scenario: string;
  readonly grid: SweepGrid;
  readonly replications?: number;
  readonly seed?: number;
  /** false: leave out the scenario's uncertainty: block. */
  readonly uncertainty?: false;
  readonly workers: number;
  /** Run only shard K of N of the combinations, into the directory `out`. */
  readonly shard: ResolvedShard | null;
  readonly out: string | null;
  /** The dialect of the CSV file written to `out`; rfc4180 when absent. */
  readonly csvDialect?: CsvDialect;
  readonly json: boolean;
  readonly quiet: boolean;
  /** Make the plausibility warnings of the scenario and its combinations errors. */
  readonly strict?: boolean;
  /** Run beyond the memory and time budget. */
  readonly force?: boolean;
  /** The progress bar's clock in milliseconds (tests); default Date.now. */
  readonly now?: () => number;
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const issues: InputIssue[] = [];
  const set = argv.set === undefined ? [] : [argv.set].flat().map(String);
  const grid = parseSweepGrid(set);
  if (!grid.ok) issues.push(...grid.issues);
  const out = typeof argv.out === 'string' ? argv.out : null;
  const replications = countFlag(argv.reps, '--reps', issues);
  const seed = countFlag(argv.seed, '--seed', issues);
  const workers = workersFlag(argv.workers, issues);
  const shard = shardFlag(argv, (argv.io as CliIo).env, issues);
  const csvDialect = csvDialectFlag(
    argv.csvDialect,
    out !== null && shard === null,
    shard === null ? 'with --out FILE.csv' : 'give it to caseload merge, which writes the CSV file of a sharded sweep',
    issues,
  );
  if (out !== null && shard === null) issues.push(...outIssues(out));
  if (out !== null && shard === null && issues.length === 0)
    await checkOutputFile(out, argv.force === true, '--out', issues, await scenarioFileInputs(String(argv.scenario)));
  await checkShardOut(shard, out, argv.force === true, issues);
  if (issues.length > 0 || !grid.ok) throw new InputError(issues);
  const options: SweepCommandOptions = {
    scenario: String(argv.scenario),
    grid: grid.value,
    replications,
    seed,
    uncertainty: argv.uncertainty === false ? false : undefined,
    workers,
    shard,
    out,
    csvDialect,
    json: argv.json === true,
    quiet: argv.quiet === true,
    strict: argv.strict === true,
    force: argv.force === true,
  };
  await sweepCommand(options, argv.io as CliIo);
}

export async function sweepCommand(options: SweepCommandOptions, io: CliIo): Promise<void> {
  const note = noter(io, options.quiet);
  const started = Date.now();
  const parameters = options.grid.parameters;
  const swept = parameters.map((p) => `${p.path} (${p.values.length})`).join(' x ');
  if (options.grid.size >= 1000)
    note(`caseload: checking ${formatNumber(options.grid.size)} combinations before running any`);
  const loaded = await loadSweep(options.scenario, options.grid, options);
  if (!loaded.ok) throw new InputError(loaded.issues);
  const { warnings, ...sweep } = loaded.value;
  reportWarnings(warnings, io, options.strict === true);
  const { shard } = options;
  if (options.out !== null) {
    const destinations =
      shard === null
        ? [{ path: options.out, flag: '--out' }]
        : inDirectory(options.out, [shardFileName(shard.index, shard.count)]);
    await claimOutputs(destinations, await scenarioFileInputs(options.scenario), note);
  }
  const part = shard === null ? wholeJob(sweep.job) : planShard(sweep.job, shard.index, shard.count);
  // One combination at a time: memory is the largest's, time all of theirs.
  checkBudget(
    estimateJob(sweep.job, part, options.workers, { onePlanAtATime: true }),
    {
      force: options.force === true,
      quiet: options.quiet,
      what: shard === null ? 'this sweep' : 'this shard',
      fewer: 'fewer --reps or combinations',
    },
    io,
  );
  let bar: ReturnType<typeof progressBar> | null = null;
  // A note while the bar is drawn: clear the bar's line first, so that the two do not overwrite each other.
  const noteAboveBar = (text: string) => {
    (bar as ReturnType<typeof progressBar> | null)?.clear();
    note(text);
  };
  const rows: SweepRow[] = [];
  const plans: PackedPlan[] = [];
  const run = {
    workers: options.workers,
    onProgress: (done: number) => bar?.update(done),
    onStart: (_: SweepJob, combinations: number) => {
      bar = progressBar(io, combinations * sweep.job.replications, options);
      const slice = shard === null ? '' : ` (shard ${shard.index} of ${shard.count})`;
      noteAboveBar(
        `caseload: ${printable(sweep.scenario)}: ${formatNumber(combinations)} combinations of ${swept}${slice}, ${formatNumber(sweep.job.replications)} replications each, seed ${sweep.job.seed}`,
      );
    },
    onRow: (row: SweepRow, index: number, combinations: number, seconds: number) => {
      const settings = parameters.map((p) => `${p.path}=${String(row.values[p.path])}`).join(' ');
      noteAboveBar(
        `caseload: [${index + 1}/${combinations}] ${settings}: end backlog mean ${formatNumber(row.summary.endBacklog.total.mean)} (${seconds.toFixed(1)} s)`,
      );
    },
  };
  // Locally a row per combination; for a shard, each combination's tallies, packed as it finishes.
  await runSweepPlans(sweep, part, run, (tallies, row) =>
    shard === null ? rows.push(row) : plans.push(...packPlans(tallies.toData())),
  );
  (bar as ReturnType<typeof progressBar> | null)?.finish();
  note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (shard !== null) {
    const { job, ...rest } = sweep;
    const context = { command: 'sweep', file: options.scenario, sweep: rest } as const;
    await writeShard(shard, options.out!, { job, part, context, plans }, options.json, io);
    return;
  }
  await emitSweep(
    sweepResult(sweep, rows),
    options.scenario,
    { ...options, csv: options.out, csvDialect: options.csvDialect ?? 'rfc4180', warnings },
    io,
  );
}

/** What `sweep` and `merge` of a sweep's shards do with the result: write the CSV file (when asked) and print it. */
export async function emitSweep(
  result: SweepResult,
  file: string,
  options: {
    readonly csv: string | null;
    readonly csvDialect: CsvDialect;
    readonly json: boolean;
    readonly quiet: boolean;
    /** The plausibility warnings, for the JSON; none after merge (a shard does not carry them). */
    readonly warnings?: readonly InputIssue[];
  },
  io: CliIo,
): Promise<void> {
  if (options.csv !== null) {
    const about = {
      caseloadVersion: caseloadVersion(),
      scenario: result.scenario,
      file,
      seed: result.seed,
      replications: result.reps,
    };
    await writeOutputs([{ path: options.csv, text: sweepCsv(result, options.csvDialect, about), flag: '--out' }]);
    noter(io, options.quiet)(`caseload: wrote ${options.csv}`);
  }
  io.out(
    options.json
      ? `${JSON.stringify({ ...result, ...warningsJson(options.warnings ?? []) }, null, 2)}\n`
      : formatSweepTable(result, file),
  );
}

/** Problems with `--out` found before any run: it names one .csv file (checkOutputFile does the rest). */
function outIssues(out: string): InputIssue[] {
  if (out.trim() === '') return [issueAt('--out', '', 'must name a file, got an empty string', 'a .csv file')];
  if (!out.toLowerCase().endsWith('.csv')) {
    return [
      issueAt(
        '--out',
        '',
        `must name a .csv file, got "${out}"`,
        'a file such as sweep.csv; unlike run, sweep writes one file, not a directory',
      ),
    ];
  }
  return [];
}
