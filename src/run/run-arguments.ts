/**
 * The checks of what the run's public functions take beside a scenario: the
 * options of a run, the plan and the tally of its result (prognosis,
 * scenarioIdentities). Each throws CaseloadArgumentError naming the parameter.
 */
import type { Plan } from '../engine/plan.js';
import { Tally } from '../engine/tally.js';
import {
  argCallback,
  argFlag,
  argObject,
  argScenario,
  argumentError,
  argWorkers,
  describeValue,
  isCompiledPlan,
} from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';

/**
 * The options of runScenario: an object of `deterministic`, `workers` (a
 * whole number from 1 to 256), `onProgress` and `explain`, each optional.
 *
 * @example argRunOptions({ workers: 2 }, 'options')
 */
export function argRunOptions(value: unknown, parameter: string): void {
  const options = argObject(
    value,
    parameter,
    ['deterministic', 'workers', 'onProgress', 'explain'],
    'the options of runScenario',
  );
  argFlag(options['deterministic'], `${parameter}.deterministic`);
  argWorkers(options['workers'], `${parameter}.workers`);
  argCallback(options['onProgress'], `${parameter}.onProgress`);
  argFlag(options['explain'], `${parameter}.explain`);
}

/**
 * The plan of a run's result (RunResult.plan: what `compile` made), and, given
 * the scenario, the plan of that scenario: its weeks and lanes.
 *
 * @example argPlan(run.plan, 'plan', scenario)
 */
export function argPlan(value: unknown, parameter: string, scenario: Scenario | null = null): Plan {
  const allowed = 'the plan of a run: runScenario(scenario).plan';
  if (!isCompiledPlan(value))
    argumentError(parameter, `is not a plan caseload made, got ${describeValue(value)}`, allowed);
  if (scenario !== null) {
    const lanes = scenario.lanes.map((lane) => lane.name).sort();
    if (value.horizonWeeks !== scenario.horizonWeeks || [...value.laneNames].sort().join() !== lanes.join())
      argumentError(
        parameter,
        `is the plan of another scenario: ${value.horizonWeeks} weeks, lanes ${value.laneNames.join(', ')}`,
        `the plan of this scenario: ${scenario.horizonWeeks} weeks, lanes ${lanes.join(', ')}`,
      );
  }
  return value;
}

/**
 * The tally of a run's result (RunResult.tally), of the given plan.
 *
 * @example argTally(run.tally, 'tally', run.plan)
 */
export function argTally(value: unknown, parameter: string, plan: Plan): Tally {
  const allowed = 'the tally of a run of the plan: runScenario(scenario).tally';
  if (!(value instanceof Tally)) argumentError(parameter, `is not a tally, got ${describeValue(value)}`, allowed);
  if (
    value.horizonWeeks !== plan.horizonWeeks ||
    value.laneCount !== plan.laneCount ||
    value.cohortSlots !== plan.cohortSlots ||
    value.poolCount !== plan.pools.length
  )
    argumentError(parameter, 'is the tally of another plan', allowed);
  return value;
}

/**
 * A scenario with the plan and tally of its run: what prognosis and
 * prognosisRows take.
 */
export function argRunOf(scenario: unknown, plan: unknown, tally: unknown): void {
  const checked = argScenario(scenario, 'scenario');
  argTally(tally, 'tally', argPlan(plan, 'plan', checked));
}
