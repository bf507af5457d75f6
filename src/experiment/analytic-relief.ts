import { probit } from 'simple-statistics';
import { compile } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';

/** The relief capacity in FTE of the scenario's staff pool. */
export interface AnalyticReliefFte {
  /** FTE for `AnalyticRelief.perWeek`: perWeek x meanHoursPerDecision / (hoursPerFteWeek x productiveShare x calendarFactor). */
  readonly value: number;
  /** FTE for `AnalyticRelief.withInflowVariability`. */
  readonly withInflowVariability: number;
  /** Mean hoursPerDecision of the lanes, weighted by their shares of the inflow. */
  readonly meanHoursPerDecision: number;
  readonly hoursPerFteWeek: number;
  readonly productiveShare: number;
  /** Mean calendar factor of the pool over the weeks (1 without a calendar). */
  readonly calendarFactor: number;
}

/**
 * The waiting-list planners' mean-value answer: the capacity per week that
 * takes the backlog from where it starts to the target in the weeks up to
 * the target date, if every week brought exactly the mean inflow and all
 * capacity were used.
 */
export interface AnalyticRelief {
  /** Total open cases at the start. */
  readonly startBacklog: number;
  readonly targetBacklog: number;
  /** Weeks until the target date: weeks 0 .. week, so week + 1. */
  readonly weeks: number;
  /** Mean total inflow per week over those weeks. */
  readonly meanInflowPerWeek: number;
  /** Decisions a week: (startBacklog - targetBacklog) / weeks + meanInflowPerWeek. */
  readonly perWeek: number;
  /**
   * `perWeek` plus a normal allowance for the Poisson inflow alone at the
   * confidence: probit(confidence) x sqrt(inflow over the weeks) / weeks.
   */
  readonly withInflowVariability: number;
  /** The same in FTE, when the scenario's shared capacity is a staff pool or has a conversion to staff; else null. */
  readonly fte: AnalyticReliefFte | null;
}

/**
 * The analytic relief capacity for a target backlog at the end of week
 * `week`: (current backlog - target) / weeks until the date + mean inflow
 * per week. A mean-value answer, so about 50% confidence; in FTE too when
 * the capacity is a staff pool or has a conversion to staff (the same
 * inflow-weighted hours of a decision as the conversion's).
 *
 * @example analyticRelief(baseline, 1100, 51, 0.9).perWeek // (1440 - 1100) / 52 + 25 = 31.54
 */
export function analyticRelief(
  scenario: Scenario,
  targetBacklog: number,
  week: number,
  confidence: number,
): AnalyticRelief {
  const plan = compile(scenario);
  const weeks = week + 1;
  const startBacklog = plan.initialBacklog.reduce((sum, count) => sum + count, 0);
  let inflow = 0;
  for (let i = 0; i < weeks * plan.laneCount; i++) inflow += plan.inflowMean[i]!;
  const meanInflowPerWeek = inflow / weeks;
  const perWeek = (startBacklog - targetBacklog) / weeks + meanInflowPerWeek;
  const withInflowVariability = perWeek + (probit(confidence) * Math.sqrt(inflow)) / weeks;
  const policy = scenario.capacity.policy;
  const conversion = scenario.capacity.conversion ?? null;
  // The staff's hours: a staff pool's own (at the start), or a conversion's.
  const staffing =
    policy.kind === 'staff'
      ? { hoursPerFteWeek: policy.hoursPerFteWeek, productiveShare: policy.productiveShare }
      : conversion;
  if (staffing === null)
    return { startBacklog, targetBacklog, weeks, meanInflowPerWeek, perWeek, withInflowVariability, fte: null };

  let shares = 0;
  let hours = 0;
  for (const lane of scenario.lanes) {
    if (lane.hoursPerDecision === null) continue;
    shares += lane.share;
    hours += lane.share * lane.hoursPerDecision;
  }
  const meanHoursPerDecision = shares > 0 ? hours / shares : Number.NaN;
  const scale = plan.pools[0]!.calendarScale;
  let calendar = 0;
  for (let t = 0; t < weeks; t++) calendar += scale[t]!;
  const calendarFactor = calendar / weeks;
  const hoursPerFte = staffing.hoursPerFteWeek * staffing.productiveShare * calendarFactor;
  return {
    startBacklog,
    targetBacklog,
    weeks,
    meanInflowPerWeek,
    perWeek,
    withInflowVariability,
    fte: {
      value: (perWeek * meanHoursPerDecision) / hoursPerFte,
      withInflowVariability: (withInflowVariability * meanHoursPerDecision) / hoursPerFte,
      meanHoursPerDecision,
      hoursPerFteWeek: staffing.hoursPerFteWeek,
      productiveShare: staffing.productiveShare,
      calendarFactor,
    },
  };
}
