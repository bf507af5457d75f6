import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, validateScenario } from '../../src/scenario/index.js';
import { edit, FIXTURES, loadMessages, messages, VALID } from './helpers.js';

describe('loadScenario reports bad input as file:line:col: field: problem (allowed)', () => {
  it('accepts the valid text the other cases edit', () => {
    expect(messages(VALID)).toEqual([]);
  });

  it("a YAML syntax error, at the parser's position", async () => {
    expect(await loadMessages(`${FIXTURES}/bad/syntax.yaml`)).toEqual([
      `${FIXTURES}/bad/syntax.yaml:5:1: not valid YAML: all mapping items must start at the same column`,
    ]);
    expect(messages('a: b: c\n')).toEqual([
      'x.yaml:1:4: not valid YAML: nested mappings are not allowed in compact mappings',
    ]);
  });

  it('a JSON syntax error, held to JSON rather than YAML (no trailing comma)', async () => {
    expect(await loadMessages(`${FIXTURES}/bad/syntax.json`)).toEqual([
      `${FIXTURES}/bad/syntax.json:4:1: not valid JSON: expected double-quoted property name`,
    ]);
  });

  it('a duplicate key', () => {
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: 52\nhorizonWeeks: 53'))).toEqual([
      'x.yaml:4:1: not valid YAML: this key appears twice in the same mapping',
    ]);
  });

  it('more than one YAML document', () => {
    expect(messages(`${VALID}---\nname: again\n`)).toEqual([
      'x.yaml:18:1: not valid YAML: the file holds more than one document (a second ---); a scenario is one document',
    ]);
  });

  it('an extends that is not a path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-scenario-'));
    const file = join(dir, 'x.yaml');
    await writeFile(file, 'name: X\nextends: [a.yaml]\n');
    expect(await loadMessages(file)).toEqual([
      `${file}:2:10: extends: must be the path of a scenario file, got a list (a path relative to this file)`,
    ]);
  });

  it('a document that is not a mapping', () => {
    expect(messages('- start: 2024-01-01\n')).toEqual([
      'x.yaml:1:1: the scenario must be a mapping of fields (name: value), got a list',
    ]);
    expect(messages('just text\n')).toEqual([
      'x.yaml:1:1: the scenario must be a mapping of fields (name: value), got "just text"',
    ]);
    expect(messages('')).toEqual([
      'x.yaml:1:1: the scenario must be a mapping of fields (name: value), got an empty value',
    ]);
    expect(messages('[1, 2]', 'x.json')).toEqual([
      'x.json:1:1: the scenario must be a mapping of fields (name: value), got a list',
    ]);
  });

  it('an unknown key, with a suggestion when one is close', () => {
    expect(messages(edit('    share: 0.8', '    shar: 0.8'))).toEqual([
      'x.yaml:13:5: lanes.regular: unknown key "shar" (did you mean "share"?)',
      'x.yaml:13:5: lanes.regular.share: is missing (a number in [0, 1])',
    ]);
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: 52\nhorizon: 52'))).toEqual([
      'x.yaml:4:1: unknown key "horizon" (did you mean "horizonWeeks"?)',
    ]);
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: 52\nfoo: 1'))).toEqual([
      'x.yaml:4:1: unknown key "foo" (known keys: name, description, extends, start, horizonWeeks, seed, replications, inflow, capacity, calendar, calendars, workWeek, lanes, initialBacklog, target, observed, uncertainty, variants)',
    ]);
  });

  it('a missing required field, at its parent mapping', () => {
    expect(messages(edit('horizonWeeks: 52\n', ''))).toEqual([
      'x.yaml:1:1: horizonWeeks: is missing (an integer in [1, 5200])',
    ]);
    expect(messages(edit('    grantRate: 0.4\n', ''))).toEqual([
      'x.yaml:13:5: lanes.regular.grantRate: is missing (a number in [0, 1])',
    ]);
  });

  it('a wrong type', () => {
    expect(messages(edit('    share: 0.8', '    share: abc'))).toEqual([
      'x.yaml:13:12: lanes.regular.share: must be a number, got "abc" (a number in [0, 1])',
    ]);
    expect(messages(edit('    share: 0.8', '    share: "0.8"'))).toEqual([
      'x.yaml:13:12: lanes.regular.share: must be a number, got "0.8" (a number in [0, 1])',
    ]);
    expect(messages(edit('  meanPerWeek: 25', '  meanPerWeek: [25]'))).toEqual([
      'x.yaml:5:16: inflow.meanPerWeek: must be a number or a mapping, got a list (a number in [0, 100000], or a mapping of dated values, at least 1)',
    ]);
    expect(messages(edit('    share: 0.8', '    share:'))).toEqual([
      'x.yaml:13:5: lanes.regular.share: must be a number, got an empty value (a number in [0, 1])',
    ]);
    expect(messages(edit('name: Test', 'name: 2024'))).toEqual([
      'x.yaml:1:7: name: must be text, got 2024 (put it in quotes: "2024")',
    ]);
    expect(messages(edit('  perYear: 1600', '  perYear: 1600\n  unit: hour'))).toEqual([
      'x.yaml:8:9: capacity.unit: must be "decisions" or "hours", got "hour" (did you mean "hours"?)',
    ]);
    expect(messages(edit('    regular: 100', '    regular: lots'))).toEqual([
      'x.yaml:17:14: initialBacklog.lanes.regular: must be a whole number or a mapping, got "lots" (an integer in [0, 1000000000], a mapping with count (and optionally spreadWeeks), a mapping with byWeeksAgo, or a mapping with file, period (and optionally dateColumn, countColumn))',
    ]);
  });

  it('a negative number where none is allowed', () => {
    expect(messages(edit('  meanPerWeek: 25', '  meanPerWeek: -3'))).toEqual([
      'x.yaml:5:16: inflow.meanPerWeek: must not be negative, got -3 (a number in [0, 100000])',
    ]);
  });

  it('a number out of its range', () => {
    expect(messages(edit('    grantRate: 0.4', '    grantRate: 1.5'))).toEqual([
      'x.yaml:14:16: lanes.regular.grantRate: must be at most 1, got 1.5 (a number in [0, 1])',
    ]);
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: 0'))).toEqual([
      'x.yaml:3:15: horizonWeeks: must be at least 1, got 0 (an integer in [1, 5200])',
    ]);
  });

  it('NaN (.nan)', () => {
    expect(messages(edit('  meanPerWeek: 25', '  meanPerWeek: .nan'))).toEqual([
      'x.yaml:5:16: inflow.meanPerWeek: must be a number, got .nan (a number in [0, 100000])',
    ]);
  });

  it('an infinite number (.inf)', () => {
    expect(messages(edit('  meanPerWeek: 25', '  meanPerWeek: .inf'))).toEqual([
      'x.yaml:5:16: inflow.meanPerWeek: must be finite, got .inf (a number in [0, 100000])',
    ]);
    expect(messages(edit('  perYear: 1600', '  perYear: -.Inf'))).toEqual([
      'x.yaml:7:12: capacity.perYear: must be finite, got -.Inf (a number in [0, 52000000000])',
    ]);
  });

  it('a fraction where a whole number is required', () => {
    expect(messages(edit('horizonWeeks: 52', 'horizonWeeks: 52.5'))).toEqual([
      'x.yaml:3:15: horizonWeeks: must be a whole number, got 52.5 (an integer in [1, 5200])',
    ]);
    expect(messages(edit('    regular: 100', '    regular: { byWeeksAgo: { 0: 1, 2: 1.5 } }'))).toEqual([
      'x.yaml:17:30: initialBacklog.lanes.regular.byWeeksAgo.0: "0" cannot be used as a key here (weeks ago: a whole number from 1 to 9999)',
      'x.yaml:17:39: initialBacklog.lanes.regular.byWeeksAgo.2: must be a whole number, got 1.5 (an integer in [0, 1000000000])',
    ]);
  });

  it('a date that is not in the calendar, or not written YYYY-MM-DD', () => {
    expect(messages(edit('2024-01-01', '2024-02-30'))).toEqual([
      'x.yaml:2:8: start: "2024-02-30" is not a date in the calendar (a date YYYY-MM-DD)',
    ]);
    expect(messages(edit('2024-01-01', '01-01-2024'))).toEqual([
      'x.yaml:2:8: start: must be a date, got "01-01-2024" (a date YYYY-MM-DD)',
    ]);
  });

  it('shares of the lanes that do not sum to 1', async () => {
    expect(messages(edit('    share: 0.8', '    share: 0.77'))).toEqual([
      'x.yaml:9:3: lanes: shares of the lanes sum to 0.97 (they must sum to 1)',
    ]);
    expect((await loadMessages(`${FIXTURES}/bad/shares.yaml`))[0]).toBe(
      `${FIXTURES}/bad/shares.yaml:8:3: lanes: shares of the lanes sum to 0.97 (they must sum to 1)`,
    );
  });

  it('a lane named in the initial backlog that does not exist', () => {
    expect(messages(edit('    regular: 100', '    regulr: 100'))).toEqual([
      'x.yaml:17:5: initialBacklog.lanes.regulr: no lane named "regulr" (one of: incomplete, regular)',
    ]);
  });

  it('no lanes, or a lane name that is not allowed', () => {
    expect(
      messages(
        edit('    regular: 100', '    regular: 1').replace(
          /lanes:\n {2}incomplete[\s\S]*initialBacklog/,
          'lanes: {}\ninitialBacklog',
        ),
      ),
    ).toEqual(['x.yaml:8:8: lanes: is empty (a mapping of lanes by name, at least 1)']);
    expect(
      messages(
        edit('  incomplete:', '  total:')
          .replace('  regular:\n', '  2nd:\n')
          .replace('    regular: 100', '    total: 100'),
      ),
    ).toEqual([
      'x.yaml:9:3: lanes.total: "total" cannot be used as a key here (a lane name: letters, digits, - and _, starting with a letter, not "total" or "all")',
      'x.yaml:12:3: lanes.2nd: "2nd" cannot be used as a key here (a lane name: letters, digits, - and _, starting with a letter, not "total" or "all")',
    ]);
  });

  it('a capacity with none or two of its policies, or a unit that does not fit its policy', () => {
    expect(messages(edit('  perYear: 1600', '  perYear: 1600\n  perWeek: 30'))).toEqual([
      'x.yaml:8:3: capacity: has both "perYear" and "perWeek" (exactly one of: perWeek, perYear, inflowPlusMargin, staff)',
    ]);
    expect(messages(edit('  perYear: 1600', '  unit: decisions'))).toEqual([
      'x.yaml:7:3: capacity: needs one of perWeek, perYear, inflowPlusMargin, staff (exactly one of them)',
    ]);
    expect(
      messages(
        edit('  perYear: 1600', '  unit: decisions\n  staff: { fte: 10 }')
          .replace('    share: 0.2', '    share: 0.2\n    hoursPerDecision: 1')
          .replace('    share: 0.8', '    share: 0.8\n    hoursPerDecision: 1'),
      ),
    ).toEqual([
      'x.yaml:7:9: capacity.unit: must be "hours" for a staff capacity, got "decisions" (hours, or leave unit out)',
    ]);
    expect(messages(edit('  perYear: 1600', '  inflowPlusMargin: { margin: 0.1, min: 40, max: 30 }'))).toEqual([
      'x.yaml:7:50: capacity.inflowPlusMargin.max: must be at least min = 40, got 30 (a number >= min)',
    ]);
  });

  it('a lane without hoursPerDecision where a pool counts hours', () => {
    expect(
      messages(
        edit('  perYear: 1600', '  staff: { fte: 10 }').replace(
          '    share: 0.8',
          '    share: 0.8\n    hoursPerDecision: 5',
        ),
      ),
    ).toEqual([
      'x.yaml:10:5: lanes.incomplete.hoursPerDecision: is missing; it is needed because the shared capacity counts hours (a number > 0)',
    ]);
    expect(
      messages(
        edit('  perYear: 1600', '  unit: hours\n  perYear: 1600').replace(
          '    share: 0.2',
          '    share: 0.2\n    hoursPerDecision: 2',
        ),
      ),
    ).toEqual([
      'x.yaml:15:5: lanes.regular.hoursPerDecision: is missing; it is needed because the shared capacity counts hours (a number > 0)',
    ]);
    expect(messages(edit('    share: 0.8', '    share: 0.8\n    capacity: { unit: hours, perWeek: 5 }'))).toEqual([
      "x.yaml:13:5: lanes.regular.hoursPerDecision: is missing; it is needed because this lane's capacity counts hours (a number > 0)",
    ]);
  });

  it('a calendar period that ends before it begins', () => {
    const text = `${VALID}calendar:\n  - { from: 2024-07-22, to: 2024-07-01, scale: 0.7 }\n  - { from: 2024-07-22, to: 2024-08-01, scale: 0.5, lable: x }\n`;
    expect(messages(text)).toEqual([
      'x.yaml:19:29: calendar[0].to: must not be before from, got 2024-07-01 (a date on or after 2024-07-22)',
      'x.yaml:20:53: calendar[1]: unknown key "lable" (did you mean "label"?)',
    ]);
  });

  it('a target date outside the horizon', () => {
    expect(messages(`${VALID}target: { backlog: 1100, date: 2025-01-05 }\n`)).toEqual([
      'x.yaml:18:32: target.date: 2025-01-05 is after the horizon, whose last week ends on 2024-12-29 (a date from 2024-01-07 to 2025-01-04)',
    ]);
    expect(messages(`${VALID}target: { backlog: 1100, date: 2024-01-06 }\n`)).toEqual([
      'x.yaml:18:32: target.date: 2024-01-06 is before the end of the first week, 2024-01-07 (a date from 2024-01-07 to 2025-01-04)',
    ]);
    expect(messages(`${VALID}target: { backlog: 1100, date: 2025-01-04 }\n`)).toEqual([]);
  });

  it('weekly inflow means that do not cover the horizon', () => {
    expect(messages(edit('  meanPerWeek: 25', '  weeklyMeans: [25, 24, 26]'))).toEqual([
      'x.yaml:5:16: inflow.weeklyMeans: has 3 values, fewer than the 52 weeks of horizonWeeks (a value for every week of the horizon)',
    ]);
  });

  it('an extends cycle, at the extends key that closes it', async () => {
    const a = `${FIXTURES}/cycle/a.yaml`;
    const b = `${FIXTURES}/cycle/b.yaml`;
    expect(await loadMessages(a)).toEqual([
      `${b}:2:1: extends: makes a cycle: ${a} -> ${b} -> ${a} (a chain of bases that ends in a file without extends)`,
    ]);
    const self = `${FIXTURES}/cycle/self.yaml`;
    expect(await loadMessages(self)).toEqual([
      `${self}:1:1: extends: makes a cycle: ${self} -> ${self} (a chain of bases that ends in a file without extends)`,
    ]);
  });

  it('a missing base file, at the extends key', async () => {
    expect(await loadMessages(`${FIXTURES}/extends/missing-base.yaml`)).toEqual([
      `${FIXTURES}/extends/missing-base.yaml:2:1: extends: cannot read the base file ${FIXTURES}/extends/no-such-base.yaml: no such file (a path relative to the file that extends it)`,
    ]);
  });

  it('a misspelt lane name in a file that extends another: one issue at the name, with the lane it likely means', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-lane-name-'));
    const base = join(dir, 'base.yaml');
    await writeFile(base, VALID);
    const write = async (name: string, text: string) => {
      await writeFile(join(dir, name), text);
      return (await loadMessages(join(dir, name))).map((m) => m.replaceAll(`${dir}/`, ''));
    };
    // Taken as a new lane, it used to fail on the share and grant rate it lacks.
    expect(await write('option.yaml', 'extends: base.yaml\nlanes:\n  reguler:\n    minWaitWeeks: 2\n')).toEqual([
      'option.yaml:3:3: lanes.reguler: names no lane of the base base.yaml; as a new lane it would need share and grantRate (did you mean "regular"?)',
    ]);
    // With a share, it also used to break the sum of the shares.
    expect(
      await write(
        'shares.yaml',
        'extends: base.yaml\nlanes:\n  Regular:\n    share: 0.7\n  incomplete:\n    share: 0.3\n',
      ),
    ).toEqual([
      'shares.yaml:3:3: lanes.Regular: names no lane of the base base.yaml; as a new lane it would need grantRate (did you mean "regular"?)',
    ]);
    // In a variant, named by it.
    const variants = join(dir, 'variants.yaml');
    await writeFile(variants, 'extends: base.yaml\nvariants:\n  slow:\n    lanes: { regulr: { minWaitWeeks: 3 } }\n');
    const validated = await validateScenario(variants);
    expect(validated.ok ? [] : validated.issues.map(formatIssue).map((m) => m.replaceAll(`${dir}/`, ''))).toEqual([
      'variants.yaml:4:14: variants.slow: lanes.regulr: names no lane of the base base.yaml; as a new lane it would need share and grantRate (did you mean "regular"?)',
    ]);
    // A new lane with everything it needs is a new lane; one far from every name keeps the missing fields.
    expect(await write('new.yaml', 'extends: base.yaml\nlanes:\n  dublin:\n    minWaitWeeks: 2\n')).toEqual([
      'new.yaml:4:5: lanes.dublin.share: is missing (a number in [0, 1])',
      'new.yaml:4:5: lanes.dublin.grantRate: is missing (a number in [0, 1])',
    ]);
  });

  it('a bad value from a base file, at its line in the base file', async () => {
    expect(await loadMessages(`${FIXTURES}/extends/bad-base-child.yaml`)).toEqual([
      `${FIXTURES}/extends/bad-base-child.yaml:2:15: horizonWeeks: must be at least 1, got 0 (an integer in [1, 5200])`,
      `${FIXTURES}/extends/bad-base.yaml:10:16: lanes.regular.grantRate: must be a number, got "abc" (a number in [0, 1])`,
    ]);
  });

  it('overrides that are not allowed, named by the override (the CLI names the flag)', () => {
    expect(messages(VALID, 'x.yaml', { horizonWeeks: 0, replications: 2.5, seed: -1 })).toEqual([
      'x.yaml: horizonWeeks: must be at least 1, got 0 (an integer in [1, 5200])',
      'x.yaml: seed: must not be negative, got -1 (an integer in [0, 4294967295])',
      'x.yaml: replications: must be a whole number, got 2.5 (an integer in [1, 10000000])',
    ]);
    expect(messages(VALID, 'x.yaml', { horizonWeeks: Number.NaN, replications: 1e8, seed: 2 ** 32 })).toEqual([
      'x.yaml: horizonWeeks: must be a number, got NaN (an integer in [1, 5200])',
      'x.yaml: seed: must be at most 4294967295, got 4294967296 (an integer in [0, 4294967295])',
      'x.yaml: replications: must be at most 10000000, got 100000000 (an integer in [1, 10000000])',
    ]);
  });

  it('problems that an override causes, named by the override', () => {
    expect(messages(`${VALID}target: { backlog: 1100, date: 2024-12-31 }\n`, 'x.yaml', { horizonWeeks: 26 })).toEqual([
      "x.yaml: horizonWeeks: is 26 weeks, ending on 2024-06-30, before target.date 2024-12-31 (at least 52 weeks for this scenario's target)",
    ]);
    const weekly = edit(
      '  meanPerWeek: 25',
      '  weeklyMeans: [25, 24, 26]',
      edit('horizonWeeks: 52', 'horizonWeeks: 3'),
    );
    expect(messages(weekly)).toEqual([]);
    expect(messages(weekly, 'x.yaml', { horizonWeeks: 4 })).toEqual([
      'x.yaml: horizonWeeks: is 4 weeks, but inflow.weeklyMeans has only 3 values (at most 3 weeks)',
    ]);
  });

  it('a file that cannot be read: missing, or a directory', async () => {
    expect(await loadMessages(`${FIXTURES}/no-such-file.yaml`)).toEqual([
      `${FIXTURES}/no-such-file.yaml: cannot read the scenario file: no such file`,
    ]);
    expect(await loadMessages(FIXTURES)).toEqual([`${FIXTURES}: cannot read the scenario file: it is a directory`]);
  });

  it('several problems at once, in the order of the file', async () => {
    const file = `${FIXTURES}/bad/several.yaml`;
    expect(await loadMessages(file)).toEqual([
      `${file}:3:8: start: "2024-02-30" is not a date in the calendar (a date YYYY-MM-DD)`,
      `${file}:4:15: horizonWeeks: must be a whole number, got 52.5 (an integer in [1, 5200])`,
      `${file}:6:16: inflow.meanPerWeek: must be a number, got .nan (a number in [0, 100000])`,
      `${file}:8:12: capacity.perYear: must not be negative, got -1600 (a number in [0, 52000000000])`,
      `${file}:15:16: lanes.safe-country.grantRate: must be at most 1, got 1.2 (a number in [0, 1])`,
      `${file}:17:5: lanes.regular: unknown key "shar" (did you mean "share"?)`,
      `${file}:17:5: lanes.regular.share: is missing (a number in [0, 1])`,
      `${file}:20:12: lanes.hearing-free.share: must be finite, got .inf (a number in [0, 1])`,
      `${file}:22:19: lanes.hearing-free.minWaitWeeks: must be a whole number, got 1.5 (an integer in [0, 5200])`,
      `${file}:25:5: initialBacklog.lanes.regulr: no lane named "regulr" (one of: incomplete, safe-country, regular, hearing-free)`,
    ]);
  });

  it('returns issues as values with every part separate', async () => {
    const loaded = await loadScenario(`${FIXTURES}/bad/shares.yaml`);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues[1]).toEqual({
      file: `${FIXTURES}/bad/shares.yaml`,
      line: 14,
      column: 5,
      field: 'initialBacklog.lanes.regulr',
      problem: 'no lane named "regulr"',
      allowed: 'one of: incomplete, hearing-free, safe-country, regular',
    });
  });
});
