import type { PrognosisRow } from '../run/prognosis.js';
import type { RunSummary, WeeklyRow } from '../run/summary.js';
import type { Scenario } from '../scenario/types.js';
import { prognosisCsv } from './format-prognosis.js';
import { addDays, isoWeekLabel } from '../time/weeks.js';
import { CSV_DECIMALS, csvText } from './to-csv.js';
import type { CsvAbout, CsvColumn, CsvDialect } from './to-csv.js';

/** Where a result came from, written beside it so that it can be reproduced. */
export interface Provenance {
  readonly caseloadVersion: string;
  /** sha256 of the resolved scenario. */
  readonly scenarioHash: string;
  /** The scenario file and the files it extends, base last. */
  readonly files: readonly string[];
  readonly seed: number;
  readonly replications: number;
  readonly deterministic: boolean;
}

const { whole, cases } = CSV_DECIMALS;

/** The columns of weekly.csv: a row's week (numbered from 0, with its first and last day and ISO week), its series and the backlog at the end of the week. */
export const WEEKLY_COLUMNS: readonly CsvColumn[] = [
  { name: 'week', decimals: whole },
  { name: 'week_start', decimals: whole },
  { name: 'week_end', decimals: whole },
  { name: 'iso_week', decimals: whole },
  { name: 'lane', decimals: whole },
  { name: 'mean', decimals: cases },
  { name: 'p5', decimals: cases },
  { name: 'p25', decimals: cases },
  { name: 'p50', decimals: cases },
  { name: 'p75', decimals: cases },
  { name: 'p95', decimals: cases },
  { name: 'deterministic', decimals: cases },
  { name: 'arrivals_mean', decimals: cases },
  { name: 'decisions_mean', decimals: cases },
];

export const WEEKLY_HEADER = WEEKLY_COLUMNS.map((column) => column.name);

/** The columns weekly.csv adds when the scenario has flows (means per replication). */
export const WEEKLY_FLOW_HEADER = ['refilings_mean', 'moved_in_mean', 'moved_out_mean', 'withdrawals_mean'] as const;

/**
 * weekly.csv: one row per week and lane (and `total`), backlog at the end of
 * the week (its last day, `week_end`); with flows, four more columns:
 * arrivals that were refilings (included in arrivals_mean), cases moved in
 * and out, withdrawals. In a dialect (CSV_DIALECTS); `about` heads an `nl` file.
 */
export function weeklyCsv(
  rows: readonly WeeklyRow[],
  dialect: CsvDialect = 'rfc4180',
  about: CsvAbout | null = null,
): string {
  const withFlows = rows.some((r) => r.flows !== undefined);
  const columns = withFlows
    ? [...WEEKLY_COLUMNS, ...WEEKLY_FLOW_HEADER.map((name) => ({ name, decimals: cases }))]
    : WEEKLY_COLUMNS;
  return csvText(
    columns,
    rows.map((r) => {
      const row = [
        r.week,
        addDays(r.date, -6),
        r.date,
        isoWeekLabel(addDays(r.date, -3)),
        r.lane,
        r.mean,
        r.p5,
        r.p25,
        r.p50,
        r.p75,
        r.p95,
        r.deterministic,
        r.arrivals,
        r.decisions,
      ];
      const f = r.flows;
      return f === undefined ? row : [...row, f.refilings, f.movedIn, f.movedOut, f.withdrawals];
    }),
    dialect,
    about,
  );
}

/**
 * The files of `run --out DIR`: weekly.csv, summary.json, scenario.json (the
 * fully resolved scenario with its provenance) and, given its rows,
 * prognosis.csv (see prognosisRows); the CSV files in a dialect, an `nl`
 * file headed by its provenance (`file`: the scenario file as given).
 */
export function runOutputFiles(
  scenario: Scenario,
  summary: RunSummary,
  weekly: readonly WeeklyRow[],
  provenance: Provenance,
  prognosis?: readonly PrognosisRow[],
  csv: { readonly dialect: CsvDialect; readonly file: string } = { dialect: 'rfc4180', file: '' },
): Record<string, string> {
  const about: CsvAbout = {
    caseloadVersion: provenance.caseloadVersion,
    scenario: scenario.name,
    file: csv.file === '' ? (provenance.files[0] ?? '') : csv.file,
    seed: provenance.seed,
    replications: provenance.replications,
    deterministic: provenance.deterministic,
    scenarioHash: provenance.scenarioHash,
  };
  return {
    'weekly.csv': weeklyCsv(weekly, csv.dialect, about),
    ...(prognosis === undefined ? {} : { 'prognosis.csv': prognosisCsv(prognosis, csv.dialect, about) }),
    'summary.json': `${JSON.stringify({ ...summary, provenance }, null, 2)}\n`,
    'scenario.json': `${JSON.stringify({ provenance, scenario }, null, 2)}\n`,
  };
}
