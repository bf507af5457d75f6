import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, validateScenario } from '../../src/scenario/index.js';
import { scenarioVariants } from '../../src/scenario/pipeline.js';
import { cli } from '../cli/helpers.js';

const FILE = 'scenarios/options-2024/variants.yaml';

describe('named variants inside one file', () => {
  it('lists them in file order and loads one as file#name, set on top of the file', async () => {
    expect(await scenarioVariants(FILE)).toEqual([
      '30-per-week',
      '35-per-week',
      '40-per-week',
      'capacity-follows-inflow',
      'inflow-rises-10',
    ]);
    const plain = await loadScenario(FILE);
    const variant = await loadScenario(`${FILE}#35-per-week`);
    expect(plain.ok && variant.ok).toBe(true);
    if (!plain.ok || !variant.ok) return;
    expect(plain.value.scenario.capacity.policy).toEqual({ kind: 'perYear', perYear: 1600 });
    expect(variant.value.scenario.capacity.policy).toEqual({ kind: 'perWeek', perWeek: 35 });
    expect(variant.value.scenario.name).toBe('35 a week');
    expect({ ...variant.value.scenario, capacity: null, name: null }).toEqual({
      ...plain.value.scenario,
      capacity: null,
      name: null,
    });
  });

  it('an unknown variant is an input error with a suggestion', async () => {
    const loaded = await loadScenario(`${FILE}#35-per-wek`);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map(formatIssue)).toEqual([
      `${FILE}: #35-per-wek: no variant named "35-per-wek" (did you mean "35-per-week"?) (one of: 30-per-week, 35-per-week, 40-per-week, capacity-follows-inflow, inflow-rises-10)`,
    ]);
  });

  it('validateScenario checks the file and every variant, and names the variant in its problems', async () => {
    const valid = await validateScenario(FILE);
    expect(valid.ok && valid.value.variants).toEqual([
      '30-per-week',
      '35-per-week',
      '40-per-week',
      'capacity-follows-inflow',
      'inflow-rises-10',
    ]);
    const one = await validateScenario(`${FILE}#35-per-week`);
    expect(one.ok && [one.value.scenario.name, one.value.variants]).toEqual(['35 a week', []]);

    const dir = await mkdtemp(join(tmpdir(), 'caseload-variants-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, `extends: ${process.cwd()}/${FILE}\nvariants:\n  fast:\n    capacity: { perWeek: -5 }\n`);
    const bad = await validateScenario(file);
    expect(bad.ok ? [] : bad.issues.map(formatIssue)).toEqual([
      `${file}:4:26: variants.fast: capacity.perWeek: must not be negative, got -5 (a number in [0, 1000000000])`,
    ]);
  });

  it('validate checks every variant, and compare with no options compares the variants', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-variants-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      `extends: ${process.cwd()}/scenarios/baseline-2024.yaml\nvariants:\n  fast:\n    capacity: { perWeek: -5 }\n`,
    );
    const bad = await cli('validate', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('variants.fast: capacity.perWeek: must not be negative, got -5');

    const compared = await cli('compare', FILE, '--reps', '100', '--json', '--quiet');
    expect(compared.code).toBe(0);
    expect(JSON.parse(compared.stdout).options.map((o: { label: string }) => o.label)).toEqual([
      'Plan 2024',
      '30 a week',
      '35 a week',
      '40 a week',
      'Capacity = inflow + 10%',
      'Inflow +10% from April',
    ]);

    const nothing = await cli('compare', 'scenarios/baseline-2024.yaml');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to compare');
  });
});

describe('what a variant may set', () => {
  const BASELINE = `${process.cwd()}/scenarios/baseline-2024.yaml`;
  const HOLIDAYS = `${process.cwd()}/scenarios/calendars/nl-2024.yaml`;
  const calendarScale = async (path: string) => {
    const loaded = await loadScenario(path, { replications: 1 });
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    return loaded.value.scenario.calendar.map((period) => `${period.from} ${period.scale}`);
  };

  it('calendars: in a variant adds its calendar files, as in a file that extends the scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-variants-'));
    const file = join(dir, 'calendars.yaml');
    await writeFile(file, `extends: ${BASELINE}\nvariants:\n  holidays:\n    calendars: [${HOLIDAYS}]\n`);
    const child = join(dir, 'child.yaml');
    await writeFile(child, `extends: ${BASELINE}\ncalendars: [${HOLIDAYS}]\n`);
    const periods = await calendarScale(`${file}#holidays`);
    expect(periods.length).toBeGreaterThan(5);
    expect(periods).toContain('2024-12-25 0');
    expect(periods).toEqual(await calendarScale(child));
    // Without the variant the scenario has no calendar.
    expect(await calendarScale(file)).toEqual([]);
  });

  it("a variant's calendars replace the file's list; its calendar: keeps the file's calendar files", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-variants-'));
    const extra = join(dir, 'extra.yaml');
    await writeFile(extra, '- { from: 2024-07-01, to: 2024-07-05, scale: 0.5, label: summer }\n');
    const file = join(dir, 'both.yaml');
    await writeFile(
      file,
      [
        `extends: ${BASELINE}`,
        `calendars: [${HOLIDAYS}]`,
        'variants:',
        `  summer-only:`,
        `    calendars: [${extra}]`,
        '  plus-own:',
        '    calendar: [{ from: 2024-08-05, to: 2024-08-09, scale: 0.5, label: own }]',
        '',
      ].join('\n'),
    );
    expect(await calendarScale(`${file}#summer-only`)).toEqual(['2024-07-01 0.5']);
    const plusOwn = await calendarScale(`${file}#plus-own`);
    expect(plusOwn).toContain('2024-08-05 0.5');
    expect(plusOwn).toContain('2024-12-25 0');
  });

  it('extends or variants inside a variant is an error at its key, for the file and every variant', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-variants-'));
    const file = join(dir, 'nested.yaml');
    await writeFile(
      file,
      [
        `extends: ${BASELINE}`,
        'variants:',
        '  other-base:',
        `    extends: ${BASELINE}`,
        '  nested:',
        '    variants: { a: { name: A } }',
        '  fine:',
        '    name: Fine',
        '',
      ].join('\n'),
    );
    const expected = [
      `${file}:4:5: variants.other-base.extends: a variant cannot extend a file: it sets fields on top of the scenario it is part of (\`extends\` at the top of the file, or a file of its own that extends this one)`,
      `${file}:6:5: variants.nested.variants: a variant cannot have variants of its own (the variants side by side under the top-level variants)`,
    ];
    for (const path of [file, `${file}#fine`, `${file}#other-base`]) {
      const loaded = await loadScenario(path);
      expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual(expected);
    }
    const validated = await cli('validate', file);
    expect(validated.code).toBe(2);
    expect(validated.stderr).toContain('variants.other-base.extends: a variant cannot extend a file');
  });
});

describe('a base that is not a scenario', () => {
  it.each([
    ['a list', '- a\n- b\n'],
    ['an empty value', ''],
    ['"just text"', 'just text\n'],
  ])('a base file holding %s is an error at the extends that names it', async (holds, text) => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-base-'));
    await writeFile(join(dir, 'base.yaml'), text);
    const file = join(dir, 'child.yaml');
    await writeFile(file, 'name: Child\nextends: base.yaml\n');
    const loaded = await loadScenario(file);
    expect(loaded.ok ? [] : loaded.issues.map(formatIssue)).toEqual([
      `${file}:2:1: extends: the base file ${join(dir, 'base.yaml')} is not a scenario: it holds ${holds} (a base file whose top level is a mapping of scenario fields)`,
    ]);
  });
});
