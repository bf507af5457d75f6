import { simulateDeterministic } from '../engine/simulate.js';
import { compile } from '../scenario/index.js';
import { weekEndingBy } from '../time/weeks.js';
import type { ReforecastSetup } from './reforecast-scenario.js';

/** A re-forecast in expected values: the deterministic line of its scenario. */
export interface ReforecastExpected {
  /** Total backlog at the end of each week of the re-forecast. */
  readonly weekly: readonly number[];
  /** Per lane (by name) at the end of the last week. */
  readonly endByLane: Readonly<Record<string, number>>;
  /** At the week the target is measured at; null without a target. */
  readonly atTarget: number | null;
  /** At the end of the last week. */
  readonly atEnd: number;
}

/**
 * The expected-value run of a re-forecast's scenario (the engine's
 * deterministic mode, synchronous): what `reforecast(setup, { deterministic:
 * true })` gives, without the run summary, for checks in exact arithmetic.
 *
 * @example reforecastExpected(setup).atTarget // 1,140 for the baseline re-forecast from its start
 */
export function reforecastExpected(setup: ReforecastSetup): ReforecastExpected {
  const scenario = setup.scenario;
  const plan = compile(scenario);
  const tally = simulateDeterministic(plan);
  const weekly = Array.from({ length: plan.horizonWeeks }, (_, t) => tally.backlogSum(t, plan.laneCount));
  const target = scenario.target;
  return {
    weekly,
    endByLane: Object.fromEntries(
      plan.laneNames.map((name, lane) => [name, tally.backlogSum(plan.horizonWeeks - 1, lane)]),
    ),
    atTarget: target === null ? null : weekly[weekEndingBy(scenario.start, target.date)]!,
    atEnd: weekly.at(-1)!,
  };
}
