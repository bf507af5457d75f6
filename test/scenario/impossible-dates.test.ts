import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, loadMessages, messages, VALID } from './helpers.js';

/** VALID with a staff pool whose three numbers are written on lines 8, 9 and 10. */
const STAFF = edit(
  'capacity:\n  perYear: 1600',
  'capacity:\n  staff:\n    fte: 5\n    hoursPerFteWeek: 36\n    productiveShare: 0.6',
  edit(
    '    grantRate: 0.4',
    '    grantRate: 0.4\n    hoursPerDecision: 8',
    edit('    grantRate: 0\n', '    grantRate: 0\n    hoursPerDecision: 2\n'),
  ),
);

describe('every date in a scenario is a real calendar date, refused where it is written', () => {
  const refused = (field: string, date: string, line: number, column: number) =>
    `x.yaml:${line}:${column}: ${field}.${date}: "${date}" is not a date in the calendar (a date YYYY-MM-DD)`;

  it.each([
    ['2024-13-01', 'perWeek: { 2024-01-01: 30, 2024-13-01: 50 }', 7, 30, 'capacity.perWeek'],
    ['2024-02-30', 'perWeek: { 2024-01-01: 30, 2024-02-30: 50 }', 7, 30, 'capacity.perWeek'],
    ['2023-02-29', 'perYear:\n    2024-01-01: 1600\n    2023-02-29: 1700', 9, 5, 'capacity.perYear'],
    ['2024-00-10', 'perYear:\n    2023-12-25: 1600\n    2024-00-10: 1700', 9, 5, 'capacity.perYear'],
  ])('a capacity schedule keyed by %s', (date, schedule, line, column, field) => {
    expect(messages(edit('perYear: 1600', schedule))).toEqual([refused(field, date, line, column)]);
  });

  it.each([
    ['fte', 'fte: 5', 'fte: { 2024-01-01: 5, 2024-04-31: 7 }', '2024-04-31', 8, 27],
    [
      'hoursPerFteWeek',
      'hoursPerFteWeek: 36',
      'hoursPerFteWeek: { 2024-01-01: 36, 2024-06-31: 32 }',
      '2024-06-31',
      9,
      40,
    ],
    [
      'productiveShare',
      'productiveShare: 0.6',
      'productiveShare: { 2024-01-01: 0.6, 2024-09-31: 0.7 }',
      '2024-09-31',
      10,
      41,
    ],
  ])('capacity.staff.%s: a schedule keyed by an impossible date', (field, from, to, date, line, column) => {
    expect(messages(edit(from, to, STAFF))).toEqual([refused(`capacity.staff.${field}`, date, line, column)]);
  });

  it("a lane's dedicated capacity schedule, and the schedule's other problems still reported", () => {
    const text = edit(
      '    grantRate: 0',
      '    grantRate: 0\n    capacity: { perWeek: { 2024-01-01: 3, 2024-11-31: -1 } }',
    );
    expect(messages(text)).toEqual([
      'x.yaml:12:43: lanes.incomplete.capacity.perWeek.2024-11-31: "2024-11-31" is not a date in the calendar (a date YYYY-MM-DD)',
      'x.yaml:12:55: lanes.incomplete.capacity.perWeek.2024-11-31: must not be negative, got -1 (a number in [0, 1000000000])',
    ]);
  });

  it('an impossible first date is refused as itself, not as "no value at the start"', () => {
    expect(messages(edit('perYear: 1600', 'perYear: { 2023-13-01: 1600 }'))).toEqual([
      'x.yaml:7:14: capacity.perYear.2023-13-01: "2023-13-01" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
  });

  it('the start, the target date and calendar periods', () => {
    expect(messages(edit('start: 2024-01-01', 'start: 2024-02-30'))).toEqual([
      'x.yaml:2:8: start: "2024-02-30" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(messages(`${VALID}target: { backlog: 1100, date: 2024-12-32 }\n`)).toEqual([
      'x.yaml:18:32: target.date: "2024-12-32" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(messages(`${VALID}calendar:\n  - { from: 2024-04-31, to: 2025-02-29, scale: 0 }\n`)).toEqual([
      'x.yaml:19:13: calendar[0].from: "2024-04-31" is not a date in the calendar (a date YYYY-MM-DD)',
      'x.yaml:19:29: calendar[0].to: "2025-02-29" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
  });

  it('in a calendar file, a base scenario, an observed inflow file and an initial backlog file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-dates-'));
    await writeFile(join(dir, 'cal.yaml'), 'calendar:\n  - { from: 2024-02-30, to: 2024-03-01, scale: 0 }\n');
    await writeFile(join(dir, 'base.yaml'), edit('perYear: 1600', 'perYear: { 2024-01-01: 1600, 2024-13-01: 1 }'));
    await writeFile(join(dir, 'cal-user.yaml'), `${VALID}calendars: [cal.yaml]\n`);
    await writeFile(join(dir, 'child.yaml'), 'extends: base.yaml\nname: Child\n');
    await writeFile(join(dir, 'in.csv'), 'date,count\n2024-01-01,20\n2024-02-30,30\n');
    await writeFile(
      join(dir, 'observed.yaml'),
      edit('  meanPerWeek: 25', '  observed:\n    file: in.csv\n    period: week\n    futureMeanPerWeek: 25'),
    );
    await writeFile(join(dir, 'b.csv'), 'date,count\n2023-11-31,4\n');
    await writeFile(join(dir, 'backlog.yaml'), edit('    regular: 100', '    regular: { file: b.csv, period: week }'));
    expect(await loadMessages(join(dir, 'cal-user.yaml'))).toEqual([
      `${join(dir, 'cal.yaml')}:2:13: calendar[0].from: "2024-02-30" is not a date in the calendar (a date YYYY-MM-DD)`,
    ]);
    expect(await loadMessages(join(dir, 'child.yaml'))).toEqual([
      `${join(dir, 'base.yaml')}:7:32: capacity.perYear.2024-13-01: "2024-13-01" is not a date in the calendar (a date YYYY-MM-DD)`,
    ]);
    expect((await loadMessages(join(dir, 'observed.yaml'))).join('\n')).toContain(
      `${join(dir, 'in.csv')}:3:1: date: must be a date YYYY-MM-DD, got "2024-02-30"`,
    );
    expect((await loadMessages(join(dir, 'backlog.yaml'))).join('\n')).toContain(`${join(dir, 'b.csv')}:2:`);
    expect((await loadMessages(join(dir, 'backlog.yaml'))).join('\n')).toContain('"2023-11-31"');
  });

  it('a date set from outside the file names the setting', () => {
    expect(messages(VALID, 'x.yaml', { set: [{ path: 'capacity.perYear.2024-02-31', value: 1 }] })).toEqual([
      'x.yaml: set capacity.perYear.2024-02-31: "2024-02-31" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
  });
});
