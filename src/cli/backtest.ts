import type { ArgumentsCamelCase, Argv } from 'yargs';
import { backtestRows, scenarioIdentities } from '../experiment/backtest.js';
import { formatBacktest } from '../io/format-backtest.js';
import { runScenario } from '../run/run-scenario.js';
import { InputError, issueAt, printable } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { loadScenario } from '../scenario/index.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { countFlag, workersFlag } from './options.js';
import { progressBar } from './progress.js';
import { reportWarnings, STRICT_OPTION, warningsJson } from './warnings.js';
import { checkBudget, FORCE_BUDGET_OPTION } from './budget.js';
import { estimateJob } from '../job/estimate.js';
import { wholeJob } from '../job/job.js';
import { explainedRun } from '../run/explain-uncertainty.js';

export const command = 'backtest <scenario>';
export const describe = 'Run a scenario of a past period and compare it with its observed: figures';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', { type: 'string', describe: 'Scenario file with an observed: block', demandOption: true })
    .option('reps', { type: 'string', describe: "Replications (default: the scenario's)" })
    .option('seed', { type: 'string', describe: "Master seed (default: the scenario's)" })
    .option('workers', {
      type: 'string',
      describe: 'Worker threads (the result is the same for any number)',
      defaultDescription: 'the number of cores',
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the comparison as JSON on stdout, nothing else',
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
    .option('strict', STRICT_OPTION)
    .option('force', FORCE_BUDGET_OPTION);
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const issues: InputIssue[] = [];
  const replications = countFlag(argv.reps, '--reps', issues);
  const seed = countFlag(argv.seed, '--seed', issues);
  const workers = workersFlag(argv.workers, issues);
  if (issues.length > 0) throw new InputError(issues);
  const file = String(argv.scenario);
  const loaded = await loadScenario(file, { replications, seed });
  if (!loaded.ok) throw new InputError(loaded.issues);
  reportWarnings(loaded.value.warnings, io, argv.strict === true);
  const { scenario } = loaded.value;
  if (scenario.observed === undefined) {
    throw new InputError([
      issueAt(
        file,
        'observed',
        'is missing: there is nothing to backtest against',
        'an observed: block with the published figures of the period',
      ),
    ]);
  }
  const job = explainedRun(scenario);
  checkBudget(
    estimateJob(job, wholeJob(job), workers),
    { force: argv.force === true, quiet: argv.quiet === true, what: 'this backtest', fewer: 'fewer --reps' },
    io,
  );
  noter(
    io,
    argv.quiet === true,
  )(`caseload: backtest of ${printable(scenario.name)}: ${scenario.replications} replications, seed ${scenario.seed}`);
  const bar = progressBar(io, scenario.replications, { quiet: argv.quiet === true });
  const { summary, plan } = await runScenario(scenario, { workers, onProgress: bar.update });
  bar.finish();
  const rows = backtestRows(summary, scenario.observed, scenarioIdentities(plan));
  io.out(
    argv.json === true
      ? `${JSON.stringify({ scenario: summary.scenario, seed: summary.seed, reps: summary.reps, source: scenario.observed.source, rows, summary, ...warningsJson(loaded.value.warnings) }, null, 2)}\n`
      : formatBacktest(summary, rows, file, scenario.observed.source),
  );
}
