import type { PoissonSampler } from '../random/poisson.js';

/** Arrival slots per block of ReplicationState.blocks: 2^BLOCK_BITS. */
export const BLOCK_BITS = 4;

/** The first week a trigger rule's staff work while it is off: a week no horizon reaches (the largest Int32). */
export const TRIGGER_OFF = 0x7fffffff;

/**
 * Capacity that follows the inflow: (1 + margin) x the mean total inflow of
 * the trailing weeks (this one included), clamped to [min, max]. With
 * `lanes` or `delayWeeks`, the inflow of those lanes only, and the trailing
 * weeks end `delayWeeks` before this one.
 */
export interface InflowFollowing {
  readonly margin: number;
  readonly trailingWeeks: number;
  readonly min: number;
  readonly max: number;
  /** The lanes (priority order) whose arrivals are followed; absent: the total inflow. */
  readonly lanes?: Int32Array;
  /** Weeks between the last inflow followed and the capacity; absent: 0. */
  readonly delayWeeks?: number;
  /** With a delay: the mean inflow followed while no week is old enough, the plan's mean of the followed lanes in week 0. */
  readonly beforeStart?: number;
}

/**
 * A trigger rule compiled: when the open cases of `lanes` at the end of a
 * week have been above `above` for `forWeeks` weeks in a row, the rule fires
 * and adds `extra[t]` units to its pool in weeks t from 1 + delayWeeks weeks
 * after that on, until the end of such a week at which they are below
 * `below` (see `triggerRules`).
 */
export interface TriggerPlan {
  readonly name: string;
  /** Index of the pool the staff join. */
  readonly pool: number;
  /** The watched lanes, priority order. */
  readonly lanes: Int32Array;
  readonly above: number;
  readonly below: number;
  readonly forWeeks: number;
  readonly delayWeeks: number;
  readonly fte: number;
  /** Units of the pool the rule adds in week t while on: fte x the pool's units per FTE-week x the calendar factor. */
  readonly extra: Float64Array;
}

/** One capacity pool: the shared one (index 0) or a lane's dedicated one. */
export interface PoolPlan {
  /** `shared`, or the name of the lane the pool is dedicated to. */
  readonly label: string;
  readonly unit: 'decisions' | 'hours';
  /**
   * Whole units available in each week after the calendar and the fractional
   * carry of docs/model.md (floor of the cumulative rate); null when the capacity
   * follows the inflow and is set during the run.
   */
  readonly quota: Float64Array | null;
  readonly followsInflow: InflowFollowing | null;
  /** Calendar factor per week (1 for a normal week). */
  readonly calendarScale: Float64Array;
  /**
   * Paid FTE per week of a staff pool (attrition and schedule applied, ramp-up
   * not), or of a pool with a conversion (the planned capacity in staff);
   * null for other pools.
   */
  readonly paidFte: Float64Array | null;
  /**
   * Productive staff hours one unit of the pool takes, to report its hours:
   * 1 for a pool counted in hours, the mean hours of a decision for one
   * counted in decisions with a conversion; null without staff figures.
   */
  readonly staffHoursPerUnit: number | null;
  /** Cost of one paid FTE for a year; null when not given. */
  readonly costPerFteYear: number | null;
  /**
   * The planned rate per week with the calendar applied, before the whole-unit
   * rounding of `quota`: what realised capacity scales when it is uncertain
   * (null when the capacity follows the inflow).
   */
  readonly rate: Float64Array | null;
  /** Indices in Plan.triggers of the rules that add staff to this pool; absent when none does. */
  readonly triggers?: Int32Array;
}

/** A random factor with mean 1 per replication: its distribution and coefficient of variation, or a fixed value. */
export interface FactorPlan {
  readonly distribution: 'lognormal' | 'gamma';
  readonly cv: number;
  /** Held at this value in every replication (a sensitivity run); null to draw it. */
  readonly fixedAt: number | null;
}

/**
 * What the plan does not know, drawn per replication (or per week) from a
 * stream of each source's own, so that switching one source on or off moves
 * no other draw. Every factor has mean 1; expected-value mode uses the means.
 */
export interface UncertaintyPlan {
  readonly level: FactorPlan | null;
  /** Standard deviation of a week's step of the log inflow level (sdPerYear / sqrt(52)); 0 for none. */
  readonly driftPerWeek: number;
  /** The log level at the last week when the drift is held on a straight line (a sensitivity run); null to draw it. */
  readonly driftFixedEnd: number | null;
  /** Gamma shape 1 / cv^2 of the weekly inflow factor; 0 for none. */
  readonly overdispersionShape: number;
  readonly productivity: FactorPlan | null;
  /** Gamma shape 1 / cv^2 of the weekly capacity factor; 0 for none. */
  readonly capacityWeeklyShape: number;
  /** Dirichlet concentration of the lanes' shares; 0 for none. */
  readonly shareConcentration: number;
  /** Beta concentration of the grant rates; 0 for none. */
  readonly grantConcentration: number;
  /** Whether any source moves the capacity (the capacity step then scales each week's rate by the state's factor). */
  readonly capacityUncertain: boolean;
  /** The lanes' planned shares in priority order, to draw around. */
  readonly share: Float64Array;
  /** The Dirichlet's parameters: shareConcentration x share. */
  readonly shareParameters: Float64Array;
}

/**
 * A scenario compiled into flat typed arrays: everything the replication
 * loop reads, and nothing it has to look up by name. Lanes are in priority
 * order (lane 0 is served first). Per-week, per-lane arrays are indexed
 * `t * laneCount + lane`; per-lane cohort arrays `lane * cohortSlots + slot`,
 * where arrival week a sits in slot `a + maxAgeWeeks`.
 */
export interface Plan {
  readonly horizonWeeks: number;
  readonly laneCount: number;
  /** Lane names in priority order. */
  readonly laneNames: readonly string[];
  /** Age in weeks of the oldest initial cohort. */
  readonly maxAgeWeeks: number;
  /** maxAgeWeeks + horizonWeeks: every arrival week that can occur. */
  readonly cohortSlots: number;
  /** Open cases at the start per lane and arrival slot (laneCount x cohortSlots). */
  readonly initialCohorts: Float64Array;
  /** Open cases at the start per lane. */
  readonly initialBacklog: Float64Array;
  /** Expected arrivals per week and lane: lambda_t x share (horizonWeeks x laneCount). */
  readonly inflowMean: Float64Array;
  /** A sampler for each inflowMean entry; equal means share one sampler. */
  readonly inflowSamplers: readonly PoissonSampler[];
  /**
   * An observed inflow replayed in weeks 0 .. weeks-1 (null when none): the
   * week's total arrivals are the data, split over the lanes by their shares
   * (expected values `total`; whole numbers `whole` drawn multinomially).
   */
  readonly replay: ReplayPlan | null;
  readonly minWaitWeeks: Int32Array;
  readonly grantRate: Float64Array;
  /** pools[0] is the shared pool; the rest are dedicated to one lane each. */
  readonly pools: readonly PoolPlan[];
  /** Index of the lane's dedicated pool, or -1. */
  readonly dedicatedPool: Int32Array;
  /** Units of the shared pool one decision of the lane uses (1, or its hours). */
  readonly sharedEffort: Float64Array;
  /** Units of the lane's dedicated pool one decision uses (0 without one). */
  readonly dedicatedEffort: Float64Array;
  /** Stream keys per lane: hashes of `inflow.<lane>` and `outcome.<lane>`. */
  readonly inflowKeys: Uint32Array;
  readonly outcomeKeys: Uint32Array;
  /**
   * The scenario's uncertainty, or null: then the inflow is Poisson around
   * the plan (tabulated samplers) and capacity is the plan. With it, the
   * inflow is drawn with `VaryingPoisson` around the replication's means.
   */
  readonly uncertainty: UncertaintyPlan | null;
  /**
   * The weekly withdrawal hazard of an open case by lane and age in weeks
   * (laneCount x cohortSlots, indexed `lane * cohortSlots + age`), or null
   * when no lane has withdrawals.
   */
  readonly withdrawalHazard: Float64Array | null;
  /** Per lane: the withdrawal bands' first ages (from 0, increasing) and hazards; empty for none. */
  readonly withdrawalBandFrom: readonly Int32Array[];
  readonly withdrawalBandHazard: readonly Float64Array[];
  /** Per lane and band: log(1 - hazard), the scale of the geometric skips between withdrawals (0 for a hazard of 0). */
  readonly withdrawalBandLogStay: readonly Float64Array[];
  /** Per lane: the index of its first band among all lanes' bands (laneCount + 1 entries; the last is the total). */
  readonly withdrawalBandOffset: Int32Array;
  /** Stream keys per lane: hashes of `withdrawal.<lane>`. */
  readonly withdrawalKeys: Uint32Array;
  /** Moves between lanes (at the decision step or after a waiting time), or null when no lane has any. */
  readonly transfers: TransferPlan | null;
  /** Refusals that return as new applications, or null when no lane has any. */
  readonly refiling: RefilingPlan | null;
  /** Trigger rules of every pool, pool by pool in the order of `pools`; empty for none. */
  readonly triggers: readonly TriggerPlan[];
}

/** Per lane (priority order): the share of refusals that file again, when, and into which lanes. */
export interface RefilingPlan {
  /** Probability that a refusal returns (0 for a lane without refiling). */
  readonly probability: Float64Array;
  /** Per lane: probability of a delay of k weeks at index k - 1. */
  readonly delay: readonly Float64Array[];
  /** Per lane: the running sums of `delay`, up to its last positive entry, which is exactly 1 (see pickCumulative). */
  readonly delayCumulative: readonly Float64Array[];
  /** Per lane: the shares of the lanes the new applications join (priority order). */
  readonly targets: readonly Float64Array[];
  /** Per lane: the running sums of `targets`, as `delayCumulative`. */
  readonly targetsCumulative: readonly Float64Array[];
  /** Stream keys per lane: hashes of `refiling.<lane>`. */
  readonly keys: Uint32Array;
}

/** Per lane (priority order): where its cases move, when, and with which probabilities. */
export interface TransferPlan {
  /** Per lane: the target lane indices of its moves at the decision step. */
  readonly to: readonly Int32Array[];
  readonly probability: readonly Float64Array[];
  /** Per lane: the running sums of `probability` (a case whose uniform is below cumulative[i], and not below the one before, moves to to[i]). */
  readonly cumulative: readonly Float64Array[];
  /** Sum of each lane's probabilities at the decision step (0 for a lane without). */
  readonly total: Float64Array;
  /** Stream keys per lane: hashes of `transfer.<lane>`. */
  readonly keys: Uint32Array;
  /** Moves after a waiting time, grouped by lane and age (lane order, then age). */
  readonly waiting: readonly WaitingMoves[];
  /** Stream keys per lane: hashes of `transfer-wait.<lane>`. */
  readonly waitingKeys: Uint32Array;
}

/** A lane's moves of open cases that reach an age: targets and probabilities that sum to at most 1. */
export interface WaitingMoves {
  readonly lane: number;
  /** Age in weeks since filing at which a still open case may move (at the start of that week). */
  readonly age: number;
  readonly to: Int32Array;
  readonly probability: Float64Array;
  readonly cumulative: Float64Array;
}

/** Observed totals per replayed week, and the lanes' shares (in priority order) to split them by. */
export interface ReplayPlan {
  readonly weeks: number;
  /** Deterministic mode: the observed total of each week (fractional for monthly data). */
  readonly total: Float64Array;
  /** Stochastic mode: the whole-number total of each week. */
  readonly whole: Float64Array;
  readonly share: Float64Array;
}
