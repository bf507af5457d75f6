import type { ArgumentsCamelCase, Argv } from 'yargs';
import { packPlans, shardFileName } from '../io/shard-file.js';
import { replicationShard, singleRun, wholeJob } from '../job/job.js';
import { runJob } from '../job/run-job.js';
import { runScenario } from '../run/run-scenario.js';
import { explainedRun } from '../run/explain-uncertainty.js';
import { InputError, issueAt, printable } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { loadScenario } from '../scenario/index.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { emitRunResult } from './emit-run-result.js';
import {
  CSV_DIALECT_OPTION,
  countFlag,
  csvDialectFlag,
  LANG_OPTION,
  langFlag,
  SHARD_COUNT_OPTION,
  shardFlag,
  workersFlag,
} from './options.js';
import type { Lang } from '../i18n/lang.js';
import type { CsvDialect } from '../io/to-csv.js';
import { progressBar } from './progress.js';
import { reportWarnings, STRICT_OPTION } from './warnings.js';
import { caseloadVersion } from './version.js';
import { reportHtml } from './write-report.js';
import { claimOutputs, inDirectory, scenarioFileInputs, scenarioInputs } from './claim-outputs.js';
import type { Destination } from './claim-outputs.js';
import { checkOutputDir, checkOutputFile, RUN_RESULT_FILES } from './output-guard.js';
import { checkBudget, FORCE_WRITE_OPTION } from './budget.js';
import { estimateJob } from '../job/estimate.js';
import type { ResolvedShard } from './shard-auto.js';
import { checkShardOut, writeShard } from './shard-output.js';

export const command = 'run <scenario>';
export const describe = 'Run a scenario and print the projection of the backlog';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', { type: 'string', describe: 'Scenario file (.yaml, .yml or .json)', demandOption: true })
    .option('reps', { type: 'string', describe: "Replications (default: the scenario's, else 1000)" })
    .option('seed', { type: 'string', describe: "Master seed, an integer >= 0 (default: the scenario's, else 1)" })
    .option('uncertainty', {
      type: 'boolean',
      default: true,
      describe:
        "With --no-uncertainty: leave out the scenario's uncertainty: block (inflow level and capacity as planned, known exactly)",
    })
    .option('horizon', { type: 'string', describe: "Weeks to simulate (default: the scenario's horizonWeeks)" })
    .option('workers', {
      type: 'string',
      describe: 'Worker threads for the replications (the result is the same for any number)',
      defaultDescription: 'the number of cores',
    })
    .option('shard', {
      type: 'string',
      describe:
        'Run only the K-th of N slices of the replications (K/N, or auto: from a Slurm array, a Kubernetes Indexed Job or CASELOAD_SHARD) and write it to --out for caseload merge',
    })
    .option('shard-count', SHARD_COUNT_OPTION)
    .option('deterministic', {
      type: 'boolean',
      default: false,
      describe: 'Expected values instead of random draws (one path)',
    })
    .option('out', {
      type: 'string',
      describe: 'Directory to write weekly.csv, prognosis.csv, summary.json and scenario.json into',
    })
    .option('csv-dialect', CSV_DIALECT_OPTION)
    .option('report', { type: 'string', describe: 'Also write a self-contained HTML report with charts to this file' })
    .option('lang', LANG_OPTION)
    .option('force', FORCE_WRITE_OPTION)
    .option('strict', STRICT_OPTION)
    .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout, nothing else' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' });
}

/** What `caseload run` needs, resolved from the command line. */
export interface RunCommandOptions {
  readonly scenario: string;
  readonly replications?: number;
  readonly seed?: number;
  readonly horizonWeeks?: number;
  /** false: leave out the scenario's uncertainty: block. */
  readonly uncertainty?: false;
  readonly workers: number;
  /** Run only shard K of N (1-based) and write it to `out`. */
  readonly shard: ResolvedShard | null;
  readonly deterministic: boolean;
  readonly out: string | null;
  /** The dialect of the CSV files written to `out`; rfc4180 when absent. */
  readonly csvDialect?: CsvDialect;
  /** The HTML report to write; null for none. */
  readonly report: string | null;
  /** The language of the HTML report; English when absent. */
  readonly reportLang?: Lang;
  /** Replace an earlier result in `out` and `report`, and run beyond the memory and time budget. */
  readonly force?: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
  /** Make the scenario's plausibility warnings errors. */
  readonly strict?: boolean;
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const issues: InputIssue[] = [];
  const options: RunCommandOptions = {
    scenario: String(argv.scenario),
    replications: countFlag(argv.reps, '--reps', issues),
    seed: countFlag(argv.seed, '--seed', issues),
    horizonWeeks: countFlag(argv.horizon, '--horizon', issues),
    uncertainty: argv.uncertainty === false ? false : undefined,
    workers: workersFlag(argv.workers, issues),
    shard: shardFlag(argv, (argv.io as CliIo).env, issues),
    deterministic: argv.deterministic === true,
    out: typeof argv.out === 'string' ? argv.out : null,
    csvDialect: csvDialectFlag(
      argv.csvDialect,
      typeof argv.out === 'string' && argv.shard === undefined,
      argv.shard === undefined
        ? 'with --out DIR'
        : 'give it to caseload merge, which writes the CSV files of a sharded run',
      issues,
    ),
    report: typeof argv.report === 'string' ? argv.report : null,
    reportLang: langFlag(argv.lang, typeof argv.report === 'string', 'with --report FILE', issues),
    force: argv.force === true,
    json: argv.json === true,
    quiet: argv.quiet === true,
    strict: argv.strict === true,
  };
  const given = await scenarioFileInputs(options.scenario);
  if (options.out !== null && options.shard === null)
    await checkOutputDir(options.out, RUN_RESULT_FILES, options.force === true, '--out', issues, given);
  await checkShardOut(options.shard, options.out, options.force === true, issues);
  if (options.shard !== null && options.deterministic)
    issues.push(issueAt('--shard', '', 'cannot be combined with --deterministic (one path has nothing to split)'));
  if (options.shard !== null && options.report !== null)
    issues.push(
      issueAt(
        '--report',
        '',
        'cannot be combined with --shard (a shard holds part of the replications)',
        'caseload merge, then run without --shard',
      ),
    );
  if (options.report !== null) await checkOutputFile(options.report, options.force === true, '--report', issues, given);
  if (issues.length > 0) throw new InputError(issues);
  await runCommand(options, argv.io as CliIo);
}

export async function runCommand(options: RunCommandOptions, io: CliIo): Promise<void> {
  const note = noter(io, options.quiet);
  const loaded = await loadScenario(options.scenario, {
    replications: options.replications,
    seed: options.seed,
    horizonWeeks: options.horizonWeeks,
    uncertainty: options.uncertainty,
  });
  if (!loaded.ok) throw new InputError(loaded.issues);
  reportWarnings(loaded.value.warnings, io, options.strict === true);
  await claimOutputs(runDestinations(options), scenarioInputs([loaded.value]), note);
  const { scenario, files, hash } = loaded.value;
  const provenance = (replications: number) => ({
    caseloadVersion: caseloadVersion(),
    scenarioHash: hash,
    files,
    seed: scenario.seed,
    replications,
    deterministic: options.deterministic,
  });
  const started = Date.now();

  if (options.shard !== null) {
    // With an uncertainty block, the plans that explain the band ride along, so that merge gives the whole result.
    const job = explainedRun(scenario);
    const part = replicationShard(job, options.shard.index, options.shard.count);
    checkBudget(estimateJob(job, part, options.workers), budgetOptions(options, 'this shard'), io);
    note(
      `caseload: ${printable(scenario.name)}: shard ${options.shard.index} of ${options.shard.count}, replications ` +
        `${part.firstReplication} to ${part.firstReplication + part.replications - 1} of ${job.replications}, ` +
        `seed ${job.seed}`,
    );
    const bar = progressBar(io, part.replications, options);
    const tallies = await runJob(job, part, { workers: options.workers, onProgress: bar.update });
    bar.finish();
    note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const context = { command: 'run', label: options.scenario, provenance: provenance(job.replications) } as const;
    await writeShard(
      options.shard,
      options.out!,
      { job, part, context, plans: packPlans(tallies.toData()) },
      options.json,
      io,
    );
    return;
  }

  // The expected-value path costs what one replication of the plan does.
  const job = options.deterministic ? { ...singleRun(scenario), replications: 1 } : explainedRun(scenario);
  checkBudget(estimateJob(job, wholeJob(job), options.workers), budgetOptions(options, 'this run'), io);
  note(
    options.deterministic
      ? `caseload: ${printable(scenario.name)}: deterministic run of ${scenario.horizonWeeks} weeks`
      : `caseload: ${printable(scenario.name)}: ${scenario.replications} replications of ${scenario.horizonWeeks} weeks, seed ${scenario.seed}`,
  );
  const bar = progressBar(io, scenario.replications, options);
  const result = await runScenario(scenario, {
    deterministic: options.deterministic,
    workers: options.workers,
    onProgress: bar.update,
  });
  bar.finish();
  note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const reportFile =
    options.report === null
      ? undefined
      : {
          path: options.report,
          text: await reportHtml({
            file: options.scenario,
            loaded: loaded.value,
            run: { scenario, ...result },
            provenance: provenance(result.summary.reps),
            lang: options.reportLang ?? 'en',
          }),
        };
  await emitRunResult(
    scenario,
    result,
    { label: options.scenario, provenance: provenance(result.summary.reps), warnings: loaded.value.warnings },
    { ...options, reportFile },
    io,
  );
}

/** The files a run writes: those of `--out DIR` (or its shard) and the `--report`. */
function runDestinations(options: RunCommandOptions): Destination[] {
  const out =
    options.out === null
      ? []
      : inDirectory(
          options.out,
          options.shard === null ? RUN_RESULT_FILES : [shardFileName(options.shard.index, options.shard.count)],
        );
  return [...out, ...(options.report === null ? [] : [{ path: options.report, flag: '--report' }])];
}

/** What checkBudget needs of `caseload run`'s options. */
function budgetOptions(options: RunCommandOptions, what: string) {
  return {
    force: options.force === true,
    quiet: options.quiet,
    what,
    fewer: 'fewer --reps or a shorter --horizon',
  };
}
