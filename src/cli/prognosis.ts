import type { ArgumentsCamelCase, Argv } from 'yargs';
import { formatPrognosis } from '../io/format-prognosis.js';
import { assumptionsPastHorizon } from '../run/past-horizon.js';
import { checkPrognosisQuery, PROGNOSIS_MAX_WEEKS, prognosis, undecidedLanes } from '../run/prognosis.js';
import type { Prognosis } from '../run/prognosis.js';
import { singleRun, wholeJob } from '../job/job.js';
import { estimateJob } from '../job/estimate.js';
import { runJob } from '../job/run-job.js';
import { loadScenario, scenarioValues } from '../scenario/index.js';
import type { LoadedScenario, Scenario, ScenarioOverrides } from '../scenario/index.js';
import { weekEndDate, weeksUntilLastDate } from '../time/weeks.js';
import { InputError, issueAt, printable } from '../scenario/errors.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
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
  let { scenario } = loaded.value;
  // Without --horizon caseload chooses how far to run: on from the scenario's horizon until the cohort is decided.
  const runOn = options.horizonWeeks === undefined;
  // No further than the last date caseload reads (9999-12-31), for a scenario that starts late in 9999.
  const capWeeks = Math.max(scenario.horizonWeeks, Math.min(PROGNOSIS_MAX_WEEKS, weeksUntilLastDate(scenario.start)));
  const query = { filed: options.filed, lane: options.lane };
  // Check the question before simulating: a mistyped date or lane should not cost a run.
  const checked = checkPrognosisQuery(scenario, query, {
    runWeeksAtMost: runOn ? capWeeks : undefined,
    openCasesAt: openCasesAt(loaded.value.node),
  });
  if (!checked.ok) throw new InputError(checked.issues);
  const { week } = checked.value;
  const ownWeeks = runOn ? scenario.horizonWeeks : await scenarioOwnWeeks(options.scenario, overrides);
  const longer = async (weeks: number, why: string): Promise<Checked<Scenario>> => {
    note(`caseload: ${why}; running on to ${weeks} weeks (${weekEndDate(scenario.start, weeks - 1)})`);
    const again = await loadScenario(options.scenario, { ...overrides, horizonWeeks: weeks });
    return again.ok ? { ok: true, value: again.value.scenario } : again;
  };
  let weeks = scenario.horizonWeeks;
  while (weeks <= week) weeks = Math.min(capWeeks, 2 * weeks);
  if (weeks !== scenario.horizonWeeks) {
    const filedLater = await longer(weeks, `${options.filed.trim()} is after the scenario's horizon`);
    if (!filedLater.ok) {
      const end = weekEndDate(scenario.start, scenario.horizonWeeks - 1);
      throw new InputError([
        issueAt(
          '--filed',
          '',
          `${options.filed.trim()} is after the end of the scenario's horizon, ${end}, and the scenario cannot run longer: ${whyNot(filedLater.issues)}`,
          `a date up to ${end}, or a scenario that runs longer`,
        ),
      ]);
    }
    scenario = filedLater.value;
  }
  const run = async (): Promise<Prognosis> => {
    const job = singleRun(scenario);
    checkBudget(
      estimateJob(job, wholeJob(job), options.workers),
      {
        force: options.force === true,
        quiet: options.quiet,
        what: `this run of ${scenario.horizonWeeks} weeks`,
        fewer: 'fewer --reps or a shorter --horizon',
      },
      io,
    );
    const started = Date.now();
    note(
      `caseload: ${printable(scenario.name)}: ${scenario.replications} replications of ${scenario.horizonWeeks} weeks, seed ${scenario.seed}`,
    );
    const bar = progressBar(io, scenario.replications, options);
    const tallies = await runJob(singleRun(scenario), undefined, { workers: options.workers, onProgress: bar.update });
    bar.finish();
    note(`caseload: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const result = prognosis(scenario, tallies.plans[0]!, tallies.tallies[0]!, query);
    if (!result.ok) throw new InputError(result.issues);
    return result.value;
  };
  let result = await run();
  let stoppedShort: string | null = null;
  for (;;) {
    const undecided = undecidedLanes(result);
    if (!runOn || undecided.length === 0) break;
    const end = weekEndDate(scenario.start, scenario.horizonWeeks - 1);
    if (scenario.horizonWeeks >= capWeeks) {
      stoppedShort = `caseload runs at most ${capWeeks} weeks (${+(capWeeks / 52).toFixed(1)} years) from the start, to ${end}`;
      break;
    }
    const next = Math.min(capWeeks, 2 * scenario.horizonWeeks);
    const again = await longer(next, `less than 90% of the cohort of ${undecided.join(', ')} is decided by ${end}`);
    if (!again.ok) {
      stoppedShort = `the scenario cannot run past ${end}: ${whyNot(again.issues)}`;
      note(`caseload: ${stoppedShort}`);
      break;
    }
    scenario = again.value;
    result = await run();
  }
  const answer: Prognosis = {
    ...result,
    ...(runOn ? { runOn: { capWeeks, stoppedShort } } : {}),
    ...(ownWeeks !== null && scenario.horizonWeeks > ownWeeks
      ? {
          pastScenarioHorizon: {
            scenarioHorizonWeeks: ownWeeks,
            scenarioEnd: weekEndDate(scenario.start, ownWeeks - 1),
            assumptions: assumptionsPastHorizon(scenario, ownWeeks, scenario.horizonWeeks),
          },
        }
      : {}),
  };
  io.out(
    options.json
      ? `${JSON.stringify({ ...answer, ...warningsJson(loaded.value.warnings) }, null, 2)}\n`
      : formatPrognosis(answer, options.scenario),
  );
}

/** Why the scenario does not load over more weeks, from the loader's issues (the horizon caseload set, not the user's). */
function whyNot(issues: readonly InputIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.field === '' ? '' : `${issue.field} `;
      return `${field}${issue.problem}${issue.allowed === null ? '' : ` (${issue.allowed})`}`;
    })
    .join('; ');
}

/** The scenario's own horizonWeeks (without --horizon), or null when it does not load without it. */
async function scenarioOwnWeeks(path: string, overrides: ScenarioOverrides): Promise<number | null> {
  const own = await loadScenario(path, overrides);
  return own.ok ? own.value.scenario.horizonWeeks : null;
}

/**
 * Where the scenario gives each lane's open cases at the start, `file:line`,
 * by lane name; under '' initialBacklog as a whole (its spreadWeeks, else its first value).
 */
function openCasesAt(node: LoadedScenario['node']): Record<string, string> {
  const at: Record<string, string> = {};
  for (const value of scenarioValues(node)) {
    if (value.at.kind !== 'file' || !value.field.startsWith('initialBacklog.')) continue;
    const where = `${value.at.file}${value.at.line === null ? '' : `:${value.at.line}`}`;
    if (value.field === 'initialBacklog.spreadWeeks' || at[''] === undefined) at[''] = where;
    const lane = /^initialBacklog\.lanes\.([^.[]+)/.exec(value.field)?.[1];
    if (lane !== undefined && at[lane] === undefined) at[lane] = where;
  }
  return at;
}
