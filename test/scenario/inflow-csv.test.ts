import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/index.js';
import { parseBacklogCsv } from '../../src/scenario/read/backlog-csv.js';
import { parseObservedInflow } from '../../src/scenario/read/observed-inflow.js';
import type { ObservedInflowOptions, ReplayInflow } from '../../src/scenario/read/observed-inflow.js';
import { checkText, edit, VALID } from './helpers.js';

const WEEK: ObservedInflowOptions = { dateColumn: 'date', countColumn: 'count', period: 'week', futureMeanPerWeek: 25 };
const MONTH: ObservedInflowOptions = { ...WEEK, period: 'month' };
const START = '2024-01-01'; // a Monday; 13 weeks from it end on Sunday 2024-03-31

function parsed(text: string, options: ObservedInflowOptions = WEEK, start = START): ReplayInflow {
  const result = parseObservedInflow(text, 'in.csv', options, start);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}

function problems(text: string, options: ObservedInflowOptions = WEEK, start = START): string[] {
  const result = parseObservedInflow(text, 'in.csv', options, start);
  return result.ok ? [] : result.issues.map(formatIssue);
}

const weekRows = (first: string, counts: readonly number[]) => {
  const day0 = Date.parse(`${first}T00:00:00Z`);
  return counts
    .map((count, i) => `${new Date(day0 + i * 7 * 86_400_000).toISOString().slice(0, 10)},${count}`)
    .join('\n');
};

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('inflow.observed: reading the CSV', () => {
  it('period week: a count per week start, from the start on; earlier rows only feed trailing', () => {
    const inflow = parsed(`date,count\n${weekRows('2023-12-25', [9, 30, 31, 32])}\n`);
    expect(inflow).toEqual({
      kind: 'replay',
      observedPerWeek: [30, 31, 32],
      wholePerWeek: [30, 31, 32],
      futureMeanPerWeek: 25,
      source: 'in.csv',
    });
  });

  it('custom column names, other columns ignored, rows in any order, a BOM and blank lines tolerated', () => {
    const text = '\uFEFFnote,week_start,filed\nx,2024-01-08,12\n\ny,2024-01-01,10\n';
    const inflow = parsed(text, { ...WEEK, dateColumn: 'week_start', countColumn: 'filed' });
    expect(inflow.observedPerWeek).toEqual([10, 12]);
  });

  it('period month: each month spread over the weeks by its days', () => {
    // 31, 29 and 31 cases in January to March 2024: one a day, so seven a week.
    const inflow = parsed('date,count\n2024-01-01,31\n2024-02-01,29\n2024-03-01,31\n', MONTH);
    expect(inflow.observedPerWeek).toHaveLength(13);
    inflow.observedPerWeek.forEach((x) => {
      expect(x).toBeCloseTo(7, 12);
    });
    expect(inflow.wholePerWeek).toEqual(new Array(13).fill(7));
  });

  it('period month: a week spanning two months gets parts of both; whole numbers conserve each month exactly', () => {
    const inflow = parsed('date,count\n2024-01-01,100\n2024-02-01,50\n2024-03-01,80\n', MONTH);
    // Week 4 is 29 January to 4 February: 3 days of January, 4 of February.
    expect(inflow.observedPerWeek[4]).toBeCloseTo((100 * 3) / 31 + (50 * 4) / 29, 12);
    expect(inflow.observedPerWeek[0]).toBeCloseTo((100 * 7) / 31, 12);
    expect(sum(inflow.observedPerWeek)).toBeCloseTo(230, 9);
    expect(sum(inflow.wholePerWeek)).toBe(230);
    inflow.wholePerWeek.forEach((whole, t) => {
      expect(Number.isInteger(whole)).toBe(true);
      expect(Math.abs(whole - inflow.observedPerWeek[t]!)).toBeLessThan(1);
    });
    // The weeks wholly in January (0..3) plus January's whole part of week 4 give 100:
    // January's cumulative rounding has issued round(100 x 28 / 31) by the end of week 3.
    expect(sum(inflow.wholePerWeek.slice(0, 4))).toBe(Math.round((100 * 28) / 31));
  });

  it('period month: weeks only partly covered by the data are not replayed', () => {
    // 2023 from Sunday 1 January: 52 whole weeks to 30 December; the 31st falls in week 52.
    const counts = [116, 116, 116, 116, 116, 115, 115, 116, 116, 116, 116, 116];
    const text = `date,count\n${counts.map((c, m) => `2023-${String(m + 1).padStart(2, '0')}-01,${c}`).join('\n')}\n`;
    const inflow = parsed(text, MONTH, '2023-01-01');
    expect(inflow.observedPerWeek).toHaveLength(52);
    expect(sum(inflow.observedPerWeek)).toBeCloseTo(1390 - 116 / 31, 9);
    expect(sum(inflow.wholePerWeek)).toBe(1390 - Math.round(116 / 31));
  });

  it('futureMeanPerWeek: trailing is the mean of the last 13 weeks of data, before the start or not', () => {
    const counts = Array.from({ length: 20 }, (_, i) => i + 1);
    const trailing = { ...WEEK, futureMeanPerWeek: 'trailing' as const };
    expect(parsed(`date,count\n${weekRows('2024-01-01', counts)}\n`, trailing).futureMeanPerWeek).toBe(
      sum(counts.slice(7)) / 13,
    );
    // All of it before the start: nothing replayed, the trailing mean goes on.
    const before = parsed(`date,count\n${weekRows('2023-08-14', counts)}\n`, trailing);
    expect(before.observedPerWeek).toEqual([]);
    expect(before.futureMeanPerWeek).toBe(14);
    // Fewer than 13 weeks: all of them.
    expect(parsed(`date,count\n${weekRows('2024-01-01', [10, 20])}\n`, trailing).futureMeanPerWeek).toBe(15);
  });
});

describe('inflow.observed: a bad CSV is an issue at its file and line', () => {
  it('a missing date or count column names the columns found', () => {
    expect(problems('day,n\n2024-01-01,3\n')).toEqual([
      'in.csv:1: inflow.observed.dateColumn: no column "date" in the header (columns found: day, n) (a column of the header; dateColumn names it)',
      'in.csv:1: inflow.observed.countColumn: no column "count" in the header (columns found: day, n) (a column of the header; countColumn names it)',
    ]);
  });

  it('an unparsable date or number, a negative or fractional count', () => {
    expect(problems('date,count\n2024-13-01,3\n2024-01-08,abc\n2024-01-15,-3\n2024-01-22,2.5\n2024-01-29,\n')).toEqual([
      'in.csv:2:1: date: must be a date YYYY-MM-DD, got "2024-13-01"',
      'in.csv:3:12: count: must be a number, got "abc" (a whole number >= 0)',
      'in.csv:4:12: count: must not be negative, got -3 (a whole number >= 0)',
      'in.csv:5:12: count: must be a whole number, got 2.5 (a whole number >= 0)',
      'in.csv:6:12: count: must be a number, got "" (a whole number >= 0)',
    ]);
  });

  it('a duplicate period and a gap', () => {
    expect(problems('date,count\n2024-01-01,3\n2024-01-08,4\n2024-01-01,5\n2024-01-29,6\n')).toEqual([
      'in.csv:4:1: date: 2024-01-01 appears twice (also on line 2) (one row per week)',
      'in.csv:5:1: date: gap before 2024-01-29: no row for 2024-01-15 (the row before is 2024-01-08) (a row for every week)',
    ]);
    expect(problems('date,count\n2024-01-01,3\n2024-03-01,4\n', MONTH)).toEqual([
      'in.csv:3:1: date: gap before 2024-03-01: no row for 2024-02-01 (the row before is 2024-01-01) (a row for every month)',
    ]);
  });

  it('period week: a date that is not a week start of the scenario; period month: not the first of a month', () => {
    expect(problems('date,count\n2024-01-03,3\n')).toEqual([
      'in.csv:2:1: date: 2024-01-03 is not the start of a week of the scenario (weeks start on 2024-01-01 + 7k days) (a week start, e.g. 2024-01-01 or 2024-01-08)',
    ]);
    expect(problems('date,count\n2024-01-15,3\n', MONTH)).toEqual([
      'in.csv:2:1: date: must be the first day of a month for period month, got 2024-01-15 (2024-01-01)',
    ]);
  });

  it('data that begins after the start, an empty file, a header without rows, malformed CSV', () => {
    expect(problems('date,count\n2024-01-08,3\n')).toEqual([
      'in.csv:2:1: date: the data begins on 2024-01-08, after the start 2024-01-01 (data from the start 2024-01-01 or earlier)',
    ]);
    expect(problems('')).toEqual([
      'in.csv: inflow.observed.file: is empty (a header row with the columns date and count, then a row per week)',
    ]);
    expect(problems('date,count\n')).toEqual([
      'in.csv:1: inflow.observed.file: has no data rows (a row per week after the header)',
    ]);
    expect(problems('date,count\n"2024-01-01,3\n')[0]).toMatch(
      /^in\.csv:\d*:? ?inflow\.observed\.file: is not valid CSV: /,
    );
  });

  it('every problem at once', () => {
    expect(problems('date,count\n2024-01-01,-1\n2024-01-02,x\n2024-01-08,1\n2024-01-08,2\n')).toHaveLength(4);
  });
});

describe('inflow.observed through loadScenario', () => {
  const observed = (file: string, extra = '') =>
    edit(
      'inflow:\n  meanPerWeek: 25',
      `inflow:\n  observed:\n    file: ${file}\n    period: week\n    futureMeanPerWeek: 25${extra}`,
    );

  async function dirWith(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-inflow-'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  }

  it('reads the CSV relative to the scenario file and resolves the inflow', async () => {
    const dir = await dirWith({
      'x.yaml': observed('in.csv', '\n    countColumn: n'),
      'in.csv': 'date,n\n2024-01-01,20\n2024-01-08,30\n',
    });
    const loaded = await loadScenario(join(dir, 'x.yaml'));
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    expect(loaded.value.scenario.inflow).toEqual({
      kind: 'replay',
      observedPerWeek: [20, 30],
      wholePerWeek: [20, 30],
      futureMeanPerWeek: 25,
      source: join(dir, 'in.csv'),
    });
  });

  it('a missing file is an issue at inflow.observed.file in the scenario; CSV problems at the CSV lines', async () => {
    const dir = await dirWith({
      'x.yaml': observed('missing.csv'),
      'y.yaml': observed('bad.csv'),
      'bad.csv': 'date,count\n2024-01-01,-2\n',
    });
    const missing = await loadScenario(join(dir, 'x.yaml'));
    expect(missing.ok ? [] : missing.issues.map(formatIssue)).toEqual([
      `${join(dir, 'x.yaml')}:6:11: inflow.observed.file: cannot read the CSV file ${join(dir, 'missing.csv')}: no such file (a CSV file, relative to the scenario file)`,
    ]);
    const bad = await loadScenario(join(dir, 'y.yaml'));
    expect(bad.ok ? [] : bad.issues.map(formatIssue)).toEqual([
      `${join(dir, 'bad.csv')}:2:12: count: must not be negative, got -2 (a whole number >= 0)`,
    ]);
  });

  it('data continued by its trend beyond 100,000 a week within the horizon is refused at futureMeanPerWeek; within it, accepted', async () => {
    // Four weeks rising by 20,000 a week: the trend gives 100,000 in week 4 and 100,000 + 20,000 x 47 in week 51.
    const rising = 'date,count\n2024-01-01,20000\n2024-01-08,40000\n2024-01-15,60000\n2024-01-22,80000\n';
    const dir = await dirWith({
      'x.yaml': edit('    futureMeanPerWeek: 25', '    futureMeanPerWeek: trend', observed('in.csv')),
      'in.csv': rising,
    });
    const refused = await loadScenario(join(dir, 'x.yaml'));
    expect(refused.ok ? [] : refused.issues.map(formatIssue)).toEqual([
      `${join(dir, 'x.yaml')}:8:24: inflow.observed.futureMeanPerWeek: continues the data to a mean of 1,040,000 a week within the horizon, more than caseload simulates (at most 100,000 a week: a shorter horizon, or a number)`,
    ]);
    const shorter = await loadScenario(join(dir, 'x.yaml'), { horizonWeeks: 5 });
    expect(shorter.ok).toBe(true);
  });

  it('the schema: one of meanPerWeek, weeklyMeans or observed; period and futureMeanPerWeek checked', () => {
    const messages = (text: string) => {
      const result = checkText(text);
      return result.ok ? [] : result.issues.map(formatIssue);
    };
    expect(messages(edit('    futureMeanPerWeek: 25', '    futureMeanPerWeek: soon', observed('in.csv')))).toEqual([
      'x.yaml:8:24: inflow.observed.futureMeanPerWeek: must be a number or "trailing" or "trend" or "seasonal" or a mapping, got "soon" (a number in [0, 100000], "trailing", "trend", "seasonal", or a mapping of dated values, at least 1)',
    ]);
    expect(messages(edit('    period: week', '    period: day', observed('in.csv')))).toEqual([
      'x.yaml:7:13: inflow.observed.period: must be "week" or "month", got "day"',
    ]);
    // A document given in code cannot read files.
    expect(messages(observed('in.csv'))).toEqual([
      'x.yaml:6:11: inflow.observed.file: cannot be read for a document given in code (loadScenario(path) for an inflow from a CSV file)',
    ]);
    expect(VALID).toContain('meanPerWeek: 25');
  });

  it('the shipped backtest with observed inflow replays 1,390 less the 31st of December', async () => {
    const loaded = await loadScenario('scenarios/backtest-2023-observed-inflow.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const inflow = loaded.value.scenario.inflow;
    expect(inflow.kind).toBe('replay');
    if (inflow.kind !== 'replay') return;
    expect(inflow.observedPerWeek).toHaveLength(52);
    expect(sum(inflow.observedPerWeek)).toBeCloseTo(1390 - 116 / 31, 9);
  });
});

describe('initialBacklog.lanes.<lane>: { file, period }', () => {
  const columns = { dateColumn: 'date', countColumn: 'count' };
  const backlog = (text: string, period: 'week' | 'month', start = START) =>
    parseBacklogCsv(text, 'b.csv', { ...columns, period }, start, 'initialBacklog.lanes.regular');

  it('period week: counts by arrival week, as weeks ago', () => {
    expect(backlog('date,count\n2023-12-18,5\n2023-12-25,7\n', 'week')).toEqual({
      ok: true,
      value: {
        kind: 'byWeeksAgo',
        counts: [
          { weeksAgo: 1, count: 7 },
          { weeksAgo: 2, count: 5 },
        ],
      },
    });
  });

  it('period month: spread over the weeks by days in whole numbers, each month exact', () => {
    const result = backlog('date,count\n2023-10-01,100\n2023-11-01,45\n2023-12-01,31\n', 'month');
    if (!result.ok || result.value.kind !== 'byWeeksAgo') throw new Error('expected counts');
    const counts = result.value.counts;
    counts.forEach(({ count }) => {
      expect(Number.isInteger(count)).toBe(true);
    });
    expect(sum(counts.map((c) => c.count))).toBe(176);
    // December 2023, one a day: the week of 25-31 December (weeks ago 1) holds 7.
    expect(counts.find((c) => c.weeksAgo === 1)?.count).toBe(7);
  });

  it('periods that do not end before the start, and the usual CSV problems, are issues', () => {
    const result = backlog('date,count\n2023-12-25,4\n2024-01-01,3\n2024-01-08,x\n', 'week');
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'b.csv:4:12: count: must be a number, got "x" (a whole number >= 0)',
    ]);
    const late = backlog('date,count\n2023-12-25,4\n2024-01-01,3\n', 'week');
    expect(late.ok ? [] : late.issues.map(formatIssue)).toEqual([
      'b.csv:3:1: date: the week of 2024-01-01 does not end before the start 2024-01-01 (arrival weeks before the start: the backlog is what is open at the start)',
    ]);
    const month = backlog('date,count\n2023-12-01,4\n', 'month', '2023-12-20');
    expect(month.ok ? [] : month.issues.map(formatIssue)).toEqual([
      'b.csv:2:1: date: the month of 2023-12-01 does not end before the start 2023-12-20 (arrival months before the start: the backlog is what is open at the start)',
    ]);
    const columnsMissing = backlog('when,n\n2023-12-25,4\n', 'week');
    expect(columnsMissing.ok ? [] : columnsMissing.issues.map((issue) => issue.field)).toEqual([
      'initialBacklog.lanes.regular.dateColumn',
      'initialBacklog.lanes.regular.countColumn',
    ]);
  });

  it('through loadScenario, relative to the scenario file; a missing file is an issue at its field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-backlog-'));
    const text = edit('    regular: 100', '    regular: { file: b.csv, period: week }');
    await writeFile(join(dir, 'x.yaml'), text);
    await writeFile(join(dir, 'b.csv'), 'date,count\n2023-12-11,2\n2023-12-18,0\n2023-12-25,9\n');
    const loaded = await loadScenario(join(dir, 'x.yaml'));
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    expect(loaded.value.scenario.initialBacklog['regular']).toEqual({
      kind: 'byWeeksAgo',
      counts: [
        { weeksAgo: 1, count: 9 },
        { weeksAgo: 3, count: 2 },
      ],
    });
    await writeFile(join(dir, 'y.yaml'), edit('    regular: 100', '    regular: { file: none.csv, period: month }'));
    const missing = await loadScenario(join(dir, 'y.yaml'));
    expect(missing.ok ? [] : missing.issues.map(formatIssue)).toEqual([
      `${join(dir, 'y.yaml')}:17:22: initialBacklog.lanes.regular.file: cannot read the CSV file ${join(dir, 'none.csv')}: no such file (a CSV file, relative to the scenario file)`,
    ]);
    const inCode = checkText(text);
    expect(inCode.ok ? [] : inCode.issues.map(formatIssue)).toEqual([
      'x.yaml:17:22: initialBacklog.lanes.regular.file: cannot be read for a document given in code (loadScenario(path) for a backlog from a CSV file)',
    ]);
  });
});

describe('futureMeanPerWeek: trend', () => {
  it('continues the least-squares line through the weekly counts', () => {
    // 20, 22, 24, 26 a week from the start: the line gives 28 in the first week after the data, +2 a week.
    const text = 'date,count\n2024-01-01,20\n2024-01-08,22\n2024-01-15,24\n2024-01-22,26\n';
    const parsed = parseObservedInflow(
      text,
      'in.csv',
      { dateColumn: 'date', countColumn: 'count', period: 'week', futureMeanPerWeek: 'trend' },
      '2024-01-01',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.futureMeanPerWeek).toBeCloseTo(28, 9);
    expect(parsed.value.futureTrendPerWeek).toBeCloseTo(2, 9);
  });
});

describe('futureMeanPerWeek: seasonal', () => {
  // A year of weekly counts before the start: 40 in the weeks that start in July, 20 in the others.
  const rows = Array.from({ length: 52 }, (_, i) => {
    const day = new Date(Date.UTC(2023, 0, 2 + 7 * i));
    return `${day.toISOString().slice(0, 10)},${day.getUTCMonth() === 6 ? 40 : 20}`;
  });
  const text = `date,count\n${rows.join('\n')}\n`;
  const options = {
    dateColumn: 'date',
    countColumn: 'count',
    period: 'week' as const,
    futureMeanPerWeek: 'seasonal' as const,
  };

  it("scales the last year's mean by each month's factor in the data", () => {
    const parsed = parseObservedInflow(text, 'in.csv', options, '2024-01-01');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const mean = (5 * 40 + 47 * 20) / 52; // five weeks start in July 2023
    expect(parsed.value.futureMeanPerWeek).toBeCloseTo(mean, 9);
    expect(parsed.value.futureMonthFactors![6]! * parsed.value.futureMeanPerWeek).toBeCloseTo(40, 9);
    expect(parsed.value.futureMonthFactors![0]! * parsed.value.futureMeanPerWeek).toBeCloseTo(20, 9);
  });

  it('needs a year of data', () => {
    const short = `date,count\n${rows.slice(0, 30).join('\n')}\n`;
    const parsed = parseObservedInflow(short, 'in.csv', options, '2023-01-02');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map(formatIssue).join('\n')).toContain(
      'seasonal needs at least 52 weeks of data, the file covers 30',
    );
  });
});
