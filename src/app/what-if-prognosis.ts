import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import { singleRun } from '../job/job.js';
import { runJob } from '../job/run-job.js';
import { assumptionsPastHorizon } from '../run/past-horizon.js';
import { checkPrognosisQuery, PROGNOSIS_MAX_WEEKS, prognosis, undecidedLanes } from '../run/prognosis.js';
import type { Prognosis, PrognosisQuery } from '../run/prognosis.js';
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

/** What `whatIfPrognosis` needs besides the question. */
export interface PrognosisSource {
  /** The scenario as loaded with its own horizon (the page's changes, seed and replications applied). */
  readonly loaded: LoadedScenario;
  /** The same scenario loaded to run `horizonWeeks` weeks. */
  readonly loadFor: (horizonWeeks: number) => Promise<Checked<LoadedScenario>>;
  /** A run of `loaded.scenario` already made (bit for bit the run prognosis would make), or null to run it. */
  readonly ran: PlanRun | null;
  /** Called between runs; throw from it to stop (the worker's superseded request). */
  readonly between?: () => void;
}

/**
 * When a case filed on a date (in a lane, or every lane) is decided, as
 * `caseload prognosis` answers it without `--horizon`: the question checked
 * before any run, then run on from the scenario's horizon, doubling the
 * weeks, until 90% of every cohort asked about is decided or the cap of
 * PROGNOSIS_MAX_WEEKS is reached. The same steps as cli/prognosis.ts, over
 * a loader the caller gives (the page's embedded files). The question's
 * issues are at its parameters (`filed`, `lane`), as the library words them.
 *
 * @example await whatIfPrognosis({ filed: '2024-06-03' }, { loaded, loadFor, ran: null })
 */
export async function whatIfPrognosis(query: PrognosisQuery, source: PrognosisSource): Promise<Checked<Prognosis>> {
  const own = source.loaded.scenario;
  const check = checkWhatIfPrognosis(query, source.loaded);
  if (!check.ok) return check;
  const { week, capWeeks } = check.value;
  let scenario: Scenario = own;
  const longer = async (weeks: number): Promise<Checked<Scenario>> => {
    const again = await source.loadFor(weeks);
    return again.ok ? { ok: true, value: again.value.scenario } : again;
  };
  let weeks = own.horizonWeeks;
  while (weeks <= week) weeks = Math.min(capWeeks, 2 * weeks);
  if (weeks !== own.horizonWeeks) {
    const filedLater = await longer(weeks);
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
    const reused = scenario === own ? source.ran : null;
    source.between?.();
    const { plan, tally } = reused ?? (await runSingle(scenario));
    return prognosis(scenario, plan, tally, query);
  };
  let result = await run();
  if (!result.ok) return result;
  let stoppedShort: string | null = null;
  for (;;) {
    const undecided = undecidedLanes(result.value);
    if (undecided.length === 0) break;
    const end = weekEndDate(scenario.start, scenario.horizonWeeks - 1);
    if (scenario.horizonWeeks >= capWeeks) {
      stoppedShort = `caseload runs at most ${capWeeks} weeks (${+(capWeeks / 52).toFixed(1)} years) from the start, to ${end}`;
      break;
    }
    const again = await longer(Math.min(capWeeks, 2 * scenario.horizonWeeks));
    if (!again.ok) {
      stoppedShort = `the scenario cannot run past ${end}: ${whyNot(again.issues)}`;
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
      runOn: { capWeeks, stoppedShort },
      ...(scenario.horizonWeeks > own.horizonWeeks
        ? {
            pastScenarioHorizon: {
              scenarioHorizonWeeks: own.horizonWeeks,
              scenarioEnd: weekEndDate(own.start, own.horizonWeeks - 1),
              assumptions: assumptionsPastHorizon(scenario, own.horizonWeeks, scenario.horizonWeeks),
            },
          }
        : {}),
    },
  };
}

/**
 * The question checked before anything runs, as `caseload prognosis` checks
 * it (a mistyped date or lane should not cost a run): the filing week and
 * the most weeks the prognosis may run on to.
 *
 * @example checkWhatIfPrognosis({ filed: '2024-13-01' }, loaded) // { ok: false, issues: [filed: ...] }
 */
export function checkWhatIfPrognosis(
  query: PrognosisQuery,
  loaded: LoadedScenario,
): Checked<{ week: number; capWeeks: number }> {
  const { scenario } = loaded;
  // No further than the last date caseload reads (9999-12-31), for a scenario that starts late in 9999.
  const capWeeks = Math.max(scenario.horizonWeeks, Math.min(PROGNOSIS_MAX_WEEKS, weeksUntilLastDate(scenario.start)));
  const checked = checkPrognosisQuery(scenario, query, {
    runWeeksAtMost: capWeeks,
    openCasesAt: openCasesAt(loaded.node),
  });
  return checked.ok ? { ok: true, value: { week: checked.value.week, capWeeks } } : checked;
}

/** A run of one scenario on this thread. */
async function runSingle(scenario: Scenario): Promise<PlanRun> {
  const tallies = await runJob(singleRun(scenario), undefined, { workers: 1 });
  return { plan: tallies.plans[0]!, tally: tallies.tallies[0]! };
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
