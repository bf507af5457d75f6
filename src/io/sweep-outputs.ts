import { printableLines } from '../scenario/errors.js';
import type { SweepResult } from '../experiment/run-sweep.js';
import { formatNumber } from './format-number.js';
import { formatProbabilityCell } from './format-probability.js';
import { fitTable, TERMINAL_WIDTH, wrapText } from './fit-table.js';
import { CSV_DECIMALS, csvText } from './to-csv.js';
import type { CsvAbout, CsvColumn, CsvDialect } from './to-csv.js';

const { cases, share, fte, money } = CSV_DECIMALS;

/** The columns of the sweep CSV after one column per swept path, before one `end_mean_<lane>` per lane. */
export const SWEEP_CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'end_mean', decimals: cases },
  { name: 'end_p5', decimals: cases },
  { name: 'end_p25', decimals: cases },
  { name: 'end_p50', decimals: cases },
  { name: 'end_p75', decimals: cases },
  { name: 'end_p95', decimals: cases },
  { name: 'deterministic_end', decimals: cases },
  { name: 'decisions', decimals: cases },
  { name: 'grants', decimals: cases },
  { name: 'lead_mean_days', decimals: cases },
  { name: 'lead_p50_days', decimals: cases },
  { name: 'lead_p90_days', decimals: cases },
  { name: 'target_probability', decimals: share },
  { name: 'target_probability_low', decimals: share },
  { name: 'target_probability_high', decimals: share },
  { name: 'staff_fte', decimals: fte },
  { name: 'staff_hours_per_week', decimals: cases },
  { name: 'staff_cost', decimals: money },
  { name: 'cost_per_decision', decimals: money },
];

export const SWEEP_COLUMNS = SWEEP_CSV_COLUMNS.map((column) => column.name);

/**
 * The columns of each trigger rule, after the lanes' (`<column>_<rule>`), only
 * when a scenario of the sweep has rules: the share of the replications in
 * which it fired, the weeks its staff worked and their FTE-weeks (means per
 * replication), and their cost (empty without one).
 */
const TRIGGER_COLUMNS: readonly CsvColumn[] = [
  { name: 'trigger_fired_share', decimals: share },
  { name: 'trigger_weeks_mean', decimals: cases },
  { name: 'trigger_fte_weeks', decimals: fte },
  { name: 'trigger_cost', decimals: money },
];

/** The decimals of a swept value in the `nl` dialect: as given (up to 6). */
const SWEPT_DECIMALS = 6;

/**
 * The sweep as CSV, one row per combination: a column per swept path (named
 * by the path, the value as given), the end backlog's mean and percentiles,
 * the deterministic end, decisions and grants per replication, lead times in
 * days, the target probability (empty without a target), the staff (paid FTE,
 * productive hours a week, cost and cost per decision; empty without a staff
 * pool or a cost), the end backlog mean of each lane (`end_mean_<lane>`) and,
 * when a scenario has trigger rules, each rule's figures (TRIGGER_COLUMNS).
 * In a dialect (CSV_DIALECTS): `nl` leaves out the columns empty in every
 * row, and `about` heads it.
 *
 * @example sweepCsv(result).split('\n')[0] // 'capacity.perWeek,end_mean,end_p5,...,end_mean_regular'
 */
export function sweepCsv(result: SweepResult, dialect: CsvDialect = 'rfc4180', about: CsvAbout | null = null): string {
  const lanes = sweepLanes(result);
  const rules = sweepRules(result);
  const columns: CsvColumn[] = [
    ...result.parameters.map((name) => ({ name, decimals: SWEPT_DECIMALS })),
    ...SWEEP_CSV_COLUMNS,
    ...lanes.map((lane) => ({ name: `end_mean_${lane}`, decimals: cases })),
    ...rules.flatMap((rule) => TRIGGER_COLUMNS.map(({ name, decimals }) => ({ name: `${name}_${rule}`, decimals }))),
  ];
  const rows = result.rows.map(({ values, summary: s }) => {
    const end = s.endBacklog.total;
    const lead = s.leadTimeDays.all;
    return [
      // A number swept is written as one (with a decimal comma in nl); other values as given.
      ...result.parameters.map((path) => (dialect === 'nl' ? values[path]! : String(values[path]))),
      end.mean,
      end.p5,
      end.p25,
      end.p50,
      end.p75,
      end.p95,
      s.deterministicEndBacklog.total,
      s.decisions.total,
      s.grants.total,
      lead.mean,
      lead.p50,
      lead.p90,
      s.target?.probability ?? Number.NaN,
      s.target?.interval?.low ?? Number.NaN,
      s.target?.interval?.high ?? Number.NaN,
      s.staff?.fte ?? Number.NaN,
      s.staff?.hoursPerWeek ?? Number.NaN,
      s.staff?.cost ?? Number.NaN,
      s.staff?.costPerDecision ?? Number.NaN,
      ...lanes.map((lane) => s.endBacklog.byLane[lane]?.mean ?? Number.NaN),
      ...rules.flatMap((name) => {
        const rule = s.triggers?.find((r) => r.name === name);
        return rule === undefined
          ? TRIGGER_COLUMNS.map(() => Number.NaN)
          : [rule.firedShare, rule.activeWeeks.mean, rule.fteWeeks, rule.cost ?? Number.NaN];
      }),
    ];
  });
  return csvText(columns, rows, dialect, about);
}

/**
 * The sweep as a terminal table, one row per combination: the settings, the
 * end backlog's mean, P5-P95 and P50, the target probability (when the
 * scenario has a target), decisions per replication, and the mean and P90
 * lead time in days. 100 columns wide at most: the lines above the table
 * wrap, a swept path in the header wraps after a dot, and columns that still
 * do not fit continue in a table below that repeats the settings.
 *
 * @example process.stdout.write(formatSweepTable(result, 'scenarios/baseline-2024.yaml'))
 */
export function formatSweepTable(result: SweepResult, file: string): string {
  const n = (value: number) => formatNumber(value);
  const summaries = result.rows.map((row) => row.summary);
  const first = summaries[0];
  const combinations = `${n(result.rows.length)} combination${result.rows.length === 1 ? '' : 's'}`;
  const lines = wrapText(`${result.scenario} (${file}): sweep of ${combinations}`);
  if (first === undefined) return printableLines(`${lines.join('\n')}\n`);
  const same = <T>(key: (s: (typeof summaries)[number]) => T) => summaries.every((s) => key(s) === key(first));
  const period = same((s) => s.end)
    ? `${first.horizonWeeks} weeks, ${first.start} to ${first.end}`
    : 'the horizon set per row';
  lines.push(...wrapText(`${n(result.reps)} replications each, seed ${result.seed} for every combination; ${period}`));
  const hasTarget = summaries.some((s) => s.target !== undefined);
  if (hasTarget && first.target !== undefined && same((s) => `${s.target?.backlog} ${s.target?.date}`)) {
    lines.push(
      ...wrapText(
        `Target: total backlog <= ${n(first.target.backlog)} by ${first.target.date} (end of week ${first.target.week}, ISO ${first.target.isoWeek})`,
      ),
    );
  }
  const endDate = same((s) => s.end) ? ` (${first.end})` : '';
  lines.push(
    '',
    ...wrapText(`Total backlog at the end${endDate}, decisions per replication, lead time of decided cases (days)`),
  );
  const header = [
    ...result.parameters,
    'mean',
    'P5-P95',
    'P50',
    ...(hasTarget ? ['P(target)'] : []),
    'decisions',
    'lead mean',
    'P90',
  ];
  const rows = result.rows.map(({ values, summary: s }) => [
    ...result.parameters.map((path) => String(values[path])),
    n(s.endBacklog.total.mean),
    `${n(s.endBacklog.total.p5)}-${n(s.endBacklog.total.p95)}`,
    n(s.endBacklog.total.p50),
    ...(hasTarget
      ? [s.target === undefined ? '-' : formatProbabilityCell(s.target.probability, s.target.interval)]
      : []),
    n(s.decisions.total),
    n(s.leadTimeDays.all.mean),
    n(s.leadTimeDays.all.p90),
  ]);
  // The settings are values, right-aligned like the figures, and name the row in every part of a split table.
  lines.push(
    fitTable([header, ...rows], TERMINAL_WIDTH, 2, {
      keys: result.parameters.length,
      firstColumn: 'figures',
      breakAfterDots: true,
    }),
  );
  return printableLines(`${lines.join('\n')}\n`);
}

/** Lanes of every row, in priority order of the first row that has them. */
/** The trigger rules of the sweep's scenarios, by name, in the order they first appear. */
function sweepRules(result: SweepResult): string[] {
  const rules = new Set<string>();
  for (const row of result.rows) for (const rule of row.summary.triggers ?? []) rules.add(rule.name);
  return [...rules];
}

function sweepLanes(result: SweepResult): string[] {
  const lanes = new Set<string>();
  for (const row of result.rows) for (const lane of row.summary.lanes) lanes.add(lane);
  return [...lanes];
}
