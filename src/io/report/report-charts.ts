import type { Plan } from '../../engine/plan.js';
import type { Tally } from '../../engine/tally.js';
import type { RunSummary, WeeklyRow } from '../../run/summary.js';
import type {
  DecisionsData,
  FanChartData,
  LeadTimeData,
  StackedLanesData,
  TornadoData,
  VarianceSharesData,
} from './chart-types.js';

/** The charts of one run: the data each chart of the report draws. */
export interface RunCharts {
  readonly fan: FanChartData;
  readonly lanes: StackedLanesData;
  readonly decisions: DecisionsData;
  readonly leadTime: LeadTimeData;
  /** The end backlog's variance by source; null without an explained uncertainty block. */
  readonly variance: VarianceSharesData | null;
  /** The end backlog with each parameter at its P10 and P90; null without one such parameter. */
  readonly tornado: TornadoData | null;
}

/**
 * The data of a run's charts, from its summary, its weekly rows and the tally
 * they came from: the total backlog's fan with the target, the mean backlog
 * per lane, mean decisions per week against the capacity (in decisions; an
 * hours pool divided by the mean hours per decision of that week's decisions),
 * the lead-time distribution per lane and, with an uncertainty block, the
 * variance shares and the tornado of the end backlog.
 *
 * @example const charts = reportCharts(result.summary, result.weekly, result.plan, result.tally)
 */
export function reportCharts(summary: RunSummary, weekly: readonly WeeklyRow[], plan: Plan, tally: Tally): RunCharts {
  const series = plan.laneCount + 1;
  const rowsOf = (lane: number) => weekly.filter((_, i) => i % series === lane);
  const total = rowsOf(plan.laneCount);
  const dates = [summary.start, ...total.map((row) => row.date)];
  const start = summary.startBacklog.total;
  const pick = (key: 'p5' | 'p25' | 'p50' | 'p75' | 'p95' | 'deterministic') => [
    start,
    ...total.map((row) => row[key]),
  ];
  const fan: FanChartData = {
    dates,
    p5: pick('p5'),
    p25: pick('p25'),
    p50: pick('p50'),
    p75: pick('p75'),
    p95: pick('p95'),
    deterministic: pick('deterministic'),
    target:
      summary.target === undefined
        ? null
        : {
            backlog: summary.target.backlog,
            date: summary.target.date,
            probability: summary.target.probability,
            interval: summary.target.interval,
          },
  };
  const lanes: StackedLanesData = {
    dates,
    lanes: plan.laneNames.map((name, lane) => ({
      name,
      values: [summary.startBacklog.byLane[name]!, ...rowsOf(lane).map((row) => row.mean)],
    })),
  };
  return {
    fan,
    lanes,
    decisions: decisionsAgainstCapacity(total, plan, tally),
    leadTime: leadTimes(summary, plan, tally),
    ...uncertaintyCharts(summary),
  };
}

function uncertaintyCharts(summary: RunSummary): Pick<RunCharts, 'variance' | 'tornado'> {
  const u = summary.uncertainty;
  if (u === undefined) return { variance: null, tornado: null };
  const target = summary.target;
  return {
    variance: {
      endDate: summary.end,
      total: u.variance.total,
      shares: u.variance.shares.map((share) => ({ label: share.label, share: share.share })),
    },
    tornado:
      u.sensitivity.rows.length === 0
        ? null
        : {
            endDate: summary.end,
            base: u.sensitivity.base.endBacklogMean,
            rows: u.sensitivity.rows.map((row) => ({
              label: row.label,
              p10: { value: row.p10.value ?? Number.NaN, endBacklog: row.p10.endBacklogMean },
              p90: { value: row.p90.value ?? Number.NaN, endBacklog: row.p90.endBacklogMean },
            })),
            target: target === undefined ? null : { backlog: target.backlog, date: target.date },
          },
  };
}

function decisionsAgainstCapacity(total: readonly WeeklyRow[], plan: Plan, tally: Tally): DecisionsData {
  const reps = tally.replications;
  const pools = plan.pools.length;
  // Units of pool p one decision of a lane takes: 1 for a pool counted in decisions.
  const effort = (p: number, lane: number) => {
    const units = p === 0 ? plan.sharedEffort[lane]! : plan.dedicatedPool[lane] === p ? plan.dedicatedEffort[lane]! : 0;
    return plan.pools[p]!.unit === 'decisions' && units > 0 ? 1 : units;
  };
  const decided = (t: number, lane: number) => tally.decisionsSum(t, lane) / reps;
  const served = (p: number) => plan.laneNames.map((_, lane) => lane).filter((lane) => effort(p, lane) > 0);
  // Mean units per decision of a pool in the given weeks, weighted by its lanes' decisions; NaN without decisions.
  const meanEffort = (p: number, weeks: readonly number[]) => {
    let units = 0;
    let count = 0;
    for (const lane of served(p)) {
      for (const t of weeks) {
        units += effort(p, lane) * decided(t, lane);
        count += decided(t, lane);
      }
    }
    return count > 0 ? units / count : Number.NaN;
  };
  // When a week decided nothing: the horizon's mix, else the plain mean of the lanes' efforts.
  const fallbackEffort = plan.pools.map((_, p) => {
    const horizon = meanEffort(
      p,
      total.map((_, t) => t),
    );
    if (Number.isFinite(horizon)) return horizon;
    const lanes = served(p);
    return lanes.length === 0 ? Number.NaN : lanes.reduce((sum, lane) => sum + effort(p, lane), 0) / lanes.length;
  });
  const capacity = total.map((_, t) => {
    let sum = 0;
    for (let p = 0; p < pools; p++) {
      const units = tally.capacitySum[t * pools + p]! / reps;
      const week = meanEffort(p, [t]);
      const e = Number.isFinite(week) ? week : fallbackEffort[p]!;
      if (units > 0 && Number.isFinite(e) && e > 0) sum += units / e;
    }
    return sum;
  });
  const inHours = plan.pools.some(
    (pool, p) =>
      pool.unit === 'hours' && tally.capacitySum.some((_, i) => i % pools === p && tally.capacitySum[i]! > 0),
  );
  return {
    dates: total.map((row) => row.date),
    decisions: total.map((row) => row.decisions),
    capacity,
    capacityInHours: inHours,
  };
}

function leadTimes(summary: RunSummary, plan: Plan, tally: Tally): LeadTimeData {
  const slots = plan.cohortSlots;
  const leadWeeks = tally.leadWeeks;
  return {
    lanes: plan.laneNames.map((name, lane) => {
      const counts = Array.from(
        leadWeeks.subarray(lane * slots, (lane + 1) * slots),
        (count) => count / tally.replications,
      );
      let last = counts.length;
      while (last > 0 && counts[last - 1] === 0) last--;
      const lead = summary.leadTimeDays.byLane[name]!;
      return { name, decidedByWeeks: counts.slice(0, last), p50Days: lead.p50, p90Days: lead.p90 };
    }),
  };
}
