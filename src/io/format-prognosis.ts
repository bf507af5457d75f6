import { printableLines } from '../scenario/errors.js';
import type { DecisionPoint, LanePrognosis, Prognosis, PrognosisRow } from '../run/prognosis.js';
import { scenarioIsoWeek, weekStartDate } from '../time/weeks.js';
import { formatNumber, formatPercent } from './format-number.js';
import { textTable } from './text-table.js';
import { CSV_DECIMALS, csvText } from './to-csv.js';
import type { CsvAbout, CsvColumn, CsvDialect } from './to-csv.js';
import { weekSpan } from './week-labels.js';

const { whole, cases, share } = CSV_DECIMALS;

/** The columns of prognosis.csv; with transfers, `moved_on_share` follows. */
export const PROGNOSIS_COLUMNS: readonly CsvColumn[] = [
  { name: 'filed_week', decimals: whole },
  { name: 'filed_week_start', decimals: whole },
  { name: 'filed_week_end', decimals: whole },
  { name: 'filed_iso_week', decimals: whole },
  { name: 'lane', decimals: whole },
  { name: 'cases', decimals: cases },
  { name: 'decided_share', decimals: share },
  { name: 'p50_wait_weeks', decimals: whole },
  { name: 'p50_decision_week_end', decimals: whole },
  { name: 'p50_decision_iso_week', decimals: whole },
  { name: 'p90_wait_weeks', decimals: whole },
  { name: 'p90_decision_week_end', decimals: whole },
  { name: 'p90_decision_iso_week', decimals: whole },
];

export const PROGNOSIS_HEADER = PROGNOSIS_COLUMNS.map((column) => column.name);

/**
 * prognosis.csv: one row per filing week and lane, from the oldest case open
 * at the start (negative weeks: the cases of that week still open at the
 * start) to the last week of the horizon; `cases` is the cohort's mean per
 * replication, the P50/P90 cells are empty where the percentile falls beyond
 * the horizon (or the cohort is empty): the file stays within the run's
 * horizon. Every date is named for the day of its week it is: the filing
 * week's first and last day, the decision week's last day. In a dialect
 * (CSV_DIALECTS); `about` heads an `nl` file.
 *
 * @example prognosisCsv(rows).split('\n')[0] // 'filed_week,filed_week_start,filed_week_end,filed_iso_week,lane,cases,...'
 */
export function prognosisCsv(
  rows: readonly PrognosisRow[],
  dialect: CsvDialect = 'rfc4180',
  about: CsvAbout | null = null,
): string {
  const wait = (point: DecisionPoint | null) => (point === null ? '' : point.waitWeeks);
  const date = (point: DecisionPoint | null) => (point === null ? '' : point.date);
  const iso = (point: DecisionPoint | null) => (point === null ? '' : point.isoWeek);
  // With transfers, one more column: the share that moved on to another lane before a decision.
  const movedOn = rows.some((r) => r.movedOnShare !== undefined);
  return csvText(
    movedOn ? [...PROGNOSIS_COLUMNS, { name: 'moved_on_share', decimals: share }] : PROGNOSIS_COLUMNS,
    rows.map((r) => [
      r.filedWeek,
      r.filedDate,
      r.filedWeekEnd,
      r.filedIsoWeek,
      r.lane,
      r.cases,
      r.decidedShare ?? Number.NaN,
      wait(r.p50),
      date(r.p50),
      iso(r.p50),
      wait(r.p90),
      date(r.p90),
      iso(r.p90),
      ...(movedOn ? [r.movedOnShare ?? 0] : []),
    ]),
    dialect,
    about,
  );
}

/**
 * The terminal answer of `caseload prognosis`: per lane the median and 90%
 * decision dates (with ISO weeks) and waits, the share decided within the
 * run, and notes: percentiles after the run's end, lanes without cases of
 * that week, where the ages of open cases come from, and what the weeks past
 * the scenario's own horizon assume.
 */
export function formatPrognosis(result: Prognosis, file: string): string {
  const end = result.horizonEnd;
  const point = (p: DecisionPoint | null) =>
    p === null ? `after ${end}` : `${p.date} (${p.isoWeek}, ${p.waitWeeks} wk)`;
  const filed = `A case filed on ${result.filed} (week ${result.week}, ISO ${result.isoWeek})`;
  const lines = [
    `${result.scenario} (${file})`,
    `${formatNumber(result.reps)} replications, seed ${result.seed}; ${result.start} to ${end}: ${weekSpan(result.start, result.horizonWeeks)}`,
    '',
    result.openAtStart
      ? `${filed}, still open at the start (${result.start}), is decided by`
      : `${filed} is decided by`,
    textTable([
      [
        'lane',
        result.openAtStart ? 'open cases filed that week' : 'cases filed that week',
        'median (50%)',
        '90%',
        `decided by ${end}`,
      ],
      ...result.lanes.map((l) =>
        l.cases === 0
          ? [l.lane, '0', '-', '-', '-']
          : [
              l.lane,
              formatNumber(l.cases, 1),
              point(l.p50),
              point(l.p90),
              formatPercent(l.decidedWithinHorizon ?? Number.NaN),
            ],
      ),
    ]),
    'Each date is the last day of the decision week, with its ISO week and the wait from filing in weeks (wk).',
  ];
  const notes: string[] = [];
  for (const l of result.lanes) {
    if ((l.movedOnShare ?? 0) > 0)
      notes.push(
        `${l.lane}: ${formatPercent(l.movedOnShare!)} of its cases of that week moved on to another lane before a decision; they are counted, with their wait from filing, in the lane that decided them.`,
      );
    if (l.cases === 0) notes.push(`${l.lane}: ${noCases(result, l)}`);
    else if (l.beyondHorizon) notes.push(`${l.lane}: ${beyond(result, l)}`);
  }
  if (result.openAtStart) notes.push(...openCaseNotes(result));
  const past = result.pastScenarioHorizon;
  if (past !== undefined) {
    const more = result.horizonWeeks - past.scenarioHorizonWeeks;
    const why =
      result.runOn === undefined
        ? 'as --horizon asks'
        : `${result.runOn.stoppedShort === null ? 'to decide' : 'trying to decide'} ${result.openAtStart ? 'these open cases' : 'the cohort'} (without --horizon caseload runs on, doubling the weeks, at most ${formatNumber(result.runOn.capWeeks)} weeks from the start; --horizon ${result.horizonWeeks} gives the same answer)`;
    notes.push(
      `The scenario ends on ${past.scenarioEnd} (week ${past.scenarioHorizonWeeks - 1}); the run went on ${formatNumber(more)} weeks more, ${why}. After ${past.scenarioEnd} it assumes:`,
      ...past.assumptions.map((assumption) => `  - ${assumption}`),
    );
  }
  if (notes.length > 0) lines.push('', ...notes);
  return printableLines(`${lines.join('\n')}\n`);
}

/** Why a lane has no cases of the filing week. */
function noCases(result: Prognosis, l: LanePrognosis): string {
  if (!result.openAtStart)
    return 'no cases of this lane were filed in that week in any replication, so there is no prognosis.';
  const oldest = l.oldestOpenWeek ?? null;
  if (oldest === null)
    return `no open cases at the start (initialBacklog lists none for this lane), so there is no prognosis.`;
  if (result.week < oldest)
    return `its oldest open case at the start was filed in week ${oldest} (ISO ${scenarioIsoWeek(result.start, oldest)}, from ${weekStartDate(result.start, oldest)}), later than this date, so there is no prognosis.`;
  return `none of its open cases at the start was filed in that week, so there is no prognosis; a neighbouring week may have some (its open cases are ${l.openCasesBasis ?? 'as the scenario gives them'}).`;
}

/** The note for a lane whose median or 90% decision falls after the end of the run. */
function beyond(result: Prognosis, l: LanePrognosis): string {
  const end = result.horizonEnd;
  const which = l.p50 === null ? 'the median and the 90% decision fall' : 'the 90% decision falls';
  const share = l.decidedWithinHorizon ?? 0;
  const decided =
    share === 0 ? 'none of these cases is decided' : `only ${formatPercent(share)} of these cases are decided`;
  const stopped = result.runOn?.stoppedShort ?? null;
  const then =
    result.runOn === undefined
      ? 'run a longer --horizon, or leave --horizon out for caseload to run on until it knows'
      : stopped === null
        ? 'see the note on running on'
        : `caseload stopped there: ${stopped}`;
  return `${decided} by ${end}, so ${which} after it; ${then}.`;
}

/** Where the ages of the open cases at the start come from, lanes alike together. */
function openCaseNotes(result: Prognosis): string[] {
  const byBasis = new Map<string, string[]>();
  for (const l of result.lanes) {
    if (l.openCasesBasis === undefined || (l.oldestOpenWeek ?? null) === null) continue;
    byBasis.set(l.openCasesBasis, [...(byBasis.get(l.openCasesBasis) ?? []), l.lane]);
  }
  if (byBasis.size === 0) return [];
  const bases = [...byBasis].map(([basis, lanes]) => `${lanes.join(', ')}: ${basis}`).join('; ');
  return [
    `The filing weeks of the cases open at the start are the scenario's (${bases}). A lane decides its oldest eligible cases first, so this answer rests on them: the cases of that week still open at the start, and those older.`,
  ];
}
