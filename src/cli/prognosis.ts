import type { ArgumentsCamelCase, Argv } from 'yargs';
import { formatPrognosis } from '../io/format-prognosis.js';
import { checkPrognosisQuery, prognosis } from '../run/prognosis.js';
import { singleRun } from '../job/job.js';
import { runJob } from '../job/run-job.js';
import { loadScenario } from '../scenario/index.js';
import { weekEndDate } from '../time/weeks.js';
import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { countFlag, workersFlag } from './options.js';
import { progressBar } from './progress.js';
import { reportWarnings, STRICT_OPTION } from './warnings.js';

export const command = 'prognosis <scenario>';
export const describe = 'When a case filed on a date will be decided: median and 90% decision date per lane';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', { type: 'string', describe: 'Scenario file (.yaml, .yml or .json)', demandOption: true })
    .option('filed', {
      type: 'string',
      describe: 'Filing date of the case, YYYY-MM-DD, within the horizon',
      demandOption: true,
    })
    .option('lane', { type: 'string', describe: 'Only this lane (default: every lane)' })
    .option('reps', { type: 'string', describe: "Replications (default: the scenario's, else 1000)" })
    .option('seed', { type: 'string', describe: "Master seed, an integer >= 0 (default: the scenario's, else 1)" })
    .option('horizon', { type: 'string', describe: "Weeks to simulate (default: the scenario's horizonWeeks)" })
    .option('workers', {
      type: 'string',
      describe: 'Worker threads for the replications (the result is the same for any number)',
      defaultDescription: 'the number of cores',
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the prognosis as JSON on stdout, nothing else',
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
    .option('strict', STRICT_OPTION);
}

/** What `caseload prognosis` needs, resolved from the command line. */
export interface PrognosisCommandOptions {
  readonly scenario: string;
  readonly filed: string;
  readonly lane?: string;
  readonly replications?: number;
  readonly seed?: number;
  readonly horizonWeeks?: number;
  readonly workers: number;
  readonly json: boolean;
  readonly quiet: boolean;
  /** Make the scenario's plausibility warnings errors. */
  readonly strict?: boolean;
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const issues: InputIssue[] = [];
  const options: PrognosisCommandOptions = {
    scenario: String(argv.scenario),
    filed: String(argv.filed ?? ''),
    lane: typeof argv.lane === 'string' ? argv.lane : undefined,
    replications: countFlag(argv.reps, '--reps', issues),
    seed: countFlag(argv.seed, '--seed', issues),
    horizonWeeks: countFlag(argv.horizon, '--horizon', issues),
    workers: workersFlag(argv.workers, issues),
    json: argv.json === true,
    quiet: argv.quiet === true,
    strict: argv.strict === true,
  };
  if (argv.lane !== undefined && typeof argv.lane !== 'string')
    issues.push(issueAt('--lane', '', 'must name one lane'));
  if (issues.length > 0) throw new InputError(issues);
  await prognosisCommand(options, argv.io as CliIo);
}

export async function prognosisCommand(options: PrognosisCommandOptions, io: CliIo): Promise<void> {
  const note = noter(io, options.quiet);
  const loaded = await loadScenario(options.scenario, {
    replications: options.replications,
    seed: options.seed,
    horizonWeeks: options.horizonWeeks,
  });
  if (!loaded.ok) throw new InputError(loaded.issues);
  reportWarnings(loaded.value.warnings, io, options.strict === true);
  const { scenario } = loaded.value;
  const query = { filed: options.filed, lane: options.lane };
  // Check the question before simulating: a mistyped date or lane should not cost a run.
  const checked = checkPrognosisQuery(scenario, query);
  if (!checked.ok) throw new InputError(checked.issues);
  const started = Date.now();
  note(
    `caseload: ${scenario.name}: ${scenario.replications} replications of ${scenario.horizonWeeks} weeks, seed ${scenario.seed}`,
  );
  const bar = progressBar(io, scenario.replications, options);
  const tallies = await runJob(singleRun(scenario), undefined, { workers: options.workers, onProgress: bar.update });
  bar.finish();
  note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const result = prognosis(scenario, tallies.plans[0]!, tallies.tallies[0]!, query);
  if (!result.ok) throw new InputError(result.issues);
  io.out(
    options.json
      ? `${JSON.stringify(result.value, null, 2)}\n`
      : formatPrognosis(result.value, options.scenario, weekEndDate(scenario.start, scenario.horizonWeeks - 1)),
  );
}
