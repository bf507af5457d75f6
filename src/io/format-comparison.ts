import { describeCapacity } from '../experiment/describe-capacity.js';
import type { ComparedOption } from '../experiment/compare-options.js';
import type { Interval } from '../stats/paired-difference.js';
import { formatNumber } from './format-number.js';
import { formatProbabilityCell } from './format-probability.js';
import { textTable } from './text-table.js';

const n = (value: number, decimals = 0) => formatNumber(value, decimals);
const signed = (value: number, decimals = 1) => `${value > 0 ? '+' : ''}${formatNumber(value, decimals)}`;
const interval = (i: Interval) => `${signed(i.mean)} (${signed(i.low)} to ${signed(i.high)})`;

/**
 * The terminal report of `caseload compare`: per option its capacity, end
 * backlog with P5-P95, the change against the base with the paired 95%
 * interval and the probability of ending below the base; then lead times,
 * end backlogs and decisions by lane side by side, which shows what other
 * work types lose when one is prioritised.
 */
export function formatComparison(options: readonly ComparedOption[], files: readonly string[]): string {
  const base = options[0]!;
  const s = base.summary;
  const lanes = [...new Set(options.flatMap((o) => o.summary.lanes))];
  const hasTarget = options.some((o) => o.summary.target !== undefined);
  const hasStaff = options.some((o) => o.summary.staff !== undefined);
  const hasCost = options.some(
    (o) => o.summary.staff?.costPerDecision !== undefined && o.summary.staff.costPerDecision !== null,
  );
  const lines: string[] = [
    `Compare ${options.length - 1} option${options.length === 2 ? '' : 's'} against ${base.label} (${files[0]})`,
    `${n(s.reps)} replications each, seed ${s.seed}, common random numbers; ${s.horizonWeeks} weeks, ${s.start} to ${s.end}`,
    '',
    'Total backlog at the end',
    textTable([
      [
        'option',
        'capacity',
        ...(hasStaff ? ['FTE paid', 'hours/week'] : []),
        ...(hasCost ? ['cost', 'per decision'] : []),
        'mean',
        'P5',
        'P95',
        'change vs base (95% CI)',
        'CI vs unpaired',
        'P(below base)',
        ...(hasTarget ? ['P(target)'] : []),
      ],
      ...options.map((o, i) => {
        const end = o.summary.endBacklog.total;
        return [
          i === 0 ? `${o.label} (base)` : o.label,
          describeCapacity(o.scenario.capacity) + dedicated(o),
          ...(hasStaff
            ? [
                o.summary.staff === undefined ? '-' : n(o.summary.staff.fte, 1),
                o.summary.staff === undefined ? '-' : n(o.summary.staff.hoursPerWeek),
              ]
            : []),
          ...(hasCost
            ? [n(o.summary.staff?.cost ?? Number.NaN), n(o.summary.staff?.costPerDecision ?? Number.NaN)]
            : []),
          n(end.mean),
          n(end.p5),
          n(end.p95),
          o.endBacklog === null ? '' : interval(o.endBacklog.interval()),
          o.endBacklog === null ? '' : narrower(o.endBacklog.interval(), o.endBacklog.unpairedInterval()),
          o.endBacklog === null
            ? ''
            : formatProbabilityCell(o.endBacklog.probabilityBelow(), o.endBacklog.probabilityBelowInterval()),
          ...(hasTarget
            ? [
                o.summary.target === undefined
                  ? '-'
                  : formatProbabilityCell(o.summary.target.probability, o.summary.target.interval),
              ]
            : []),
        ];
      }),
    ]),
  ];
  lines.push(
    '',
    'CI vs unpaired: how many times narrower the paired interval is than two independent runs would give',
    '(exact: the difference was the same in every replication). P(below base) and P(target): the share of',
    "replications, with its 95% Wilson interval (the simulation's own error, not the assumptions').",
  );
  const byLane = (title: string, cell: (o: ComparedOption, lane: string) => string) => {
    lines.push(
      '',
      title,
      textTable([
        ['lane', ...options.map((o) => o.label)],
        ...lanes.map((lane) => [lane, ...options.map((o) => cell(o, lane))]),
      ]),
    );
  };
  byLane('End backlog by lane (mean)', (o, lane) =>
    o.summary.endBacklog.byLane[lane] === undefined ? '-' : n(o.summary.endBacklog.byLane[lane]!.mean),
  );
  byLane('Lead time by lane, days (mean / P90)', (o, lane) => {
    const lead = o.summary.leadTimeDays.byLane[lane];
    return lead === undefined ? '-' : `${n(lead.mean)} / ${n(lead.p90)}`;
  });
  byLane('Decisions by lane per replication', (o, lane) =>
    o.summary.decisions.byLane[lane] === undefined ? '-' : n(o.summary.decisions.byLane[lane]!),
  );
  return `${lines.join('\n')}\n`;
}

/** How many times narrower the paired interval is than the unpaired one. */
function narrower(paired: Interval, unpaired: Interval): string {
  if (paired.halfWidth === 0) return 'exact';
  return `${formatNumber(unpaired.halfWidth / paired.halfWidth, 1)}x narrower`;
}

function dedicated(option: ComparedOption): string {
  const extra = option.scenario.lanes
    .filter((lane) => lane.dedicatedCapacity !== null)
    .map((lane) => `${lane.name}: ${describeCapacity(lane.dedicatedCapacity!)}`);
  return extra.length === 0 ? '' : ` + ${extra.join(', ')}`;
}
