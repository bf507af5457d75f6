import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { comparedOptions } from '../experiment/compare-options.js';
import { sweepResult, sweepRow } from '../experiment/run-sweep.js';
import { readShards } from '../io/shard-file.js';
import { mergeShards } from '../job/merge-shards.js';
import { runResult } from '../run/run-scenario.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { emitComparison } from './compare.js';
import { emitRunResult } from './emit-run-result.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { checkOutputDir, FORCE_OPTION, RUN_RESULT_FILES } from './output-guard.js';
import { CSV_DIALECT_OPTION, csvDialectFlag } from './options.js';
import { emitSweep } from './sweep.js';
import { caseloadVersion } from './version.js';

export const command = 'merge <shards..>';
export const describe = 'Combine the shards of run, compare or sweep --shard K/N into the result of the whole run';

export function builder(yargs: Argv) {
  return yargs
    .positional('shards', { type: 'string', array: true, describe: 'Shard files, or directories holding them' })
    .option('out', { type: 'string', describe: 'Directory to write the files of the merged run or sweep into' })
    .option('csv-dialect', CSV_DIALECT_OPTION)
    .option('force', FORCE_OPTION)
    .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON on stdout, nothing else' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' });
}

/** Reads the shards, merges them into their job's result and hands it to the output of the command that wrote them. */
export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const out = typeof argv.out === 'string' ? argv.out : null;
  const shards = await readShards(((argv.shards as unknown[]) ?? []).map(String));
  const merged = shards.ok ? mergeShards(shards.value, (context) => context.command, caseloadVersion()) : shards;
  if (!merged.ok) throw new InputError(merged.issues);
  const { job, context, tallies } = merged.value;
  const issues: InputIssue[] = [];
  const csvDialect = csvDialectFlag(
    argv.csvDialect,
    out !== null && context.command !== 'compare',
    context.command === 'compare' ? 'a comparison writes no CSV file' : 'with --out DIR',
    issues,
  );
  const options = { out, csvDialect, json: argv.json === true, quiet: argv.quiet === true };
  if (out !== null && context.command === 'compare')
    issues.push(issueAt('--out', '', 'is not used when merging a comparison: it prints its result', 'drop --out'));
  else if (out !== null) {
    const written = context.command === 'run' ? RUN_RESULT_FILES : ['sweep.csv'];
    // The shards are the inputs: a result never overwrites one, even with --force.
    const inputs = shards.ok ? shards.value.map((shard) => shard.file) : [];
    await checkOutputDir(out, written, argv.force === true, '--out', issues, inputs);
  }
  if (issues.length > 0) throw new InputError(issues);
  const plans = `${job.scenarios.length} plan${job.scenarios.length === 1 ? '' : 's'}`;
  const note = noter(io, options.quiet);
  note(
    `caseload: merged ${merged.value.shards} ${context.command} shards: ${plans} x ${job.replications} replications, seed ${job.seed}`,
  );
  if (context.command === 'run') {
    const [scenario, run] = [job.scenarios[0]!, tallies()];
    const result = runResult(scenario, run.plans[0]!, run.tallies[0]!, run.tallies);
    return emitRunResult(scenario, result, context, options, io);
  }
  if (context.command === 'compare') {
    const labelled = job.scenarios.map((scenario, i) => ({ label: context.labels[i]!, scenario }));
    return emitComparison(comparedOptions(labelled, tallies(), job.seed), context.files, options.json, io);
  }
  // One combination at a time: a merge of a big grid holds one combination's tallies unpacked.
  const sweep = { job, ...context.sweep };
  const rows = job.scenarios.map((_, i) => sweepRow(sweep, tallies(i, i + 1), i));
  const csv = out === null ? null : join(out, 'sweep.csv');
  await emitSweep(sweepResult(sweep, rows), context.file, { ...options, csv }, io);
}
