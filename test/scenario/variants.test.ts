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
