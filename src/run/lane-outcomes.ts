import type { LeadTimeDays } from '../stats/lead-time.js';
import type { RunSummary, WeeklyFlows } from './summary.js';

/** What one lane (or `all`) saw over the horizon, means per replication. */
export interface LaneOutcome {
  readonly lane: string;
  readonly arrivals: number;
  readonly decisions: number;
  readonly grants: number;
  readonly refusals: number;
  /** Grants per decision; NaN without decisions. */
  readonly grantRate: number;
  readonly leadTimeDays: LeadTimeDays;
  /** Refilings (included in arrivals), cases moved in and out, withdrawals; only when the run has flows. */
  readonly flows?: WeeklyFlows;
}

/**
 * The arrivals, decisions, grants, lead times (and flows) of each lane in priority
 * order and then of all lanes together: the rows of the decisions table in
 * the terminal summary and in the report.
 *
 * @example laneOutcomes(summary).at(-1)!.decisions // 1,600 on the baseline
 */
export function laneOutcomes(summary: RunSummary): LaneOutcome[] {
  const flows = summary.flows;
  return [...summary.lanes, 'all'].map((lane) => {
    const all = lane === 'all';
    const decisions = all ? summary.decisions.total : summary.decisions.byLane[lane]!;
    const grants = all ? summary.grants.total : summary.grants.byLane[lane]!;
    return {
      lane,
      arrivals: all ? summary.arrivals.total : summary.arrivals.byLane[lane]!,
      decisions,
      grants,
      refusals: all ? summary.refusals.total : summary.refusals.byLane[lane]!,
      grantRate: decisions > 0 ? grants / decisions : Number.NaN,
      leadTimeDays: all ? summary.leadTimeDays.all : summary.leadTimeDays.byLane[lane]!,
      ...(flows === undefined
        ? {}
        : {
            flows: {
              refilings: all ? flows.refilings.total : flows.refilings.byLane[lane]!,
              movedIn: all ? flows.movedIn.total : flows.movedIn.byLane[lane]!,
              movedOut: all ? flows.movedOut.total : flows.movedOut.byLane[lane]!,
              withdrawals: all ? flows.withdrawals.total : flows.withdrawals.byLane[lane]!,
            },
          }),
    };
  });
}
