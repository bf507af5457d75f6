import { describe, expect, it } from 'vitest';
import { parseBacklogAgesCsv } from '../../src/monitor/backlog-ages.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { benchReference } from '../engine/bench-reference.js';

// bench-reference's lanes: incomplete, hearing-free, safe-country, regular; a re-forecast from Wednesday 1 May 2024.
const BENCH = benchReference();
const START = '2024-05-01';
const read = (text: string) => parseBacklogAgesCsv(text, 'ages.csv', BENCH, START);
const messages = (text: string) => {
  const result = read(text);
  if (result.ok) throw new Error('expected problems');
  return result.issues.map(formatIssue);
};

describe('a backlog-by-age file for the re-forecast', () => {
  it('months: each spread over the weeks before the start by its days, the total kept per lane', () => {
    const result = read('date,regular,incomplete\n2024-03-01,31,0\n2024-04-01,30,7\n');
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const regular = result.value['regular']!;
    if (regular.kind !== 'byWeeksAgo') throw new Error('by weeks ago');
    // April: 30 days, the 30 days before 1 May: weeks 1 to 4 ago whole (28 days) and 2 days of week 5 ago.
    const byWeek = new Map(regular.counts.map(({ weeksAgo, count }) => [weeksAgo, count]));
    expect([1, 2, 3, 4].map((w) => byWeek.get(w))).toEqual([7, 7, 7, 7]);
    expect(regular.counts.reduce((sum, { count }) => sum + count, 0)).toBe(61);
    const incomplete = result.value['incomplete']!;
    expect(incomplete.kind === 'byWeeksAgo' && incomplete.counts.reduce((sum, { count }) => sum + count, 0)).toBe(7);
    expect(Object.keys(result.value)).toEqual(['regular', 'incomplete']);
  });

  it('weeks on the grid of the start (a Wednesday: Wednesdays), each its own week', () => {
    const result = read('date,safe-country\n2024-04-17,2\n2024-04-24,5\n');
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(result.value['safe-country']).toEqual({
      kind: 'byWeeksAgo',
      counts: [
        { weeksAgo: 2, count: 2 },
        { weeksAgo: 1, count: 5 },
      ].sort((a, b) => a.weeksAgo - b.weeksAgo),
    });
  });

  it('every problem at its line and column: a column that is no lane, a week off the grid, a period after the start', () => {
    expect(messages('date,reguler\n2024-04-01,3\n')).toEqual([
      'ages.csv:1:6: reguler: is not a lane of the scenario (its lanes: incomplete, hearing-free, safe-country, regular) (did you mean "regular"?)',
    ]);
    expect(messages('day,regular\n2024-04-01,3\n')).toEqual([
      'ages.csv:1: date: no column "date" in the header (columns found: day, regular) (date, then a column per lane of the scenario (incomplete, hearing-free, safe-country, regular))',
      'ages.csv:1:1: day: is not a lane of the scenario (its lanes: incomplete, hearing-free, safe-country, regular) (did you mean "date"?)',
    ]);
    expect(messages('date\n2024-04-01\n')).toEqual([
      'ages.csv:1: has no lane columns (date, then a column per lane of the scenario (incomplete, hearing-free, safe-country, regular))',
    ]);
    expect(messages('date,regular,regular\n2024-04-01,3,3\n')[0]).toBe(
      'ages.csv:1:14: regular: is a column twice (each lane once)',
    );
    const late = messages('date,regular,incomplete\n2024-04-24,3,1\n2024-05-01,4,1\n');
    // The date's problem once, not once per lane.
    expect(late).toEqual([
      'ages.csv:3:1: date: the week of 2024-05-01 does not end before the start 2024-05-01 (arrival weeks before the start: the backlog is what is open at the start)',
    ]);
    expect(messages('date,regular\n2024-04-20,3\n')[0]).toMatch(
      /^ages\.csv:2:1: date: 2024-04-20 is not the start of a week of the scenario \(weeks start on 2024-05-01 \+ 7k days\)/,
    );
    expect(messages('date,regular\n2024-03-01,-3\n')[0]).toMatch(
      /^ages\.csv:2:12: regular: must not be negative, got -3/,
    );
  });
});
