import type { ArgumentsCamelCase, Argv } from 'yargs';
import { compareOptions } from '../experiment/compare-options.js';
import type { ComparedOption } from '../experiment/compare-options.js';
import { describeScenarioCapacity } from '../experiment/describe-capacity.js';
import { formatComparison } from '../io/format-comparison.js';
import { packPlans, shardFileName } from '../io/shard-file.js';
import { replicationShard, wholeJob } from '../job/job.js';
import { estimateJob } from '../job/estimate.js';
import { checkBudget, FORCE_WRITE_OPTION } from './budget.js';
import { runJob } from '../job/run-job.js';
import { InputError, issueAt, printable } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { loadComparison } from './load-comparison.js';
import { caseloadVersion } from './version.js';
import { comparedRun, writeReport } from './write-report.js';
import { checkOutputFile } from './output-guard.js';
import { claimOutputs, inDirectory, filesInputs, scenarioInputs } from './claim-outputs.js';
import { checkShardOut, writeShard } from './shard-output.js';
import { countFlag, LANG_OPTION, langFlag, SHARD_COUNT_OPTION, shardFlag, workersFlag } from './options.js';
import { progressBar } from './progress.js';
import { reportWarnings, STRICT_OPTION, warningsJson } from './warnings.js';

export const command = 'compare <base> [options..]';
export const describe = 'Compare options against a base scenario with common random numbers';

export function builder(yargs: Argv) {
  return yargs
    .positional('base', { type: 'string', describe: 'The base scenario file', demandOption: true })
    .positional('options', {
      type: 'string',
      array: true,
      describe:
        "Option scenario files (usually `extends:` the base and change one thing), or file.yaml#variant; default: the base's own variants",
    })
    .option('reps', { type: 'string', describe: "Replications for every option (default: the base's)" })
    .option('seed', { type: 'string', describe: "Seed for every option (default: the base's)" })
    .option('uncertainty', {
      type: 'boolean',
      default: true,
      describe:
        "With --no-uncertainty: leave out the scenario's uncertainty: block (inflow level and capacity as planned, known exactly)",
    })
    .option('workers', {
      type: 'string',
      describe: 'Worker threads (the result is the same for any number)',
      defaultDescription: 'the number of cores',
    })
    .option('shard', {
      type: 'string',
      describe:
        'Run only the K-th of N slices of the replications (K/N, or auto: from a Slurm array, a Kubernetes Indexed Job or CASELOAD_SHARD) and write it to --out DIR for caseload merge',
    })
    .option('shard-count', SHARD_COUNT_OPTION)
    .option('out', { type: 'string', describe: 'With --shard: the directory to write the shard into' })
    .option('report', {
      type: 'string',
      describe: 'Also write a self-contained HTML report with charts (the base, and the options compared) to this file',
    })
    .option('lang', LANG_OPTION)
    .option('force', FORCE_WRITE_OPTION)
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the comparison as JSON on stdout, nothing else',
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
    .option('strict', STRICT_OPTION);
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const note = noter(io, argv.quiet === true);
  const issues: InputIssue[] = [];
  const replications = countFlag(argv.reps, '--reps', issues);
  const seed = countFlag(argv.seed, '--seed', issues);
  const workers = workersFlag(argv.workers, issues);
  const shard = shardFlag(argv, io.env, issues);
  const out = typeof argv.out === 'string' ? argv.out : null;
  await checkShardOut(shard, out, argv.force === true, issues);
  if (shard === null && out !== null)
    issues.push(
      issueAt('--out', '', 'is only for --shard: compare prints its result', 'drop --out, or add --shard K/N'),
    );
  const report = typeof argv.report === 'string' ? argv.report : null;
  const lang = langFlag(argv.lang, report !== null, 'with --report FILE', issues);
  if (report !== null && shard !== null)
    issues.push(
      issueAt(
        '--report',
        '',
        'cannot be combined with --shard (a shard holds part of the replications)',
        'caseload merge, then compare without --shard',
      ),
    );
  const baseFile = String(argv.base);
  const named = ((argv.options as unknown[] | undefined) ?? []).map(String);
  if (report !== null)
    await checkOutputFile(report, argv.force === true, '--report', issues, await filesInputs([baseFile, ...named]));
  if (issues.length > 0) throw new InputError(issues);
  const { files, loaded, labels, ...shared } = await loadComparison(
    baseFile,
    named,
    { replications, seed, ...(argv.uncertainty === false ? { uncertainty: false as const } : {}) },
    true,
  );
  reportWarnings(
    loaded.flatMap((l) => l.warnings),
    io,
    argv.strict === true,
  );
  const destinations = [
    ...(shard === null || out === null ? [] : inDirectory(out, [shardFileName(shard.index, shard.count)])),
    ...(report === null ? [] : [{ path: report, flag: '--report' }]),
  ];
  await claimOutputs(destinations, scenarioInputs(loaded), note);
  note(
    `caseload: comparing ${files.length - 1} option(s) with ${printable(loaded[0]!.scenario.name)}: ${shared.replications} replications each, seed ${shared.seed}`,
  );
  const started = Date.now();
  const runs = loaded.map((l, i) => ({ label: labels[i]!, scenario: l.scenario }));
  const job = {
    scenarios: runs.map((o) => o.scenario),
    seed: shared.seed,
    replications: shared.replications,
    paired: true,
  };
  const budget = {
    force: argv.force === true,
    quiet: argv.quiet === true,
    what: shard === null ? 'this comparison' : 'this shard',
    fewer: 'fewer --reps or options',
  };
  if (shard !== null) {
    const part = replicationShard(job, shard.index, shard.count);
    checkBudget(estimateJob(job, part, workers), budget, io);
    const bar = progressBar(io, part.replications, { quiet: argv.quiet === true });
    const tallies = await runJob(job, part, { workers, onProgress: bar.update });
    bar.finish();
    const context = { command: 'compare', files, labels } as const;
    await writeShard(shard, out!, { job, part, context, plans: packPlans(tallies.toData()) }, argv.json === true, io);
    return;
  }
  checkBudget(estimateJob(job, wholeJob(job), workers), budget, io);
  const bar = progressBar(io, shared.replications, { quiet: argv.quiet === true });
  const compared = await compareOptions(runs, {
    seed: shared.seed,
    replications: shared.replications,
    workers,
    onProgress: bar.update,
  });
  bar.finish();
  note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (report !== null) {
    const base = loaded[0]!;
    await writeReport(report, '--report', {
      file: baseFile,
      loaded: base,
      run: comparedRun(compared[0]!),
      options: compared.map((c, i) => ({ compared: c, file: files[i]!, hash: loaded[i]!.hash, loaded: loaded[i]! })),
      provenance: {
        caseloadVersion: caseloadVersion(),
        scenarioHash: base.hash,
        files: base.files,
        seed: shared.seed,
        replications: shared.replications,
        deterministic: false,
      },
      lang,
    });
    note(`caseload: wrote the report to ${report}`);
  }
  emitComparison(
    compared,
    files,
    argv.json === true,
    io,
    loaded.map((l) => l.warnings),
  );
}

/**
 * What `compare` and `merge` of a comparison's shards print: the comparison
 * as tables, or its JSON (with each option's plausibility warnings, given
 * them in the order of the options; merge has none).
 */
export function emitComparison(
  compared: readonly ComparedOption[],
  files: readonly string[],
  json: boolean,
  io: CliIo,
  warnings: readonly (readonly InputIssue[])[] = [],
): void {
  io.out(
    json
      ? `${JSON.stringify(comparisonJson(compared, files, warnings), null, 2)}\n`
      : formatComparison(compared, files),
  );
}

/**
 * The `--json` shape of a comparison: the base first, then each option with
 * its paired and unpaired intervals, and its warnings when it has any.
 */
export function comparisonJson(
  compared: readonly ComparedOption[],
  files: readonly string[],
  warnings: readonly (readonly InputIssue[])[] = [],
) {
  const base = compared[0]!.summary;
  return {
    base: compared[0]!.label,
    seed: base.seed,
    reps: base.reps,
    horizonWeeks: base.horizonWeeks,
    options: compared.map((o, i) => ({
      label: o.label,
      file: files[i]!,
      base: i === 0,
      ...warningsJson(warnings[i] ?? []),
      capacity: describeScenarioCapacity(o.scenario),
      staff: o.summary.staff ?? null,
      marginal: o.marginal,
      summary: o.summary,
      change:
        o.endBacklog === null
          ? null
          : {
              endBacklog: {
                paired: o.endBacklog.interval(),
                unpaired: o.endBacklog.unpairedInterval(),
                probabilityBelowBase: o.endBacklog.probabilityBelow(),
                probabilityBelowBaseInterval: (({ low, high }) => ({ low, high }))(
                  o.endBacklog.probabilityBelowInterval(),
                ),
              },
            },
    })),
  };
}
