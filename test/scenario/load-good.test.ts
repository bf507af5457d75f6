import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario, resolveScenario } from '../../src/scenario/index.js';
import type { LoadedScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { edit, FIXTURES, scenarioOf, VALID } from './helpers.js';

async function load(path: string): Promise<LoadedScenario> {
  const loaded = await loadScenario(path);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value;
}

describe('loadScenario resolves a valid scenario', () => {
  it('fills every default', async () => {
    const { scenario, files } = await load(`${FIXTURES}/minimal.yaml`);
    expect(files).toEqual([`${FIXTURES}/minimal.yaml`]);
    expect(scenario).toEqual({
      name: 'minimal',
      description: null,
      start: '2024-01-01',
      horizonWeeks: 10,
      seed: 1,
      replications: 1000,
      inflow: { kind: 'constant', meanPerWeek: 5 },
      capacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 6 } },
      calendar: [],
      lanes: [
        {
          name: 'quick',
          share: 0.25,
          priority: 1,
          minWaitWeeks: 1,
          grantRate: 0.5,
          hoursPerDecision: null,
          dedicatedCapacity: null,
        },
        {
          name: 'slow',
          share: 0.75,
          priority: 2,
          minWaitWeeks: 1,
          grantRate: 0.1,
          hoursPerDecision: null,
          dedicatedCapacity: null,
        },
      ],
      initialBacklog: { slow: { kind: 'spread', count: 20, spreadWeeks: 52 } },
      target: null,
    } satisfies Scenario);
  });

  it('fills the defaults of each capacity policy', () => {
    const margin = scenarioOf(edit('  perYear: 1600', '  inflowPlusMargin: { margin: 0.1 }'));
    expect(margin.capacity).toEqual({
      unit: 'decisions',
      policy: { kind: 'inflowPlusMargin', margin: 0.1, trailingWeeks: 4, min: 0, max: 1e9 },
    });
    const staff = scenarioOf(
      edit('  perYear: 1600', '  staff: { fte: 12 }')
        .replace('    share: 0.2', '    share: 0.2\n    hoursPerDecision: 2')
        .replace('    share: 0.8', '    share: 0.8\n    hoursPerDecision: 10'),
    );
    expect(staff.capacity).toEqual({
      unit: 'hours',
      policy: {
        kind: 'staff',
        fte: 12,
        hoursPerFteWeek: 36,
        productiveShare: 1,
        rampUpWeeks: 0,
        attritionPerQuarter: 0,
        costPerFteYear: null,
      },
    });
    expect(staff.lanes.map((lane) => lane.hoursPerDecision)).toEqual([2, 10]);
    const dedicated = scenarioOf(
      edit('    share: 0.8', '    share: 0.8\n    priority: 0.5\n    capacity: { perWeek: 5 }'),
    );
    expect(dedicated.lanes[1]).toMatchObject({
      priority: 0.5,
      dedicatedCapacity: { unit: 'decisions', policy: { kind: 'perWeek', perWeek: 5 } },
    });
    expect(dedicated.lanes[0]!.priority).toBe(1);
  });

  it('reads the three forms of an initial backlog, and weekly inflow means', () => {
    const scenario = scenarioOf(
      edit(
        '    regular: 100',
        '    regular: { byWeeksAgo: { 3: 4, 1: 2 } }\n    incomplete: { count: 7, spreadWeeks: 5 }',
        edit('initialBacklog:', 'initialBacklog:\n  spreadWeeks: 26'),
      )
        .replace('  meanPerWeek: 25', '  weeklyMeans: [1, 2, 3]')
        .replace('horizonWeeks: 52', 'horizonWeeks: 3'),
    );
    expect(scenario.initialBacklog).toEqual({
      regular: {
        kind: 'byWeeksAgo',
        counts: [
          { weeksAgo: 1, count: 2 },
          { weeksAgo: 3, count: 4 },
        ],
      },
      incomplete: { kind: 'spread', count: 7, spreadWeeks: 5 },
    });
    expect(scenario.inflow).toEqual({ kind: 'weekly', meanPerWeek: [1, 2, 3] });
    const spread = scenarioOf(edit('initialBacklog:', 'initialBacklog:\n  spreadWeeks: 26'));
    expect(spread.initialBacklog).toEqual({ regular: { kind: 'spread', count: 100, spreadWeeks: 26 } });
  });

  it('merges extends: the child changes one field of one lane', async () => {
    const base = await load(`${FIXTURES}/extends/base.yaml`);
    const child = await load(`${FIXTURES}/extends/child.yaml`);
    expect(child.files).toEqual([`${FIXTURES}/extends/child.yaml`, `${FIXTURES}/extends/base.yaml`]);
    expect(child.scenario.name).toBe('Child');
    expect(child.scenario.lanes[1]).toEqual({ ...base.scenario.lanes[1], grantRate: 0.5 });
    expect({ ...child.scenario, name: 'Base', lanes: base.scenario.lanes }).toEqual(base.scenario);
  });

  it('merges a chain of extends: relative paths, replaced lists, one capacity policy, added lanes', async () => {
    const { scenario, files } = await load(`${FIXTURES}/extends/variants/grandchild.yaml`);
    expect(files).toEqual([
      `${FIXTURES}/extends/variants/grandchild.yaml`,
      `${FIXTURES}/extends/child.yaml`,
      `${FIXTURES}/extends/base.yaml`,
    ]);
    expect(scenario.capacity).toEqual({ unit: 'decisions', policy: { kind: 'perWeek', perWeek: 35 } });
    expect(scenario.calendar).toEqual([]);
    expect(scenario.lanes.map((lane) => [lane.name, lane.share, lane.priority, lane.grantRate])).toEqual([
      ['triage', 0.1, 1, 0],
      ['regular', 0.8, 2, 0.5],
      ['appeal', 0.1, 3, 0.2],
    ]);
    expect(scenario.initialBacklog.regular).toEqual({ kind: 'spread', count: 100, spreadWeeks: 52 });
    expect(scenario.target).toEqual({ backlog: 1100, date: '2024-12-31' });
  });

  it('reads JSON as it reads YAML', async () => {
    const yaml = await load(`${FIXTURES}/minimal.yaml`);
    const json = await load(`${FIXTURES}/minimal.json`);
    expect(json.scenario).toEqual(yaml.scenario);
    expect(json.hash).toBe(yaml.hash);
    // A byte-order mark, as some editors write, is not an error.
    const text = readFileSync(`${FIXTURES}/minimal.json`, 'utf8');
    expect(scenarioOf(`\uFEFF${text}`, 'minimal.json')).toEqual(yaml.scenario);
  });

  it('stores dates as ISO strings, whether YAML gives a string or a timestamp', () => {
    const scenario = scenarioOf(
      `${VALID}target: { backlog: 1, date: 2024-12-31 }\ncalendar: [{ from: 2024-07-01, to: 2024-07-07, scale: 0 }]\n`,
    );
    expect([scenario.start, scenario.target?.date, scenario.calendar[0]?.from]).toEqual([
      '2024-01-01',
      '2024-12-31',
      '2024-07-01',
    ]);
    // A YAML 1.1 document reads an unquoted date as a timestamp.
    const old = scenarioOf(`%YAML 1.1\n---\n${VALID}`);
    expect(old.start).toBe('2024-01-01');
  });

  it('returns a deeply frozen result', async () => {
    const loaded = await load(`${FIXTURES}/extends/base.yaml`);
    const { scenario } = loaded;
    for (const value of [
      loaded,
      loaded.files,
      scenario,
      scenario.lanes,
      scenario.lanes[0],
      scenario.capacity.policy,
      scenario.calendar[0],
      scenario.initialBacklog,
      scenario.initialBacklog.regular,
      scenario.target,
    ]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(() => {
      (scenario.lanes[0] as { share: number }).share = 1;
    }).toThrow(TypeError);
  });

  it('hashes the resolved scenario: the same scenario in any key order gives the same hash', async () => {
    const base = await load(`${FIXTURES}/minimal.yaml`);
    expect(base.hash).toMatch(/^[0-9a-f]{64}$/);
    // The JSON twin writes its keys in another order (initialBacklog last, grantRate before share).
    const reordered = resolveScenario(
      {
        initialBacklog: { lanes: { slow: 20 } },
        lanes: { quick: { grantRate: 0.5, share: 0.25 }, slow: { grantRate: 0.1, share: 0.75 } },
        capacity: { perWeek: 6 },
        inflow: { meanPerWeek: 5 },
        horizonWeeks: 10,
        start: '2024-01-01',
        name: 'minimal',
      },
      'inline',
    );
    expect(reordered.ok && reordered.value).toEqual(base.scenario);
    const again = await load(`${FIXTURES}/minimal.yaml`);
    expect(again.hash).toBe(base.hash);
    const json = await load(`${FIXTURES}/minimal.json`);
    expect(json.hash).toBe(base.hash);
    const other = await loadScenario(`${FIXTURES}/minimal.yaml`, { seed: 2 });
    expect(other.ok && other.value.hash).not.toBe(base.hash);
  });

  it('applies overrides before the checks', async () => {
    const loaded = await loadScenario(`${FIXTURES}/minimal.yaml`, { horizonWeeks: 5, seed: 99, replications: 7 });
    expect(
      loaded.ok && [loaded.value.scenario.horizonWeeks, loaded.value.scenario.seed, loaded.value.scenario.replications],
    ).toEqual([5, 99, 7]);
    // An override supplies a field the file lacks.
    expect(scenarioOf(edit('horizonWeeks: 52\n', ''), 'x.yaml', { horizonWeeks: 8 }).horizonWeeks).toBe(8);
  });
});

describe('resolveScenario checks a document built in code', () => {
  const doc = {
    start: new Date(Date.UTC(2024, 0, 1)),
    horizonWeeks: 4,
    inflow: { meanPerWeek: 3 },
    capacity: { perWeek: 3 },
    lanes: { only: { share: 1, grantRate: 0.5 } },
    description: undefined,
  };

  it('accepts Date objects and ignores undefined keys', () => {
    const resolved = resolveScenario(doc, 'code/example.yaml');
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.value.start).toBe('2024-01-01');
    expect(resolved.value.name).toBe('example');
    expect(resolved.value.description).toBeNull();
  });

  it('reports problems without line numbers', () => {
    const resolved = resolveScenario(
      { ...doc, horizonWeeks: 'four', lanes: { only: { share: 0.5, grantRate: 0.5 } } },
      'inline',
    );
    expect(resolved.ok ? [] : resolved.issues.map(formatIssue)).toEqual([
      'inline: horizonWeeks: must be a whole number, got "four" (an integer in [1, 5200])',
      'inline: lanes: shares of the lanes sum to 0.5 (they must sum to 1)',
    ]);
  });

  it('cannot follow extends', () => {
    const resolved = resolveScenario({ ...doc, extends: 'base.yaml' }, 'inline');
    expect(resolved.ok ? [] : resolved.issues.map(formatIssue)).toEqual([
      'inline: extends: cannot be followed for a document given in code (loadScenario(path) for a file that extends another)',
    ]);
  });

  it('cannot read calendar files, and drops variants as a file without #name does', () => {
    const withCalendars = resolveScenario({ ...doc, calendars: ['nl-2024.yaml'] }, 'inline');
    expect(withCalendars.ok ? [] : withCalendars.issues.map(formatIssue)).toEqual([
      'inline: calendars[0]: cannot be read for a document given in code (loadScenario(path) for calendar files)',
    ]);
    const withVariants = resolveScenario({ ...doc, variants: { longer: { horizonWeeks: 8 } } }, 'inline');
    expect(withVariants.ok && withVariants.value.horizonWeeks).toBe(4);
  });

  it('reports a hole in a list (a sparse array) as an empty value', () => {
    const period = { from: '2024-01-08', to: '2024-01-09', scale: 0 };
    const calendar = [period];
    calendar[2] = period;
    const resolved = resolveScenario({ ...doc, calendar }, 'inline');
    expect(resolved.ok ? [] : resolved.issues.map(formatIssue)).toEqual([
      'inline: calendar[1]: must be a mapping, got an empty value (a mapping with from, to, scale (and optionally label))',
    ]);
  });
});

describe('field settings (overrides.set)', () => {
  it('set a field as a file that extends the scenario would, replacing an exclusive choice', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml', {
      set: [
        { path: 'capacity.perWeek', value: 35 },
        { path: 'lanes.incomplete.capacity.perWeek', value: 5 },
      ],
    });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.scenario.capacity.policy).toEqual({ kind: 'perWeek', perWeek: 35 });
    expect(loaded.value.scenario.lanes.find((l) => l.name === 'incomplete')!.dedicatedCapacity!.policy).toEqual({
      kind: 'perWeek',
      perWeek: 5,
    });
  });

  it('report an unknown path or a bad value naming the setting', async () => {
    const loaded = await loadScenario('scenarios/baseline-2024.yaml', {
      set: [
        { path: 'capacity.perWek', value: 35 },
        { path: 'lanes.regular.minWaitWeeks', value: -2, flag: '--lever' },
      ],
    });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map(formatIssue)).toEqual([
      'scenarios/baseline-2024.yaml: set capacity.perWek: unknown key "perWek" (did you mean "perWeek"?)',
      'scenarios/baseline-2024.yaml: --lever: must not be negative, got -2 (an integer in [0, 5200])',
    ]);
  });
});

describe('a problem with a mapping a setting only adds to', () => {
  it('points at the mapping in the file, not at the flag', async () => {
    // backtest-2023's lanes have no hoursPerDecision (the baseline's have, for its conversion to staff).
    const loaded = await loadScenario('scenarios/backtest-2023.yaml', {
      set: [
        { path: 'lanes.regular.grantRate', value: 0.4 },
        { path: 'capacity.unit', value: 'hours' },
      ],
    });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map(formatIssue)).toContain(
      'scenarios/backtest-2023.yaml:51:5: lanes.regular.hoursPerDecision: is missing; it is needed because the shared capacity counts hours (a number > 0)',
    );
  });
});
