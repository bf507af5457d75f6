import type { InputIssue } from '../errors.js';
import { issueAtOrigin } from '../read/source-node.js';
import type { Origin } from '../read/source-node.js';
import { MAX_INFLOW_PER_WEEK } from '../schema/schema.js';
import type { Scenario } from '../types.js';

/**
 * Observed inflow continued by its trailing mean, trend or seasonal profile
 * can reach a mean beyond what caseload simulates by the end of the horizon:
 * an input problem at futureMeanPerWeek (`at`), found before a run.
 *
 * @example replayedInflowTooLarge(scenario, futureMeanNode.at, 'scenarios/x.yaml') // null when within bounds
 */
export function replayedInflowTooLarge(scenario: Scenario, at: Origin, file: string): InputIssue | null {
  const inflow = scenario.inflow;
  if (inflow.kind !== 'replay') return null;
  const futureWeeks = Math.max(0, scenario.horizonWeeks - inflow.observedPerWeek.length);
  if (futureWeeks === 0) return null;
  const trend = inflow.futureTrendPerWeek ?? 0;
  const seasonal = Math.max(1, ...(inflow.futureMonthFactors ?? [1]));
  // A dated future mean's values are each within the schema's bound; its highest counts all the same.
  const base = Math.max(inflow.futureMeanPerWeek, ...(inflow.futureChanges ?? []).map((change) => change.meanPerWeek));
  const highest = Math.max(base, base + trend * (futureWeeks - 1)) * seasonal;
  if (highest <= MAX_INFLOW_PER_WEEK) return null;
  return issueAtOrigin(
    at,
    file,
    'inflow.observed.futureMeanPerWeek',
    `continues the data to a mean of ${Math.round(highest).toLocaleString('en-US')} a week within the horizon, more than caseload simulates`,
    `at most ${MAX_INFLOW_PER_WEEK.toLocaleString('en-US')} a week: a shorter horizon, or a number`,
  );
}
