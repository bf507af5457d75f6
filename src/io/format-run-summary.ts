import { laneOutcomes } from '../run/lane-outcomes.js';
import type { RunSummary } from '../run/summary.js';
import { formatNumber, formatPercent } from './format-number.js';
import { textBacklogChart } from './text-backlog-chart.js';
import type { TextChartPoint } from './text-backlog-chart.js';
import { textTable } from './text-table.js';

/**
 * The terminal summary of `caseload run`: backlog at the quarter ends and at
 * the end with its P5-P95 range and the deterministic line, the end backlog by
 * lane, a text chart of the median backlog per week with its band (given
 * the weekly total rows), lead times per lane, decisions and grants, and the target probability.
 */
export function formatRunSummary(
  summary: RunSummary,
  file: string,
  weeklyTotal: readonly TextChartPoint[] = [],
): string {
  const n = (value: number) => formatNumber(value);
  const mode = summary.deterministic
    ? 'deterministic (expected values)'
    : `${n(summary.reps)} replications, seed ${summary.seed}`;
  const lines: string[] = [
    `${summary.scenario} (${file})`,
    `${mode}; ${summary.horizonWeeks} weeks, ${summary.start} to ${summary.end}`,
    '',
    'Total backlog at the end of the week',
    textTable([
      ['date', 'week', 'mean', 'P5', 'P50', 'P95', 'deterministic'],
      ['start', '', n(summary.startBacklog.total), '', '', '', n(summary.startBacklog.total)],
      ...summary.milestones.map((m) => [
        m.date,
        String(m.week),
        n(m.total.mean),
        n(m.total.p5),
        n(m.total.p50),
        n(m.total.p95),
        n(m.deterministic),
      ]),
    ]),
    ...(weeklyTotal.length === 0
      ? []
      : [
          '',
          textBacklogChart(
            [
              {
                date: summary.start,
                p5: summary.startBacklog.total,
                p50: summary.startBacklog.total,
                p95: summary.startBacklog.total,
              },
              ...weeklyTotal,
            ],
            summary.target ?? null,
          ),
        ]),
    '',
    `Backlog by lane at the end (${summary.end}), lanes in priority order`,
    textTable([
      ['lane', 'start', 'mean', 'P5', 'P95', 'deterministic'],
      ...summary.lanes.map((lane) => {
        const q = summary.endBacklog.byLane[lane]!;
        return [
          lane,
          n(summary.startBacklog.byLane[lane]!),
          n(q.mean),
          n(q.p5),
          n(q.p95),
          n(summary.deterministicEndBacklog.byLane[lane]!),
        ];
      }),
      [
        'total',
        n(summary.startBacklog.total),
        n(summary.endBacklog.total.mean),
        n(summary.endBacklog.total.p5),
        n(summary.endBacklog.total.p95),
        n(summary.deterministicEndBacklog.total),
      ],
    ]),
    '',
    'Decisions per replication and lead time of decided cases (days, filing to decision)',
    textTable([
      ['lane', 'arrivals', 'decisions', 'grants', 'refusals', 'grant rate', 'lead mean', 'P50', 'P90'],
      ...laneOutcomes(summary).map((o) => [
        o.lane,
        n(o.arrivals),
        n(o.decisions),
        n(o.grants),
        n(o.refusals),
        formatPercent(o.grantRate),
        n(o.leadTimeDays.mean),
        n(o.leadTimeDays.p50),
        n(o.leadTimeDays.p90),
      ]),
    ]),
  ];
  if (summary.staff !== undefined) {
    const staff = summary.staff;
    const cost =
      staff.cost === null
        ? ''
        : `; staff cost ${n(staff.cost)} over the horizon, ${n(staff.costPerDecision ?? Number.NaN)} per decision`;
    lines.push(
      '',
      `Staff: ${formatNumber(staff.fte, 1)} FTE paid on average, ${n(staff.hoursPerWeek)} productive hours a week${cost}`,
    );
  }
  if (summary.target !== undefined) {
    const t = summary.target;
    lines.push(
      '',
      `Target: total backlog <= ${n(t.backlog)} by ${t.date} (end of week ${t.week}): probability ${formatPercent(t.probability)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
