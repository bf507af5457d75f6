import { readFile } from 'node:fs/promises';
import { PROGNOSIS_HEADER } from './format-prognosis.js';
import { MONITOR_HEADER, REFORECAST_COLUMNS } from './monitor-outputs.js';
import { WEEKLY_HEADER } from './run-outputs.js';
import { SWEEP_COLUMNS } from './sweep-outputs.js';

/** How the first line of each kind of file caseload writes starts (or, for a sweep, what it holds). */
const SIGNS: readonly ((head: string, firstLine: string) => boolean)[] = [
  // An `nl` CSV file: its first line says what wrote it (see aboutLine in to-csv.ts).
  (_, line) => /^# caseload [^;]+;scenario: /.test(line),
  // calibrate's scenario.
  (head) => head.startsWith('# Calibrated by caseload calibrate'),
  // An HTML report.
  (head) => head.includes('<meta name="generator" content="caseload '),
  // weekly.csv, prognosis.csv, monitor.csv, reforecast.csv and a sweep's CSV (rfc4180: no line about what wrote them).
  (_, line) => line.startsWith(`${WEEKLY_HEADER.slice(0, 5).join(',')},`),
  (_, line) => line.startsWith(`${PROGNOSIS_HEADER.slice(0, 5).join(',')},`),
  (_, line) => line.startsWith(`${MONITOR_HEADER.slice(0, 7).join(',')},`),
  (_, line) => line === REFORECAST_COLUMNS.map((column) => column.name).join(','),
  (_, line) => line.includes(`,${SWEEP_COLUMNS.slice(0, 7).join(',')}`),
];

/**
 * Whether a file is one caseload wrote, as far as it says so: summary.json
 * and scenario.json carry a `provenance` block, a shard its format, an `nl`
 * CSV file and a calibrated scenario a first line naming caseload, a report
 * its generator, weekly.csv, prognosis.csv, monitor.csv, reforecast.csv and
 * a sweep's CSV their header.
 * A file that cannot be read, or shows none of these, is the user's: --force
 * never replaces it.
 *
 * @example await writtenByCaseload('out/summary.json') // true
 */
export async function writtenByCaseload(path: string): Promise<boolean> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    return false;
  }
  const head = text.slice(0, 4096);
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (SIGNS.some((sign) => sign(head, firstLine))) return true;
  return head.trimStart().startsWith('{') && jsonWrittenByCaseload(text);
}

/** A JSON object with caseload's provenance (summary.json, scenario.json) or a shard's format. */
function jsonWrittenByCaseload(text: string): boolean {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return false;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const { provenance, format } = raw as { provenance?: { caseloadVersion?: unknown }; format?: unknown };
  return (
    typeof provenance?.caseloadVersion === 'string' ||
    (typeof format === 'string' && format.startsWith('caseload-shard/'))
  );
}
