import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseActualsCsv } from '../../src/monitor/actuals.js';
import type { ActualsOptions } from '../../src/monitor/actuals.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { benchReference } from '../engine/bench-reference.js';
import { runs } from '../fast-check-config.js';

/** The plan of 2024 in code: weeks from Monday 1 January, 52 of them (to Sunday 29 December), four lanes. */
const SCENARIO = benchReference();
const FILE = 'actuals.csv';

function read(text: string, options: ActualsOptions = {}) {
  return parseActualsCsv(text, FILE, SCENARIO, options);
}

/** Every message a bad file gives, as the CLI prints them. */
function messages(text: string, options: ActualsOptions = {}): string[] {
  const result = read(text, options);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.issues.map(formatIssue);
}

describe('parseActualsCsv: weeks and months', () => {
  it('reads weekly rows: each period a scenario week, its ISO week, totals of inflow, decisions and backlog', () => {
    const result = read('date,inflow,decisions,backlog\n2024-01-01,27,30,1437\n2024-01-08,24,31,1430\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.period).toBe('week');
    expect(result.value.periods).toEqual([
      {
        line: 2,
        from: '2024-01-01',
        to: '2024-01-07',
        label: '2024-W01',
        inflow: { total: 27, byLane: {} },
        decisions: { total: 30, byLane: {} },
        backlog: { total: 1437, byLane: {} },
      },
      {
        line: 3,
        from: '2024-01-08',
        to: '2024-01-14',
        label: '2024-W02',
        inflow: { total: 24, byLane: {} },
        decisions: { total: 31, byLane: {} },
        backlog: { total: 1430, byLane: {} },
      },
    ]);
    expect(result.value.lanes).toEqual({ inflow: [], decisions: [], backlog: [] });
  });

  it('reads months written YYYY-MM or as their first day, to the last day of the month (February 2024 has 29)', () => {
    for (const text of [
      'date,backlog\n2024-01,1420\n2024-02,1395\n',
      'date,backlog\n2024-01-01,1420\n2024-02-01,1395\n',
    ]) {
      const result = read(text);
      expect(result.ok && result.value.period).toBe('month');
      expect(result.ok && result.value.periods.map((p) => [p.label, p.from, p.to])).toEqual([
        ['2024-01', '2024-01-01', '2024-01-31'],
        ['2024-02', '2024-02-01', '2024-02-29'],
      ]);
    }
  });

  it('takes the period from the options when given; one row on a day that starts a week and a month needs it', () => {
    expect(messages('date,inflow\n2024-01-01,110\n')).toEqual([
      'actuals.csv:2:1: date: 2024-01-01 starts both a week of the scenario and a month, and the file has no other row to tell which it means (2024-01 for the month, or the period set to week or month)',
    ]);
    const week = read('date,inflow\n2024-01-01,25\n', { period: 'week' });
    expect(week.ok && [week.value.period, week.value.periods[0]!.to]).toEqual(['week', '2024-01-07']);
    const month = read('date,inflow\n2024-01-01,110\n', { period: 'month' });
    expect(month.ok && [month.value.period, month.value.periods[0]!.to]).toEqual(['month', '2024-01-31']);
    expect(messages('date,inflow\n2024-01,110\n', { period: 'week' })).toEqual([
      "actuals.csv:2:1: date: 2024-01 is a month, but the file is read by week (a week's first day, YYYY-MM-DD)",
    ]);
  });

  it('accepts `period` for the date column, comments, a source line, blank cells, rows in any order', () => {
    const text = [
      '# Illustrative',
      '# source: invented for a test',
      'period,inflow,backlog',
      '2024-01-15,22,',
      '2024-01-01,27,1437',
      '',
      '2024-01-08,,1430',
    ].join('\n');
    const result = read(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.source).toBe('invented for a test');
    expect(
      result.value.periods.map((p) => [p.line, p.from, p.inflow?.total ?? null, p.backlog?.total ?? null]),
    ).toEqual([
      [5, '2024-01-01', 27, 1437],
      [7, '2024-01-08', null, 1430],
      [4, '2024-01-15', 22, null],
    ]);
  });

  it('leaves out the rows after the last figure: a template for the year filled in as it goes', () => {
    const result = read('date,inflow,backlog\n2024-01-01,27,1437\n2024-01-08,,\n2024-01-15,,\n2025-12-29,,\n');
    expect(result.ok && [result.value.period, result.value.periods.length]).toEqual(['week', 1]);
  });
});

describe('parseActualsCsv: lanes', () => {
  const lanes = 'inflow:incomplete,inflow:hearing-free,inflow:safe-country,inflow:regular';

  it('reads per-lane columns; the total is the sum when every lane is given, null when only some are', () => {
    const text = `date,${lanes},backlog:regular\n2024-01-01,4,1,2,20,1300\n2024-01-08,3,,2,19,1301\n`;
    const result = read(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first, second] = result.value.periods;
    expect(first!.inflow).toEqual({
      total: 27,
      byLane: { incomplete: 4, 'hearing-free': 1, 'safe-country': 2, regular: 20 },
    });
    expect(second!.inflow).toEqual({ total: null, byLane: { incomplete: 3, 'safe-country': 2, regular: 19 } });
    expect(first!.backlog).toEqual({ total: null, byLane: { regular: 1300 } });
    expect(result.value.lanes).toEqual({
      inflow: ['incomplete', 'hearing-free', 'safe-country', 'regular'],
      decisions: [],
      backlog: ['regular'],
    });
  });

  it('a total beside every lane must be their sum', () => {
    expect(messages(`date,inflow,${lanes}\n2024-01-01,28,4,1,2,20\n2024-01-08,27,4,1,2,20\n`)).toEqual([
      'actuals.csv:2:12: inflow: is 28, but its lanes add up to 27 (incomplete 4, hearing-free 1, safe-country 2, regular 20) (the sum of the lanes, or leave the total blank (it is then their sum))',
    ]);
  });

  it('a lane column that is not a lane: the lanes there are, and the one likely meant', () => {
    expect(messages('date,inflow,backlog:reguler,decisions:other\n2024-01-01,27,1300,3\n')).toEqual([
      'actuals.csv:1:13: backlog:reguler: "reguler" is not a lane of the scenario (its lanes: incomplete, hearing-free, safe-country, regular) (did you mean "backlog:regular"?)',
      'actuals.csv:1:29: decisions:other: "other" is not a lane of the scenario (its lanes: incomplete, hearing-free, safe-country, regular) (decisions:LANE with one of its lanes)',
    ]);
  });
});

describe('parseActualsCsv: bad files, each problem at its line and column', () => {
  it('unknown columns, with the one likely meant; a column twice; no date column; no column of figures', () => {
    expect(messages('date,inflwo,decisions,decisions\n2024-01-01,1,2,3\n')).toEqual([
      'actuals.csv:1:6: inflwo: is not a column of an actuals file (did you mean "inflow"?)',
      'actuals.csv:1:23: decisions: is a column twice (each column once)',
    ]);
    expect(messages('week,inflow\n2024-01-01,1\n')).toEqual([
      'actuals.csv:1: date: no column "date" in the header (columns found: week, inflow) (date, then any of inflow, decisions and backlog (totals) and inflow:LANE, decisions:LANE, backlog:LANE (one lane))',
      'actuals.csv:1:1: week: is not a column of an actuals file (date, then any of inflow, decisions and backlog (totals) and inflow:LANE, decisions:LANE, backlog:LANE (one lane))',
    ]);
    expect(messages('date\n2024-01-01\n')).toEqual([
      'actuals.csv:1: has no column of figures (columns found: date) (date, then any of inflow, decisions and backlog (totals) and inflow:LANE, decisions:LANE, backlog:LANE (one lane))',
    ]);
  });

  it('an empty file, a header only, no figures at all, text that is not CSV', () => {
    expect(messages('')).toEqual([
      'actuals.csv: has no rows (a header row with the columns date, then any of inflow, decisions and backlog (totals) and inflow:LANE, decisions:LANE, backlog:LANE (one lane), then a row per week or month)',
    ]);
    expect(messages('date,inflow\n')).toEqual([
      'actuals.csv:1: has no data rows (a row per week or month after the header)',
    ]);
    expect(messages('date,inflow\n2024-01-01,\n')).toEqual([
      'actuals.csv:2: has no figures: every count is blank (at least one row with an inflow, decisions or backlog)',
    ]);
    expect(messages('date,inflow\n"2024-01-01,1\n')[0]).toMatch(/^actuals\.csv(:\d+)?: is not valid CSV: /);
  });

  it('negative, fractional, grouped and non-numeric counts; a row with more values than the header', () => {
    expect(
      messages(
        'date,inflow,backlog\n2024-01-01,-3,1440\n2024-01-08,2.5,1440\n2024-01-15,25,"1,440"\n2024-01-22,x,1\n2024-01-29,1,000,2\n',
      ),
    ).toEqual([
      'actuals.csv:2:12: inflow: must not be negative, got -3 (a whole number >= 0, digits only (1440, not 1,440), or blank where unknown)',
      'actuals.csv:3:12: inflow: must be a whole number, got 2.5 (a whole number >= 0, digits only (1440, not 1,440), or blank where unknown)',
      'actuals.csv:4:15: backlog: must be written without thousands separators, got "1,440" (a whole number >= 0, digits only (1440, not 1,440), or blank where unknown)',
      'actuals.csv:5:12: inflow: must be a whole number, got "x" (a whole number >= 0, digits only (1440, not 1,440), or blank where unknown)',
      'actuals.csv:6:18: has 4 values but the header 3 columns: is a comma in a number? (one value per column, digits only: 1440, not 1,440)',
    ]);
  });

  it('dates outside the scenario: before its start, after its horizon (with the horizon that would hold them)', () => {
    expect(messages('date,inflow\n2023-12-25,3\n2024-01-01,4\n')).toEqual([
      'actuals.csv:2:1: date: 2023-12-25 starts before the scenario does: the scenario runs from 2024-01-01 to 2024-12-29 (52 weeks) (a week from 2024-01-01 on)',
    ]);
    expect(messages('date,backlog\n2024-11,1150\n2024-12,1140\n')).toEqual([
      "actuals.csv:3:1: date: 2024-12 ends on 2024-12-31, after the scenario's horizon: the scenario runs from 2024-01-01 to 2024-12-29 (52 weeks) (a month that ends by 2024-12-29, or a horizon of at least 53 weeks (horizonWeeks))",
    ]);
    const longer = parseActualsCsv(
      'date,backlog\n2024-11,1150\n2024-12,1140\n',
      FILE,
      benchReference({ horizonWeeks: 53 }),
    );
    expect(longer.ok).toBe(true);
  });

  it('periods not aligned: a date that starts no week of the scenario, a monthly date not on the first', () => {
    expect(messages('date,inflow\n2024-01-03,3\n2024-01-10,4\n')).toEqual([
      "actuals.csv:2:1: date: 2024-01-03 is not the first day of a week of the scenario (its weeks start on Mondays: 2024-01-01 + 7k days) (a week's first day, e.g. 2024-01-01 or 2024-01-08)",
      "actuals.csv:3:1: date: 2024-01-10 is not the first day of a week of the scenario (its weeks start on Mondays: 2024-01-01 + 7k days) (a week's first day, e.g. 2024-01-08 or 2024-01-15)",
    ]);
    expect(messages('date,inflow\n2024-01-03,3\n', { period: 'month' })).toEqual([
      'actuals.csv:2:1: date: 2024-01-03 is not the first day of a month, and the file is read by month (the month, 2024-01, or its first day, 2024-01-01)',
    ]);
    expect(messages('date,inflow\n2024-01,3\n2024-01-08,4\n')).toEqual([
      'actuals.csv:2:1: date: 2024-01 is a month, but line 3 has 2024-01-08, a day that starts no month: the rows of a file are all weeks or all months (weeks by their first day (2024-01-08), or months (2024-03))',
    ]);
    expect(messages('date,inflow\n2024-02-30,3\n')).toEqual([
      'actuals.csv:2:1: date: must be a date, got "2024-02-30" (a week\'s first day (2024-01-08) or a month (2024-03))',
    ]);
  });

  it('a scenario whose weeks start on a Wednesday: its weeks, not the calendar’s', () => {
    const wednesday = benchReference({ start: '2024-01-03' });
    const result = parseActualsCsv('date,inflow\n2024-01-03,3\n2024-01-10,4\n', FILE, wednesday);
    expect(result.ok && result.value.periods.map((p) => [p.from, p.to])).toEqual([
      ['2024-01-03', '2024-01-09'],
      ['2024-01-10', '2024-01-16'],
    ]);
    const monday = parseActualsCsv('date,inflow\n2024-01-08,3\n', FILE, wednesday);
    expect(!monday.ok && formatIssue(monday.issues[0]!)).toBe(
      "actuals.csv:2:1: date: 2024-01-08 is not the first day of a week of the scenario (its weeks start on Wednesdays: 2024-01-03 + 7k days) (a week's first day, e.g. 2024-01-03 or 2024-01-10)",
    );
  });

  it('gaps and periods twice', () => {
    expect(messages('date,inflow\n2024-01-01,3\n2024-01-15,4\n2024-01-15,5\n')).toEqual([
      'actuals.csv:3:1: date: gap before 2024-01-15: no row for the week from 2024-01-08 (the row before is 2024-01-01, line 2) (a row for every week from the first to the last; leave the figures blank where they are unknown)',
      'actuals.csv:4:1: date: 2024-01-15 appears twice (also on line 3) (one row per week)',
    ]);
    expect(messages('date,inflow\n2024-01,3\n2024-03,4\n')).toEqual([
      'actuals.csv:3:1: date: gap before 2024-03: no row for the month from 2024-02-01 (the row before is 2024-01, line 2) (a row for every month from the first to the last; leave the figures blank where they are unknown)',
    ]);
  });

  it('any well-formed weekly file of the scenario reads back what it says (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 51 }),
        fc.array(fc.tuple(fc.option(fc.nat(500)), fc.option(fc.nat(5000))), { minLength: 1, maxLength: 52 }),
        (first, values) => {
          const rows = values.slice(0, 52 - first);
          const filled = rows.map(([inflow, backlog]) => [inflow ?? '', backlog ?? '']);
          const lastFilled = filled.reduce((last, [a, b], i) => (a !== '' || b !== '' ? i : last), -1);
          const text = `date,inflow,backlog\n${filled
            .map(([a, b], i) => `${addWeeks(first + i)},${a},${b}`)
            .join('\n')}\n`;
          const result = read(text, { period: 'week' });
          if (lastFilled < 0) return !result.ok;
          if (!result.ok) return false;
          return (
            result.value.periods.every(
              (p, i) =>
                p.from === addWeeks(first + i) &&
                (p.inflow?.total ?? '') === filled[i]![0] &&
                (p.backlog?.total ?? '') === filled[i]![1],
            ) && result.value.periods.length === lastFilled + 1
          );
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('reads the shipped example: 17 weeks of illustrative figures, labelled as invented', () => {
    const result = read(readFileSync('scenarios/data/actuals-2024-example.csv', 'utf8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.source).toBe('invented for the example, not IND figures');
    expect(result.value.periods).toHaveLength(17);
    expect(result.value.periods.at(-1)!.to).toBe('2024-04-28');
  });
});

function addWeeks(weeks: number): string {
  return new Date(Date.UTC(2024, 0, 1 + 7 * weeks)).toISOString().slice(0, 10);
}
