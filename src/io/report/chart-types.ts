/**
 * The data each chart of the HTML report draws: plain numbers and ISO dates,
 * built from a run's results by the report's assembler and turned into SVG
 * text by the chart builders. Every array indexed by point has one entry per
 * point of `dates`.
 */

/** A fan chart of the total backlog per week. */
export interface FanChartData {
  /** The start date (the backlog at the start), then the last day of each week. */
  readonly dates: readonly string[];
  readonly p5: readonly number[];
  readonly p25: readonly number[];
  readonly p50: readonly number[];
  readonly p75: readonly number[];
  readonly p95: readonly number[];
  /** The expected-value path. */
  readonly deterministic: readonly number[];
  /** The target backlog and the date it should be reached by; null without a target. */
  readonly target: {
    readonly backlog: number;
    readonly date: string;
    readonly probability: number;
    /** The probability's 95% interval; null in deterministic mode. */
    readonly interval: { readonly low: number; readonly high: number } | null;
  } | null;
  /** Observed backlogs drawn as dots on the fan (the monitor's actuals); absent for none. */
  readonly points?: FanPoints;
  /**
   * A second fan, P5–P95 and median, drawn from its first date on over the
   * first (the monitor's re-forecast from the last actual date); absent for none.
   */
  readonly second?: SecondFan;
}

/** Values drawn as dots on a fan chart: a date and a value each. */
export interface FanPoints {
  /** The legend's text for them. */
  readonly label: string;
  readonly dates: readonly string[];
  readonly values: readonly number[];
}

/** A second fan over a fan chart, from its first date on. */
export interface SecondFan {
  /** The legend's text for its band (its median is named after it). */
  readonly label: string;
  readonly dates: readonly string[];
  readonly p5: readonly number[];
  readonly p50: readonly number[];
  readonly p95: readonly number[];
}

/** The mean backlog of each lane per week, stacked (lanes in priority order, bottom first). */
export interface StackedLanesData {
  readonly dates: readonly string[];
  readonly lanes: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** Mean decisions per week against the capacity, in decisions per week. */
export interface DecisionsData {
  /** The last day of each week (no start point). */
  readonly dates: readonly string[];
  readonly decisions: readonly number[];
  readonly capacity: readonly number[];
  /** Whether a pool counted in hours is in the capacity line (converted at that week's mean hours per decision). */
  readonly capacityInHours: boolean;
}

/** The distribution of lead times (filing to decision) of the cases decided in the horizon, per lane. */
export interface LeadTimeData {
  readonly lanes: readonly {
    readonly name: string;
    /** Cases decided per replication with a lead time of w weeks, w = 0, 1, ... (7w days). */
    readonly decidedByWeeks: readonly number[];
    readonly p50Days: number;
    readonly p90Days: number;
  }[];
}

/** Options of a comparison: end backlog and lead time of each, with intervals. */
export interface OptionsData {
  /** The date of the end backlog. */
  readonly endDate: string;
  readonly options: readonly {
    readonly label: string;
    readonly base: boolean;
    readonly endBacklog: {
      readonly p5: number;
      readonly p25: number;
      readonly p50: number;
      readonly p75: number;
      readonly p95: number;
      readonly mean: number;
    };
    /** Lead time of all decided cases, days. */
    readonly leadTimeDays: { readonly mean: number; readonly p50: number; readonly p90: number };
    /** Mean change of the end backlog against the base with its 95% interval (paired); null for the base. */
    readonly change: { readonly mean: number; readonly low: number; readonly high: number } | null;
  }[];
}

/** The end backlog's variance split over its sources (Shapley shares), largest first. */
export interface VarianceSharesData {
  /** The date of the end backlog. */
  readonly endDate: string;
  /** Variance of the end backlog over the replications with every source on, cases squared. */
  readonly total: number;
  readonly shares: readonly {
    readonly label: string;
    /** Part of `total`: the shares add up to 1 (one can be below 0 by sampling noise). */
    readonly share: number;
  }[];
}

/** A tornado of the mean end backlog: each parameter at its P10 and its P90, the others at their means. */
export interface TornadoData {
  /** The date of the end backlog. */
  readonly endDate: string;
  /** Mean end backlog with every parameter at its mean. */
  readonly base: number;
  /** Widest swing first. */
  readonly rows: readonly {
    readonly label: string;
    /** The parameter's value (a factor on the plan) and the mean end backlog it gives. */
    readonly p10: { readonly value: number; readonly endBacklog: number };
    readonly p90: { readonly value: number; readonly endBacklog: number };
  }[];
  /** The target backlog and its date; null without a target. */
  readonly target: { readonly backlog: number; readonly date: string } | null;
}
