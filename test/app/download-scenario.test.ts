import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagePreset } from '../../src/app/page-preset.js';
import { downloadScenario, fileSchedule } from '../../src/app/download-scenario.js';
import type { ScenarioChange } from '../../src/app/download-scenario.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/index.js';
import { cli, ROOT } from '../cli/helpers.js';

let scenarios = '';
beforeAll(async () => {
  // A copy of the shipped scenarios: the download is saved beside the file it extends.
  scenarios = join(await mkdtemp(join(tmpdir(), 'caseload-download-')), 'scenarios');
  await cp(join(ROOT, 'scenarios'), scenarios, { recursive: true });
});

const REPS = 200;
const SEED = 7;

/** The numbers `caseload run` prints, without the scenario's name (the download names itself a what-if). */
function numbers(summary: Record<string, unknown>) {
  const { endBacklog, decisions, grants, leadTimeDays, milestones, target, capacity, staff, spread, arrivals } =
    summary;
  return { endBacklog, decisions, grants, leadTimeDays, milestones, target, capacity, staff, spread, arrivals };
}

/**
 * Writes the download of `argument` with `changes` beside its file, checks
 * that it validates, and that `caseload run` on it prints the numbers of the
 * original run with the same settings (as the page's worker runs it).
 */
async function roundTrip(argument: string, changes: readonly ScenarioChange[]) {
  const path = join(scenarios, argument);
  const loaded = await loadScenario(path);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const preset = await pagePreset(path, loaded.value);
  const yaml = downloadScenario({ preset, changes, replications: REPS, seed: SEED, caseloadVersion: '0.0.0-test' });
  const file = join(
    path.replace(/#.*$/, '').replace(/[^/]+$/, ''),
    `what-if-${Math.random().toString(36).slice(2)}.yaml`,
  );
  await writeFile(file, yaml);
  const validated = await cli('validate', file);
  expect(validated.stderr).toBe('');
  expect(validated.code).toBe(0);
  const run = await cli('run', file, '--json', '--quiet', '--workers', '1');
  expect(run.code).toBe(0);
  const fromDownload = JSON.parse(run.stdout) as Record<string, unknown>;
  const changed = await loadScenario(path, {
    set: changes.map((c) => c.setting),
    replications: REPS,
    seed: SEED,
  });
  if (!changed.ok) throw new Error(JSON.stringify(changed.issues));
  const original = await runScenario(changed.value.scenario, { workers: 1 });
  expect(numbers(fromDownload)).toEqual(numbers(JSON.parse(JSON.stringify(original.summary))));
  return { yaml, fromDownload };
}

describe('downloadScenario', () => {
  it('writes a plain value with a comment, and caseload run reproduces the run with that setting', async () => {
    const { yaml, fromDownload } = await roundTrip('baseline-2024.yaml', [
      { setting: { path: 'inflow.meanPerWeek', value: 28 }, was: '25' },
      { setting: { path: 'capacity.perWeek', value: 35 }, was: '1,600 a year' },
    ]);
    expect(yaml).toMatch(/^extends: baseline-2024\.yaml$/m);
    expect(yaml).toMatch(/meanPerWeek: 28 # changed on the what-if page: was 25/);
    expect(yaml).toMatch(/perWeek: 35 # changed on the what-if page: was 1,600 a year/);
    expect(yaml).not.toMatch(/perYear/);
    expect(fromDownload['reps']).toBe(REPS);
    expect(fromDownload['seed']).toBe(SEED);
  });

  it('writes a dated change as the whole schedule, the file value kept from the start', async () => {
    const { yaml } = await roundTrip('baseline-2024.yaml', [
      { setting: { path: 'inflow.meanPerWeek.2024-04-01', value: 30 }, was: null },
    ]);
    expect(yaml).toMatch(/2024-01-01: 25\n/);
    expect(yaml).toMatch(/2024-04-01: 30 # added on the what-if page/);
  });

  it('adds an FTE change to a staff schedule the file already has', async () => {
    const { yaml } = await roundTrip('shared-staff-hire.yaml', [
      { setting: { path: 'capacity.staff.fte.2024-07-01', value: 160 }, was: null },
      { setting: { path: 'capacity.staff.rampUpWeeks', value: 4 }, was: '12' },
    ]);
    expect(yaml).toMatch(/2024-04-01: 151\n/);
    expect(yaml).toMatch(/2024-07-01: 160 # added/);
  });

  it('writes lane fields and uncertainty parameters', async () => {
    await roundTrip('baseline-2024.yaml', [
      { setting: { path: 'lanes.regular.minWaitWeeks', value: 3 }, was: '1' },
      { setting: { path: 'lanes.regular.grantRate', value: 0.5 }, was: '0.42' },
      { setting: { path: 'uncertainty.inflow.level.cv', value: 0.1 }, was: '0.242' },
      { setting: { path: 'target.backlog', value: 1000 }, was: '1,100' },
    ]);
  });

  it('copies a variant preset and changes it on top', async () => {
    const { yaml } = await roundTrip('options-2024/variants.yaml#inflow-rises-10', [
      { setting: { path: 'inflow.meanPerWeek.2024-08-01', value: 20 }, was: null },
      { setting: { path: 'capacity.perWeek', value: 33 }, was: '1,600 a year' },
    ]);
    expect(yaml).toMatch(/^extends: variants\.yaml$/m);
    expect(yaml).toMatch(/2024-04-01: 27\.5\n/);
    expect(yaml).toMatch(/name: Inflow \+10% from April \(what-if\)/);
  });

  it('with no change, extends the file and sets only replications and seed', async () => {
    const { yaml } = await roundTrip('baseline-2024.yaml', []);
    expect(yaml).not.toMatch(/what-if page: was/);
  });
});

describe('fileSchedule', () => {
  it('reads a staff schedule of the loaded scenario', async () => {
    const loaded = await loadScenario(join(ROOT, 'scenarios/shared-staff-hire.yaml'));
    if (!loaded.ok) throw new Error('load');
    expect(fileSchedule(loaded.value.scenario, 'capacity.staff.fte')).toEqual({ '2024-01-01': 143, '2024-04-01': 151 });
    expect(fileSchedule(loaded.value.scenario, 'capacity.perWeek')).toEqual({});
  });
});
