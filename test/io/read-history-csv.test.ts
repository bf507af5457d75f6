import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHistoryCsv } from '../../src/io/read-history-csv.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { runs } from '../fast-check-config.js';

const FILE = 'history.csv';

function read(text: string) {
  return readHistoryCsv(text, FILE);
}

/** The one message a bad file gives, as the CLI prints it. */
function oneMessage(text: string): string {
  const result = read(text);
  if (result.ok) throw new Error('expected the file to be rejected');
  expect(result.issues).toHaveLength(1);
  return formatIssue(result.issues[0]!);
}

describe('readHistoryCsv: good files', () => {
  it('reads the shipped history: three years, the backlog and decisions where known, its source line', () => {
    const result = read(readFileSync('scenarios/data/inflow-history.csv', 'utf8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const history = result.value;
    expect(history.granularity).toBe('year');
    expect(history.source).toBe('decision memo, rounded to tens; 2023 decisions derived');
    expect(history.periods.map((p) => [p.label, p.days, p.inflow, p.decisions, p.backlog])).toEqual([
      ['2021', 365, 1810, null, null],
      ['2022', 365, 1530, null, 1580],
      ['2023', 365, 1390, 1530, 1440],
    ]);
  });

  it('reads months (2023-04), months as dates (firsts of months) and weeks (any other dates), in any row order', () => {
    const months = read('period,inflow\n2023-11,10\n2023-12,11\n2024-01,12\n2024-02,13\n');
    expect(months.ok && months.value.granularity).toBe('month');
    expect(months.ok && months.value.periods.map((p) => p.days)).toEqual([30, 31, 31, 29]);
    const firsts = read('date,inflow\n2023-02-01,10\n2023-01-01,9\n');
    expect(firsts.ok && firsts.value.granularity).toBe('month');
    expect(firsts.ok && firsts.value.periods.map((p) => p.label)).toEqual(['2023-01', '2023-02']);
    const weeks = read('date,inflow\n2024-01-01,25\n2024-01-08,24\n2024-01-15,31\n');
    expect(weeks.ok && weeks.value.granularity).toBe('week');
    expect(weeks.ok && weeks.value.periods.map((p) => p.days)).toEqual([7, 7, 7]);
  });

  it('takes a leap year as 366 days, comments and blank lines anywhere, a byte-order mark, no source line', () => {
    const result = read('\ufeff# no source here\nperiod,inflow\n\n2023,10\n# between\n2024,12\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.source).toBeNull();
    expect(result.value.periods.map((p) => p.days)).toEqual([365, 366]);
  });
});

describe('readHistoryCsv: every bad file gives one located message', () => {
  const cases: [string, string, string][] = [
    [
      'one period only',
      'period,inflow\n2023,1390\n',
      'history.csv:2:1: period: the file has one period only (2023) (two or more consecutive periods: the estimates rest on the changes from one period to the next)',
    ],
    [
      'a year repeated',
      'period,inflow\n2021,1810\n2022,1530\n2022,1500\n',
      'history.csv:4:1: period: 2022 appears twice (also on line 3) (one row per period)',
    ],
    [
      'a year missing',
      'period,inflow\n2021,1810\n2023,1390\n',
      'history.csv:3:1: period: gap before 2023: no row for 2022 (the row before is 2021, line 2) (a row for every period from the first to the last)',
    ],
    [
      'a month missing',
      'period,inflow\n2023-01,100\n2023-02,100\n2023-04,100\n',
      'history.csv:4:1: period: gap before 2023-04: no row for 2023-03 (the row before is 2023-02, line 3) (a row for every period from the first to the last)',
    ],
    [
      'weeks not 7 days apart',
      'date,inflow\n2024-01-01,25\n2024-01-09,25\n',
      'history.csv:3:1: date: 2024-01-09 is not a whole number of weeks after 2024-01-01 (line 2) (the first days of consecutive weeks, 7 days apart (dates are weeks unless every date is the first of a month))',
    ],
    [
      'years and months mixed',
      'period,inflow\n2022,1530\n2023-01,116\n',
      'history.csv:3:1: period: a month, but line 2 has a year: the periods of a file must be of one length (all years (2021), all months (2023-04), or all weeks (2024-01-08))',
    ],
    [
      'a count that is not a number',
      'period,inflow\n2021,1810\n2022,about 1530\n',
      'history.csv:3:6: inflow: must be a whole number, got "about 1530" (a whole number >= 0, digits only (1810, not 1,810))',
    ],
    [
      'a negative count',
      'period,inflow,backlog\n2021,1810,\n2022,1530,-5\n',
      'history.csv:3:11: backlog: must not be negative, got -5 (a whole number >= 0, digits only (1810, not 1,810))',
    ],
    [
      'a fraction',
      'period,inflow\n2021,1810.5\n2022,1530\n',
      'history.csv:2:6: inflow: must be a whole number, got 1810.5 (a whole number >= 0, digits only (1810, not 1,810))',
    ],
    [
      'a thousands separator',
      'period,inflow\n2021,"1,810"\n2022,1530\n',
      'history.csv:2:6: inflow: must be written without thousands separators, got "1,810" (a whole number >= 0, digits only (1810, not 1,810))',
    ],
    [
      'a blank inflow',
      'period,inflow,decisions\n2021,,100\n2022,1530,\n',
      'history.csv:2:6: inflow: is blank: every period needs its inflow (a whole number >= 0, digits only (1810, not 1,810))',
    ],
    [
      'a period that is none',
      'period,inflow\n2021,1810\nQ2 2022,1530\n',
      'history.csv:3:1: period: must be a period, got "Q2 2022" (a year (2021), a month (2023-04) or a date (2024-01-08: the first day of a week))',
    ],
    [
      'month 13',
      'period,inflow\n2022-12,10\n2022-13,10\n',
      'history.csv:3:1: period: must be a period, got "2022-13" (a year (2021), a month (2023-04) or a date (2024-01-08: the first day of a week))',
    ],
    [
      'an unknown column',
      'period,inflow,inflows\n2021,1810,1\n2022,1530,1\n',
      'history.csv:1:15: inflows: is not a column of a history file (period (or date), inflow, and optionally decisions and backlog)',
    ],
    [
      'a column twice',
      'period,inflow,inflow\n2021,1810,1\n2022,1530,1\n',
      'history.csv:1:15: inflow: is a column twice (each column once)',
    ],
    [
      'the inflow column misspelt',
      'period,inflows\n2021,1810\n2022,1530\n',
      'history.csv:1: inflow: no column "inflow" in the header (columns found: period, inflows) (period (or date), inflow, and optionally decisions and backlog)',
    ],
    [
      'no inflow column',
      'period,decisions\n2021,1810\n2022,1530\n',
      'history.csv:1: inflow: no column "inflow" in the header (columns found: period, decisions) (period (or date), inflow, and optionally decisions and backlog)',
    ],
    [
      'no period column',
      'year,inflow\n2021,1810\n2022,1530\n',
      'history.csv:1: period: no column "period" or "date" in the header (columns found: year, inflow) (period (or date), inflow, and optionally decisions and backlog)',
    ],
    [
      'both period and date',
      'period,date,inflow\n2021,2021,1810\n2022,2022,1530\n',
      'history.csv:1: date: the header has both "period" and "date" (one of them: the column of the periods)',
    ],
    [
      'more values than columns',
      'period,inflow\n2021,1810\n2022,1530,7\n',
      'history.csv:3:11: has 3 values but the header 2 columns (one value per column)',
    ],
    [
      'a header only',
      '# source: nothing yet\nperiod,inflow\n',
      'history.csv:2: has no data rows (a row per period after the header, at least two)',
    ],
    [
      'an empty file',
      '',
      'history.csv: has no rows (a header row with the columns period (or date), inflow, and optionally decisions and backlog, then a row per period)',
    ],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    expect(oneMessage(text)).toBe(message);
  });

  it('a quote left open is invalid CSV, at its line', () => {
    const message = oneMessage('period,inflow\n2021,1810\n2022,"1530\n');
    expect(message).toMatch(/^history\.csv:\d+: is not valid CSV: .*\(comma-separated values with a header row\)$/);
  });

  it('reports every bad row at once', () => {
    const result = read('period,inflow\n2021,x\n2022,-1\n2023,1390\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.line, issue.field])).toEqual([
      [2, 'inflow'],
      [3, 'inflow'],
    ]);
  });
});

describe('readHistoryCsv on any text', () => {
  it('never throws: it gives a history of two or more consecutive periods, or issues located in the file', () => {
    const line = fc.oneof(
      fc.constantFrom('period,inflow', 'date,inflow,backlog', '# source: x', '', 'period,inflow,decisions'),
      fc.tuple(fc.integer({ min: 2019, max: 2024 }), fc.nat(3000)).map(([y, n]) => `${y},${n}`),
      fc.tuple(fc.integer({ min: 1, max: 13 }), fc.nat(300)).map(([m, n]) => `2023-${String(m).padStart(2, '0')},${n}`),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const result = read(lines.join('\n'));
        if (result.ok) {
          const { periods } = result.value;
          expect(periods.length).toBeGreaterThanOrEqual(2);
          for (let i = 1; i < periods.length; i++)
            expect(periods[i]!.firstDay).toBe(periods[i - 1]!.firstDay + periods[i - 1]!.days);
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(issue.file).toBe(FILE);
            expect(issue.problem).not.toBe('');
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
