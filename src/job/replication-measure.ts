import type { Plan } from '../engine/plan.js';
import type { ReplicationState } from '../engine/state.js';

/**
 * What a job records replication by replication besides its tallies, for a
 * target the tallies cannot answer (`caseload target --lanes`,
 * `--lead-time`): one whole number per replication, whose distribution over
 * the replications the job keeps (JobTallies.measure). Plain data, so that
 * worker threads get it with their part.
 */
export type ReplicationMeasure = BacklogMeasure | LeadTimeMeasure;

/** The open cases of some lanes together at the end of a week. */
export interface BacklogMeasure {
  readonly kind: 'backlog';
  /** Lane names. */
  readonly lanes: readonly string[];
  readonly week: number;
}

/**
 * A percentile of the lead time, in whole weeks, of the cases of some lanes
 * filed in weeks fromWeek .. toWeek (negative weeks: cases of the initial
 * backlog, by their arrival week): those decided in the horizon in one of
 * the lanes, and those open in one of them at its end, which waited longer
 * than the horizon lets the run see. Cases withdrawn, or decided in a lane
 * outside the set, do not count. The percentile is the smallest lead time
 * with at least that share of the cases at or below it (docs/model.md);
 * `notReached` when the open cases hold it, or when there are no cases.
 */
export interface LeadTimeMeasure {
  readonly kind: 'leadTime';
  readonly lanes: readonly string[];
  readonly fromWeek: number;
  readonly toWeek: number;
  /** The share at or below the percentile, in (0, 1): 0.9 for the P90. */
  readonly percentile: number;
}

/** The value a lead-time measure takes when the percentile is not reached in the horizon: above every lead time. */
export function notReached(plan: Pick<Plan, 'cohortSlots'>): number {
  return plan.cohortSlots + 1;
}

/**
 * A measure for one plan: call `begin` before a replication, pass `afterWeek`
 * to `replicate`, and `end` after it for the replication's value.
 */
export class MeasureRecorder {
  private readonly lanes: Int32Array;
  private value = 0;
  /** Lead-time measure: per lead week (the last entry: open at the end), the counts before the replication. */
  private readonly before: Float64Array;
  private readonly after: Float64Array;
  readonly afterWeek: ((state: ReplicationState, week: number) => void) | undefined;

  constructor(
    private readonly plan: Plan,
    private readonly measure: ReplicationMeasure,
  ) {
    this.lanes = Int32Array.from(measure.lanes, (name) => {
      const index = plan.laneNames.indexOf(name);
      if (index < 0) throw new RangeError(`no lane ${name} in the plan`);
      return index;
    });
    const leads = plan.cohortSlots + 1;
    this.before = new Float64Array(measure.kind === 'leadTime' ? leads : 0);
    this.after = new Float64Array(measure.kind === 'leadTime' ? leads : 0);
    this.afterWeek =
      measure.kind === 'backlog'
        ? (state, week) => {
            if (week !== measure.week) return;
            let open = 0;
            for (const lane of this.lanes) open += state.backlog[lane]!;
            this.value = open;
          }
        : undefined;
  }

  begin(state: ReplicationState): void {
    this.value = 0;
    if (this.measure.kind === 'leadTime') this.countLeads(state.decisionWeeks, this.before);
  }

  /** The replication's value: a whole number. */
  end(state: ReplicationState): number {
    const measure = this.measure;
    if (measure.kind === 'backlog') return Math.round(this.value);
    this.countLeads(state.decisionWeeks, this.after);
    const leads = this.after;
    let cases = 0;
    for (let i = 0; i < leads.length; i++) {
      leads[i] = leads[i]! - this.before[i]!;
      cases += leads[i]!;
    }
    const open = leads.length - 1;
    if (cases === 0) return notReached(this.plan);
    const needed = measure.percentile * cases;
    let atOrBelow = 0;
    for (let lead = 0; lead < open; lead++) {
      atOrBelow += leads[lead]!;
      // Counts are whole numbers; the tolerance keeps 0.9 x 10 = 9.000000000000002 from missing 9.
      if (atOrBelow >= needed - 1e-9) return lead;
    }
    return notReached(this.plan);
  }

  /** The cohort's cases in the run's counts so far, by lead week (decided) and open at the end (the last entry). */
  private countLeads(decisionWeeks: Float64Array, into: Float64Array): void {
    const plan = this.plan;
    const measure = this.measure as LeadTimeMeasure;
    const weeks = plan.horizonWeeks;
    const columns = weeks + 1;
    const maxAge = plan.maxAgeWeeks;
    const open = into.length - 1;
    into.fill(0);
    const firstSlot = Math.max(0, measure.fromWeek + maxAge);
    const lastSlot = Math.min(plan.cohortSlots - 1, measure.toWeek + maxAge);
    for (const lane of this.lanes) {
      for (let slot = firstSlot; slot <= lastSlot; slot++) {
        const row = (lane * plan.cohortSlots + slot) * columns;
        const arrival = slot - maxAge;
        for (let t = Math.max(0, arrival); t < weeks; t++) {
          const decided = decisionWeeks[row + t]!;
          if (decided !== 0) into[t - arrival]! += decided;
        }
        into[open]! += decisionWeeks[row + weeks]!;
      }
    }
  }
}
