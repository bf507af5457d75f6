import type { ArgumentsCamelCase, Argv } from 'yargs';
import { formatPrognosis } from '../io/format-prognosis.js';
import { prognosisRunOn } from '../run/prognosis-run-on.js';
import { singleRun, wholeJob } from '../job/job.js';
import { estimateJob } from '../job/estimate.js';
import { runJob } from '../job/run-job.js';
import { loadScenario } from '../scenario/index.js';
import type { ScenarioOverrides } from '../scenario/index.js';
import { weekEndDate } from '../time/weeks.js';
import { InputError, issueAt, printable } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { countFlag, workersFlag } from './options.js';
import { progressBar } from './progress.js';
import { reportWarnings, STRICT_OPTION, warningsJson } from './warnings.js';
import { checkBudget, FORCE_BUDGET_OPTION } from './budget.js';

export const command = 'prognosis <scenario>';
export const describe = 'When a case filed on a date will be decided: median and 90% decision date per lane';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', { type: 'string', describe: 'Scenario file (.yaml, .yml or .json)', demandOption: true })
    .option('filed', {
      type: 'string',
      describe:
        'Filing date of the case, YYYY-MM-DD: within the horizon, or before the start for a case still open at the start',
      demandOption: true,
    })
    .option('lane', { type: 'string', describe: 'Only this lane (default: every lane)' })
    .option('reps', { type: 'string', describe: "Replications (default: the scenario's, else 1000)" })
    .option('seed', { type: 'string', describe: "Master seed, an integer >= 0 (default: the scenario's, else 1)" })
    .option('horizon', {
      type: 'string',
      describe:
        "Weeks to simulate (default: the scenario's horizonWeeks, run on until the cohort is decided, at most 520 weeks)",
    })
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
    .option('strict', STRICT_OPTION)
    .option('force', FORCE_BUDGET_OPTION);
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
  /** Run beyond the memory and time budget. */
  readonly force?: boolean;
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
    force: argv.force === true,
  };
  if (argv.lane !== undefined && typeof argv.lane !== 'string')
    issues.push(issueAt('--lane', '', 'must name one lane'));
  if (issues.length > 0) throw new InputError(issues);
  await prognosisCommand(options, argv.io as CliIo);
}

export async function prognosisCommand(options: PrognosisCommandOptions, io: CliIo): Promise<void> {
  const note = noter(io, options.quiet);
  const overrides = { replications: options.replications, seed: options.seed };
  const loaded = await loadScenario(options.scenario, { ...overrides, horizonWeeks: options.horizonWeeks });
  if (!loaded.ok) throw new InputError(loaded.issues);
  reportWarnings(loaded.value.warnings, io, options.strict === true);
  const { scenario } = loaded.value;
  // Without --horizon caseload chooses how far to run: on from the scenario's horizon until the cohort is decided.
  const runOn = options.horizonWeeks === undefined;
  const found = await prognosisRunOn(
    { filed: options.filed, lane: options.lane },
    {
      loaded: loaded.value,
      loadFor: (horizonWeeks) => loadScenario(options.scenario, { ...overrides, horizonWeeks }),
      runOn,
      ownWeeks: runOn ? scenario.horizonWeeks : await scenarioOwnWeeks(options.scenario, overrides),
      onRunOn: (weeks, why) =>
        note(`caseload: ${why}; running on to ${weeks} weeks (${weekEndDate(scenario.start, weeks - 1)})`),
      onCannotRunOn: (why) => note(`caseload: ${why}`),
      run: async (longer) => {
        const job = singleRun(longer);
        checkBudget(
          estimateJob(job, wholeJob(job), options.workers),
          {
            force: options.force === true,
            quiet: options.quiet,
            what: `this run of ${longer.horizonWeeks} weeks`,
            fewer: 'fewer --reps or a shorter --horizon',
          },
          io,
        );
        const started = Date.now();
        note(
          `caseload: ${printable(longer.name)}: ${longer.replications} replications of ${longer.horizonWeeks} weeks, seed ${longer.seed}`,
        );
        const bar = progressBar(io, longer.replications, options);
        const tallies = await runJob(job, undefined, { workers: options.workers, onProgress: bar.update });
        bar.finish();
        note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return { plan: tallies.plans[0]!, tally: tallies.tallies[0]! };
      },
    },
  );
  if (!found.ok) throw new InputError(found.issues);
  const answer = found.value;
  io.out(
    options.json
      ? `${JSON.stringify({ ...answer, ...warningsJson(loaded.value.warnings) }, null, 2)}\n`
      : formatPrognosis(answer, options.scenario),
  );
}

/** The scenario's own horizonWeeks (without --horizon), or null when it does not load without it. */
async function scenarioOwnWeeks(path: string, overrides: ScenarioOverrides): Promise<number | null> {
  const own = await loadScenario(path, overrides);
  return own.ok ? own.value.scenario.horizonWeeks : null;
}
