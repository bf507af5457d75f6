import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readValueNotes } from '../../../src/io/report/read-value-notes.js';
import { trailingComment } from '../../../src/io/report/trailing-comment.js';
import { valueBasis } from '../../../src/io/report/value-basis.js';
import { loadScenario, scenarioValues } from '../../../src/scenario/index.js';

describe('trailingComment', () => {
  it('finds the comment after a value', () => {
    expect(trailingComment('  meanPerWeek: 25   # decision memo: about 25 a week')).toBe(
      'decision memo: about 25 a week',
    );
    expect(trailingComment('# a whole-line comment')).toBe('a whole-line comment');
  });
  it('ignores a # inside quotes or inside a word, and empty comments', () => {
    expect(trailingComment('name: "Plan #2" # the second')).toBe('the second');
    expect(trailingComment("name: 'a # b'")).toBeNull();
    expect(trailingComment('name: plan#2')).toBeNull();
    expect(trailingComment('share: 0.5 #   ')).toBeNull();
    expect(trailingComment('name: "escaped \\" # still quoted"')).toBeNull();
  });
});

describe('valueBasis', () => {
  it('reads assumptions, sources and silence from the comment', () => {
    expect(valueBasis('assumption: decided straight away')).toBe('assumption');
    expect(valueBasis('Assumed from the 2023 rate')).toBe('assumption');
    expect(valueBasis('decision memo: 1,600 planned decisions in 2024')).toBe('source');
    expect(valueBasis('track-policy factsheet: 14% of applications in track 1')).toBe('source');
    expect(valueBasis('monthly counts from data/inflow-2023.csv')).toBe('source');
    expect(valueBasis('our best guess, an assumption')).toBe('assumption');
    expect(valueBasis('the rest: 1 - 0.14 - 0.03')).toBe('not stated');
    expect(valueBasis(null)).toBe('not stated');
  });
});

describe('scenario values with their notes', () => {
  it('lists every value of the baseline with file, line, comment and basis', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml');
    if (!loaded.ok) throw new Error('baseline does not load');
    const values = await readValueNotes(scenarioValues(loaded.value.node));
    const byField = new Map(values.map((v) => [v.field, v]));
    expect(byField.get('inflow.meanPerWeek')).toMatchObject({
      value: '25',
      where: 'scenarios/baseline-2024.yaml:17',
      basis: 'source',
    });
    expect(byField.get('inflow.meanPerWeek')!.note).toMatch(/^decision memo: inflow about 25/);
    expect(byField.get('lanes.hearing-free.minWaitWeeks')).toMatchObject({ value: '2', basis: 'assumption' });
    expect(byField.get('seed')).toMatchObject({ value: '2024', basis: 'setting' });
    // Per-lane backlog values carry the comment of the key above them.
    expect(byField.get('initialBacklog.lanes.regular')!.note).toMatch(/1,440 open at the end of 2023/);
    expect(values.map((v) => v.field)).toContain('target.date');
    // The uncertainty block is listed too, each value with its own comment.
    expect(byField.get('uncertainty.inflow.level.cv')).toMatchObject({ value: '0.242', basis: 'source' });
    expect(byField.get('uncertainty.capacity.weekly.cv')).toMatchObject({ value: '0.10', basis: 'assumption' });
    // The conversion of the plan to staff: every value an assumption.
    expect(byField.get('capacity.conversion.costPerFteYear')).toMatchObject({ value: '85000', basis: 'assumption' });
    expect(byField.get('lanes.regular.hoursPerDecision')).toMatchObject({ value: '16', basis: 'assumption' });
    expect(values).toHaveLength(46);
  });

  it('shows which file of an extends chain each value comes from, and long lists shortened', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-notes-'));
    await writeFile(
      join(dir, 'base.yaml'),
      'name: base\nstart: 2024-01-01\nhorizonWeeks: 8\ninflow:\n  weeklyMeans: [1, 2, 3, 4, 5, 6, 7, 8]  # assumption: a ramp\ncapacity:\n  perWeek: 5\nlanes:\n  only: { share: 1, grantRate: 0.5 }\n',
    );
    await writeFile(
      join(dir, 'option.yaml'),
      'extends: base.yaml\nname: option\ncapacity:\n  perWeek: 6  # decision memo: one more a week\n',
    );
    const loaded = await loadScenario(join(dir, 'option.yaml'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const values = await readValueNotes(scenarioValues(loaded.value.node));
    const byField = new Map(values.map((v) => [v.field, v]));
    expect(byField.get('capacity.perWeek')).toMatchObject({
      value: '6',
      where: `${join(dir, 'option.yaml')}:4`,
      basis: 'source',
    });
    expect(byField.get('inflow.weeklyMeans')).toMatchObject({
      value: '[1, 2, 3, 4, 5, 6, ... (8 values)]',
      where: `${join(dir, 'base.yaml')}:5`,
      basis: 'assumption',
    });
  });
});
