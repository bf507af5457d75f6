import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { parseBacklogCsv } from '../../src/scenario/read/backlog-csv.js';
import { parseObservedInflow } from '../../src/scenario/read/observed-inflow.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { compile } from '../../src/scenario/index.js';
import { edit, messages, scenarioOf, VALID } from './helpers.js';

async function scratch(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-hostile-example-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('the typos a planner makes most, with their exact messages', () => {
  it('a decimal comma, a month 13, a word for a number, a misspelled lane key, shares summing to 1.01', () => {
    expect(messages(edit('    share: 0.2', '    share: 0,14'))).toEqual([
      'x.yaml:10:12: lanes.incomplete.share: must be a number, got "0,14" (a number in [0, 1])',
    ]);
    expect(messages(edit('2024-01-01', '2024-13-01'))).toEqual([
      'x.yaml:2:8: start: "2024-13-01" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: ten'))).toEqual([
      'x.yaml:3:15: horizonWeeks: must be a whole number, got "ten" (an integer in [1, 5200])',
    ]);
    expect(messages(edit('    grantRate: 0.4', '    grantrate: 0.4'))).toEqual([
      'x.yaml:13:5: lanes.regular.grantRate: is missing (a number in [0, 1])',
      'x.yaml:14:5: lanes.regular: unknown key "grantrate" (did you mean "grantRate"?)',
    ]);
    expect(messages(edit('    share: 0.8', '    share: 0.81'))).toEqual([
      'x.yaml:9:3: lanes: shares of the lanes sum to 1.01 (they must sum to 1)',
    ]);
  });

  it('units or a percent sign after a number, a thousands separator, a date without leading zeros', () => {
    expect(messages(edit('  meanPerWeek: 25', '  meanPerWeek: 25 cases'))).toEqual([
      'x.yaml:5:16: inflow.meanPerWeek: must be a number or a mapping, got "25 cases" (a number in [0, 100000], or a mapping of dated values, at least 1)',
    ]);
    expect(messages(edit('    share: 0.8', '    share: 80%'))).toEqual([
      'x.yaml:13:12: lanes.regular.share: must be a number, got "80%" (a number in [0, 1])',
    ]);
    expect(messages(edit('  perYear: 1600', '  perYear: 1,600'))).toEqual([
      'x.yaml:7:12: capacity.perYear: must be a number or a mapping, got "1,600" (a number in [0, 52000000000], or a mapping of dated values, at least 1)',
    ]);
    expect(messages(edit('2024-01-01', '2024-1-1'))).toEqual([
      'x.yaml:2:8: start: must be a date, got "2024-1-1" (a date YYYY-MM-DD)',
    ]);
  });
});

describe('hostile input that used to crash, hang or lose its location', () => {
  it('a count beyond 2^53 is an input error at its line (was: valid, then an internal error in run)', async () => {
    expect(messages(edit('    regular: 100', '    regular: 1e21'))).toEqual([
      'x.yaml:17:14: initialBacklog.lanes.regular: must be at most 1000000000, got 1e21 (an integer in [0, 1000000000])',
    ]);
    expect(messages(edit('    regular: 100', '    regular: { byWeeksAgo: { 1: 1e16 } }'))).toEqual([
      'x.yaml:17:33: initialBacklog.lanes.regular.byWeeksAgo.1: must be at most 1000000000, got 1e16 (an integer in [0, 1000000000])',
    ]);
    const dir = await scratch({ 'x.yaml': edit('    regular: 100', '    regular: 1e21') });
    const result = await cli('run', join(dir, 'x.yaml'), '--reps', '2', '--workers', '1', '--quiet');
    expect(result.code).toBe(2);
  });

  it('a large spread backlog is spread in closed form, as the loop did case by case (was: a loop over every case)', async () => {
    for (const [count, spreadWeeks] of [
      [0, 3],
      [1, 3],
      [7, 3],
      [100, 52],
      [3, 52],
      [1301, 50],
    ] as const) {
      const scenario = scenarioOf(
        edit('    regular: 100', `    regular: { count: ${count}, spreadWeeks: ${spreadWeeks} }`),
      );
      const loop = new Array<number>(spreadWeeks).fill(0);
      for (let i = 0; i < count; i++) loop[spreadWeeks - 1 - Math.floor((i * spreadWeeks) / count)]! += 1;
      const plan = compile(scenario);
      const lane = plan.laneNames.indexOf('regular');
      const ages = Array.from(
        { length: plan.maxAgeWeeks },
        (_, k) => plan.initialCohorts[lane * plan.cohortSlots + plan.maxAgeWeeks - (k + 1)],
      );
      expect(ages).toEqual(count === 0 ? [] : loop);
    }
    // The largest count the schema allows runs (the test's timeout catches a loop per case).
    const dir = await scratch({ 'x.yaml': edit('    regular: 100', '    regular: 1000000000') });
    const result = await cli('run', join(dir, 'x.yaml'), '--deterministic', '--workers', '1', '--quiet', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).startBacklog.byLane.regular).toBe(1_000_000_000);
  });

  it('a CSV count beyond 2^53 is an error at its line (was: valid, then "Poisson mean must be finite" in run)', () => {
    const options = { dateColumn: 'date', countColumn: 'count', period: 'week' as const };
    const result = parseObservedInflow(
      'date,count\n2024-01-01,1e308\n2024-01-08,5\n',
      'in.csv',
      { ...options, futureMeanPerWeek: 'trend' },
      '2024-01-01',
    );
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'in.csv:2:12: count: is too large: must be at most 1,000,000,000, got 1e308 (a whole number >= 0)',
    ]);
    const backlog = parseBacklogCsv(
      'date,count\n2023-12-25,1e21\n',
      'b.csv',
      options,
      '2024-01-01',
      'initialBacklog.lanes.regular',
    );
    expect(backlog.ok ? [] : backlog.issues.map(formatIssue)).toEqual([
      'b.csv:2:12: count: is too large: must be at most 1,000,000,000, got 1e21 (a whole number >= 0)',
    ]);
  });

  it('a JSON error that V8 reports without a position gets one, on one line (was: no location, the text quoted across lines)', () => {
    expect(messages('%YAML 1.1\n{\n  "a": 1\n}', 'x.json')).toEqual([
      "x.json:1:1: not valid JSON: unexpected token '%'",
    ]);
    expect(messages('# a comment\n{}', 'x.json')).toEqual(["x.json:1:1: not valid JSON: unexpected token '#'"]);
    expect(messages('{\n  "name": "x",\n  "horizonWeeks": NaN\n}', 'x.json')).toEqual([
      "x.json:3:19: not valid JSON: unexpected token 'N'",
    ]);
    expect(messages('[1,]', 'x.json')).toEqual(["x.json:1:4: not valid JSON: unexpected token ']'"]);
  });

  it('a "billion laughs" gives one message, not one per alias', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${new Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`,
      );
    const found = messages(levels.join('\n'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^x\.yaml:\d+:\d+: alias \*[a-i] expands to too many values \(more than 100000 in all\)/);
  });

  it("a line break inside a quoted CSV field or a quoted key stays on the issue's line, as \\n (was: the message went on over two lines)", () => {
    const options = { dateColumn: 'date', countColumn: 'count', period: 'week' as const, futureMeanPerWeek: 25 };
    const result = parseObservedInflow('date,count\n2024-01-01,"-1\n"\n', 'in.csv', options, '2024-01-01');
    // A field over two lines is reported where it starts.
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'in.csv:2:12: count: must not be negative, got -1\\n (a whole number >= 0)',
    ]);
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: 52\n"horizon\\nWeeks": 1'))).toEqual([
      'x.yaml:4:1: unknown key "horizon\\nWeeks" (did you mean "horizonWeeks"?)',
    ]);
  });

  it('VALID is untouched by these cases', () => {
    expect(messages(VALID)).toEqual([]);
  });
});
