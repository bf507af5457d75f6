import type { MonitorResult, ReforecastView } from '../monitor/monitor-actuals.js';
import type { Learned } from '../monitor/reforecast-scenario.js';
import { signedPercent } from '../monitor/verdicts.js';
import { printableLines } from '../scenario/errors.js';
import { labelledLines, TERMINAL_WIDTH, wrapText } from './fit-table.js';
import { formatNumber, formatPercent } from './format-number.js';
import { formatProbabilityCell } from './format-probability.js';
import { textTable } from './text-table.js';

/**
 * The terminal report of `caseload monitor`: what was compared, a verdict
 * per measure, every actual figure against the plan's band (P5 to P95) with
 * where it lies and, for inflow and decisions, the cumulative deviation from
 * the plan, the periods whose backlog breaks conservation, and, when there
 * is one, the re-forecast from the last actual date.
 *
 * @example formatMonitor(result, 'scenarios/baseline-2024.yaml')
 */
export function formatMonitor(result: MonitorResult, file: string, reforecast: ReforecastView | null = null): string {
  const n = (value: number) => formatNumber(value);
  const a = result.actuals;
  const unit = a.period === 'week' ? 'week' : 'month';
  const lines = [
    ...wrapText(
      `${result.scenario} (${file}) against the actuals in ${a.file}: ${a.periods} ${unit}${a.periods === 1 ? '' : 's'}, ${a.from} to ${a.to}${a.source === null ? '' : ` (source: ${a.source})`}`,
    ),
    ...wrapText(
      `The plan: ${n(result.replications)} replications, seed ${result.seed}; ${
        result.uncertainty
          ? "its bands include the scenario's uncertainty: block (what the plan does not know); --no-uncertainty for the plan taken as known"
          : 'its bands hold only the luck of the weekly draws around the plan'
      }.`,
    ),
    '',
    'Verdicts',
    ...(result.verdicts.length === 0 && reforecast === null
      ? ['  none: the actuals give no figure of all lanes together']
      : labelledLines([
          ...result.verdicts.map((v): [string, string] => [v.measure, v.text]),
          ...(reforecast === null ? [] : [['re-forecast', reforecast.text] as [string, string]]),
        ])),
  ];
  const withLanes = result.rows.some((row) => row.lane !== 'total');
  const lane = (value: string) => (withLanes ? [value] : []);
  const withSums = result.rows.some((row) => row.cumulative !== null);
  const sumHead = withSums ? ['sum', 'deviation', 'share', 'sum status'] : [];
  lines.push(
    '',
    ...wrapText(
      "Each figure against the plan's band (P5 to P95 over the replications): below, inside or above it. " +
        "For inflow and decisions, the sum since the first period with the figure, its deviation from the plan's mean sum, " +
        "and where the sum lies against the band of the plan's sum.",
    ),
    textTable([
      ['period', 'measure', ...lane('lane'), 'actual', 'P5', 'P50', 'P95', 'status', ...sumHead],
      ...result.rows.map((r) => {
        const c = r.cumulative;
        const sums = !withSums
          ? []
          : c === null
            ? ['', '', '', '']
            : [n(c.actual), signedNumber(c.deviation), c.share === null ? '-' : signedPercent(c.share), c.status];
        return [
          r.period,
          r.measure,
          ...lane(r.lane),
          n(r.actual),
          n(r.plan.p5),
          n(r.plan.p50),
          n(r.plan.p95),
          r.status,
          ...sums,
        ];
      }),
    ]),
  );
  if (result.conservation.length > 0)
    lines.push(
      '',
      ...wrapText(
        `Conservation: in ${result.conservation.length} period${result.conservation.length === 1 ? '' : 's'} the backlog is not the one before + inflow - decisions (a data correction? the figures are compared as given)`,
      ),
      textTable([
        ['period', 'lane', 'before', 'inflow', 'decisions', 'expected', 'backlog', 'break', 'line'],
        ...result.conservation.map((b) => [
          b.period,
          b.lane,
          `${n(b.before)}${b.beforeFrom === 'scenario' ? ' (start)' : ''}`,
          n(b.inflow),
          n(b.decisions),
          n(b.before + b.inflow - b.decisions),
          n(b.backlog),
          signedNumber(b.break),
          String(b.line),
        ]),
      ]),
    );
  if (reforecast !== null) lines.push('', ...reforecastLines(reforecast));
  return printableLines(`${lines.join('\n')}\n`);
}

/** A number of cases with its sign: `+12`, `-3`, `0`. */
function signedNumber(value: number): string {
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${formatNumber(rounded)}` : formatNumber(rounded);
}

/**
 * The re-forecast's block: where it starts, its band at the target's week
 * (or its last), the target's chance, the capacity the target needs, what
 * --learn measured, and every assumption it made.
 */
export function reforecastLines(view: ReforecastView): string[] {
  return [
    ...wrapText(reforecastHeading(view)),
    ...labelledLines(reforecastRows(view)),
    ...(view.assumptions.length === 0
      ? []
      : [
          'Its assumptions:',
          ...view.assumptions.flatMap((text) =>
            wrapText(`- ${text}`, TERMINAL_WIDTH - 2, 2).map((line) => `  ${line}`),
          ),
        ]),
  ];
}

/** What the re-forecast is: `Re-forecast from 2024-04-28: 35 weeks from 2024-04-29, 1,000 replications, seed 2024`. */
export function reforecastHeading(view: ReforecastView): string {
  const how = view.deterministic
    ? 'expected values'
    : `${formatNumber(view.replications)} replications, seed ${view.seed}`;
  return `Re-forecast from ${view.from}: ${view.weeks} weeks from ${view.start}, ${how}`;
}

/** The re-forecast's figures as labelled lines: start, the band, target, capacity, learned. */
export function reforecastRows(view: ReforecastView): [string, string][] {
  const n = (value: number) => formatNumber(value);
  const fixed = (value: number) => formatNumber(value, Number.isInteger(value) ? 0 : 1);
  const rows: [string, string][] = [
    [
      'start',
      `${n(view.startBacklog.total)} open on ${view.from} (${startSources(view)}); the plan expected ${n(view.planBacklog)}`,
    ],
    [
      view.band.date,
      `P50 ${n(view.band.p50)} (P5 to P95: ${n(view.band.p5)} to ${n(view.band.p95)}), mean ${n(view.band.mean)}`,
    ],
  ];
  const target = view.target;
  if (target !== null)
    rows.push([
      'target',
      `${n(target.backlog)} or fewer by ${target.date} (the week ending ${target.weekEnd}): ${formatProbabilityCell(target.probability, target.interval)}`,
    ]);
  const needed = view.neededCapacity;
  if (needed !== null) {
    const confidence = formatPercent(needed.confidence, 0);
    rows.push([
      'capacity',
      needed.value === null
        ? needed.cannotTell
          ? `the replications cannot tell which ${needed.field} reaches the target with ${confidence} confidence (more --reps)`
          : `no ${needed.field} searched reaches the target with ${confidence} confidence`
        : `for ${confidence}: ${needed.field} ${fixed(needed.value)} (${needed.unit}) from ${view.start}` +
          (needed.probability === null
            ? ''
            : `, ${formatProbabilityCell(needed.probability, needed.probabilityInterval)}`) +
          (needed.inEffect === null ? '' : `; ${fixed(needed.inEffect)} now`) +
          (needed.planned === null ? '' : `; a plan of ${fixed(needed.planned)} at the rate delivered lately`),
    ]);
  }
  const learned = view.learned;
  if (learned !== null) rows.push(['learned', learnedText(learned)]);
  return rows;
}

/** Where the starting backlog came from, in words: `actual` for all lanes, or per source with its lanes. */
function startSources(view: ReforecastView): string {
  const WORDS: Record<string, string> = {
    actual: 'actual',
    split: "a total split by the plan's lane mix",
    carried: 'carried forward from an earlier backlog',
    plan: "the plan's, carried forward with the actual flows",
    ages: 'from the backlog-by-age file',
  };
  const bySource = new Map<string, string[]>();
  for (const [lane, source] of Object.entries(view.startBacklogFrom))
    bySource.set(source, [...(bySource.get(source) ?? []), lane]);
  if (bySource.size <= 1) return WORDS[[...bySource.keys()][0] ?? 'actual'] ?? 'actual';
  return [...bySource].map(([source, lanes]) => `${lanes.join(', ')}: ${WORDS[source] ?? source}`).join('; ');
}

/** What --learn measured, in words. */
function learnedText(learned: Learned): string {
  const factor = (name: string, f: Learned['inflow']) =>
    f === null
      ? `${name}: not known`
      : `${name} x${formatNumber(f.factor, 3)}${f.cv === null ? '' : ` (cv ${formatPercent(f.cv)})`}`;
  const capacity = learned.capacity;
  const capacityText =
    capacity === null
      ? 'capacity: not known'
      : `${factor('capacity', capacity)}${capacity.applied ? '' : ' not applied: the plan did not use all its capacity every week then'}`;
  return `from the ${learned.days} days ${learned.from} to ${learned.to} (--learn ${learned.weeks}): ${factor('inflow', learned.inflow)}; ${capacityText}`;
}
