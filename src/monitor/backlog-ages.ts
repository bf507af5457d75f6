import { csvRecords, didYouMean, parseBacklogCsv } from '../scenario/index.js';
import type { Checked, InputIssue } from '../scenario/errors.js';
import type { InitialBacklogSpec, Scenario } from '../scenario/types.js';

/**
 * Reads a backlog-by-age file for a re-forecast (`caseload monitor
 * --backlog-ages`): a `date` column, the first day of each arrival month (or
 * arrival week), and a column per lane named as in the scenario, each cell
 * the cases of that lane that arrived in that period and are still open on
 * the re-forecast's start. Every period ends before `start`, the day after
 * the last actual date. The file counts months when every date is a first of
 * a month, else weeks of the re-forecast (starting on `start` - 7k days).
 * Months are spread over their weeks by days, as a scenario's
 * `initialBacklog: { file }` is. Every problem at its line and column.
 *
 * @example parseBacklogAgesCsv('date,regular\n2024-03-01,40\n', 'ages.csv', scenario, '2024-05-01') // regular: 40 from March
 */
export function parseBacklogAgesCsv(
  text: string,
  file: string,
  scenario: Scenario,
  start: string,
): Checked<Record<string, InitialBacklogSpec>> {
  const issues: InputIssue[] = [];
  const parsed = csvRecords(text);
  const lanes = scenario.lanes.map((lane) => lane.name);
  const allowed = `date, then a column per lane of the scenario (${lanes.join(', ')})`;
  if (!parsed.ok)
    return {
      ok: false,
      issues: [
        {
          file,
          line: parsed.line,
          column: null,
          field: '',
          problem: `is not valid CSV: ${parsed.message}`,
          allowed: 'comma-separated values with a header row',
        },
      ],
    };
  const header = parsed.records[0];
  if (header === undefined)
    return { ok: false, issues: [{ file, line: null, column: null, field: '', problem: 'has no rows', allowed }] };
  const names = header.record;
  const line = header.info.lines;
  if (!names.includes('date'))
    issues.push({
      file,
      line,
      column: null,
      field: 'date',
      problem: `no column "date" in the header (columns found: ${names.join(', ')})`,
      allowed,
    });
  const laneColumns: string[] = [];
  names.forEach((name, i) => {
    if (name === 'date') return;
    const column = header.cells[i]?.column ?? null;
    if (!lanes.includes(name)) {
      const meant = didYouMean(name, names.includes('date') ? lanes : [...lanes, 'date']);
      issues.push({
        file,
        line,
        column,
        field: name,
        problem: `is not a lane of the scenario (its lanes: ${lanes.join(', ')})`,
        allowed: meant === null ? allowed : `did you mean "${meant}"?`,
      });
    } else if (laneColumns.includes(name))
      issues.push({ file, line, column, field: name, problem: 'is a column twice', allowed: 'each lane once' });
    else laneColumns.push(name);
  });
  if (issues.length === 0 && laneColumns.length === 0)
    issues.push({ file, line, column: null, field: '', problem: 'has no lane columns', allowed });
  if (issues.length > 0) return { ok: false, issues };
  const dateIndex = names.indexOf('date');
  const dates = parsed.records.slice(1).map((row) => row.record[dateIndex] ?? '');
  const period = dates.length > 0 && dates.every((date) => /^\d{4}-\d{2}-01$/.test(date)) ? 'month' : 'week';
  const ages: Record<string, InitialBacklogSpec> = {};
  for (const lane of laneColumns) {
    const read = parseBacklogCsv(
      text,
      file,
      { dateColumn: 'date', countColumn: lane, period },
      start,
      '--backlog-ages',
    );
    if (read.ok) ages[lane] = read.value;
    // A bad date is the same for every lane: reported once.
    else issues.push(...read.issues.filter((issue) => !issues.some((seen) => sameIssue(seen, issue))));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: ages };
}

const sameIssue = (a: InputIssue, b: InputIssue) =>
  a.line === b.line && a.column === b.column && a.field === b.field && a.problem === b.problem;
