import type { Plan } from '../engine/plan.js';
import type { ReplicationState } from '../engine/state.js';
import { IntHistogram } from '../stats/int-histogram.js';
import type { HistogramData } from '../stats/int-histogram.js';

/**
 * What a job records, replication by replication, of periods that are not
 * the engine's weeks (the months of an actuals file, or weeks counted from
 * another first one): per period, the distribution over the replications of
 * the cases that arrived in it, the decisions in it and the cases open at
 * its end, and of the arrivals and decisions summed from a first period on.
 * The weekly tally cannot give these: a sum of weeks, or a month, needs the
 * values of one replication together. Plain data, so that worker threads get
 * it with their part.
 *
 * A period covers whole days. A week's arrivals and decisions are spread
 * evenly over its seven days, so a period gets, of each week, the share of
 * its days that fall in the period; the backlog at the end of a day inside a
 * week lies on the straight line between the backlogs at the ends of that
 * week and the week before (the start's backlog before week 0). A week
 * wholly inside a period counts whole, and a period that ends with a week
 * ends with its backlog, so weekly periods are the engine's weeks exactly.
 */
export interface PeriodSpec {
  /** The periods, in order, each the days of the horizon's weeks it covers. */
  readonly periods: readonly PeriodWeeks[];
  /**
   * Values are kept as whole numbers in units of 1/scale case: 1 when every
   * period is whole weeks, 7 when one takes part of a week (then a value is
   * a whole number of case-days / 7, exactly).
   */
  readonly scale: 1 | 7;
  /** The series recorded: a measure of a set of lanes together. */
  readonly series: readonly PeriodSeries[];
}

/** The weeks a period covers. */
export interface PeriodWeeks {
  /** The first week with a day in the period. */
  readonly firstWeek: number;
  /** Days of each week from firstWeek on in the period, 1 to 7. */
  readonly days: readonly number[];
  /** Days of the period's last week from its first day to the end of the period, 1 to 7: where the backlog is read. */
  readonly elapsedDays: number;
}

export interface PeriodSeries {
  readonly measure: 'inflow' | 'decisions' | 'backlog';
  /** Lane names; their values are added up. */
  readonly lanes: readonly string[];
  /** For inflow and decisions: the period the sums start from (the sums of earlier periods are not kept); null for none. */
  readonly cumulativeFrom: number | null;
}

/** The distributions of a PeriodSpec's values, per series: one per period, and one per period of the sums from cumulativeFrom on. */
export interface PeriodValuesData {
  /** Per series, per period. */
  readonly values: readonly (readonly HistogramData[])[];
  /** Per series, per period from cumulativeFrom on (empty without sums). */
  readonly cumulative: readonly (readonly HistogramData[])[];
}

/**
 * Records a PeriodSpec for one plan: pass `afterWeek` to `replicate`, call
 * `end` after each replication. The histograms hold scaled whole numbers
 * (see PeriodSpec.scale).
 */
export class PeriodRecorder {
  readonly values: readonly (readonly IntHistogram[])[];
  readonly cumulative: readonly (readonly IntHistogram[])[];
  /** Per series: its value in each week of this replication (backlog: at the week's end). */
  private readonly weekly: readonly Float64Array[];
  private readonly lanes: readonly Int32Array[];
  private readonly initial: readonly number[];
  readonly afterWeek: (state: ReplicationState, week: number) => void;

  constructor(
    plan: Plan,
    private readonly spec: PeriodSpec,
  ) {
    this.lanes = spec.series.map(({ lanes }) =>
      Int32Array.from(lanes, (name) => {
        const index = plan.laneNames.indexOf(name);
        if (index < 0) throw new RangeError(`no lane ${name} in the plan`);
        return index;
      }),
    );
    this.initial = this.lanes.map((lanes) => lanes.reduce((sum, lane) => sum + plan.initialBacklog[lane]!, 0));
    this.weekly = spec.series.map(() => new Float64Array(plan.horizonWeeks));
    this.values = spec.series.map(() => spec.periods.map(() => new IntHistogram()));
    this.cumulative = spec.series.map(({ cumulativeFrom }) =>
      cumulativeFrom === null ? [] : spec.periods.slice(cumulativeFrom).map(() => new IntHistogram()),
    );
    const series = spec.series;
    this.afterWeek = (state, week) => {
      for (let s = 0; s < series.length; s++) {
        const from =
          series[s]!.measure === 'inflow'
            ? state.arrivals
            : series[s]!.measure === 'decisions'
              ? state.decisions
              : state.backlog;
        let sum = 0;
        for (const lane of this.lanes[s]!) sum += from[lane]!;
        this.weekly[s]![week] = sum;
      }
    };
  }

  /** Adds the replication just run. */
  end(): void {
    const { periods, scale, series } = this.spec;
    for (let s = 0; s < series.length; s++) {
      const weekly = this.weekly[s]!;
      const backlog = series[s]!.measure === 'backlog';
      const from = series[s]!.cumulativeFrom;
      let sum = 0;
      for (let p = 0; p < periods.length; p++) {
        const { firstWeek, days, elapsedDays } = periods[p]!;
        // Case-days over 7: a whole number of 1/7 cases.
        let caseDays = 0;
        if (backlog) {
          const week = firstWeek + days.length - 1;
          const before = week === 0 ? this.initial[s]! : weekly[week - 1]!;
          caseDays = (7 - elapsedDays) * before + elapsedDays * weekly[week]!;
        } else {
          for (let i = 0; i < days.length; i++) caseDays += days[i]! * weekly[firstWeek + i]!;
        }
        const value = Math.round((caseDays * scale) / 7);
        this.values[s]![p]!.add(value);
        if (from !== null && p >= from) {
          sum += value;
          this.cumulative[s]![p - from]!.add(sum);
        }
      }
    }
  }

  toData(): PeriodValuesData {
    return {
      values: this.values.map((periods) => periods.map((h) => h.toData())),
      cumulative: this.cumulative.map((periods) => periods.map((h) => h.toData())),
    };
  }

  mergeData(data: PeriodValuesData): void {
    data.values.forEach((periods, s) => {
      periods.forEach((h, p) => {
        this.values[s]![p]!.mergeData(h);
      });
    });
    data.cumulative.forEach((periods, s) => {
      periods.forEach((h, p) => {
        this.cumulative[s]![p]!.mergeData(h);
      });
    });
  }

  /** The typed arrays of the data, to transfer between threads. */
  static buffers(data: PeriodValuesData): ArrayBuffer[] {
    return [...data.values.flat(), ...data.cumulative.flat()].map((h) => h.counts.buffer as ArrayBuffer);
  }
}
