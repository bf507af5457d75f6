import type { PrognosisRow } from '../run/prognosis.js';
import type { RunSummary, WeeklyRow } from '../run/summary.js';
import type { Scenario } from '../scenario/types.js';
import { prognosisCsv } from './format-prognosis.js';
import { toCsv } from './to-csv.js';

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

export const WEEKLY_HEADER = [
  'week',
  'date',
  'lane',
  'mean',
  'p5',
  'p25',
  'p50',
  'p75',
  'p95',
  'deterministic',
  'arrivals_mean',
  'decisions_mean',
] as const;

/** The columns weekly.csv adds when the scenario has flows (means per replication). */
export const WEEKLY_FLOW_HEADER = ['refilings_mean', 'moved_in_mean', 'moved_out_mean', 'withdrawals_mean'] as const;

/**
 * weekly.csv: one row per week and lane (and `total`), backlog at the end of
 * the week; with flows, four more columns: arrivals that were refilings
 * (included in arrivals_mean), cases moved in and out, withdrawals.
 */
export function weeklyCsv(rows: readonly WeeklyRow[]): string {
  const withFlows = rows.some((r) => r.flows !== undefined);
  return toCsv(
    withFlows ? [...WEEKLY_HEADER, ...WEEKLY_FLOW_HEADER] : WEEKLY_HEADER,
    rows.map((r) => {
      const row = [
        r.week,
        r.date,
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
  );
}

/**
 * The files of `run --out DIR`: weekly.csv, summary.json, scenario.json (the
 * fully resolved scenario with its provenance) and, given its rows,
 * prognosis.csv (see prognosisRows).
 */
export function runOutputFiles(
  scenario: Scenario,
  summary: RunSummary,
  weekly: readonly WeeklyRow[],
  provenance: Provenance,
  prognosis?: readonly PrognosisRow[],
): Record<string, string> {
  return {
    'weekly.csv': weeklyCsv(weekly),
    ...(prognosis === undefined ? {} : { 'prognosis.csv': prognosisCsv(prognosis) }),
    'summary.json': `${JSON.stringify({ ...summary, provenance }, null, 2)}\n`,
    'scenario.json': `${JSON.stringify({ provenance, scenario }, null, 2)}\n`,
  };
}
