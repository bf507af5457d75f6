import { printableLines } from '../scenario/errors.js';
import { laneOutcomes } from '../run/lane-outcomes.js';
import type { UncertaintyExplanation } from '../run/explain-uncertainty.js';
import type { RunSummary } from '../run/summary.js';
import type { Quantiles } from '../stats/quantiles.js';
import { formatProbability } from './format-probability.js';
import { sensitivityRows } from './sensitivity-rows.js';
import { formatNumber, formatPercent } from './format-number.js';
import { weekSpan } from './week-labels.js';
import { textBacklogChart } from './text-backlog-chart.js';
import type { TextChartPoint } from './text-backlog-chart.js';
import { fitTable, wrapText } from './fit-table.js';
import { poolName } from './pool-name.js';
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
    `${mode}; ${summary.horizonWeeks} weeks, ${summary.start} to ${summary.end}: ${weekSpan(summary.start, summary.horizonWeeks)}`,
    '',
    'Total backlog at the end of the week',
    textTable([
      ['date', 'week', 'ISO week', 'mean', 'P5', 'P50', 'P95', 'deterministic'],
      ['start', '', '', n(summary.startBacklog.total), '', '', '', n(summary.startBacklog.total)],
      ...summary.milestones.map((m) => [
        m.date,
        String(m.week),
        m.isoWeek,
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
  if (summary.flows !== undefined) lines.push('', ...flowLines(summary));
  lines.push('', ...capacityLines(summary));
  if (summary.triggers !== undefined) lines.push('', ...triggerLines(summary));
  if (!summary.deterministic) lines.push('', ...spreadLines(summary));
  if (summary.target !== undefined) {
    const t = summary.target;
    const probability =
      t.interval === null ? formatPercent(t.probability) : formatProbability(t.probability, t.interval);
    lines.push(
      '',
      `Target: total backlog <= ${n(t.backlog)} by ${t.date} (end of week ${t.week}, ISO ${t.isoWeek}): probability ${probability}`,
    );
    if (t.replicationsForOnePoint !== null)
      lines.push(
        `  (${n(summary.reps)} replications; about ${n(t.replicationsForOnePoint)} would give +/-1 percentage point)`,
      );
  }
  if (summary.uncertainty !== undefined) lines.push('', ...explanationLines(summary.uncertainty, summary.target));
  return printableLines(`${lines.join('\n')}\n`);
}

/**
 * Each capacity pool: planned as written and realised over the horizon, the
 * decisions it made, its staff and cost; the staff line; and what the cost
 * covers, saying which capacity has no cost.
 */
function capacityLines(summary: RunSummary): string[] {
  const n = (value: number) => formatNumber(value);
  const c = summary.capacity;
  const hasStaff = c.pools.some((pool) => pool.fte !== null);
  const hasCost = c.cost !== null;
  const follows = c.pools.some((pool) => pool.planned === null);
  const lines = [
    `Capacity over the ${summary.horizonWeeks} weeks and the decisions made (mean per replication)`,
    fitTable([
      [
        'pool',
        'unit',
        'planned',
        'realised',
        'decisions',
        ...(hasStaff ? ['FTE paid'] : []),
        ...(hasCost ? ['cost', 'per decision'] : []),
      ],
      ...c.pools.map((pool) => [
        pool.pool === 'shared' ? 'shared' : `${pool.pool} (own)`,
        pool.unit,
        pool.planned === null ? 'inflow' : n(pool.planned),
        n(pool.realised),
        n(pool.decisions),
        ...(hasStaff ? [pool.fte === null ? '-' : formatNumber(pool.fte, 1)] : []),
        ...(hasCost
          ? [
              pool.cost === null ? '-' : n(pool.cost),
              pool.cost === null || pool.decisions <= 0 ? '-' : n(pool.cost / pool.decisions),
            ]
          : []),
      ]),
    ]),
    ...wrapText(
      `Planned: as written${follows ? ' ("inflow": it follows the inflow)' : ''}; realised: after the calendar, ramp-up and uncertainty.`,
    ),
  ];
  if (summary.staff !== undefined)
    lines.push(
      `Staff: ${formatNumber(summary.staff.fte, 1)} FTE paid on average, ${n(summary.staff.hoursPerWeek)} productive hours a week.`,
    );
  const cost = c.cost;
  if (cost !== null) {
    const each = cost.perDecision === null ? '' : `, ${n(cost.perDecision)} per decision`;
    const uncosted =
      cost.uncosted.length === 0
        ? ''
        : `; ${cost.uncosted.map(poolName).join(' and ')} (${n(cost.uncostedDecisions)} decisions) ${cost.uncosted.length === 1 ? 'has' : 'have'} no cost in the scenario: not in the cost`;
    lines.push(
      ...wrapText(
        `Cost: ${n(cost.total)} over the horizon for the ${n(cost.decisions)} decisions of the pools with a cost${each}${uncosted}.`,
      ),
    );
  }
  return lines;
}

/** The flows table: refilings among the arrivals, cases moved between lanes, withdrawals; per lane and in total. */
function flowLines(summary: RunSummary): string[] {
  const n = (value: number) => formatNumber(value);
  const rows = laneOutcomes(summary).flatMap((o) =>
    o.flows === undefined
      ? []
      : [
          [
            o.lane,
            n(o.arrivals),
            n(o.flows.refilings),
            n(o.flows.movedIn),
            n(o.flows.movedOut),
            n(o.flows.withdrawals),
          ],
        ],
  );
  return [
    'Flows per replication: arrivals that were refilings, cases moved between lanes (keeping their filing date), open cases withdrawn without a decision',
    textTable([['lane', 'arrivals', 'of which refiled', 'moved in', 'moved out', 'withdrawn'], ...rows]),
  ];
}

/** The trigger rules: how often each fired, the weeks its staff worked, the FTE-weeks and their cost. */
function triggerLines(summary: RunSummary): string[] {
  const n = (value: number) => formatNumber(value);
  const rules = summary.triggers ?? [];
  const costed = rules.some((rule) => rule.cost !== null);
  return [
    summary.deterministic
      ? 'Trigger rules on the expected-value path: extra FTE while a backlog stays high'
      : 'Trigger rules per replication: extra FTE while a backlog stays high',
    textTable([
      [
        'rule',
        'pool',
        'lanes',
        'FTE',
        'fired in',
        'firings',
        'weeks on',
        'P50',
        'P90',
        'FTE-weeks',
        ...(costed ? ['cost'] : []),
      ],
      ...rules.map((rule) => [
        rule.name,
        rule.pool,
        rule.lanes.join(', '),
        n(rule.fte),
        formatPercent(rule.firedShare),
        formatNumber(rule.firings, 1),
        formatNumber(rule.activeWeeks.mean, 1),
        n(rule.activeWeeks.p50),
        n(rule.activeWeeks.p90),
        n(rule.fteWeeks),
        ...(costed ? [rule.cost === null ? '' : n(rule.cost)] : []),
      ]),
    ]),
    '  (fired in: share of the replications in which the rule fired; weeks on: weeks its staff worked, within the horizon)',
  ];
}

/** What the bands include, and the spread of arrivals, decisions and the end backlog over the replications. */
function spreadLines(summary: RunSummary): string[] {
  const n = (value: number) => formatNumber(value);
  const s = summary.spread;
  const row = (what: string, q: Quantiles) => [what, n(q.mean), n(q.p5), n(q.p50), n(q.p95)];
  const only = summary.bandIncludes.length === 1;
  return [
    ...(only
      ? [
          `The bands include only the ${summary.bandIncludes[0]}: the inflow level and the capacity`,
          "are the plan's, known exactly. An uncertainty: block adds what the plan does not know.",
        ]
      : ['The bands include:']),
    ...(only ? [] : summary.bandIncludes.map((what) => `  - ${what}`)),
    '',
    'Per replication over the horizon',
    textTable([
      ['', 'mean', 'P5', 'P50', 'P95'],
      row('arrivals', s.arrivals),
      row('decisions', s.decisions),
      row(`backlog at the end`, s.endBacklog),
    ]),
  ];
}

/** The variance shares and the sensitivity rows of a run with an uncertainty block. */
function explanationLines(x: UncertaintyExplanation, target: RunSummary['target']): string[] {
  const n = (value: number) => formatNumber(value);
  const lines = [
    `Where the band comes from: variance of the backlog at the end (sd ${n(Math.sqrt(x.variance.total))}), by source`,
    textTable([
      ['source', 'share', 'as sd'],
      ...x.variance.shares.map((share) => [
        share.label,
        formatPercent(share.share),
        share.variance > 0 ? n(Math.sqrt(share.variance)) : '0',
      ]),
    ]),
    `  (Shapley shares over ${x.variance.runs} runs with common random numbers; they add up to 100%;`,
    '   as sd: the square root of the part of the variance)',
  ];
  if (x.sensitivity.rows.length > 0) {
    const hasTarget = target !== undefined;
    const probabilityHead = hasTarget ? ['target probability'] : [];
    lines.push(
      '',
      'Sensitivity: mean backlog at the end with one parameter at its P10 or P90, the others at their means',
      textTable([
        ['parameter', 'P10', 'backlog', ...probabilityHead, 'P90', 'backlog', ...probabilityHead],
        ...sensitivityRows(x, hasTarget, {
          label: (label) => label,
          factor: (value) => formatNumber(value, 2),
          backlog: n,
          probability: (point) =>
            point.probability === undefined ? '' : formatProbability(point.probability.probability, point.probability),
        }),
      ]),
    );
  }
  if (x.sensitivity.notShown.length > 0)
    lines.push(`  (not a single setting, so only in the shares above: ${x.sensitivity.notShown.join('; ')})`);
  return lines;
}
