import type { Plan } from '../../engine/plan.js';
import type { Tally } from '../../engine/tally.js';
import type { RunSummary, WeeklyRow } from '../../run/summary.js';
import type { DecisionsData, FanChartData, LeadTimeData, StackedLanesData } from './chart-types.js';

/** The charts of one run: the data each chart of the report draws. */
export interface RunCharts {
  readonly fan: FanChartData;
  readonly lanes: StackedLanesData;
  readonly decisions: DecisionsData;
  readonly leadTime: LeadTimeData;
}

/**
 * The data of a run's charts, from its summary, its weekly rows and the tally
 * they came from: the total backlog's fan with the target, the mean backlog
 * per lane, mean decisions per week against the capacity (in decisions; an
 * hours pool divided by the mean hours per decision of that week's decisions)
 * and the lead-time distribution per lane.
 *
 * @example const charts = reportCharts(result.summary, result.weekly, result.plan, result.tally)
 */
export function reportCharts(summary: RunSummary, weekly: readonly WeeklyRow[], plan: Plan, tally: Tally): RunCharts {
  const series = plan.laneCount + 1;
  const rowsOf = (lane: number) => weekly.filter((_, i) => i % series === lane);
  const total = rowsOf(plan.laneCount);
  const dates = [summary.start, ...total.map((row) => row.date)];
  const start = summary.startBacklog.total;
  const pick = (key: 'p5' | 'p25' | 'p50' | 'p75' | 'p95' | 'deterministic') => [start, ...total.map((row) => row[key])];
  const fan: FanChartData = {
    dates,
    p5: pick('p5'),
    p25: pick('p25'),
    p50: pick('p50'),
    p75: pick('p75'),
    p95: pick('p95'),
    deterministic: pick('deterministic'),
    target: summary.target === undefined ? null : { backlog: summary.target.backlog, date: summary.target.date, probability: summary.target.probability },
  };
  const lanes: StackedLanesData = {
    dates,
    lanes: plan.laneNames.map((name, lane) => ({ name, values: [summary.startBacklog.byLane[name]!, ...rowsOf(lane).map((row) => row.mean)] })),
  };
  return { fan, lanes, decisions: decisionsAgainstCapacity(total, plan, tally), leadTime: leadTimes(summary, plan, tally) };
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
  // Mean units per decision of a pool, weighted by the decisions of the lanes it serves (in week t, or over the horizon).
  const meanEffort = (p: number, weeks: readonly number[]) => {
    let units = 0;
    let count = 0;
    let plain = 0;
    let served = 0;
    for (let lane = 0; lane < plan.laneCount; lane++) {
      const e = effort(p, lane);
      if (e <= 0) continue;
      for (const t of weeks) {
        units += e * decided(t, lane);
        count += decided(t, lane);
      }
      plain += e;
      served++;
    }
    if (count > 0) return units / count;
    return served > 0 ? plain / served : Number.NaN;
  };
  const allWeeks = total.map((_, t) => t);
  const horizonEffort = plan.pools.map((_, p) => meanEffort(p, allWeeks));
  const capacity = total.map((_, t) => {
    let sum = 0;
    for (let p = 0; p < pools; p++) {
      const units = tally.capacitySum[t * pools + p]! / reps;
      // The week's own mix of work when it decided anything, else the horizon's.
      const week = meanEffort(p, [t]);
      const e = Number.isFinite(week) && plan.laneNames.some((_, lane) => effort(p, lane) > 0 && decided(t, lane) > 0) ? week : horizonEffort[p]!;
      if (units > 0 && Number.isFinite(e) && e > 0) sum += units / e;
    }
    return sum;
  });
  const inHours = plan.pools.some((pool, p) => pool.unit === 'hours' && tally.capacitySum.some((_, i) => i % pools === p && tally.capacitySum[i]! > 0));
  return {
    dates: total.map((row) => row.date),
    decisions: total.map((row) => row.decisions),
    capacity,
    capacityLabel: inHours ? 'capacity (decisions a week; hours ÷ that week\'s mean hours per decision)' : 'capacity (decisions a week)',
  };
}

function leadTimes(summary: RunSummary, plan: Plan, tally: Tally): LeadTimeData {
  const slots = plan.cohortSlots;
  const leadWeeks = tally.leadWeeks;
  return {
    lanes: plan.laneNames.map((name, lane) => {
      const counts = Array.from(leadWeeks.subarray(lane * slots, (lane + 1) * slots), (count) => count / tally.replications);
      let last = counts.length;
      while (last > 0 && counts[last - 1] === 0) last--;
      const lead = summary.leadTimeDays.byLane[name]!;
      return { name, decidedByWeeks: counts.slice(0, last), p50Days: lead.p50, p90Days: lead.p90 };
    }),
  };
}
