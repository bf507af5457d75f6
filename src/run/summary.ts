import type { Plan } from '../engine/plan.js';
import type { Tally } from '../engine/tally.js';
import { dayNumber, firstOfMonth, scenarioIsoWeek, weekEndDate, weekEndingBy } from '../time/weeks.js';
import type { FactorSpec, Scenario } from '../scenario/types.js';
import { replicationsForHalfWidth, wilsonInterval } from '../stats/proportion.js';
import type { ProbabilityInterval } from '../stats/proportion.js';
import { quantiles } from '../stats/quantiles.js';
import type { UncertaintyExplanation } from './explain-uncertainty.js';
import { scenarioHasFlows } from './explain-uncertainty.js';
import { leadTimeDays } from '../stats/lead-time.js';
import type { LeadTimeDays } from '../stats/lead-time.js';
import { backlogQuantiles, probabilityAtMost } from '../engine/tally-quantiles.js';
import type { Quantiles } from '../stats/quantiles.js';
import { capacitySummary } from './capacity-summary.js';
import type { CapacitySummary } from './capacity-summary.js';
import { triggerSummary } from './trigger-summary.js';
import type { TriggerSummary } from './trigger-summary.js';

export interface Milestone {
  readonly week: number;
  /** Last day of the week, when the backlog is measured. */
  readonly date: string;
  /** The ISO 8601 week (`YYYY-Www`) holding most of the week's days; week 0 is the first week of the scenario. */
  readonly isoWeek: string;
  readonly total: Quantiles;
  /** Total backlog on the expected-value path. */
  readonly deterministic: number;
}

/** The result of `caseload run`, as printed with `--json` and written to summary.json. */
export interface RunSummary {
  readonly scenario: string;
  readonly seed: number;
  readonly reps: number;
  readonly horizonWeeks: number;
  readonly deterministic: boolean;
  readonly start: string;
  readonly end: string;
  /** Lane names in priority order. */
  readonly lanes: readonly string[];
  readonly startBacklog: { readonly total: number; readonly byLane: Readonly<Record<string, number>> };
  readonly endBacklog: { readonly total: Quantiles; readonly byLane: Readonly<Record<string, Quantiles>> };
  /** Expected-value path at the end of the horizon. */
  readonly deterministicEndBacklog: { readonly total: number; readonly byLane: Readonly<Record<string, number>> };
  /** Means per replication over the horizon. */
  readonly arrivals: { readonly total: number; readonly byLane: Readonly<Record<string, number>> };
  readonly decisions: { readonly total: number; readonly byLane: Readonly<Record<string, number>> };
  readonly grants: { readonly total: number; readonly byLane: Readonly<Record<string, number>> };
  readonly refusals: { readonly total: number; readonly byLane: Readonly<Record<string, number>> };
  readonly leadTimeDays: { readonly all: LeadTimeDays; readonly byLane: Readonly<Record<string, LeadTimeDays>> };
  readonly milestones: readonly Milestone[];
  /** Each capacity pool: planned and realised capacity, its decisions, FTE and cost; the cost of the pools with one. */
  readonly capacity: CapacitySummary;
  /** Staff of the pools counted in staff or with a conversion to staff; absent when no pool is. */
  readonly staff?: StaffSummary;
  readonly target?: {
    readonly backlog: number;
    readonly date: string;
    readonly week: number;
    /** The ISO 8601 week of `week` (`YYYY-Www`). */
    readonly isoWeek: string;
    readonly probability: number;
    /** The probability's 95% Wilson interval over the replications; null in deterministic mode. */
    readonly interval: ProbabilityInterval | null;
    /** Replications for that interval to be +/-1 percentage point at this probability; null in deterministic mode. */
    readonly replicationsForOnePoint: number | null;
  };
  /**
   * Per replication: total arrivals and total decisions over the horizon and
   * the total backlog at its end (mean and percentiles over the replications).
   */
  readonly spread: { readonly arrivals: Quantiles; readonly decisions: Quantiles; readonly endBacklog: Quantiles };
  /** What the bands include, in words: the Poisson noise of the arrivals and each uncertain source of the scenario. */
  readonly bandIncludes: readonly string[];
  /** Where the band comes from (variance shares, sensitivity); absent without an uncertainty block or when not computed. */
  readonly uncertainty?: UncertaintyExplanation;
  /** Withdrawals, moves between lanes and refilings, means per replication; only when the scenario has any flow. */
  readonly flows?: FlowsSummary;
  /** What each trigger rule did: how often it fired, the weeks its staff worked, FTE-weeks and cost; only when the scenario has rules. */
  readonly triggers?: readonly TriggerSummary[];
}

/** What the staff pools provide and cost over the horizon. */
export interface StaffSummary {
  /** Paid FTE, averaged over the weeks (schedule and attrition applied). */
  readonly fte: number;
  /** Productive hours per week, averaged over the weeks (ramp-up and calendar applied). */
  readonly hoursPerWeek: number;
  /** Staff cost over the horizon of the pools with costPerFteYear; null when none has it. */
  readonly cost: number | null;
  /**
   * Cost per decision of the pools with a cost: their cost over their own
   * decisions (mean per replication), not over decisions of pools without a
   * cost; null without a cost. See `capacity.cost`.
   */
  readonly costPerDecision: number | null;
}

/** Per lane and in total, means per replication over the horizon. */
export interface PerLane {
  readonly total: number;
  readonly byLane: Readonly<Record<string, number>>;
}

/**
 * The flows of a run, means per replication over the horizon: open cases
 * withdrawn without a decision, cases moved into and out of each lane (in
 * total as many in as out), and arrivals that were refused applicants filing
 * again (included in `arrivals`).
 */
export interface FlowsSummary {
  readonly withdrawals: PerLane;
  readonly movedIn: PerLane;
  readonly movedOut: PerLane;
  readonly refilings: PerLane;
}

/** A week's flows of one lane (or `total`), means per replication; see FlowsSummary. */
export interface WeeklyFlows {
  readonly withdrawals: number;
  readonly movedIn: number;
  readonly movedOut: number;
  readonly refilings: number;
}

/** One row of weekly.csv: the backlog of one lane (or `total`) at the end of one week. */
export interface WeeklyRow extends Quantiles {
  readonly week: number;
  readonly date: string;
  readonly lane: string;
  readonly deterministic: number;
  /** Means per replication; for `total`, summed over the lanes. */
  readonly arrivals: number;
  readonly decisions: number;
  /** Only when the scenario has any flow. */
  readonly flows?: WeeklyFlows;
}

/**
 * The summary of a run: end backlog, decisions, grants, lead times, quarterly
 * milestones and the target probability, from the run's tally and the
 * expected-value tally of the same plan.
 */
export function summarize(scenario: Scenario, plan: Plan, tally: Tally, expected: Tally): RunSummary {
  const lanes = plan.laneNames;
  const last = plan.horizonWeeks - 1;
  const reps = tally.replications;
  const perLane = (value: (lane: number) => number) => {
    const byLane: Record<string, number> = {};
    let total = 0;
    lanes.forEach((name, lane) => {
      byLane[name] = value(lane);
      total += byLane[name];
    });
    return { total, byLane };
  };
  const sumOverWeeks = (sums: Float64Array, lane: number) => {
    let sum = 0;
    for (let t = 0; t < plan.horizonWeeks; t++) sum += sums[t * plan.laneCount + lane]!;
    return sum / reps;
  };
  // Summed week by week: the same as start + arrivals - end, without the rounding residue of
  // fractional cases in deterministic mode (-3.5e-10 decisions where there were none).
  const decisions = perLane((lane) => {
    let sum = 0;
    for (let t = 0; t < plan.horizonWeeks; t++) sum += tally.decisionsSum(t, lane);
    return sum / reps;
  });
  // The expected-value path grants the rate's share of the decisions as summed above, so that
  // grants <= decisions holds exactly (rounding is monotone) and refusals are never a residue
  // below 0 (-1.8e-12 where the engine's own running sum of takes was ordered differently).
  const grants = perLane((lane) =>
    tally.deterministic ? decisions.byLane[lanes[lane]!]! * plan.grantRate[lane]! : tally.grantsSum[lane]! / reps,
  );
  const slots = plan.cohortSlots;
  const leadWeeks = tally.leadWeeks;
  const leadByLane: Record<string, LeadTimeDays> = {};
  lanes.forEach((name, lane) => {
    leadByLane[name] = leadTimeDays(leadWeeks.subarray(lane * slots, (lane + 1) * slots), reps);
  });
  const allLeads = new Float64Array(slots);
  for (let lane = 0; lane < plan.laneCount; lane++) {
    for (let w = 0; w < slots; w++) allLeads[w]! += leadWeeks[lane * slots + w]!;
  }
  const expectedTotal = (week: number) => expected.backlogSum(week, plan.laneCount);
  let arrivalsTotal = 0;
  for (let lane = 0; lane < plan.laneCount; lane++) arrivalsTotal += sumOverWeeks(tally.arrivalsSum, lane);
  const summary: RunSummary = {
    scenario: scenario.name,
    seed: scenario.seed,
    reps,
    horizonWeeks: plan.horizonWeeks,
    deterministic: tally.deterministic,
    start: scenario.start,
    end: weekEndDate(scenario.start, last),
    lanes,
    startBacklog: perLane((lane) => plan.initialBacklog[lane]!),
    endBacklog: {
      total: backlogQuantiles(tally, last, plan.laneCount),
      byLane: Object.fromEntries(lanes.map((name, lane) => [name, backlogQuantiles(tally, last, lane)])),
    },
    deterministicEndBacklog: perLane((lane) => expected.backlogSum(last, lane)),
    arrivals: perLane((lane) => sumOverWeeks(tally.arrivalsSum, lane)),
    decisions,
    grants,
    refusals: perLane((lane) => decisions.byLane[lanes[lane]!]! - grants.byLane[lanes[lane]!]!),
    leadTimeDays: { all: leadTimeDays(allLeads, reps), byLane: leadByLane },
    milestones: milestoneWeeks(scenario.start, plan.horizonWeeks).map((week) => ({
      week,
      date: weekEndDate(scenario.start, week),
      isoWeek: scenarioIsoWeek(scenario.start, week),
      total: backlogQuantiles(tally, week, plan.laneCount),
      deterministic: expectedTotal(week),
    })),
    spread: {
      arrivals: quantiles(tally.arrivalsTotal, arrivalsTotal),
      decisions: quantiles(tally.decisionsTotal, decisions.total),
      endBacklog: backlogQuantiles(tally, last, plan.laneCount),
    },
    bandIncludes: tally.deterministic ? [] : bandIncludes(scenario),
    capacity: capacitySummary(scenario, plan, tally),
  };
  const staff = staffSummary(plan, summary.capacity);
  const withFlows = hasFlows(plan)
    ? {
        ...summary,
        flows: {
          withdrawals: perLane((lane) => sumOverWeeks(tally.withdrawalsSum, lane)),
          movedIn: perLane((lane) => sumOverWeeks(tally.transfersInSum, lane)),
          movedOut: perLane((lane) => sumOverWeeks(tally.transfersOutSum, lane)),
          refilings: perLane((lane) => sumOverWeeks(tally.refiledSum, lane)),
        },
      }
    : summary;
  const withRules = plan.triggers.length === 0 ? withFlows : { ...withFlows, triggers: triggerSummary(plan, tally) };
  const withStaff = staff === null ? withRules : { ...withRules, staff };
  if (scenario.target === null) return withStaff;
  const week = weekEndingBy(scenario.start, scenario.target.date);
  return {
    ...withStaff,
    target: {
      backlog: scenario.target.backlog,
      date: scenario.target.date,
      week,
      isoWeek: scenarioIsoWeek(scenario.start, week),
      probability: probabilityAtMost(tally, week, scenario.target.backlog),
      ...targetInterval(tally, week, scenario.target.backlog),
    },
  };
}

/** The target probability's Wilson interval and the replications for +/-1 point, from the exact count. */
function targetInterval(
  tally: Tally,
  week: number,
  backlog: number,
): { interval: ProbabilityInterval | null; replicationsForOnePoint: number | null } {
  if (tally.backlog === null) return { interval: null, replicationsForOnePoint: null };
  const histogram = tally.backlog[week * (tally.laneCount + 1) + tally.laneCount]!;
  const { probability, low, high } = wilsonInterval(histogram.countAtMost(Math.floor(backlog)), tally.replications);
  return { interval: { low, high }, replicationsForOnePoint: replicationsForHalfWidth(probability) };
}

/** What a stochastic run's bands include, in words. */
export function bandIncludes(scenario: Scenario): string[] {
  const included = ['Poisson noise of the weekly arrivals'];
  if (scenarioHasFlows(scenario))
    included.push(
      'chance in the flows: which open cases withdraw, which move between lanes, which refusals file again',
    );
  const u = scenario.uncertainty;
  if (u === undefined) return included;
  const percent = (cv: number) => `${+(cv * 100).toFixed(1)}%`;
  const factor = (what: string, f: FactorSpec | null) => {
    if (f !== null && f.cv > 0) included.push(`${what}: ${f.distribution} factor, cv ${percent(f.cv)}`);
  };
  factor('inflow level', u.inflow.level);
  if (u.inflow.drift !== null && u.inflow.drift.sdPerYear > 0)
    included.push(`inflow drift: random walk of the log level, sd ${percent(u.inflow.drift.sdPerYear)} a year`);
  if (u.inflow.overdispersion !== null && u.inflow.overdispersion.cv > 0)
    included.push(`inflow overdispersion: weekly gamma factor, cv ${percent(u.inflow.overdispersion.cv)}`);
  factor('capacity productivity', u.capacity.productivity);
  if (u.capacity.weekly !== null && u.capacity.weekly.cv > 0)
    included.push(`capacity week to week: weekly gamma factor, cv ${percent(u.capacity.weekly.cv)}`);
  if (u.shares !== null) included.push(`lane shares: Dirichlet, concentration ${u.shares.concentration}`);
  if (u.grantRates !== null) included.push(`grant rates: beta, concentration ${u.grantRates.concentration}`);
  return included;
}

/** Paid FTE, productive hours and cost of the staff pools and the pools with a conversion; null when the plan has none. */
function staffSummary(plan: Plan, capacity: CapacitySummary): StaffSummary | null {
  const weeks = plan.horizonWeeks;
  let fte = 0;
  let hours = 0;
  let any = false;
  plan.pools.forEach((pool, p) => {
    if (pool.paidFte === null) return;
    any = true;
    fte += capacity.pools[p]!.fte!;
    // In hours: a pool in decisions with a conversion counts its decisions at the hours a decision takes.
    hours += (capacity.pools[p]!.realised * (pool.staffHoursPerUnit ?? 1)) / weeks;
  });
  if (!any) return null;
  return {
    fte,
    hoursPerWeek: hours,
    cost: capacity.cost?.total ?? null,
    costPerDecision: capacity.cost?.perDecision ?? null,
  };
}

/** Weeks whose end falls last before each quarter's end (31 Mar, 30 Jun, 30 Sep, 31 Dec), and the final week. */
export function milestoneWeeks(start: string, horizonWeeks: number): number[] {
  const weeks = new Set<number>();
  const firstYear = Number(start.slice(0, 4));
  const lastDay = dayNumber(weekEndDate(start, horizonWeeks - 1))!;
  // firstOfMonth, not dayNumber(`${year}-01-01`): that is null for the year 10000, and the loop would not end.
  for (let year = firstYear; firstOfMonth(year, 0) <= lastDay; year++) {
    for (const quarterEnd of ['03-31', '06-30', '09-30', '12-31']) {
      const week = weekEndingBy(start, `${year}-${quarterEnd}`);
      if (week >= 0 && week < horizonWeeks) weeks.add(week);
    }
  }
  weeks.add(horizonWeeks - 1);
  return [...weeks].sort((a, b) => a - b);
}

/** Whether the plan has any flow: withdrawals, transfers or refiling. */
export function hasFlows(plan: Plan): boolean {
  return plan.withdrawalHazard !== null || plan.transfers !== null || plan.refiling !== null;
}

/** Every week and series (lanes in priority order, then `total`): the rows of weekly.csv. */
export function weeklyRows(scenario: Scenario, plan: Plan, tally: Tally, expected: Tally): WeeklyRow[] {
  const rows: WeeklyRow[] = [];
  const lanes = plan.laneCount;
  const reps = tally.replications;
  const withFlows = hasFlows(plan);
  for (let t = 0; t < plan.horizonWeeks; t++) {
    const date = weekEndDate(scenario.start, t);
    let arrivals = 0;
    let decided = 0;
    const total = { withdrawals: 0, movedIn: 0, movedOut: 0, refilings: 0 };
    for (let series = 0; series <= lanes; series++) {
      const isTotal = series === lanes;
      const laneArrivals = isTotal ? arrivals : tally.arrivalsSum[t * lanes + series]! / reps;
      const laneDecisions = isTotal ? decided : tally.decisionsSum(t, series) / reps;
      arrivals += isTotal ? 0 : laneArrivals;
      decided += isTotal ? 0 : laneDecisions;
      let flows: WeeklyFlows | undefined;
      if (withFlows) {
        const i = t * lanes + series;
        flows = isTotal
          ? { ...total }
          : {
              withdrawals: tally.withdrawalsSum[i]! / reps,
              movedIn: tally.transfersInSum[i]! / reps,
              movedOut: tally.transfersOutSum[i]! / reps,
              refilings: tally.refiledSum[i]! / reps,
            };
        if (!isTotal) {
          total.withdrawals += flows.withdrawals;
          total.movedIn += flows.movedIn;
          total.movedOut += flows.movedOut;
          total.refilings += flows.refilings;
        }
      }
      rows.push({
        week: t,
        date,
        lane: isTotal ? 'total' : plan.laneNames[series]!,
        ...backlogQuantiles(tally, t, series),
        deterministic: expected.backlogSum(t, series),
        arrivals: laneArrivals,
        decisions: laneDecisions,
        ...(flows === undefined ? {} : { flows }),
      });
    }
  }
  return rows;
}
