import { runJob } from '../job/run-job.js';
import { singleRun } from '../job/job.js';
import type { Job } from '../job/job.js';
import { explainedRun } from '../run/explain-uncertainty.js';
import { runResult } from '../run/run-scenario.js';
import { summarize } from '../run/summary.js';
import type { RunSummary } from '../run/summary.js';
import { simulateDeterministic } from '../engine/simulate.js';
import type { InputIssue } from '../scenario/errors.js';
import { loadScenarioFrom } from '../scenario/index.js';
import type { ScenarioOverrides } from '../scenario/index.js';
import { embeddedTexts } from './embedded-texts.js';
import type { AppData, PairedChange, WhatIfRequest, WhatIfResponse } from './protocol.js';
import { checkWhatIfPrognosis, whatIfPrognosis } from './what-if-prognosis.js';

/**
 * Thrown by computeWhatIf when the caller's `superseded` says a newer request came in: no answer is due.
 *
 * @example try { await computeWhatIf(request, data, { superseded }) } catch (e) { if (!(e instanceof WhatIfSuperseded)) throw e }
 */
export class WhatIfSuperseded extends Error {
  constructor(id: number) {
    super(`request ${id} was superseded`);
    this.name = 'WhatIfSuperseded';
  }
}

/** What the caller of computeWhatIf may add. */
export interface WhatIfOptions {
  /** Asked between the steps (and after each chunk of replications): true stops the work with WhatIfSuperseded. */
  readonly superseded?: () => boolean;
}

/**
 * Answers the what-if page: loads the preset with the page's changes, seed
 * and replications from the embedded files (the same loader, checks and
 * messages as the CLI: problems come back as issues, nothing runs), runs it
 * as `caseload run` does (its `summary` is what `caseload run --json`
 * prints, warnings aside), and runs the preset as in the file alongside it
 * in one paired job, so that the end backlog's change is measured
 * replication by replication with common random numbers (as `caseload
 * compare` measures it). A prognosis question is answered as `caseload
 * prognosis` answers it. Runs on this thread; in Node too.
 *
 * @example await computeWhatIf({ id: 1, preset: 'scenarios/baseline-2024.yaml', set: [{ path: 'capacity.perWeek', value: 35 }], replications: 1000, seed: 7 }, data)
 */
export async function computeWhatIf(
  request: WhatIfRequest,
  data: AppData,
  options: WhatIfOptions = {},
): Promise<WhatIfResponse> {
  const started = performance.now();
  const { id } = request;
  const between = () => {
    if (options.superseded?.() === true) throw new WhatIfSuperseded(id);
  };
  const source = embeddedTexts(data.files);
  const overrides: ScenarioOverrides = {
    set: request.set,
    replications: request.replications,
    seed: request.seed,
  };
  const load = (more: ScenarioOverrides = {}) => loadScenarioFrom(source, request.preset, { ...overrides, ...more });
  const changed = await load();
  if (!changed.ok) return refused(id, changed.issues);
  const changes = request.set.length > 0;
  const file = changes ? await load({ set: [] }) : changed;
  if (!file.ok) return refused(id, file.issues);
  const query = request.prognosis;
  // The question is checked before anything runs: a mistyped date should not cost a run.
  if (query !== undefined) {
    const checked = checkWhatIfPrognosis(query, changed.value);
    if (!checked.ok) return refused(id, checked.issues);
  }
  between();

  // The pair first: the file's preset (the base) and the changed scenario, replication by replication, so that
  // their end backlogs pair up (common random numbers). Then the plans that explain the changed scenario's band,
  // on their own. Replication r of every plan draws from the streams of (seed, r) alone, so each plan's tally is
  // bit for bit the tally of the plan run alone, and the run is the one `caseload run` makes.
  const scenario = changed.value.scenario;
  const pair: Job = changes
    ? {
        scenarios: [file.value.scenario, scenario],
        seed: request.seed,
        replications: request.replications,
        paired: true,
      }
    : singleRun(scenario);
  const paired = await runJob(pair, undefined, { workers: 1, onProgress: between });
  const own = changes ? 1 : 0;
  const explanation = request.explain === false ? [] : explainedRun(scenario).scenarios.slice(1);
  const explaining =
    explanation.length === 0
      ? []
      : (
          await runJob(
            { scenarios: explanation, seed: request.seed, replications: request.replications, paired: false },
            undefined,
            { workers: 1, onProgress: between },
          )
        ).tallies;
  const tally = paired.tallies[own]!;
  const result = runResult(scenario, paired.plans[own]!, tally, [tally, ...explaining]);
  const filePlan = paired.plans[0]!;
  const fileSummary = changes
    ? summarize(file.value.scenario, filePlan, paired.tallies[0]!, simulateDeterministic(filePlan))
    : withoutExplanation(result.summary);
  const pairs = changes ? paired.paired?.[1] : undefined;
  const endBacklogChange: PairedChange | null =
    pairs === undefined || pairs === null ? null : (({ mean, low, high }) => ({ mean, low, high }))(pairs.interval());

  let answer = null;
  if (query !== undefined) {
    between();
    const found = await whatIfPrognosis(query, {
      loaded: changed.value,
      loadFor: (horizonWeeks) => load({ horizonWeeks }),
      ran: { plan: result.plan, tally: result.tally },
      between,
    });
    if (!found.ok) return refused(id, found.issues);
    answer = found.value;
  }
  return {
    id,
    ok: true,
    summary: result.summary,
    weekly: result.weekly,
    file: fileSummary,
    endBacklogChange,
    prognosis: answer,
    warnings: changed.value.warnings,
    millis: performance.now() - started,
  };
}

function refused(id: number, issues: readonly InputIssue[]): WhatIfResponse {
  return { id, ok: false, issues };
}

/** A summary without the explanation of its band, as the file's preset is summarised (see WhatIfResponse.file). */
function withoutExplanation(summary: RunSummary): RunSummary {
  const { uncertainty: _, ...rest } = summary;
  return rest;
}
