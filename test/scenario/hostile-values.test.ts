import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { resolveScenario } from '../../src/scenario/index.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { readHistoryCsv } from '../../src/io/read-history-csv.js';
import { parseBacklogCsv } from '../../src/scenario/read/backlog-csv.js';
import { parseObservedInflow } from '../../src/scenario/read/observed-inflow.js';
import { edit, messages, VALID } from './helpers.js';

async function scratch(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-hostile-values-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('YAML tags outside the core schema', () => {
  it('!!omap and !!pairs are located input errors (was: "internal error: unexpected YAML node", exit 1)', async () => {
    expect(messages(edit('name: Test', 'name: !!omap [a: 1, b: 2]'))).toEqual([
      'x.yaml:1:7: name: YAML tag !!omap is not supported: write a plain mapping',
    ]);
    expect(messages(edit('    share: 0.8', '    share: !!pairs\n      - a: 1\n      - a: 2'))).toEqual([
      'x.yaml:13:12: lanes.regular.share: YAML tag !!pairs is not supported: write a plain mapping',
    ]);
    const dir = await scratch({ 'x.yaml': edit('name: Test', 'name: !!omap [a: 1]') });
    const result = await cli('validate', join(dir, 'x.yaml'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${join(dir, 'x.yaml')}:1:7: name: YAML tag !!omap is not supported: write a plain mapping\n`,
    );
  });

  it('!!set, !!binary, !!timestamp and a tag of our own are refused, each at its tag (was: read as a mapping, bytes, a date or text)', () => {
    expect(messages(edit('name: Test', 'name: !!set {a, b}'))).toEqual([
      'x.yaml:1:7: name: YAML tag !!set is not supported: write a list',
    ]);
    expect(messages(edit('name: Test', 'name: !!binary VGVzdA=='))).toEqual([
      'x.yaml:1:7: name: YAML tag !!binary is not supported: write plain text',
    ]);
    expect(messages(edit('start: 2024-01-01', 'start: !!timestamp 2024-01-01'))).toEqual([
      'x.yaml:2:8: start: YAML tag !!timestamp is not supported: write the date as YYYY-MM-DD, without the tag',
    ]);
    expect(messages(edit('name: Test', 'name: &n !include other.yaml'))).toEqual([
      'x.yaml:1:10: name: YAML tag !include is not supported: leave the tag out',
    ]);
    expect(messages(edit('name: Test', 'name: !<tag:example.com,2024:x> Test'))).toEqual([
      'x.yaml:1:7: name: YAML tag !<tag:example.com,2024:x> is not supported: leave the tag out',
    ]);
    expect(messages(edit('name: Test', '!secret name: Test'))).toEqual([
      'x.yaml:1:1: name: YAML tag !secret is not supported: leave the tag out',
    ]);
    expect(messages(`--- !scenario\n${VALID}`)).toEqual([
      'x.yaml:1:5: YAML tag !scenario is not supported: leave the tag out',
    ]);
  });

  it('a value under an alias with a tag is reported once', () => {
    expect(messages(edit('name: Test', 'name: Test\ndescription: &d !x text\nx: [*d, *d, *d]'))).toEqual([
      'x.yaml:2:17: description: YAML tag !x is not supported: leave the tag out',
    ]);
  });

  it('a core tag the value does not fit is refused (was: "must be a whole number, got "12"" for !!float 12)', () => {
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: !!int many'))).toEqual([
      'x.yaml:3:15: horizonWeeks: YAML tag !!int does not fit the value "many": leave the tag out',
    ]);
  });

  it('the core tags are read as without them', () => {
    expect(messages(edit('name: Test', 'name: !!str 12'))).toEqual([]);
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: !!int 52'))).toEqual([]);
    expect(messages(edit('name: Test', 'name: ! Test'))).toEqual([]);
    expect(messages(edit('inflow:', 'inflow: !!map'))).toEqual([]);
  });
});

/** `extra:` (an unknown key) with `levels` lists or mappings nested in each other, in the style given. */
function nested(levels: number, style: 'flow' | 'flow-map' | 'block-seq' | 'block-map'): string {
  switch (style) {
    case 'flow':
      return `extra: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
    case 'flow-map':
      return `extra: ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}\n`;
    case 'block-seq':
      // `- - - 1`: every dash opens a list inside the last; then a key at the left margin closes them all.
      return `extra:\n  ${'- '.repeat(levels)}1\nseed: 1\n`;
    case 'block-map':
      return `extra:\n${Array.from({ length: levels }, (_, i) => `${' '.repeat(i + 1)}a:\n`).join('')}${' '.repeat(levels + 1)}1\nseed: 1\n`;
  }
}

describe('documents nested too deep', () => {
  const TOO_DEEP =
    'lists and mappings are nested more than 64 levels deep here (a scenario nests at most a few levels: fields, lanes, dated values)';

  it('900 and 10,000 levels, flow and block style, YAML and JSON: one located error (was: "maximum call stack size exceeded")', () => {
    const base = VALID;
    const line = base.split('\n').length; // the line `extra:` is on
    expect(messages(base + nested(900, 'flow'))).toEqual([`x.yaml:${line}:71: ${TOO_DEEP}`]);
    expect(messages(base + nested(10_000, 'flow'))).toEqual([`x.yaml:${line}:71: ${TOO_DEEP}`]);
    expect(messages(base + nested(900, 'flow-map'))).toEqual([`x.yaml:${line}:260: ${TOO_DEEP}`]);
    expect(messages(base + nested(10_000, 'flow-map'))).toEqual([`x.yaml:${line}:260: ${TOO_DEEP}`]);
    expect(messages(base + nested(900, 'block-seq'))).toEqual([`x.yaml:${line + 1}:129: ${TOO_DEEP}`]);
    expect(messages(base + nested(10_000, 'block-seq'))).toEqual([`x.yaml:${line + 1}:129: ${TOO_DEEP}`]);
    expect(messages(base + nested(900, 'block-map'))).toEqual([`x.yaml:${line + 64}:65: ${TOO_DEEP}`]);
    expect(messages(base + nested(3_000, 'block-map'))).toEqual([`x.yaml:${line + 64}:65: ${TOO_DEEP}`]);
    for (const levels of [900, 10_000])
      expect(messages(`{"extra": ${'['.repeat(levels)}${']'.repeat(levels)}}`, 'x.json')).toEqual([
        `x.json:1:74: ${TOO_DEEP}`,
      ]);
  });

  it('64 levels are read; 65 are not', () => {
    // The document is the first level, `extra:` holds the other 63 or 64.
    expect(messages(VALID + nested(63, 'flow'))).toEqual([
      'x.yaml:18:1: unknown key "extra" (known keys: name, description, extends, start, horizonWeeks, seed, replications, inflow, capacity, calendar, calendars, workWeek, lanes, initialBacklog, target, observed, uncertainty, variants)',
    ]);
    expect(messages(VALID + nested(64, 'flow'))).toEqual([`x.yaml:18:71: ${TOO_DEEP}`]);
    expect(messages(VALID + nested(63, 'block-map'))[0]).toMatch(/unknown key "extra"/);
    expect(messages(VALID + nested(64, 'block-map'))).toEqual([`x.yaml:82:65: ${TOO_DEEP}`]);
  });

  it('aliases that nest a value inside itself over and over are stopped at the limit', () => {
    const lines = ['a0: &a0 [[[[[[[[[[1]]]]]]]]]]'];
    for (let i = 1; i <= 10; i++) lines.push(`a${i}: &a${i} [[[[[[[[[[*a${i - 1}]]]]]]]]]]`);
    expect(messages(`${VALID}${lines.join('\n')}\n`)).toEqual([`x.yaml:18:12: a6${'[0]'.repeat(63)}: ${TOO_DEEP}`]);
  });

  it('a document built in code nested 10,000 levels deep is an issue (was: RangeError from resolveScenario)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const checked = resolveScenario({ name: 'x', extra: deep }, 'inline');
    expect(checked.ok ? [] : checked.issues.map(formatIssue)).toEqual([`inline: ${TOO_DEEP}`]);
    const shallow = resolveScenario({ name: 'x', extra: [[[1]]] }, 'inline');
    expect(shallow.ok ? [] : shallow.issues.map(formatIssue)).not.toContain(`inline: ${TOO_DEEP}`);
  });

  it('a value that the whole CLI refuses with exit 2', async () => {
    const dir = await scratch({ 'deep.yaml': VALID + nested(10_000, 'flow') });
    const result = await cli('run', join(dir, 'deep.yaml'), '--reps', '2', '--quiet');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${join(dir, 'deep.yaml')}:18:71: ${TOO_DEEP}\n`);
  });
});

describe('a setting of a path nested too deep', () => {
  it('is refused, naming the setting, before the checks walk the document', () => {
    const path = `${'a.'.repeat(70)}b`;
    expect(messages(VALID, 'x.yaml', { set: [{ path, value: 1 }] })).toEqual([
      `x.yaml: set ${path}: lists and mappings are nested more than 64 levels deep here (a scenario nests at most a few levels: fields, lanes, dated values)`,
    ]);
  });
});

describe('a rule between fields broken by a setting names the setting', () => {
  const set = (path: string, value: unknown) => ({ set: [{ path, value }] });

  it('shares that no longer sum to 1 (was: the lanes: line of the file)', async () => {
    expect(messages(VALID, 'x.yaml', set('lanes.regular.share', 0.9))).toEqual([
      'x.yaml: set lanes.regular.share: makes the shares of the lanes sum to 1.1 (they must sum to 1)',
    ]);
    const dir = await scratch({ 'x.yaml': VALID });
    const result = await cli('sweep', join(dir, 'x.yaml'), '--set', 'lanes.regular.share=0.9', '--reps', '2');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${join(dir, 'x.yaml')}: --set lanes.regular.share=0.9: makes the shares of the lanes sum to 1.1 (they must sum to 1)\n`,
    );
    // The file's own mistake stays at its line.
    expect(messages(edit('    share: 0.8', '    share: 0.9'))).toEqual([
      'x.yaml:9:3: lanes: shares of the lanes sum to 1.1 (they must sum to 1)',
    ]);
  });

  it("a refiling delay table's probabilities and a refiling's lane shares", () => {
    const refiling = edit(
      '    grantRate: 0.4',
      '    grantRate: 0.4\n    refiling: { probability: 0.5, delayTable: { 13: 0.5, 26: 0.5 }, lanes: { regular: 1 } }',
    );
    expect(messages(refiling)).toEqual([]);
    expect(messages(refiling, 'x.yaml', set('lanes.regular.refiling.delayTable.26', 0.6))).toEqual([
      'x.yaml: set lanes.regular.refiling.delayTable.26: makes the probabilities of lanes.regular.refiling.delayTable sum to 1.1 (they must sum to 1)',
    ]);
    expect(messages(refiling, 'x.yaml', set('lanes.regular.refiling.lanes.incomplete', 0.5))).toEqual([
      'x.yaml: set lanes.regular.refiling.lanes.incomplete: makes the shares of lanes.regular.refiling.lanes sum to 1.5 (they must sum to 1)',
    ]);
  });

  it('a start that moves target.date out of the horizon, or before the first date of a schedule', () => {
    const targeted = `${VALID}target: { backlog: 100, date: 2024-12-31 }\n`;
    expect(messages(targeted, 'x.yaml', set('start', '2023-06-01'))).toEqual([
      'x.yaml: set start: makes target.date 2024-12-31 fall after the horizon, whose last week ends on 2024-05-29 (a start from 2023-12-28 to 2024-12-25)',
    ]);
    expect(messages(targeted, 'x.yaml', set('start', '2023-12-28'))).toEqual([]);
    expect(messages(targeted, 'x.yaml', set('start', '2024-12-25'))).toEqual([]);
    expect(messages(targeted, 'x.yaml', set('start', '2024-12-26'))).toEqual([
      'x.yaml: set start: makes target.date 2024-12-31 fall before the end of the first week, 2025-01-01 (a start from 2023-12-28 to 2024-12-25)',
    ]);
    const scheduled = edit('  meanPerWeek: 25', '  meanPerWeek: { 2024-01-01: 25, 2024-06-03: 30 }');
    expect(messages(scheduled, 'x.yaml', set('start', '2023-12-04'))).toEqual([
      'x.yaml: set start: makes the start 2023-12-04 come before the first date 2024-01-01 of inflow.meanPerWeek (a start on or after 2024-01-01)',
    ]);
  });

  it("inflowPlusMargin's min above the file's max", () => {
    const margin = edit('  perYear: 1600', '  inflowPlusMargin: { margin: 0.1, min: 10, max: 40 }');
    expect(messages(margin)).toEqual([]);
    expect(messages(margin, 'x.yaml', set('capacity.inflowPlusMargin.min', 50))).toEqual([
      'x.yaml: set capacity.inflowPlusMargin.min: must be at most max = 40, got 50 (a number <= max)',
    ]);
  });
});

describe('dates from 1900 to 9999', () => {
  it('a horizon that runs past 9999-12-31 is refused at horizonWeeks, or at the override (was: dates printed +010000-05)', () => {
    expect(messages(edit('start: 2024-01-01', 'start: 9999-06-01'))).toEqual([
      'x.yaml:3:15: horizonWeeks: 52 weeks from the start 9999-06-01 run past 9999-12-31, the last date caseload reads (at most 30 weeks from this start)',
    ]);
    expect(messages(edit('start: 2024-01-01', 'start: 9999-06-01'), 'x.yaml', { horizonWeeks: 31 })).toEqual([
      'x.yaml: horizonWeeks: 31 weeks from the start 9999-06-01 run past 9999-12-31, the last date caseload reads (at most 30 weeks from this start)',
    ]);
    expect(messages(edit('start: 2024-01-01', 'start: 9999-06-01'), 'x.yaml', { horizonWeeks: 30 })).toEqual([]);
    expect(messages(edit('start: 2024-01-01', 'start: 9999-12-30'))).toEqual([
      'x.yaml:2:8: start: 9999-12-30 leaves no whole week before 9999-12-31, the last date caseload reads (a start on or before 9999-12-25)',
    ]);
    expect(messages(VALID, 'x.yaml', { set: [{ path: 'start', value: '9999-06-01' }] })).toEqual([
      'x.yaml: set start: makes the horizon of 52 weeks run past 9999-12-31, the last date caseload reads (a start on or before 9999-01-02)',
    ]);
  });

  it('a date before 1900 in a scenario is refused where it is written (was: read, week -6000)', () => {
    expect(messages(edit('start: 2024-01-01', 'start: 1899-12-31'))).toEqual([
      'x.yaml:2:8: start: "1899-12-31" is before 1900-01-01 (a date from 1900-01-01 to 9999-12-31)',
    ]);
    expect(messages(edit('  perYear: 1600', '  perYear: { 2024-01-01: 1600, 0024-06-01: 1700 }'))).toEqual([
      'x.yaml:7:32: capacity.perYear.0024-06-01: "0024-06-01" is before 1900-01-01 (a date from 1900-01-01 to 9999-12-31)',
    ]);
    expect(messages(`${VALID}calendar: [{ from: 1024-07-01, to: 2024-07-07, scale: 0 }]\n`)).toEqual([
      'x.yaml:18:20: calendar[0].from: "1024-07-01" is before 1900-01-01 (a date from 1900-01-01 to 9999-12-31)',
    ]);
    expect(messages(edit('start: 2024-01-01', 'start: 1900-01-01'))).toEqual([]);
  });

  it('a scenario that ends late in 9999 runs, and prints no date past it (was: a loop over years that did not end)', async () => {
    const dir = await scratch({ 'late.yaml': edit('start: 2024-01-01', 'start: 9999-01-04') });
    const result = await cli('run', join(dir, 'late.yaml'), '--horizon', '51', '--reps', '2', '--quiet');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('51 weeks, 9999-01-04 to 9999-12-26');
    expect(result.stdout).not.toMatch(/[+-]0\d{5}|10000/);
  });

  it('date flags before 1900 are refused (was: --filed-from 1899-01-01 counted weeks -6523 on)', async () => {
    const scenario = 'scenarios/baseline-2024.yaml';
    const from = await cli('target', scenario, '--lead-time', '100', '--filed-from', '1899-01-01', '--reps', '10');
    expect(from.code).toBe(2);
    expect(from.stderr).toBe('--filed-from: 1899-01-01 is before 1900-01-01 (a date from 1900-01-01 to 9999-12-31)\n');
    const by = await cli('target', scenario, '--by', '1899-12-31', '--reps', '10');
    expect(by.stderr).toBe('--by: 1899-12-31 is before 1900-01-01 (a date from 1900-01-01 to 9999-12-31)\n');
    const filed = await cli('prognosis', scenario, '--filed', '1899-12-31', '--reps', '10');
    expect(filed.stderr).toMatch(/^--filed: 1899-12-31 is before 1900-01-01 \(a date from 2023-01-02/);
  });

  it('CSV dates before 1900 are refused at their cell (was: read)', () => {
    const options = { dateColumn: 'date', countColumn: 'count', period: 'week' as const };
    const backlog = parseBacklogCsv(
      'date,count\n1899-12-25,5\n',
      'b.csv',
      options,
      '1900-01-01',
      'initialBacklog.lanes.x',
    );
    expect(backlog.ok ? [] : backlog.issues.map(formatIssue)).toEqual([
      'b.csv:2:1: date: 1899-12-25 is before 1900-01-01 (a date from 1900-01-01 to 9999-12-31)',
    ]);
    const history = readHistoryCsv('period,inflow\n1850,10\n1851,12\n', 'h.csv');
    expect(history.ok ? [] : history.issues.map(formatIssue)).toEqual([
      'h.csv:2:1: period: 1850 is before 1900-01-01 (periods from 1900 to 9999)',
      'h.csv:3:1: period: 1851 is before 1900-01-01 (periods from 1900 to 9999)',
    ]);
  });
});

describe('CSV counts are whole numbers written in digits', () => {
  const options = { dateColumn: 'date', countColumn: 'count', period: 'week' as const, futureMeanPerWeek: 25 };
  const rows = (counts: readonly string[]) =>
    `date,count\n${counts.map((count, i) => `2024-01-${String(1 + 7 * i).padStart(2, '0')},${count}`).join('\n')}\n`;

  it('0x1A, 1e3, +5, 0b11, 0o7, 12.0 and -0 are refused at their line and column (was: read as 26, 1000, 5, ...)', () => {
    const result = parseObservedInflow(rows(['0x1A', '1e3', '+5', '0b11', '0o7']), 'in.csv', options, '2024-01-01');
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'in.csv:2:12: count: must be written in digits only, got "0x1A" (a whole number >= 0 in digits, such as 26)',
      'in.csv:3:12: count: must be written in digits only, got "1e3" (a whole number >= 0 in digits, such as 1000)',
      'in.csv:4:12: count: must be written in digits only, got "+5" (a whole number >= 0 in digits, such as 5)',
      'in.csv:5:12: count: must be written in digits only, got "0b11" (a whole number >= 0 in digits, such as 3)',
      'in.csv:6:12: count: must be written in digits only, got "0o7" (a whole number >= 0 in digits, such as 7)',
    ]);
    const more = parseObservedInflow(rows(['12.0', '-0', '1_000', '1,000']), 'in.csv', options, '2024-01-01');
    expect(more.ok ? [] : more.issues.map(formatIssue)).toEqual([
      'in.csv:2:12: count: must be written in digits only, got "12.0" (a whole number >= 0 in digits, such as 12)',
      'in.csv:3:12: count: must be written in digits only, got "-0" (a whole number >= 0 in digits, such as 0)',
      'in.csv:4:12: count: must be a number, got "1_000" (a whole number >= 0)',
      'in.csv:5:14: has 3 values but the header 2 columns: is a comma in a number? (one value per column, digits only: 1000, not 1,000)',
    ]);
    const backlog = parseBacklogCsv(
      'date,count\n2023-12-25, 0x1A\n',
      'b.csv',
      options,
      '2024-01-01',
      'initialBacklog.lanes.x',
    );
    expect(backlog.ok ? [] : backlog.issues.map(formatIssue)).toEqual([
      'b.csv:2:13: count: must be written in digits only, got "0x1A" (a whole number >= 0 in digits, such as 26)',
    ]);
  });

  it('digits with spaces around them, and leading zeros, are counts', () => {
    const result = parseObservedInflow(rows([' 12 ', '007']), 'in.csv', options, '2024-01-01');
    expect(result.ok && result.value.observedPerWeek).toEqual([12, 7]);
  });

  it('a history CSV names the column of a count that is not digits', () => {
    const history = readHistoryCsv('period,inflow\n2021,0x1A\n2022,1e3\n2023,+5\n', 'h.csv');
    expect(history.ok ? [] : history.issues.map(formatIssue)).toEqual([
      'h.csv:2:6: inflow: must be a whole number, got "0x1A" (a whole number >= 0, digits only (1810, not 1,810))',
      'h.csv:3:6: inflow: must be a whole number, got "1e3" (a whole number >= 0, digits only (1810, not 1,810))',
      'h.csv:4:6: inflow: must be a whole number, got "+5" (a whole number >= 0, digits only (1810, not 1,810))',
    ]);
  });
});

describe('control characters in scenario text reach the terminal written out', () => {
  /** Any control character but a line break, or a mark that reorders text. */
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const EVIL = 'Evil \u001b[31mRED\u001b[0m \u0007 bell \r over \u202e';
  const SHOWN = 'Evil \\u001b[31mRED\\u001b[0m \\u0007 bell \\r over \\u202e';
  const evil = (name = EVIL) => edit('name: Test', `name: ${JSON.stringify(name)}\ndescription: "d \\e]0;title\\a"`);

  it('in the text of run, validate and the notes; JSON keeps the name as it is (was: raw escapes, a bell, a line written over)', async () => {
    const dir = await scratch({ 'evil.yaml': evil() });
    const file = join(dir, 'evil.yaml');
    const run = await cli('run', file, '--reps', '2');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`${SHOWN} (${file})`);
    expect(run.stdout).not.toMatch(RAW);
    expect(run.stderr).toContain(`caseload: ${SHOWN}: 2 replications`);
    expect(run.stderr).not.toMatch(RAW);
    const json = await cli('run', file, '--reps', '2', '--json');
    expect(JSON.parse(json.stdout).scenario).toBe(EVIL);
    const validate = await cli('validate', file);
    expect(validate.stdout).toContain(`valid: ${SHOWN},`);
    expect(validate.stdout).not.toMatch(RAW);
  });

  it('in compare, target, prognosis and sweep', async () => {
    const dir = await scratch({ 'evil.yaml': evil(), 'other.yaml': evil(`${EVIL} 2`) });
    const file = join(dir, 'evil.yaml');
    for (const args of [
      ['compare', file, join(dir, 'other.yaml'), '--reps', '2'],
      ['target', file, '--backlog', '100', '--by', '2024-12-29', '--reps', '20', '--max', '60'],
      ['prognosis', file, '--filed', '2024-03-01', '--reps', '5'],
      ['sweep', file, '--set', 'capacity.perYear=1600,1700', '--reps', '2'],
    ]) {
      const result = await cli(...args);
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(0);
      expect(result.stdout, args[0]).not.toMatch(RAW);
      expect(result.stderr, args[0]).not.toMatch(RAW);
    }
  });

  it('in the HTML report', async () => {
    const dir = await scratch({ 'evil.yaml': evil() });
    const out = join(dir, 'r.html');
    const result = await cli('report', join(dir, 'evil.yaml'), '--out', out, '--reps', '2', '--quiet');
    expect(result.code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).not.toMatch(RAW);
    expect(html).toContain(SHOWN);
    expect(html).toContain('d \\u001b]0;title\\u0007');
  });

  it('in an error quoting a key (was: the key raw)', () => {
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: 52\n"\\e[2J\\a": 1'))).toEqual([
      'x.yaml:4:1: unknown key "\\u001b[2J\\u0007" (known keys: name, description, extends, start, horizonWeeks, seed, replications, inflow, capacity, calendar, calendars, workWeek, lanes, initialBacklog, target, observed, uncertainty, variants)',
    ]);
  });
});
