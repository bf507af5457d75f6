import { printable, printableLines } from '../scenario/errors.js';
import { describeScenarioCapacity } from '../experiment/describe-capacity.js';
import type { ComparedOption } from '../experiment/compare-options.js';
import type { Interval } from '../stats/paired-difference.js';
import { fitTable, labelledLines, wrapText } from './fit-table.js';
import { poolName } from './pool-name.js';
import { formatNumber } from './format-number.js';
import { formatProbabilityCell } from './format-probability.js';

const n = (value: number, decimals = 0) => formatNumber(value, decimals);
const signed = (value: number, decimals = 1) => `${value > 0 ? '+' : ''}${formatNumber(value, decimals)}`;
const interval = (i: Interval) => `${signed(i.mean)} (${signed(i.low)} to ${signed(i.high)})`;

/**
 * The terminal report of `caseload compare`, 100 columns wide at most: each
 * option's capacity as planned; its capacity as realised, decisions, staff
 * and cost, and the extra cost per extra decision against the base; the end
 * backlog with P5-P95 and the target probability; the change against the
 * base with the paired 95% interval and the probability of ending below it;
 * then end backlogs, lead times and decisions by lane side by side, which
 * shows what other work types lose when one is prioritised. `--json` holds
 * every figure.
 */
export function formatComparison(given: readonly ComparedOption[], files: readonly string[]): string {
  // Labels are scenario names: written out before the tables measure them (printableLines after would misalign them).
  const options = given.map((o) => ({ ...o, label: printable(o.label) }));
  const base = options[0]!;
  const s = base.summary;
  const label = (o: ComparedOption, i: number) => (i === 0 ? `${o.label} (base)` : o.label);
  const lanes = [...new Set(options.flatMap((o) => o.summary.lanes))];
  const hasTarget = options.some((o) => o.summary.target !== undefined);
  const others = options.slice(1);
  const lines: string[] = [
    ...wrapText(`Compare ${others.length} option${others.length === 1 ? '' : 's'} against ${base.label} (${files[0]})`),
    ...wrapText(
      `${n(s.reps)} replications each, seed ${s.seed}, common random numbers; ${s.horizonWeeks} weeks, ${s.start} to ${s.end}`,
    ),
    '',
    'Capacity as planned',
    ...labelledLines(options.map((o, i) => [label(o, i), describeScenarioCapacity(o.scenario)] as const)),
    '',
    ...capacityLines(options, label),
    '',
    `Total backlog at the end (${s.end})`,
    fitTable([
      ['option', 'mean', 'P5', 'P95', ...(hasTarget ? ['P(target)'] : [])],
      ...options.map((o, i) => {
        const end = o.summary.endBacklog.total;
        const target = o.summary.target;
        return [
          label(o, i),
          n(end.mean),
          n(end.p5),
          n(end.p95),
          ...(hasTarget
            ? [target === undefined ? '-' : formatProbabilityCell(target.probability, target.interval)]
            : []),
        ];
      }),
    ]),
  ];
  if (others.length > 0)
    lines.push(
      '',
      'Change of the end backlog against the base, replication by replication',
      fitTable([
        ['option', 'change vs base (95% CI)', 'CI vs unpaired', 'P(below base)'],
        ...others.map((o) =>
          o.endBacklog === null
            ? [o.label, '', '', '']
            : [
                o.label,
                interval(o.endBacklog.interval()),
                narrower(o.endBacklog.interval(), o.endBacklog.unpairedInterval()),
                formatProbabilityCell(o.endBacklog.probabilityBelow(), o.endBacklog.probabilityBelowInterval()),
              ],
        ),
      ]),
    );
  lines.push(
    '',
    ...wrapText(
      'CI vs unpaired: how many times narrower the paired interval is than two independent runs would give ' +
        '(exact: the difference was the same in every replication). P(below base) and P(target): the share of ' +
        "replications, with its 95% Wilson interval (the simulation's own error, not the assumptions').",
    ),
  );
  const byLane = (title: string, cell: (o: ComparedOption, lane: string) => string) => {
    lines.push(
      '',
      title,
      fitTable([
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
  return printableLines(`${lines.join('\n')}\n`);
}

/**
 * The capacity table: planned and realised capacity (every pool, a
 * dedicated one in the shared pool's unit), decisions, staff and cost; then
 * what has no cost, and the cost against the base.
 */
function capacityLines(options: readonly ComparedOption[], label: (o: ComparedOption, i: number) => string): string[] {
  const weeks = options[0]!.summary.horizonWeeks;
  const units = [...new Set(options.map((o) => o.summary.capacity.total.unit))];
  const mixed = units.length > 1;
  const hasStaff = options.some((o) => o.summary.staff !== undefined);
  const hasCost = options.some((o) => o.summary.capacity.cost !== null);
  const lines = [
    `Capacity over the ${weeks} weeks${mixed ? '' : ` (in ${units[0]})`} and decisions made, mean per replication`,
    fitTable([
      [
        'option',
        ...(mixed ? ['unit'] : []),
        'planned',
        'realised',
        'decisions',
        ...(hasStaff ? ['FTE paid', 'hours/week'] : []),
        ...(hasCost ? ['cost', 'per decision'] : []),
      ],
      ...options.map((o, i) => {
        const c = o.summary.capacity;
        const staff = o.summary.staff;
        return [
          label(o, i),
          ...(mixed ? [c.total.unit] : []),
          c.total.planned === null ? 'inflow' : n(c.total.planned),
          n(c.total.realised),
          n(o.summary.decisions.total),
          ...(hasStaff
            ? [staff === undefined ? '-' : n(staff.fte, 1), staff === undefined ? '-' : n(staff.hoursPerWeek)]
            : []),
          ...(hasCost
            ? [c.cost === null ? '-' : n(c.cost.total), c.cost?.perDecision == null ? '-' : n(c.cost.perDecision)]
            : []),
        ];
      }),
    ]),
    ...wrapText(
      'Planned: the capacity as written' +
        (options.some((o) => o.summary.capacity.pools.length > 1)
          ? ", a lane's own capacity included (in the shared pool's unit, at that lane's hours per decision)"
          : '') +
        (options.some((o) => o.summary.capacity.total.planned === null)
          ? ', "inflow" where it follows the inflow'
          : '') +
        '; realised: what the runs had after the calendar, ramp-up and uncertainty.' +
        (hasStaff ? ' Hours/week: productive staff hours.' : '') +
        (hasCost ? ' Cost: of the pools with costPerFteYear, per decision of those pools.' : ''),
    ),
  ];
  if (!hasCost) return lines;
  for (const [i, o] of options.entries()) {
    const cost = o.summary.capacity.cost;
    if (cost !== null && cost.uncosted.length > 0)
      lines.push(...wrapText(`${label(o, i)}: ${partCosted(o)}`, undefined, 2));
  }
  const none = options.flatMap((o, i) => (o.summary.capacity.cost === null ? [label(o, i)] : []));
  if (none.length > 0) lines.push(...wrapText(`No capacity with a cost: ${none.join(', ')}.`, undefined, 2));
  const marginal = options.slice(1).filter((o) => o.marginal !== null);
  if (marginal.length === 0) return lines;
  lines.push(
    '',
    'Cost against the base: the extra cost per extra decision (decisions mean per replication)',
    fitTable([
      ['option', 'extra decisions', 'extra cost', 'per extra decision'],
      ...marginal.map((o) => [
        o.label,
        signed(o.marginal!.extraDecisions, 0),
        signed(o.marginal!.extraCost, 0),
        o.marginal!.perExtraDecision === null ? '-' : n(o.marginal!.perExtraDecision),
      ]),
    ]),
  );
  const notes: string[] = [];
  if (marginal.some((o) => o.marginal!.perExtraDecision === null))
    notes.push("'-': the option decides no more than the base.");
  const differs = marginal.filter((o) => o.marginal!.uncostedDiffers).map((o) => o.label);
  if (differs.length > 0)
    notes.push(
      `${differs.join(', ')}: the capacity without a cost differs from the base's; what that difference costs is not in the extra cost.`,
    );
  lines.push(...notes.flatMap((note) => wrapText(note, undefined, 2)));
  return lines;
}

/** What a partly costed option's cost covers, in words. */
function partCosted(option: ComparedOption): string {
  const c = option.summary.capacity;
  const cost = c.cost!;
  const costed = c.pools.filter((pool) => pool.cost !== null).map((pool) => poolName(pool.pool));
  const uncosted = cost.uncosted.map(poolName);
  const each = cost.perDecision === null ? '' : `, ${n(cost.perDecision)} each`;
  return (
    `the cost is that of ${costed.join(' and ')} (${n(cost.decisions)} decisions${each}); ` +
    `${uncosted.join(' and ')} (${n(cost.uncostedDecisions)} decisions) ${uncosted.length === 1 ? 'has' : 'have'} no cost in the scenario.`
  );
}

/** How many times narrower the paired interval is than the unpaired one. */
function narrower(paired: Interval, unpaired: Interval): string {
  if (paired.halfWidth === 0) return 'exact';
  return `${formatNumber(unpaired.halfWidth / paired.halfWidth, 1)}x narrower`;
}
