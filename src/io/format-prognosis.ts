import type { DecisionPoint, LanePrognosis, Prognosis, PrognosisRow } from '../run/prognosis.js';
import { scenarioIsoWeek, weekStartDate } from '../time/weeks.js';
import { formatNumber, formatPercent } from './format-number.js';
import { textTable } from './text-table.js';
import { toCsv } from './to-csv.js';
import { weekSpan } from './week-labels.js';

export const PROGNOSIS_HEADER = [
  'filed_week',
  'filed_date',
  'lane',
  'cases',
  'decided_share',
  'p50_wait_weeks',
  'p50_decision_date',
  'p90_wait_weeks',
  'p90_decision_date',
] as const;

/**
 * prognosis.csv: one row per filing week and lane; `cases` is the cohort's
 * mean per replication, the P50/P90 cells are empty where the percentile falls
 * beyond the horizon (or the cohort is empty).
 *
 * @example prognosisCsv(rows).split('\n')[0] // 'filed_week,filed_date,lane,cases,decided_share,...'
 */
export function prognosisCsv(rows: readonly PrognosisRow[]): string {
  const wait = (point: DecisionPoint | null) => (point === null ? '' : point.waitWeeks);
  const date = (point: DecisionPoint | null) => (point === null ? '' : point.date);
  // With transfers, one more column: the share that moved on to another lane before a decision.
  const movedOn = rows.some((r) => r.movedOnShare !== undefined);
  return toCsv(
    movedOn ? [...PROGNOSIS_HEADER, 'moved_on_share'] : PROGNOSIS_HEADER,
    rows.map((r) => [
      r.filedWeek,
      r.filedDate,
      r.lane,
      r.cases,
      r.decidedShare ?? Number.NaN,
      wait(r.p50),
      date(r.p50),
      wait(r.p90),
      date(r.p90),
      ...(movedOn ? [r.movedOnShare ?? 0] : []),
    ]),
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
  return `${lines.join('\n')}\n`;
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
