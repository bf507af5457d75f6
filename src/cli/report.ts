import type { ArgumentsCamelCase, Argv } from 'yargs';
import { compareOptions } from '../experiment/compare-options.js';
import { runScenario } from '../run/run-scenario.js';
import { InputError, issueAt, printable } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { loadComparison } from './load-comparison.js';
import { countFlag, LANG_OPTION, langFlag, workersFlag } from './options.js';
import { progressBar } from './progress.js';
import { reportWarnings, STRICT_OPTION } from './warnings.js';
import { caseloadVersion } from './version.js';
import { comparedRun, writeReport } from './write-report.js';
import { checkOutputFile } from './output-guard.js';
import { claimOutputs, filesInputs, scenarioInputs } from './claim-outputs.js';
import { checkBudget, FORCE_WRITE_OPTION } from './budget.js';
import { estimateJob } from '../job/estimate.js';
import { singleRun, wholeJob } from '../job/job.js';
import { explainedRun } from '../run/explain-uncertainty.js';

export const command = 'report <scenario> [options..]';
export const describe =
  'Run a scenario (and compare options with it) and write a self-contained HTML report with charts';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', {
      type: 'string',
      describe: 'Scenario file (.yaml, .yml or .json), or file.yaml#variant',
      demandOption: true,
    })
    .positional('options', {
      type: 'string',
      array: true,
      describe: 'Option scenario files to compare with it (or file.yaml#variant)',
    })
    .option('out', {
      type: 'string',
      describe: 'The HTML file to write',
      demandOption: 'Name the file: --out report.html',
    })
    .option('reps', { type: 'string', describe: "Replications (default: the scenario's, else 1000)" })
    .option('seed', { type: 'string', describe: "Master seed (default: the scenario's, else 1)" })
    .option('workers', {
      type: 'string',
      describe: 'Worker threads (the result is the same for any number)',
      defaultDescription: 'the number of cores',
    })
    .option('deterministic', {
      type: 'boolean',
      default: false,
      describe: 'Expected values instead of random draws (one path; not with options)',
    })
    .option('lang', LANG_OPTION)
    .option('force', FORCE_WRITE_OPTION)
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
    .option('strict', STRICT_OPTION);
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const quiet = argv.quiet === true;
  const note = noter(io, quiet);
  const issues: InputIssue[] = [];
  const replications = countFlag(argv.reps, '--reps', issues);
  const seed = countFlag(argv.seed, '--seed', issues);
  const workers = workersFlag(argv.workers, issues);
  const lang = langFlag(argv.lang, true, '', issues);
  const out = String(argv.out);
  const file = String(argv.scenario);
  const named = ((argv.options as unknown[] | undefined) ?? []).map(String);
  await checkOutputFile(out, argv.force === true, '--out', issues, await filesInputs([file, ...named]));
  if (argv.deterministic === true && named.length > 0)
    issues.push(
      issueAt(
        '--deterministic',
        '',
        'cannot be combined with options: a comparison needs replications',
        'drop --deterministic, or the options',
      ),
    );
  if (issues.length > 0) throw new InputError(issues);

  const comparison = await loadComparison(file, named, { replications, seed }, false);
  reportWarnings(
    comparison.loaded.flatMap((l) => l.warnings),
    io,
    argv.strict === true,
  );
  await claimOutputs([{ path: out, flag: '--out' }], scenarioInputs(comparison.loaded), note);
  const base = comparison.loaded[0]!;
  const provenance = {
    caseloadVersion: caseloadVersion(),
    scenarioHash: base.hash,
    files: base.files,
    seed: base.scenario.seed,
    replications: base.scenario.replications,
    deterministic: argv.deterministic === true,
  };
  const job =
    named.length > 0
      ? {
          scenarios: comparison.loaded.map((l) => l.scenario),
          seed: comparison.seed,
          replications: comparison.replications,
          paired: true,
        }
      : argv.deterministic === true
        ? { ...singleRun(base.scenario), replications: 1 }
        : explainedRun(base.scenario);
  checkBudget(
    estimateJob(job, wholeJob(job), workers),
    { force: argv.force === true, quiet, what: 'this report', fewer: 'fewer --reps or options' },
    io,
  );
  const started = Date.now();
  if (named.length === 0) {
    note(
      argv.deterministic === true
        ? `caseload: ${printable(base.scenario.name)}: deterministic run of ${base.scenario.horizonWeeks} weeks`
        : `caseload: ${printable(base.scenario.name)}: ${base.scenario.replications} replications of ${base.scenario.horizonWeeks} weeks, seed ${base.scenario.seed}`,
    );
    const bar = progressBar(io, base.scenario.replications, { quiet: quiet || argv.deterministic === true });
    const result = await runScenario(base.scenario, {
      deterministic: argv.deterministic === true,
      workers,
      onProgress: bar.update,
    });
    bar.finish();
    await writeReport(out, '--out', {
      file,
      loaded: base,
      run: { scenario: base.scenario, ...result },
      provenance: { ...provenance, replications: result.summary.reps },
      lang,
    });
  } else {
    note(
      `caseload: ${printable(base.scenario.name)} and ${named.length} option(s): ${comparison.replications} replications each, seed ${comparison.seed}`,
    );
    const bar = progressBar(io, comparison.replications, { quiet });
    const compared = await compareOptions(
      comparison.loaded.map((l, i) => ({ label: comparison.labels[i]!, scenario: l.scenario })),
      { replications: comparison.replications, seed: comparison.seed, workers, onProgress: bar.update },
    );
    bar.finish();
    await writeReport(out, '--out', {
      file,
      loaded: base,
      run: comparedRun(compared[0]!),
      options: compared.map((c, i) => ({
        compared: c,
        file: comparison.files[i]!,
        hash: comparison.loaded[i]!.hash,
        loaded: comparison.loaded[i]!,
      })),
      provenance,
      lang,
    });
  }
  note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out}`);
  io.out(`wrote the report to ${out}\n`);
}
