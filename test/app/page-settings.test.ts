import { describe, expect, it } from 'vitest';
import { pageControls } from '../../src/app/page/page-controls.js';
import { pageSettings, typedValue } from '../../src/app/page/page-settings.js';
import { PAGE_TEXT, PAGE_TEXT_KEYS } from '../../src/app/page/page-text.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';

async function scenarioOf(path: string): Promise<Scenario> {
  const loaded = await loadScenario(path);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value.scenario;
}

describe('typedValue', () => {
  it('reads numbers as --set does, a Dutch decimal comma in Dutch only, and passes anything else as typed', () => {
    expect(typedValue(' 28 ', 'en')).toBe(28);
    expect(typedValue('-5', 'en')).toBe(-5);
    expect(typedValue('0.42', 'nl')).toBe(0.42);
    expect(typedValue('27,5', 'nl')).toBe(27.5);
    expect(typedValue('27,5', 'en')).toBe('27,5');
    expect(typedValue('abc', 'en')).toBe('abc');
    expect(typedValue('', 'en')).toBe('');
  });
});

describe('pageControls', () => {
  it('shows the capacity in the unit the file counts it, and the uncertainty parameters the file has', async () => {
    const baseline = pageControls(await scenarioOf('scenarios/baseline-2024.yaml'));
    const paths = baseline.map((c) => c.path).filter((p) => p !== '');
    expect(paths).toEqual(
      expect.arrayContaining([
        'inflow.meanPerWeek',
        'capacity.perYear',
        'lanes.regular.share',
        'lanes.regular.minWaitWeeks',
        'lanes.regular.grantRate',
        'uncertainty.inflow.level.cv',
        'uncertainty.capacity.productivity.cv',
        'uncertainty.capacity.weekly.cv',
        'uncertainty.grantRates.concentration',
        'target.backlog',
        'target.date',
      ]),
    );
    expect(paths.some((p) => p.startsWith('capacity.staff') || p === 'capacity.perWeek')).toBe(false);
    expect(paths).not.toContain('uncertainty.shares.concentration');
    const staff = pageControls(await scenarioOf('scenarios/shared-staff-hire.yaml'));
    // The file schedules FTE: the control sets the start's date, so that April's stays.
    expect(staff.find((c) => c.id === 'staff-fte')).toMatchObject({
      path: 'capacity.staff.fte.2024-01-01',
      fileValue: 143,
      fileSchedule: [{ date: '2024-04-01', value: 151 }],
    });
    expect(staff.find((c) => c.id === 'staff-ramp-up')?.fileValue).toBe(12);
    expect(staff.some((c) => c.path.startsWith('capacity.per'))).toBe(false);
    expect(staff.some((c) => c.group === 'target')).toBe(false);
  });

  it('every label and unit is a key of both catalogs', async () => {
    for (const control of pageControls(await scenarioOf('scenarios/shared-staff-hire.yaml'))) {
      expect(PAGE_TEXT_KEYS).toContain(control.label);
      expect(PAGE_TEXT.nl[control.unit]).not.toBe('');
    }
  });
});

describe('pageSettings', () => {
  it('sets only what differs from the file, a change from a date at its date, and refuses replications that are no number', async () => {
    const controls = pageControls(await scenarioOf('scenarios/baseline-2024.yaml'));
    expect(pageSettings(controls, {}, 'en').set).toEqual([]);
    expect(pageSettings(controls, { inflow: '25', 'lane-3-grant-rate': '0.42' }, 'en').set).toEqual([]);
    const changed = pageSettings(
      controls,
      { inflow: '28', 'inflow-change': '30', 'inflow-change-date': '2024-06-03', capacity: 'abc', replications: '500' },
      'en',
    );
    expect(changed.set).toEqual([
      { path: 'inflow.meanPerWeek', value: 28, flag: 'set inflow.meanPerWeek' },
      { path: 'inflow.meanPerWeek.2024-06-03', value: 30, flag: 'set inflow.meanPerWeek.2024-06-03' },
      { path: 'capacity.perYear', value: 'abc', flag: 'set capacity.perYear' },
    ]);
    expect(changed.changes.map((c) => c.was)).toEqual(['25', null, '1600']);
    expect(changed.controlOf.get('set inflow.meanPerWeek.2024-06-03')).toBe('inflow-change');
    expect(changed.replications).toBe(500);
    expect(changed.refused.size).toBe(0);
    expect(pageSettings(controls, { seed: 'x' }, 'en').refused.get('seed')).toMatchObject({
      file: '--seed',
      problem: 'must be a number, got "x"',
    });
    // As --reps and --set say it: a group separator is not read as a decimal point.
    expect(pageSettings(controls, { replications: '1.000' }, 'nl').refused.get('replications')?.problem).toBe(
      '1.000 looks like 1,000 written with a group separator; write 1000',
    );
    expect(pageSettings(controls, { capacity: '1.600' }, 'nl').refused.get('capacity')).toMatchObject({
      field: 'set capacity.perYear',
      problem: '"1.600" looks like 1,600 written with a group separator (a dot is a decimal point)',
      allowed: 'write 1600, or 1.6 for 1.6',
    });
    expect(pageSettings(controls, { inflow: '27.5' }, 'nl').refused.size).toBe(0);
  });
});
