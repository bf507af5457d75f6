import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import { assumptionsPastHorizon } from './past-horizon.js';
import { checkPrognosisQuery, PROGNOSIS_MAX_WEEKS, prognosis, undecidedLanes } from './prognosis.js';
import type { Prognosis, PrognosisQuery } from './prognosis.js';
import { parameterIssue } from '../scenario/errors.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import { scenarioValues } from '../scenario/index.js';
import type { LoadedScenario, Scenario } from '../scenario/index.js';
import { weekEndDate, weeksUntilLastDate } from '../time/weeks.js';

/** A run of a scenario's plan with its seed and replications: its plan and tally. */
export interface PlanRun {
  readonly plan: Plan;
  readonly tally: Tally;
}

/** What `prognosisRunOn` needs besides the question. */
export interface PrognosisSource {
  /** The scenario as loaded (with the run's changes, seed and replications, and a horizon if one was asked). */
  readonly loaded: LoadedScenario;
  /** The same scenario loaded to run `horizonWeeks` weeks. */
  readonly loadFor: (horizonWeeks: number) => Promise<Checked<LoadedScenario>>;
  /**
   * Runs a scenario's plan with its seed and replications (the CLI: on its
   * workers, within its budget, with a progress bar; the page: on its
   * thread). Throw from it to stop (the page's superseded request).
   */
  readonly run: (scenario: Scenario) => Promise<PlanRun>;
  /** A run of `loaded.scenario` already made (bit for bit what `run` would give), or null to run it. */
  readonly ran?: PlanRun | null;
  /**
   * false: run the scenario as loaded and stop there (the CLI's --horizon).
   * Default true: run on, doubling the weeks, until the cohort is decided.
   */
  readonly runOn?: boolean;
  /** The scenario's own weeks, for what the weeks after them assume; default the loaded scenario's. */
  readonly ownWeeks?: number | null;
  /** Told before each longer run, why and to how many weeks (the CLI's notes). */
  readonly onRunOn?: (weeks: number, why: string) => void;
  /** Told when the scenario does not load over more weeks, so the answer stops short (the CLI's note). */
  readonly onCannotRunOn?: (why: string) => void;
}

/**
 * When a case filed on a date (in a lane, or every lane) is decided, as
 * `caseload prognosis` answers it: the question checked before any run
 * (a mistyped date or lane should not cost a run), then, unless `runOn` is
 * false, run on from the scenario's horizon, doubling the weeks, until 90%
 * of every cohort asked about is decided or the cap of PROGNOSIS_MAX_WEEKS
 * is reached. The question's issues are at its parameters (`filed`, `lane`),
 * which the CLI shows as its flags.
 *
 * @example await prognosisRunOn({ filed: '2024-06-03' }, { loaded, loadFor, run })
 */
export async function prognosisRunOn(query: PrognosisQuery, source: PrognosisSource): Promise<Checked<Prognosis>> {
  const own = source.loaded.scenario;
  const runOn = source.runOn ?? true;
  const ownWeeks = source.ownWeeks === undefined ? own.horizonWeeks : source.ownWeeks;
  const check = checkRunOnQuery(query, source.loaded, runOn);
  if (!check.ok) return check;
  const { week, capWeeks } = check.value;
  let scenario: Scenario = own;
  const longer = async (weeks: number, why: string): Promise<Checked<Scenario>> => {
    source.onRunOn?.(weeks, why);
    const again = await source.loadFor(weeks);
    return again.ok ? { ok: true, value: again.value.scenario } : again;
  };
  let weeks = own.horizonWeeks;
  while (weeks <= week) weeks = Math.min(capWeeks, 2 * weeks);
  if (weeks !== own.horizonWeeks) {
    const filedLater = await longer(weeks, `${query.filed.trim()} is after the scenario's horizon`);
    if (!filedLater.ok) {
      const end = weekEndDate(own.start, own.horizonWeeks - 1);
      return {
        ok: false,
        issues: [
          parameterIssue(
            'filed',
            '',
            `${query.filed.trim()} is after the end of the scenario's horizon, ${end}, and the scenario cannot run longer: ${whyNot(filedLater.issues)}`,
            `a date up to ${end}, or a scenario that runs longer`,
          ),
        ],
      };
    }
    scenario = filedLater.value;
  }
  const run = async (): Promise<Checked<Prognosis>> => {
    const reused = scenario === own ? (source.ran ?? null) : null;
    const { plan, tally } = reused ?? (await source.run(scenario));
    return prognosis(scenario, plan, tally, query);
  };
  let result = await run();
  if (!result.ok) return result;
  let stoppedShort: string | null = null;
  for (;;) {
    const undecided = undecidedLanes(result.value);
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
      source.onCannotRunOn?.(stoppedShort);
      break;
    }
    scenario = again.value;
    result = await run();
    if (!result.ok) return result;
  }
  return {
    ok: true,
    value: {
      ...result.value,
      ...(runOn ? { runOn: { capWeeks, stoppedShort } } : {}),
      ...(ownWeeks !== null && scenario.horizonWeeks > ownWeeks
        ? {
            pastScenarioHorizon: {
              scenarioHorizonWeeks: ownWeeks,
              scenarioEnd: weekEndDate(own.start, ownWeeks - 1),
              assumptions: assumptionsPastHorizon(scenario, ownWeeks, scenario.horizonWeeks),
            },
          }
        : {}),
    },
  };
}

/**
 * The question checked before anything runs: the filing week, and the most
 * weeks the prognosis may run on to (with `runOn`; without, a date past the
 * scenario's horizon is refused).
 *
 * @example checkRunOnQuery({ filed: '2024-13-01' }, loaded, true) // { ok: false, issues: [filed: ...] }
 */
export function checkRunOnQuery(
  query: PrognosisQuery,
  loaded: LoadedScenario,
  runOn = true,
): Checked<{ week: number; capWeeks: number }> {
  const { scenario } = loaded;
  // No further than the last date caseload reads (9999-12-31), for a scenario that starts late in 9999.
  const capWeeks = Math.max(scenario.horizonWeeks, Math.min(PROGNOSIS_MAX_WEEKS, weeksUntilLastDate(scenario.start)));
  const checked = checkPrognosisQuery(scenario, query, {
    runWeeksAtMost: runOn ? capWeeks : undefined,
    openCasesAt: openCasesAt(loaded.node),
  });
  return checked.ok ? { ok: true, value: { week: checked.value.week, capWeeks } } : checked;
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
