/** One row of an actuals CSV: a scenario week or a calendar month. */
export interface ActualPeriod {
  /** 1-based line of the row in the CSV. */
  readonly line: number;
  /** First and last day the period covers (ISO dates, inclusive). */
  readonly from: string;
  readonly to: string;
  /** Cases that arrived in the period, decided in the period, and open at the end of `to`; null when the row leaves the measure empty. */
  readonly inflow: ActualValue | null;
  readonly decisions: ActualValue | null;
  readonly backlog: ActualValue | null;
}
export interface ActualValue {
  /** The total over lanes: given, or the sum of byLane when every lane is given; null when only some lanes are given. */
  readonly total: number | null;
  /** Per lane name, for the lanes with a column. */
  readonly byLane: Readonly<Record<string, number>>;
}
export interface Actuals {
  readonly file: string;
  readonly period: 'week' | 'month';
  /** In date order, contiguous (no gaps), the first starting on or after the scenario start, the last ending on or before the horizon's last day. */
  readonly periods: readonly ActualPeriod[];
}
