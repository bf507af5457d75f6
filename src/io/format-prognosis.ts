import type { DecisionPoint, Prognosis, PrognosisRow } from '../run/prognosis.js';
import { formatNumber, formatPercent } from './format-number.js';
import { textTable } from './text-table.js';
import { toCsv } from './to-csv.js';

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
 * decision dates and waits, the share decided within the horizon, and a note
 * for every percentile that falls after the horizon.
 */
export function formatPrognosis(result: Prognosis, file: string, horizonEnd: string): string {
  const point = (p: DecisionPoint | null) => (p === null ? `after ${horizonEnd}` : `${p.date} (${p.waitWeeks} wk)`);
  const lines = [
    `${result.scenario} (${file})`,
    `${formatNumber(result.reps)} replications, seed ${result.seed}; horizon to ${horizonEnd}`,
    '',
    `A case filed on ${result.filed} (week ${result.week}) is decided by`,
    textTable([
      ['lane', 'cases filed that week', 'median (50%)', '90%', 'decided within horizon'],
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
  ];
  const notes: string[] = [];
  for (const l of result.lanes) {
    if ((l.movedOnShare ?? 0) > 0)
      notes.push(
        `${l.lane}: ${formatPercent(l.movedOnShare!)} of its cases of that week moved on to another lane before a decision; they are counted, with their wait from filing, in the lane that decided them.`,
      );
    if (l.cases === 0)
      notes.push(
        `${l.lane}: no cases of this lane were filed in that week in any replication, so there is no prognosis.`,
      );
    else if (l.beyondHorizon) {
      const which = l.p50 === null ? 'the median and the 90% decision fall' : 'the 90% decision falls';
      const share = l.decidedWithinHorizon ?? 0;
      const decided =
        share === 0 ? 'none of these cases is decided' : `only ${formatPercent(share)} of these cases are decided`;
      notes.push(
        `${l.lane}: ${decided} by ${horizonEnd}, so ${which} after the horizon; run a longer --horizon to see when.`,
      );
    }
  }
  if (notes.length > 0) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}
