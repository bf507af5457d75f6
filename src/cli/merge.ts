import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { comparedOptions } from '../experiment/compare-options.js';
import { sweepResult, sweepRow } from '../experiment/run-sweep.js';
import { readShard, shardFiles } from '../io/shard-file.js';
import { mergeShards } from '../job/merge-shards.js';
import { runResult } from '../run/run-scenario.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { emitComparison } from './compare.js';
import { emitRunResult } from './emit-run-result.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { checkOutputDir, FORCE_OPTION, RUN_RESULT_FILES } from './output-guard.js';
import { emitSweep } from './sweep.js';

export const command = 'merge <shards..>';
export const describe = 'Combine the shards of run, compare or sweep --shard K/N into the result of the whole run';

export function builder(yargs: Argv) {
  return yargs
    .positional('shards', {
      type: 'string',
      array: true,
      describe: 'Shard files, or directories holding shard-K-of-N.json files',
    })
    .option('out', { type: 'string', describe: 'Directory to write the files of the merged run or sweep into' })
    .option('force', FORCE_OPTION)
    .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON on stdout, nothing else' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' });
}

/** Reads the shards, merges them into their job's result, and prints it as the command that wrote them would. */
export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const options = {
    out: typeof argv.out === 'string' ? argv.out : null,
    json: argv.json === true,
    quiet: argv.quiet === true,
  };
  const files = await shardFiles(((argv.shards as unknown[]) ?? []).map(String));
  if (!files.ok) throw new InputError(files.issues);
  const read = await Promise.all(files.value.map(readShard));
  const issues: InputIssue[] = read.flatMap((shard) => (shard.ok ? [] : shard.issues));
  const merged =
    issues.length > 0
      ? null
      : mergeShards(
          read.flatMap((s) => (s.ok ? [s.value] : [])),
          (c) => c.command,
        );
  if (merged === null || !merged.ok) throw new InputError(merged?.issues ?? issues);
  const { job, context, tallies } = merged.value;
  noter(
    io,
    options.quiet,
  )(
    `caseload: merged ${merged.value.shards} ${context.command} shards: ${job.scenarios.length} plan(s) x ${job.replications} replications, seed ${job.seed}`,
  );
  if (context.command === 'compare') {
    if (options.out !== null)
      throw new InputError([
        issueAt('--out', '', 'is not used when merging a comparison: it prints its result', 'drop --out'),
      ]);
    const compared = comparedOptions(
      job.scenarios.map((scenario, i) => ({ label: context.labels[i]!, scenario })),
      tallies(),
      job.seed,
    );
    return emitComparison(compared, context.files, options.json, io);
  }
  const written = context.command === 'run' ? RUN_RESULT_FILES : ['sweep.csv'];
  if (options.out !== null) await checkOutputDir(options.out, written, argv.force === true, '--out', issues);
  if (issues.length > 0) throw new InputError(issues);
  if (context.command === 'run') {
    const all = tallies();
    return emitRunResult(
      job.scenarios[0]!,
      runResult(job.scenarios[0]!, all.plans[0]!, all.tallies[0]!),
      context,
      options,
      io,
    );
  }
  const sweep = { job, ...context.sweep };
  // One combination at a time, so that a merge of a big grid holds one combination's tallies unpacked.
  const rows = job.scenarios.map((_, i) => sweepRow(sweep, tallies(i, i + 1), i));
  const csv = options.out === null ? null : join(options.out, 'sweep.csv');
  await emitSweep(sweepResult(sweep, rows), context.file, { ...options, csv }, io);
}
