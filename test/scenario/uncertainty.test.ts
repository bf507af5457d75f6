/**
 * The scenario's `uncertainty:` block in the scenario format: a valid block
 * resolves to the UncertaintySpec with its defaults; it merges through
 * `extends`, variants and `set` as every other mapping does; and bad input is
 * one message each, at its file, line and column, naming the field and what
 * is allowed, with exit code 2 and nothing written at the command line.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, validateScenario } from '../../src/scenario/index.js';
import type { UncertaintySpec } from '../../src/scenario/types.js';
import { cli, spawnCli } from '../cli/helpers.js';
import { checkText, loadMessages, messages, VALID } from './helpers.js';

const FIXTURES = 'test/fixtures/uncertainty';

/** VALID (18 lines) with a block after it: the block's first line is line 18. */
const withBlock = (block: string) => `${VALID}${block}`;

/** Every source off: the spec of an empty block. */
const NONE: UncertaintySpec = {
  inflow: { level: null, drift: null, overdispersion: null },
  capacity: { productivity: null, weekly: null },
  shares: null,
  grantRates: null,
  source: null,
};

function uncertaintyOf(text: string): UncertaintySpec | undefined {
  const checked = checkText(text);
  if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join('\n'));
  return checked.value.uncertainty;
}

async function loadedUncertainty(path: string, set: { path: string; value: unknown }[] = []) {
  const loaded = await loadScenario(path, { set });
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value.scenario.uncertainty;
}

describe('a valid block resolves to the UncertaintySpec', () => {
  it("the issue's example block, every source given", () => {
    const text = withBlock(`uncertainty:
  inflow:
    level: { cv: 0.12, distribution: lognormal }
    drift: { sdPerYear: 0.05 }
    overdispersion: { cv: 0.1 }
  capacity:
    productivity: { cv: 0.05, distribution: gamma }
    weekly: { cv: 0.08 }
  shares: { concentration: 300 }
  grantRates: { concentration: 50 }
  source: "text"
`);
    expect(uncertaintyOf(text)).toEqual({
      inflow: {
        level: { cv: 0.12, distribution: 'lognormal' },
        drift: { sdPerYear: 0.05 },
        overdispersion: { cv: 0.1 },
      },
      capacity: { productivity: { cv: 0.05, distribution: 'gamma' }, weekly: { cv: 0.08 } },
      shares: { concentration: 300 },
      grantRates: { concentration: 50 },
      source: 'text',
    } satisfies UncertaintySpec);
  });

  it('defaults: distribution lognormal, absent sources null, no source text null', () => {
    expect(uncertaintyOf(withBlock('uncertainty:\n  inflow:\n    level: { cv: 0.1 }\n'))).toEqual({
      ...NONE,
      inflow: { level: { cv: 0.1, distribution: 'lognormal' }, drift: null, overdispersion: null },
    });
    expect(uncertaintyOf(withBlock('uncertainty:\n  capacity:\n    productivity: { cv: 0 }\n'))).toEqual({
      ...NONE,
      capacity: { productivity: { cv: 0, distribution: 'lognormal' }, weekly: null },
    });
  });

  it('an empty block has every source off; no block leaves the field out', () => {
    expect(uncertaintyOf(withBlock('uncertainty: {}\n'))).toEqual(NONE);
    expect(uncertaintyOf(withBlock('uncertainty:\n  inflow: {}\n  capacity: {}\n'))).toEqual(NONE);
    const checked = checkText(VALID);
    expect(checked.ok && 'uncertainty' in checked.value).toBe(false);
  });

  it('the edges of the ranges are allowed: cv 0 and 3, sdPerYear 0 and 3, concentration 1e9', () => {
    const text = withBlock(`uncertainty:
  inflow:
    level: { cv: 3, distribution: gamma }
    drift: { sdPerYear: 3 }
    overdispersion: { cv: 0 }
  capacity:
    weekly: { cv: 3 }
  shares: { concentration: 1e9 }
  grantRates: { concentration: 0.001 }
`);
    expect(messages(text)).toEqual([]);
  });

  it('the same block in JSON', () => {
    const json = JSON.stringify({
      name: 'Test',
      start: '2024-01-01',
      horizonWeeks: 52,
      inflow: { meanPerWeek: 25 },
      capacity: { perYear: 1600 },
      lanes: { regular: { share: 1, grantRate: 0.4 } },
      uncertainty: { inflow: { level: { cv: 0.2, distribution: 'gamma' } }, grantRates: { concentration: 40 } },
    });
    const checked = checkText(json, 'x.json');
    expect(checked.ok && checked.value.uncertainty).toEqual({
      ...NONE,
      inflow: { level: { cv: 0.2, distribution: 'gamma' }, drift: null, overdispersion: null },
      grantRates: { concentration: 40 },
    });
  });
});

describe('the block merges through extends, variants and set, as other mappings do', () => {
  const base: UncertaintySpec = {
    inflow: { level: { cv: 0.12, distribution: 'lognormal' }, drift: { sdPerYear: 0.05 }, overdispersion: null },
    capacity: { productivity: { cv: 0.05, distribution: 'gamma' }, weekly: null },
    shares: null,
    grantRates: { concentration: 50 },
    source: 'base figures',
  };

  it('the base file itself', async () => {
    expect(await loadedUncertainty(`${FIXTURES}/base.yaml`)).toEqual(base);
  });

  it('extends: the child sets a distribution, adds sources; the cv and the other sources come from the base', async () => {
    expect(await loadedUncertainty(`${FIXTURES}/child.yaml`)).toEqual({
      ...base,
      inflow: { level: { cv: 0.12, distribution: 'gamma' }, drift: { sdPerYear: 0.05 }, overdispersion: { cv: 0.1 } },
      capacity: { productivity: { cv: 0.05, distribution: 'gamma' }, weekly: { cv: 0.08 } },
    });
  });

  it('extends: a child adds a block to a base without one', async () => {
    expect(await loadedUncertainty(`${FIXTURES}/adds-block.yaml`)).toEqual({
      ...NONE,
      shares: { concentration: 300 },
    });
    expect(await loadedUncertainty('test/fixtures/scenarios/extends/base.yaml')).toBeUndefined();
  });

  it('a variant sets part of the block on top of the file; a variant that does not touch it keeps the block', async () => {
    expect(await loadedUncertainty(`${FIXTURES}/base.yaml#wide`)).toEqual({
      ...base,
      inflow: { ...base.inflow, level: { cv: 0.3, distribution: 'gamma' } },
      shares: { concentration: 100 },
    });
    expect(await loadedUncertainty(`${FIXTURES}/base.yaml#faster`)).toEqual(base);
  });

  it('set: a field of the block, as a file that extends this one would set it', async () => {
    expect(
      await loadedUncertainty(`${FIXTURES}/base.yaml`, [{ path: 'uncertainty.inflow.level.cv', value: 0.3 }]),
    ).toEqual({
      ...base,
      inflow: { ...base.inflow, level: { cv: 0.3, distribution: 'lognormal' } },
    });
    expect(
      await loadedUncertainty('test/fixtures/scenarios/extends/base.yaml', [
        { path: 'uncertainty.grantRates.concentration', value: 20 },
      ]),
    ).toEqual({ ...NONE, grantRates: { concentration: 20 } });
  });

  it("a child that sets a distribution where the base has no level: the level's cv is missing", () => {
    expect(messages(withBlock('uncertainty:\n  inflow:\n    level: { distribution: gamma }\n'))).toEqual([
      'x.yaml:20:12: uncertainty.inflow.level.cv: is missing (a number in [0, 3])',
    ]);
  });

  it('a bad value in a base, a variant or a setting is reported where it was written', async () => {
    expect(await loadMessages(`${FIXTURES}/bad-base-child.yaml`)).toEqual([
      `${FIXTURES}/bad-base.yaml:5:19: uncertainty.capacity.weekly.cv: must be at most 3, got 4 (a number in [0, 3])`,
    ]);
    expect(await loadMessages(`${FIXTURES}/bad-variant.yaml#sure`)).toEqual([
      `${FIXTURES}/bad-variant.yaml:7:22: uncertainty.inflow.level.cv: must not be negative, got -0.1 (a number in [0, 3])`,
    ]);
    const validated = await validateScenario(`${FIXTURES}/bad-variant.yaml`);
    expect(validated.ok ? [] : validated.issues.map(formatIssue)).toEqual([
      `${FIXTURES}/bad-variant.yaml:7:22: variants.sure: uncertainty.inflow.level.cv: must not be negative, got -0.1 (a number in [0, 3])`,
    ]);
    expect(
      await loadMessages(`${FIXTURES}/base.yaml`, { set: [{ path: 'uncertainty.inflow.level.cv', value: -1 }] }),
    ).toEqual([
      `${FIXTURES}/base.yaml: set uncertainty.inflow.level.cv: must not be negative, got -1 (a number in [0, 3])`,
    ]);
  });
});

describe('bad input: one message each, at file:line:column, with the field path and what is allowed', () => {
  const cases: [string, string, string][] = [
    [
      'a negative cv',
      'uncertainty:\n  inflow:\n    level: { cv: -0.1 }\n',
      'x.yaml:20:18: uncertainty.inflow.level.cv: must not be negative, got -0.1 (a number in [0, 3])',
    ],
    [
      'an infinite cv (.inf)',
      'uncertainty:\n  inflow:\n    level: { cv: .inf }\n',
      'x.yaml:20:18: uncertainty.inflow.level.cv: must be finite, got .inf (a number in [0, 3])',
    ],
    [
      'a cv that is not a number (.nan)',
      'uncertainty:\n  capacity:\n    productivity: { cv: .nan, distribution: gamma }\n',
      'x.yaml:20:25: uncertainty.capacity.productivity.cv: must be a number, got .nan (a number in [0, 3])',
    ],
    [
      'a cv above the maximum 3',
      'uncertainty:\n  inflow:\n    level: { cv: 3.5 }\n',
      'x.yaml:20:18: uncertainty.inflow.level.cv: must be at most 3, got 3.5 (a number in [0, 3])',
    ],
    [
      "a weekly noise's cv above the maximum",
      'uncertainty:\n  inflow:\n    overdispersion: { cv: 4 }\n',
      'x.yaml:20:27: uncertainty.inflow.overdispersion.cv: must be at most 3, got 4 (a number in [0, 3])',
    ],
    [
      'an unknown distribution',
      'uncertainty:\n  inflow:\n    level: { cv: 0.1, distribution: normal }\n',
      'x.yaml:20:37: uncertainty.inflow.level.distribution: must be "lognormal" or "gamma", got "normal"',
    ],
    [
      'a concentration of 0',
      'uncertainty:\n  shares: { concentration: 0 }\n',
      'x.yaml:19:28: uncertainty.shares.concentration: must be greater than 0, got 0 (a number in (0, 1000000000])',
    ],
    [
      'a negative concentration',
      'uncertainty:\n  grantRates: { concentration: -5 }\n',
      'x.yaml:19:32: uncertainty.grantRates.concentration: must be greater than 0, got -5 (a number in (0, 1000000000])',
    ],
    [
      'a negative sdPerYear',
      'uncertainty:\n  inflow:\n    drift: { sdPerYear: -0.1 }\n',
      'x.yaml:20:25: uncertainty.inflow.drift.sdPerYear: must not be negative, got -0.1 (a number in [0, 3])',
    ],
    [
      'a typo in a key of the block',
      'uncertainty:\n  inflow:\n    levle: { cv: 0.1 }\n',
      'x.yaml:20:5: uncertainty.inflow: unknown key "levle" (did you mean "level"?)',
    ],
    [
      'a typo in the name of the block',
      'uncertanity:\n  inflow:\n    level: { cv: 0.1 }\n',
      'x.yaml:18:1: unknown key "uncertanity" (did you mean "uncertainty"?)',
    ],
    [
      'a key a factor does not have',
      'uncertainty:\n  capacity:\n    weekly: { cv: 0.1, distribution: gamma }\n',
      'x.yaml:20:24: uncertainty.capacity.weekly: unknown key "distribution" (known keys: cv)',
    ],
    [
      'the block as a list',
      'uncertainty:\n  - inflow\n',
      'x.yaml:19:3: uncertainty: must be a mapping, got a list (a mapping with any of: inflow, capacity, shares, grantRates, source)',
    ],
    [
      'an empty block (uncertainty: with nothing after it)',
      'uncertainty:\n',
      'x.yaml:18:1: uncertainty: must be a mapping, got an empty value (a mapping with any of: inflow, capacity, shares, grantRates, source)',
    ],
    [
      'a number where a factor (a mapping) belongs',
      'uncertainty:\n  inflow:\n    level: 0.1\n',
      'x.yaml:20:12: uncertainty.inflow.level: must be a mapping, got 0.1 (a mapping with cv (and optionally distribution))',
    ],
  ];
  for (const [what, block, message] of cases) {
    it(what, () => {
      expect(messages(withBlock(block))).toEqual([message]);
    });
  }

  it('several problems in one block are all reported, in the order of the file', () => {
    expect(
      messages(withBlock('uncertainty:\n  inflow:\n    level: { cv: -1 }\n  shares: { concentration: 0 }\n')),
    ).toEqual([
      'x.yaml:20:18: uncertainty.inflow.level.cv: must not be negative, got -1 (a number in [0, 3])',
      'x.yaml:21:28: uncertainty.shares.concentration: must be greater than 0, got 0 (a number in (0, 1000000000])',
    ]);
  });
});

describe('at the command line: exit 2, the located message, nothing written', () => {
  it('the built bin: run --out with a negative cv', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'caseload-uncertainty-')), 'result');
    const { code, stdout, stderr } = spawnCli('run', `${FIXTURES}/negative-cv.yaml`, '--out', out, '--reps', '10');
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `${FIXTURES}/negative-cv.yaml:17:18: uncertainty.inflow.level.cv: must not be negative, got -0.1 (a number in [0, 3])\n`,
    });
    expect(existsSync(out)).toBe(false);
  });

  it('the built bin: run --out with a number where the level factor belongs', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'caseload-uncertainty-')), 'result');
    const { code, stdout, stderr } = spawnCli('run', `${FIXTURES}/level-number.yaml`, '--out', out);
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `${FIXTURES}/level-number.yaml:17:12: uncertainty.inflow.level: must be a mapping, got 0.1 (a mapping with cv (and optionally distribution))\n`,
    });
    expect(existsSync(out)).toBe(false);
  });

  it('in process: validate with a typo at the top, run --out with a bad variant, sweep --out with a bad --set', async () => {
    expect(await cli('validate', `${FIXTURES}/typo-top.yaml`)).toEqual({
      code: 2,
      stdout: '',
      stderr: `${FIXTURES}/typo-top.yaml:15:1: unknown key "uncertanity" (did you mean "uncertainty"?)\n`,
    });
    const dir = await mkdtemp(join(tmpdir(), 'caseload-uncertainty-'));
    expect(await cli('run', `${FIXTURES}/bad-variant.yaml#sure`, '--out', join(dir, 'run'), '--reps', '10')).toEqual({
      code: 2,
      stdout: '',
      stderr: `${FIXTURES}/bad-variant.yaml:7:22: uncertainty.inflow.level.cv: must not be negative, got -0.1 (a number in [0, 3])\n`,
    });
    const sweep = ['sweep', `${FIXTURES}/base.yaml`, '--set', 'uncertainty.capacity.weekly.cv=0.1,7'];
    expect(await cli(...sweep, '--out', join(dir, 'sweep.csv'), '--reps', '10')).toEqual({
      code: 2,
      stdout: '',
      stderr: `${FIXTURES}/base.yaml: --set uncertainty.capacity.weekly.cv=0.1,7: must be at most 3, got 7 [with uncertainty.capacity.weekly.cv=7] (a number in [0, 3])\n`,
    });
    expect(existsSync(join(dir, 'run')) || existsSync(join(dir, 'sweep.csv'))).toBe(false);
  });
});
