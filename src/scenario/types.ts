/**
 * The resolved scenario: what the loader returns after parsing, `extends`
 * merging, filling defaults and validation. Every field is present and
 * checked; `compile()` turns it into the engine's flat plan.
 *
 * Dates are ISO strings `YYYY-MM-DD`. Week t covers the seven days
 * starting at `start + 7t`.
 */

/** How much a capacity pool can do per week, before the calendar scales it. */
export type CapacityPolicy =
  /** A fixed number of units per week (decisions, or hours when the pool counts hours). */
  | { readonly kind: 'perWeek'; readonly perWeek: number }
  /** An annual plan spread evenly over the weeks: perYear / 52 per week. */
  | { readonly kind: 'perYear'; readonly perYear: number }
  /**
   * Inflow plus margin: (1 + margin) x the mean total inflow of the trailing
   * `trailingWeeks` weeks (this week included; fewer at the start), clamped
   * to [min, max] decisions per week. With `lanes`, the inflow of those lanes
   * only; with `delayWeeks` d, the trailing weeks end at week t - d (before
   * week 0 the plan's mean inflow of week 0 stands in).
   */
  | {
      readonly kind: 'inflowPlusMargin';
      readonly margin: number;
      readonly trailingWeeks: number;
      readonly min: number;
      readonly max: number;
      /** Lanes whose arrivals are followed; absent: all lanes (the total inflow). */
      readonly lanes?: readonly string[];
      /** Reaction delay in weeks; absent: 0. */
      readonly delayWeeks?: number;
    }
  /** Staff hours: fte x hoursPerFteWeek x productiveShare hours per week. */
  | {
      readonly kind: 'staff';
      readonly fte: number;
      readonly hoursPerFteWeek: number;
      readonly productiveShare: number;
      /** Weeks until new staff work at full productivity (gained evenly). Default 0. */
      readonly rampUpWeeks?: number;
      /** FTE lost per quarter, evenly week by week from the start. Default 0. */
      readonly attritionPerQuarter?: number;
      /** Cost of one paid FTE for a year, for staff cost and cost per decision; null when not given. */
      readonly costPerFteYear?: number | null;
    };

/** A dated change of one capacity field: its value from `from` on. */
export interface CapacityChange {
  readonly from: string;
  readonly field: 'perWeek' | 'perYear' | 'fte' | 'hoursPerFteWeek' | 'productiveShare';
  readonly value: number;
}

/** What a pool's capacity is counted in. `staff` pools always count hours. */
export type CapacityUnit = 'decisions' | 'hours';

export interface CapacitySpec {
  readonly unit: CapacityUnit;
  /** The policy with its values at the start. */
  readonly policy: CapacityPolicy;
  /** Later values of scheduled fields, by date. Default none. */
  readonly changes?: readonly CapacityChange[];
  /** The staff the planned capacity takes (not for a staff policy); absent or null for none. */
  readonly conversion?: StaffConversion | null;
  /** Rules that add FTE while a backlog stays high; absent or empty for none. */
  readonly triggers?: readonly TriggerRule[];
}

/**
 * Extra staff while a backlog stays high: when the open cases of `lanes` at
 * the end of a week have been above `above` for `forWeeks` weeks in a row,
 * `fte` FTE join the pool from `delayWeeks` weeks after the next week on, and
 * stay until the end of a week they worked at which the open cases are below
 * `below`. See docs/model.md.
 */
export interface TriggerRule {
  /** Unique among the scenario's rules. */
  readonly name: string;
  readonly lanes: readonly string[];
  readonly above: number;
  /** At most `above`. */
  readonly below: number;
  /** At least 1. */
  readonly forWeeks: number;
  /** More than 0. */
  readonly fte: number;
  readonly delayWeeks: number;
}

/**
 * What a pool counted in decisions or hours takes in staff: paid FTE a week =
 * planned units x hours per unit / (hoursPerFteWeek x productiveShare); hours
 * per unit are 1 for hours, the lanes' hoursPerDecision (weighted by their
 * inflow shares; a dedicated pool's lane's own) for decisions.
 */
export interface StaffConversion {
  readonly hoursPerFteWeek: number;
  readonly productiveShare: number;
  /** Cost of one paid FTE for a year; null when not given. */
  readonly costPerFteYear: number | null;
}

/** A dated change of the mean inflow: `meanPerWeek` from the week of `from` on. */
export interface InflowChange {
  readonly from: string;
  readonly meanPerWeek: number;
}

export type InflowSpec =
  /** Poisson arrivals with the same mean every week. */
  | { readonly kind: 'constant'; readonly meanPerWeek: number }
  /**
   * Poisson arrivals with a mean that changes on dated weeks: `meanPerWeek`
   * from the start, then each change from the week its date falls in (the
   * last holds to the end of any horizon).
   */
  | { readonly kind: 'scheduled'; readonly meanPerWeek: number; readonly changes: readonly InflowChange[] }
  /** Poisson arrivals with a mean per week; at least horizonWeeks values. */
  | { readonly kind: 'weekly'; readonly meanPerWeek: readonly number[] }
  /**
   * Observed counts replayed exactly in weeks 0 .. k-1 (k = observedPerWeek.length,
   * possibly more than the horizon), Poisson with futureMeanPerWeek (and its
   * futureChanges, trend or month factors) after them.
   */
  | {
      readonly kind: 'replay';
      /** Arrivals per week from the start (deterministic mode): monthly counts spread by days may be fractional. */
      readonly observedPerWeek: readonly number[];
      /** The same as whole numbers (stochastic mode): each month's spread parts rounded cumulatively, so that its total is exact. */
      readonly wholePerWeek: readonly number[];
      /** Poisson mean of the first week after the data. */
      readonly futureMeanPerWeek: number;
      /**
       * Later values of a dated futureMeanPerWeek: each from the week its date
       * falls in (none before the first week after the data), the last to the
       * end of any horizon. Absent when it is not a schedule.
       */
      readonly futureChanges?: readonly InflowChange[];
      /** Change of that mean per week after it (a trend taken from the data); default 0. The mean never goes below 0. */
      readonly futureTrendPerWeek?: number;
      /**
       * A seasonal profile taken from the data: the factor of each calendar month
       * (January first) on futureMeanPerWeek, by the month a week starts in.
       */
      readonly futureMonthFactors?: readonly number[];
      /** The CSV file the counts come from. */
      readonly source: string;
    };

export interface LaneSpec {
  readonly name: string;
  /** Share of the total inflow, in [0, 1]; the lanes' shares sum to 1. */
  readonly share: number;
  /** Lower is served first; ties keep the order of the file. */
  readonly priority: number;
  /** A case arrived in week a is eligible in week t when t - a >= minWaitWeeks. Default 1. */
  readonly minWaitWeeks: number;
  /** Probability that a decision is a grant, in [0, 1]. */
  readonly grantRate: number;
  /** Hours one decision takes; required when any pool serving the lane counts hours. */
  readonly hoursPerDecision: number | null;
  /** Capacity only this lane uses, before the shared pool. */
  readonly dedicatedCapacity: CapacitySpec | null;
  /**
   * Open cases that leave without a decision: the weekly hazard by age, as
   * bands sorted by `fromWeeks` (the first from 0); null for none.
   */
  readonly withdrawals?: readonly WithdrawalBand[] | null;
  /** Refused applicants who file again; absent or null for none. */
  readonly refiling?: RefilingSpec | null;
  /** Moves to other lanes, by lane name; absent or empty for none. */
  readonly transfers?: readonly TransferSpec[];
}

/** A move to another lane: at the decision step (afterWeeks null), or of an open case at that age (weeks since filing). */
export interface TransferSpec {
  readonly to: string;
  readonly probability: number;
  readonly afterWeeks?: number | null;
}

/** Refusals that return as new applications. */
export interface RefilingSpec {
  readonly probability: number;
  /** Probability of a delay of k weeks, for k = 1 .. delay.length (sums to 1). */
  readonly delay: readonly number[];
  /** Shares of the lanes the new applications join, by lane name (sum to 1); null for the inflow's shares. */
  readonly lanes: Readonly<Record<string, number>> | null;
}

/** The weekly hazard of withdrawal of open cases aged fromWeeks or more (up to the next band). */
export interface WithdrawalBand {
  readonly fromWeeks: number;
  readonly hazard: number;
}

/** Open cases of one lane at the start, with their arrival weeks. */
export type InitialBacklogSpec =
  /** `count` cases spread evenly over the last `spreadWeeks` weeks (docs/model.md). */
  | { readonly kind: 'spread'; readonly count: number; readonly spreadWeeks: number }
  /** Explicit counts by weeks before the start: weeksAgo 1 means arrival week -1. */
  | { readonly kind: 'byWeeksAgo'; readonly counts: readonly { readonly weeksAgo: number; readonly count: number }[] };

export interface CalendarEntry {
  readonly from: string;
  readonly to: string;
  /**
   * Capacity factor for the working days in [from, to], >= 0: a week is scaled by the share of its
   * working days covered; on a day several entries cover, the lowest factor applies.
   */
  readonly scale: number;
  readonly label: string | null;
}

/** A day of the week as scenarios name it. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface TargetSpec {
  /** Total backlog to reach or go below. */
  readonly backlog: number;
  /** Date by which: the backlog at the end of the last whole week ending on or before it. */
  readonly date: string;
}

export interface Scenario {
  readonly name: string;
  readonly description: string | null;
  readonly start: string;
  readonly horizonWeeks: number;
  readonly seed: number;
  readonly replications: number;
  readonly inflow: InflowSpec;
  /** The shared pool. */
  readonly capacity: CapacitySpec;
  readonly calendar: readonly CalendarEntry[];
  /**
   * The working days, Monday first, each once: a week's capacity is spread over them and the
   * calendar changes only these days. Absent: Monday to Friday (the scenario names no work week).
   */
  readonly workWeek?: readonly Weekday[];
  /** In file order. */
  readonly lanes: readonly LaneSpec[];
  /** Per lane name; lanes without an entry start empty. */
  readonly initialBacklog: Readonly<Record<string, InitialBacklogSpec>>;
  readonly target: TargetSpec | null;
  /** Published figures of the scenario's period, for `caseload backtest`; absent when not given. */
  readonly observed?: ObservedSpec;
  /**
   * What the plan does not know: random factors on the inflow, the capacity,
   * the lanes' shares and grant rates, drawn per replication (or per week).
   * Absent: the inflow is Poisson around the plan and capacity is the plan.
   */
  readonly uncertainty?: UncertaintySpec;
}

/** A random factor with mean 1, drawn once per replication. */
export interface FactorSpec {
  /** Coefficient of variation (standard deviation / mean) of the factor, >= 0. */
  readonly cv: number;
  readonly distribution: 'lognormal' | 'gamma';
  /**
   * Not in scenario files: the factor's value in every replication, for the
   * sensitivity runs of `caseload run` (a parameter held at its P10 or P90).
   */
  readonly fixedAt?: number;
}

/** A random walk of the log inflow level: steps of sdPerYear / sqrt(52) a week, with mean 1 at every week. */
export interface DriftSpec {
  /** Standard deviation of the log level's change over 52 weeks, >= 0. */
  readonly sdPerYear: number;
  /** Not in scenario files: the level at the end of the horizon, reached along a straight line of the log level. */
  readonly fixedEndAt?: number;
}

/** A factor with mean 1 drawn afresh every week (gamma distributed). */
export interface WeeklyNoiseSpec {
  readonly cv: number;
}

export interface UncertaintySpec {
  readonly inflow: {
    /** The replication's inflow level: a factor on every week's mean. */
    readonly level: FactorSpec | null;
    readonly drift: DriftSpec | null;
    /** Overdispersion: a weekly gamma factor on the mean, so weekly counts are negative binomial with size 1/cv^2. */
    readonly overdispersion: WeeklyNoiseSpec | null;
  };
  readonly capacity: {
    /** Realised against planned capacity, every pool, for the whole replication. */
    readonly productivity: FactorSpec | null;
    /** Week-to-week variation of realised capacity (absence, other priorities), every pool. */
    readonly weekly: WeeklyNoiseSpec | null;
  };
  /** The lanes' shares drawn per replication from a Dirichlet with this concentration (sum of its parameters). */
  readonly shares: { readonly concentration: number } | null;
  /** Each lane's grant rate drawn per replication from a beta with the rate as mean and this concentration (a + b). */
  readonly grantRates: { readonly concentration: number } | null;
  /** Where the figures come from. */
  readonly source: string | null;
}

/** Published aggregates of a past period, to check a scenario against. */
export interface ObservedSpec {
  /** Decisions over the horizon, all lanes. */
  readonly decisions: number | null;
  /** Total backlog at the end of the horizon. */
  readonly endBacklog: number | null;
  /** Mean lead time of the cases decided, in days, all lanes. */
  readonly meanLeadTimeDays: number | null;
  /** Mean lead time in days per lane. */
  readonly leadTimeDaysByLane: Readonly<Record<string, number>>;
  /** Where the figures come from. */
  readonly source: string | null;
}
