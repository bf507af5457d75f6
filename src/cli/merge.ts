import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { simulateDeterministic } from '../engine/simulate.js';
import { Tally } from '../engine/tally.js';
import { readShard } from '../io/shard-file.js';
import type { Shard } from '../io/shard-file.js';
import { summarize, weeklyRows } from '../run/summary.js';
import { compile } from '../scenario/index.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { ComparisonRun, comparedOptions } from '../experiment/compare-options.js';
import type { SweepResult } from '../experiment/run-sweep.js';
import { isCompareShardText, readCompareShard } from '../io/compare-shard-file.js';
import type { CompareShardFile } from '../io/compare-shard-file.js';
import { formatComparison } from '../io/format-comparison.js';
import { isSweepShardText, readSweepShard } from '../io/sweep-shard-file.js';
import type { SweepShardFile } from '../io/sweep-shard-file.js';
import { formatSweepTable, sweepCsv } from '../io/sweep-outputs.js';
import { comparisonJson } from './compare.js';
import { prognosisRows } from '../run/prognosis.js';
import { emitRunResult, writeOrExplain } from './emit-run-result.js';
import { checkOutputDir, FORCE_OPTION, RUN_RESULT_FILES } from './output-guard.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';

export const command = 'merge <shards..>';
export const describe = 'Combine the shards of run, compare or sweep --shard K/N into the result of the whole run';

export function builder(yargs: Argv) {
  return yargs
    .positional('shards', {
      type: 'string',
      array: true,
      describe: 'Shard files, or directories holding shard-K-of-N.json files',
    })
    .option('out', { type: 'string', describe: 'Directory to write weekly.csv, summary.json and scenario.json into' })
    .option('force', FORCE_OPTION)
    .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout, nothing else' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' });
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const paths = ((argv.shards as unknown[]) ?? []).map(String);
  const files = await shardFiles(paths);
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => '')));
  const kinds = texts.map((text) =>
    isSweepShardText(text) ? 'sweep' : isCompareShardText(text) ? 'comparison' : 'run',
  );
  const kind = kinds[0]!;
  const odd = kinds.findIndex((k) => k !== kind);
  if (odd !== -1)
    throw new InputError([
      issueAt(files[odd]!, '', `is a ${kinds[odd]} shard among ${kind} shards`, `shards of one ${kind}`),
    ]);
  const options = {
    out: typeof argv.out === 'string' ? argv.out : null,
    json: argv.json === true,
    quiet: argv.quiet === true,
  };
  if (options.out !== null && kind !== 'comparison') {
    const issues: InputIssue[] = [];
    await checkOutputDir(
      options.out,
      kind === 'sweep' ? ['sweep.csv'] : RUN_RESULT_FILES,
      argv.force === true,
      '--out',
      issues,
    );
    if (issues.length > 0) throw new InputError(issues);
  }
  if (kind === 'sweep') return mergeSweep(files, options, io);
  if (kind === 'comparison') return mergeComparison(files, options, io);
  const shards = await readShards(files);
  const first = shards[0]!;
  const tally = new Tally(first.tally, false);
  for (const shard of shards) tally.mergeData(shard.tally);
  const plan = compile(first.scenario);
  const summary = summarize(first.scenario, plan, tally, simulateDeterministic(plan));
  noter(
    io,
    argv.quiet === true,
  )(`caseload: merged ${shards.length} shards: ${tally.replications} replications, seed ${first.provenance.seed}`);
  await emitRunResult(
    {
      scenario: first.scenario,
      summary,
      weekly: weeklyRows(first.scenario, plan, tally, simulateDeterministic(plan)),
      prognosis: prognosisRows(first.scenario, plan, tally),
      provenance: first.provenance,
      label: first.provenance.files[0] ?? first.scenario.name,
    },
    { out: typeof argv.out === 'string' ? argv.out : null, json: argv.json === true, quiet: argv.quiet === true },
    io,
  );
}

/** The shard files named: files, and the shard files inside directories. */
async function shardFiles(paths: readonly string[]): Promise<string[]> {
  const issues: InputIssue[] = [];
  const files: string[] = [];
  for (const path of paths) {
    try {
      if ((await stat(path)).isDirectory()) {
        const inside = (await readdir(path))
          .filter((name) => /^(sweep-|compare-)?shard-\d+-of-\d+\.json$/.test(name))
          .sort();
        if (inside.length === 0)
          issues.push(
            issueAt(
              path,
              '',
              'holds no shard-K-of-N.json files',
              'directories written by caseload run --shard K/N --out DIR',
            ),
          );
        files.push(...inside.map((name) => join(path, name)));
      } else files.push(path);
    } catch {
      issues.push(issueAt(path, '', 'no such file or directory'));
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  if (files.length === 0) throw new InputError([issueAt('merge', '', 'no shards given', 'shard files or directories')]);
  return files;
}

/**
 * The shards of a run, checked to be its slices: same scenario, seed and
 * replications, each slice once, none missing.
 */
async function readShards(files: readonly string[]): Promise<Shard[]> {
  const issues: InputIssue[] = [];
  const shards: { file: string; shard: Shard }[] = [];
  for (const file of files) {
    const read = await readShard(file);
    if (read.ok) shards.push({ file, shard: read.value });
    else issues.push(...read.issues);
  }
  if (issues.length > 0) throw new InputError(issues);
  const head = shards[0]!;
  const expected = head.shard;
  for (const { file, shard } of shards.slice(1)) {
    if (shard.provenance.scenarioHash !== expected.provenance.scenarioHash)
      issues.push(
        issueAt(
          file,
          'scenario',
          `is another scenario than ${head.file} (hash ${shard.provenance.scenarioHash.slice(0, 12)}, not ${expected.provenance.scenarioHash.slice(0, 12)})`,
          'shards of one run',
        ),
      );
    else if (shard.provenance.seed !== expected.provenance.seed)
      issues.push(
        issueAt(
          file,
          'seed',
          `is ${shard.provenance.seed}, ${head.file} has ${expected.provenance.seed}`,
          'shards of one run',
        ),
      );
    else if (
      shard.slice.count !== expected.slice.count ||
      shard.slice.totalReplications !== expected.slice.totalReplications
    ) {
      issues.push(
        issueAt(
          file,
          'slice',
          `is shard ${shard.slice.index} of ${shard.slice.count} over ${shard.slice.totalReplications} replications, ${head.file} of ${expected.slice.count} over ${expected.slice.totalReplications}`,
          'shards of one run',
        ),
      );
    }
  }
  issues.push(
    ...sliceIssues(
      shards.map(({ file, shard }) => ({ file, index: shard.slice.index })),
      expected.slice.count,
      'run',
    ),
  );
  if (issues.length > 0) throw new InputError(issues);
  return shards.map(({ shard }) => shard).sort((a, b) => a.slice.index - b.slice.index);
}

/**
 * The shards of a sweep (each a slice of its combinations, each combination
 * run whole with the sweep's seed) joined into the sweep's result: the same
 * table, JSON and CSV as the sweep run on one machine.
 */
async function mergeSweep(
  files: readonly string[],
  options: { out: string | null; json: boolean; quiet: boolean },
  io: CliIo,
): Promise<void> {
  const issues: InputIssue[] = [];
  const shards: { file: string; shard: SweepShardFile }[] = [];
  for (const file of files) {
    const read = await readSweepShard(file);
    if (read.ok) shards.push({ file, shard: read.value });
    else issues.push(...read.issues);
  }
  if (issues.length > 0) throw new InputError(issues);
  const head = shards[0]!;
  const signature = ({ shard }: { shard: SweepShardFile }) =>
    JSON.stringify([
      shard.scenarioFile,
      shard.set,
      shard.result.seed,
      shard.result.reps,
      shard.result.shard.count,
      shard.result.shard.combinations,
    ]);
  for (const entry of shards.slice(1)) {
    if (signature(entry) !== signature(head))
      issues.push(
        issueAt(
          entry.file,
          '',
          `is a shard of another sweep than ${head.file}`,
          'shards of one sweep: same scenario, --set, --seed, --reps and N',
        ),
      );
  }
  issues.push(
    ...sliceIssues(
      shards.map(({ file, shard }) => ({ file, index: shard.result.shard.index })),
      head.shard.result.shard.count,
      'sweep',
    ),
  );
  if (issues.length > 0) throw new InputError(issues);
  const ordered = shards.map(({ shard }) => shard).sort((a, b) => a.result.shard.index - b.result.shard.index);
  const { shard: _shard, ...first } = ordered[0]!.result;
  void _shard;
  const result: SweepResult = { ...first, rows: ordered.flatMap((shard) => shard.result.rows) };
  noter(io, options.quiet)(`caseload: merged ${shards.length} sweep shards: ${result.rows.length} combinations`);
  if (options.out !== null) {
    await writeOrExplain(options.out, { 'sweep.csv': sweepCsv(result) });
    noter(io, options.quiet)(`caseload: wrote sweep.csv to ${options.out}`);
  }
  io.out(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatSweepTable(result, ordered[0]!.scenarioFile));
}

/**
 * The shards of a comparison (slices of its replications) combined into
 * exactly the comparison run on one machine: the same tables and JSON.
 */
async function mergeComparison(
  files: readonly string[],
  options: { out: string | null; json: boolean; quiet: boolean },
  io: CliIo,
): Promise<void> {
  if (options.out !== null)
    throw new InputError([
      issueAt('--out', '', 'is not used when merging a comparison: it prints its result', 'drop --out'),
    ]);
  const issues: InputIssue[] = [];
  const shards: { file: string; shard: CompareShardFile }[] = [];
  for (const file of files) {
    const read = await readCompareShard(file);
    if (read.ok) shards.push({ file, shard: read.value });
    else issues.push(...read.issues);
  }
  if (issues.length > 0) throw new InputError(issues);
  const head = shards[0]!;
  const signature = ({ shard }: { shard: CompareShardFile }) =>
    JSON.stringify([shard.files, shard.scenarios, shard.seed, shard.slice.count, shard.slice.totalReplications]);
  for (const entry of shards.slice(1)) {
    if (signature(entry) !== signature(head))
      issues.push(
        issueAt(
          entry.file,
          '',
          `is a shard of another comparison than ${head.file}`,
          'shards of one comparison: same files, --reps, --seed and N',
        ),
      );
  }
  issues.push(
    ...sliceIssues(
      shards.map(({ file, shard }) => ({ file, index: shard.slice.index })),
      head.shard.slice.count,
      'comparison',
    ),
  );
  if (issues.length > 0) throw new InputError(issues);
  const { scenarios, labels, seed, files: scenarioFiles } = head.shard;
  const comparison = new ComparisonRun(scenarios, seed);
  for (const { shard } of shards) comparison.mergeData(shard.data);
  const compared = comparedOptions(
    scenarios.map((scenario, i) => ({ label: labels[i]!, scenario })),
    comparison,
    seed,
  );
  noter(
    io,
    options.quiet,
  )(
    `caseload: merged ${shards.length} comparison shards: ${comparison.tallies[0]!.replications} replications, seed ${seed}`,
  );
  io.out(
    options.json
      ? `${JSON.stringify(comparisonJson(compared, scenarioFiles), null, 2)}\n`
      : formatComparison(compared, scenarioFiles),
  );
}

/** Each of the N slices exactly once: a slice twice, or one missing, is an issue. */
function sliceIssues(shards: readonly { file: string; index: number }[], count: number, what: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Map<number, string>();
  for (const { file, index } of shards) {
    const other = seen.get(index);
    if (other !== undefined)
      issues.push(issueAt(file, 'slice', `shard ${index} is also in ${other}`, 'each shard once'));
    seen.set(index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0)
    issues.push(
      issueAt(
        shards[0]!.file,
        'slice',
        `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing`,
        `every shard of the ${what}`,
      ),
    );
  return issues;
}
