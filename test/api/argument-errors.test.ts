/**
 * Every public function checks its arguments and throws CaseloadArgumentError
 * naming the parameter, what is wrong and what is allowed, never a TypeError
 * or RangeError from deep inside, and never a run of numbers that mean
 * nothing (2.5 replications run as 3, -3 as none). A Scenario not made by
 * the loader (built by hand, spread with new values) is checked field by
 * field against the scenario format.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { CaseloadArgumentError } from '../../src/index.js';
import type { RunResult, Scenario } from '../../src/index.js';
import { argScenario } from '../../src/scenario/index.js';
import { arbitraryScenario } from '../engine/arbitrary-scenario.js';
import { runs } from '../fast-check-config.js';

const BASELINE = 'scenarios/baseline-2024.yaml';

/** The error a call throws (awaited), or null when it returns. */
async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return null;
  } catch (error) {
    return error;
  }
}

/** The parameter, problem and allowed of the CaseloadArgumentError a call throws. */
async function argumentError(call: () => unknown): Promise<{ parameter: string; problem: string; allowed: string }> {
  const error = await thrown(call);
  if (!(error instanceof CaseloadArgumentError))
    throw new Error(`expected a CaseloadArgumentError, got ${error instanceof Error ? error.stack : String(error)}`);
  expect(error.message).toBe(`${error.parameter}: ${error.problem} (${error.allowed})`);
  expect(error.name).toBe('CaseloadArgumentError');
  return { parameter: error.parameter, problem: error.problem, allowed: error.allowed };
}

let baseline: Scenario;
let run: RunResult;

beforeAll(async () => {
  const loaded = await api.loadScenario(BASELINE, { replications: 50 });
  if (!loaded.ok) throw new Error(loaded.issues.map(api.formatIssue).join('\n'));
  baseline = loaded.value.scenario;
  run = await api.runScenario(baseline, { explain: false });
});

describe('the arguments of the public functions', () => {
  it('loadScenario(null) names `path` instead of failing on null.lastIndexOf', async () => {
    expect(await argumentError(() => api.loadScenario(null as never))).toEqual({
      parameter: 'path',
      problem: 'must be a string, got null',
      allowed: 'a scenario file (.yaml, .yml or .json), or file#variant for one of its variants',
    });
    expect((await argumentError(() => api.loadScenario(BASELINE, null as never))).parameter).toBe('overrides');
    expect((await argumentError(() => api.loadScenario(BASELINE, { set: 5 } as never))).parameter).toBe(
      'overrides.set',
    );
    expect((await argumentError(() => api.loadScenario(BASELINE, { reps: 5 } as never))).problem).toBe(
      'has an unknown key "reps"',
    );
    expect((await argumentError(() => api.validateScenario(7 as never))).parameter).toBe('path');
    expect((await argumentError(() => api.resolveScenario({}, null as never))).parameter).toBe('file');
  });

  it('resolveScenario: a document that contains itself throws; one nested too deep is an issue, as in a file', async () => {
    const looped: Record<string, unknown> = { start: '2024-01-01' };
    looped['lanes'] = { regular: { again: looped } };
    expect(await argumentError(() => api.resolveScenario(looped, 'inline.yaml'))).toMatchObject({
      parameter: 'document',
      problem: 'contains itself',
    });
    let deep: unknown = 1;
    for (let level = 0; level < 5000; level++) deep = [deep];
    const resolved = api.resolveScenario({ start: '2024-01-01', lanes: deep }, 'inline.yaml');
    expect(resolved.ok).toBe(false);
    if (!resolved.ok)
      expect(resolved.issues.map(api.formatIssue)).toEqual([
        'inline.yaml: lists and mappings are nested more than 64 levels deep here (a scenario nests at most a few levels: fields, lanes, dated values)',
      ]);
  });

  it('a bad value of an override is still an issue, as a value in the file is', async () => {
    const loaded = await api.loadScenario(BASELINE, { replications: 2.5 });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(api.formatIssue(loaded.issues[0]!)).toMatch(/replications: must be a whole number, got 2.5/);
    const seed = await api.loadScenario(BASELINE, { seed: 'abc' as never });
    expect(seed.ok).toBe(false);
    if (!seed.ok) expect(api.formatIssue(seed.issues[0]!)).toMatch(/seed: must be a whole number, got "abc"/);
  });

  it('runScenario refuses a scenario of 0 weeks instead of failing on undefined.quantile', async () => {
    expect(await argumentError(() => api.runScenario({ ...baseline, horizonWeeks: 0 }))).toEqual({
      parameter: 'scenario.horizonWeeks',
      problem: 'must be at least 1, got 0',
      allowed: 'an integer in [1, 5200]',
    });
  });

  it.each([
    ['replications', 2.5, 'scenario.replications: must be a whole number, got 2.5 (an integer in [1, 10000000])'],
    ['replications', -3, 'scenario.replications: must be at least 1, got -3 (an integer in [1, 10000000])'],
    ['seed', 'abc', 'scenario.seed: must be a number, got "abc" (an integer in [0, 4294967295])'],
    ['seed', -1, 'scenario.seed: must be at least 0, got -1 (an integer in [0, 4294967295])'],
    ['start', '2024-02-30', 'scenario.start: must be a real date, got "2024-02-30" (a date YYYY-MM-DD)'],
    ['lanes', [], 'scenario.lanes: must have at least 1 item, got none (the lanes: a list of LaneSpec)'],
  ])('runScenario refuses a scenario with %s %j', async (field, value, message) => {
    const error = await thrown(() => api.runScenario({ ...baseline, [field]: value }));
    expect(error).toBeInstanceOf(CaseloadArgumentError);
    expect((error as Error).message).toBe(message);
  });

  it('runScenario refuses a hand-made scenario that breaks the rules across fields', async () => {
    const lanes = baseline.lanes;
    const cases: [Scenario, string][] = [
      [
        { ...baseline, lanes: lanes.map((lane) => ({ ...lane, share: 0.5 })) },
        'scenario.lanes: have shares that sum to 2 (shares that sum to 1)',
      ],
      [
        { ...baseline, initialBacklog: { nobody: { kind: 'spread', count: 5, spreadWeeks: 4 } } },
        `scenario.initialBacklog.nobody: names no lane: "nobody" (one of ${lanes.map((l) => l.name).join(', ')})`,
      ],
      [
        { ...baseline, target: { backlog: 10, date: '2030-01-01' } },
        'scenario.target.date: 2030-01-01 is outside the horizon (a date from 2024-01-07 to 2025-01-04)',
      ],
      [
        { ...baseline, inflow: { kind: 'weekly', meanPerWeek: [1, 2, 3] } },
        'scenario.inflow.meanPerWeek: has 3 values, fewer than the 52 weeks of horizonWeeks (at least 52 values)',
      ],
      [
        { ...baseline, lanes: [lanes[0]!, { ...lanes[1]!, name: lanes[0]!.name }, ...lanes.slice(2)] },
        `scenario.lanes[1].name: names a lane again: "${lanes[0]!.name}" (each lane named once)`,
      ],
      [
        {
          ...baseline,
          lanes: [{ ...lanes[0]!, transfers: [{ to: 'elsewhere', probability: 0.5 }] }, ...lanes.slice(1)],
        },
        `scenario.lanes[0].transfers[0].to: must name another lane, got "elsewhere" (one of ${lanes
          .slice(1)
          .map((l) => l.name)
          .join(', ')})`,
      ],
      [
        { ...baseline, capacity: { ...baseline.capacity, unit: 'furlongs' as never } },
        'scenario.capacity.unit: must be "decisions" or "hours", got "furlongs" (one of decisions, hours)',
      ],
      [
        { ...baseline, uncertainty: { inflow: {} } as never },
        'scenario.uncertainty.inflow.level: must be an object, got undefined (a FactorSpec { cv, distribution }, or null)',
      ],
      [{ ...baseline, horizonweeks: 52 } as never, 'scenario: has an unknown key "horizonweeks"'],
    ];
    for (const [scenario, message] of cases) {
      const error = await thrown(() => api.runScenario(scenario));
      expect(error, message).toBeInstanceOf(CaseloadArgumentError);
      expect((error as Error).message.startsWith(message), `${(error as Error).message}\n${message}`).toBe(true);
    }
  });

  it.each([
    [Number.NaN, 'options.workers: must be a finite number, got NaN (an integer in [1, 256])'],
    [-1, 'options.workers: must be at least 1, got -1 (an integer in [1, 256])'],
    [1e6, 'options.workers: must be at most 256, got 1000000 (an integer in [1, 256])'],
    [1.5, 'options.workers: must be a whole number, got 1.5 (an integer in [1, 256])'],
  ])('runScenario refuses workers %s', async (workers, message) => {
    const error = await thrown(() => api.runScenario(baseline, { workers }));
    expect(error).toBeInstanceOf(CaseloadArgumentError);
    expect((error as Error).message).toBe(message);
  });

  it('compareOptions refuses options over other weeks, and a run that is not { seed, replications }', async () => {
    const shorter = { ...baseline, horizonWeeks: 26, target: null };
    expect(
      await argumentError(() =>
        api.compareOptions(
          [
            { label: 'base', scenario: baseline },
            { label: 'shorter', scenario: shorter },
          ],
          { seed: 1, replications: 10 },
        ),
      ),
    ).toEqual({
      parameter: 'options[1].scenario',
      problem: 'covers 26 weeks from 2024-01-01, not the weeks of the base',
      allowed: 'the weeks of the base: 52 weeks from 2024-01-01',
    });
    const option = [{ label: 'base', scenario: baseline }];
    expect((await argumentError(() => api.compareOptions(option, { seed: 1, replications: 2.5 }))).parameter).toBe(
      'run.replications',
    );
    expect((await argumentError(() => api.compareOptions(option, { seed: -1, replications: 5 }))).parameter).toBe(
      'run.seed',
    );
  });

  it('prognosis and prognosisRows take the plan and tally of a run of the scenario', async () => {
    const other = { ...baseline, horizonWeeks: 26, target: null };
    expect((await argumentError(() => api.prognosisRows(other, run.plan, run.tally))).parameter).toBe('plan');
    expect((await argumentError(() => api.prognosisRows(baseline, { ...run.plan }, run.tally))).parameter).toBe('plan');
    expect(
      (await argumentError(() => api.prognosis(baseline, run.plan, {} as never, { filed: '2024-03-05' }))).parameter,
    ).toBe('tally');
    expect(
      (await argumentError(() => api.prognosis(baseline, run.plan, run.tally, { filed: 5 } as never))).parameter,
    ).toBe('query.filed');
    expect((await argumentError(() => api.scenarioIdentities({} as never))).parameter).toBe('plan');
    // A bad date is still an issue naming `filed`.
    const bad = api.prognosis(baseline, run.plan, run.tally, { filed: '2024-02-30' });
    expect(bad.ok).toBe(false);
  });

  it('the requests of findTarget and calibrate, a sweep and backtestRows name the key that is wrong', async () => {
    expect((await argumentError(() => api.findTarget({ file: BASELINE, workers: 0 }))).parameter).toBe(
      'request.workers',
    );
    expect((await argumentError(() => api.findTarget({ file: BASELINE, confidnce: 0.9 } as never))).problem).toBe(
      'has an unknown key "confidnce"',
    );
    expect((await argumentError(() => api.calibrate({ file: BASELINE, fit: ['x'], rounds: 1e9 }))).parameter).toBe(
      'request.rounds',
    );
    expect((await argumentError(() => api.parseSweepGrid('capacity.perWeek=1,2' as never))).parameter).toBe('settings');
    expect((await argumentError(() => api.runSweep(BASELINE, { parameters: [], size: 1e9 }, {}))).parameter).toBe(
      'grid.size',
    );
    expect((await argumentError(() => api.backtestRows(run.summary, {} as never))).parameter).toBe(
      'observed.decisions',
    );
    expect((await argumentError(() => api.formatIssue({ file: 'x' } as never))).parameter).toBe('issue.field');
    expect((await argumentError(() => new api.InputError([null] as never))).parameter).toBe('issues[0]');
  });
});

describe('scenarios the loader makes pass the check of a scenario, and so do those built right by hand', () => {
  it('every shipped scenario, copied so that it is checked field by field', async () => {
    const files = readdirSync('scenarios').filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const loaded = await api.loadScenario(`scenarios/${file}`);
      if (!loaded.ok) throw new Error(loaded.issues.map(api.formatIssue).join('\n'));
      expect(() => argScenario(structuredClone(loaded.value.scenario), 'scenario'), file).not.toThrow();
    }
  });

  it('property: every scenario the engine tests build by hand', () => {
    fc.assert(
      fc.property(arbitraryScenario(), (scenario) => {
        expect(() => argScenario(scenario, 'scenario')).not.toThrow();
      }),
      { numRuns: runs(200) },
    );
  });
});

/** JSON-ish garbage: what a program might pass by mistake, or a parsed file holds. */
const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -0, 2.5, -3, 1e6, '', 'abc', [], {}),
  fc.dictionary(
    fc.constantFrom('file', 'path', 'fit', 'seed', 'replications', 'workers', 'label', 'scenario', 'filed', 'size'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

/** Each public function with garbage in place of its arguments. */
const CALLS: Record<string, (args: unknown[]) => unknown> = {
  loadScenario: ([a, b]) => api.loadScenario(a as never, b as never),
  validateScenario: ([a, b]) => api.validateScenario(a as never, b as never),
  resolveScenario: ([a, b, c]) => api.resolveScenario(a, b as never, c as never),
  formatIssue: ([a]) => api.formatIssue(a as never),
  InputError: ([a]) => new api.InputError(a as never),
  runScenario: ([a, b]) => api.runScenario(a as never, b as never),
  compareOptions: ([a, b]) => api.compareOptions(a as never, b as never),
  findTarget: ([a]) => api.findTarget(a as never),
  parseSweepGrid: ([a]) => api.parseSweepGrid(a as never),
  runSweep: ([a, b, c]) => api.runSweep(a as never, b as never, c as never),
  prognosis: ([a, b, c, d]) => api.prognosis(a as never, b as never, c as never, d as never),
  prognosisRows: ([a, b, c]) => api.prognosisRows(a as never, b as never, c as never),
  backtestRows: ([a, b, c]) => api.backtestRows(a as never, b as never, c as never),
  scenarioIdentities: ([a]) => api.scenarioIdentities(a as never),
  calibrate: ([a]) => api.calibrate(a as never),
};

describe('property: garbage in any argument gives a result or a CaseloadArgumentError, never a TypeError', () => {
  it('covers every public function', () => {
    const functions = Object.keys(api).filter((name) => name !== 'CaseloadArgumentError');
    expect(Object.keys(CALLS).sort()).toEqual(functions.sort());
  });

  for (const [name, call] of Object.entries(CALLS)) {
    it(name, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(garbage, { minLength: 0, maxLength: 4 }), async (args) => {
          const error = await thrown(() => call(args));
          if (error !== null && !(error instanceof CaseloadArgumentError)) throw error;
        }),
        { numRuns: runs(150) },
      );
    });
  }

  /** Every path into a value, the value itself first. */
  const pathsOf = (value: unknown): (string | number)[][] => {
    const paths: (string | number)[][] = [];
    const walk = (item: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(item)) for (const [i, element] of item.entries()) walk(element, [...path, i]);
      else if (item !== null && typeof item === 'object')
        for (const [key, element] of Object.entries(item)) walk(element, [...path, key]);
    };
    walk(value, []);
    return paths;
  };
  /** A copy of `value` with the value at `path` replaced by `by`. */
  const replaced = (value: unknown, path: readonly (string | number)[], by: unknown): unknown => {
    if (path.length === 0) return by;
    const [head, ...rest] = path;
    const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
    copy[head!] = replaced(copy[head!], rest, by);
    return copy;
  };
  /** Checked, and run with few replications when it passes: the check names the field, or the run works. */
  const checkedOrRuns = async (scenario: Scenario) => {
    const error = await thrown(() => argScenario(scenario, 'scenario'));
    if (error !== null) {
      if (!(error instanceof CaseloadArgumentError)) throw error;
      return;
    }
    await api.runScenario({ ...scenario, replications: Math.min(scenario.replications, 20) }, { explain: false });
  };

  it('runScenario: a shipped scenario with any one value replaced by garbage runs or names the field', async () => {
    const bases: Scenario[] = [];
    for (const file of [
      'baseline-2024',
      'backtest-2023-observed-inflow',
      'shared-staff-hire',
      'baseline-2024-holidays',
    ]) {
      const loaded = await api.loadScenario(`scenarios/${file}.yaml`, { replications: 20 });
      if (!loaded.ok) throw new Error(loaded.issues.map(api.formatIssue).join('\n'));
      bases.push(loaded.value.scenario);
    }
    const mutation = fc
      .constantFrom(...bases)
      .chain((base) => fc.tuple(fc.constant(base), fc.constantFrom(...pathsOf(base).slice(1)), garbage));
    await fc.assert(
      fc.asyncProperty(mutation, async ([base, path, by]) => {
        await checkedOrRuns(replaced(base, path, by) as Scenario);
      }),
      { numRuns: runs(300) },
    );
  }, 120_000);

  it('runScenario: a scenario built by hand (with flows) with any one value replaced by garbage runs or names the field', async () => {
    const mutation = arbitraryScenario().chain((base) =>
      fc.tuple(fc.constant(base), fc.constantFrom(...pathsOf(base).slice(1)), garbage),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async ([base, path, by]) => {
        await checkedOrRuns(replaced(base, path, by) as Scenario);
      }),
      { numRuns: runs(200) },
    );
  }, 120_000);
});
