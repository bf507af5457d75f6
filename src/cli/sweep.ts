import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { runSweep } from '../experiment/run-sweep.js';
import { parseSweepGrid } from '../experiment/sweep-grid.js';
import type { SweepGrid } from '../experiment/sweep-grid.js';
import { describeWriteError } from '../io/describe-write-error.js';
import { formatNumber } from '../io/format-number.js';
import { sweepShardFileName, sweepShardJson } from '../io/sweep-shard-file.js';
import { formatSweepTable, sweepCsv } from '../io/sweep-outputs.js';
import { writeFileAtomically } from '../io/write-file-atomically.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { writeOrExplain } from './emit-run-result.js';
import { checkOutputDir, checkOutputFile, FORCE_OPTION } from './output-guard.js';
import { numericFlag, shardFlag, workersFlag } from './options.js';
import { progressBar } from './progress.js';

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
          'Run only the K-th of N slices of the combinations (K/N) and write it to the directory --out for caseload merge',
      })
      .option('force', FORCE_OPTION)
      .option('json', { type: 'boolean', default: false, describe: 'Print the sweep as JSON on stdout, nothing else' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
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
  readonly workers: number;
  /** Run only shard K of N of the combinations, into the directory `out`. */
  readonly shard: { readonly index: number; readonly count: number } | null;
  /** The --set flags as given, recorded in shard files. */
  readonly set: readonly string[];
  readonly out: string | null;
  readonly json: boolean;
  readonly quiet: boolean;
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const issues: InputIssue[] = [];
  const set = argv.set === undefined ? [] : [argv.set].flat().map(String);
  const grid = parseSweepGrid(set);
  if (!grid.ok) issues.push(...grid.issues);
  const out = typeof argv.out === 'string' ? argv.out : null;
  const replications = numericFlag(argv.reps, '--reps', issues);
  const seed = numericFlag(argv.seed, '--seed', issues);
  const workers = workersFlag(argv.workers, issues);
  const shard = shardFlag(argv.shard, issues);
  if (shard !== null && out === null)
    issues.push(issueAt('--shard', '', 'needs --out DIR to write the shard into', '--shard K/N --out DIR'));
  if (out !== null && shard === null) issues.push(...outIssues(out));
  if (out !== null && shard === null && issues.length === 0)
    await checkOutputFile(out, argv.force === true, '--out', issues);
  if (out !== null && shard !== null)
    await checkOutputDir(out, [sweepShardFileName(shard.index, shard.count)], argv.force === true, '--out', issues);
  if (issues.length > 0 || !grid.ok) throw new InputError(issues);
  const options: SweepCommandOptions = {
    scenario: String(argv.scenario),
    grid: grid.value,
    replications,
    seed,
    workers,
    shard,
    set,
    out,
    json: argv.json === true,
    quiet: argv.quiet === true,
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
  let bar: ReturnType<typeof progressBar> | null = null;
  const result = await runSweep(options.scenario, options.grid, {
    replications: options.replications,
    seed: options.seed,
    workers: options.workers,
    shard: options.shard ?? undefined,
    onProgress: (done) => bar?.update(done),
    onStart: (scenario, combinations) => {
      bar = progressBar(io, combinations * scenario.replications, options);
      const slice = options.shard === null ? '' : ` (shard ${options.shard.index} of ${options.shard.count})`;
      note(
        `caseload: ${scenario.name}: ${formatNumber(combinations)} combinations of ${swept}${slice}, ${formatNumber(scenario.replications)} replications each, seed ${scenario.seed}`,
      );
    },
    onRow: (row, index, combinations, seconds) => {
      const settings = parameters.map((p) => `${p.path}=${String(row.values[p.path])}`).join(' ');
      note(
        `caseload: [${index + 1}/${combinations}] ${settings}: end backlog mean ${formatNumber(row.summary.endBacklog.total.mean)} (${seconds.toFixed(1)} s)`,
      );
    },
  });
  (bar as ReturnType<typeof progressBar> | null)?.finish();
  if (!result.ok) throw new InputError(result.issues);
  note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const shard = result.value.shard;
  if (shard !== undefined && options.out !== null) {
    const file = sweepShardFileName(shard.index, shard.count);
    await writeOrExplain(options.out, {
      [file]: sweepShardJson({ scenarioFile: options.scenario, set: options.set, result: { ...result.value, shard } }),
    });
    io.out(
      options.json
        ? `${JSON.stringify({ shard, file: join(options.out, file) }, null, 2)}\n`
        : `wrote sweep shard ${shard.index} of ${shard.count} to ${join(options.out, file)}\n`,
    );
    return;
  }
  if (options.out !== null) {
    try {
      await writeFileAtomically(options.out, sweepCsv(result.value));
    } catch (error) {
      throw new InputError([
        issueAt(
          '--out',
          '',
          `cannot write "${options.out}": ${describeWriteError(error)}`,
          'a .csv file in a directory you can write to',
        ),
      ]);
    }
    note(`caseload: wrote ${options.out}`);
  }
  io.out(
    options.json ? `${JSON.stringify(result.value, null, 2)}\n` : formatSweepTable(result.value, options.scenario),
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
