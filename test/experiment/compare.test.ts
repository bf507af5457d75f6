import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareOptions } from '../../src/experiment/compare-options.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { cli } from '../cli/helpers.js';

/** Without the baseline's uncertainty block: the pairing checks below are exact for a known plan. */
async function scenario(file: string, replications = 400): Promise<Scenario> {
  const loaded = await loadScenario(file, { replications, seed: 11, uncertainty: false });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value.scenario;
}

describe('compareOptions', () => {
  it('runs each option exactly as a run of its own with the same seed would', async () => {
    const base = await scenario('scenarios/options-2024/plan-2024.yaml');
    const option = await scenario('scenarios/options-2024/extra-triage-fte.yaml');
    const [a, b] = await compareOptions(
      [
        { label: 'base', scenario: base },
        { label: 'triage', scenario: option },
      ],
      { seed: 11, replications: 400 },
    );
    expect(a!.summary).toEqual((await runScenario(base)).summary);
    expect(b!.summary).toEqual((await runScenario(option)).summary);
  });

  it('pairs replications: 30 a week is exactly 40 above 1,600 a year in every replication', async () => {
    // Capacity is never idle, so the end backlog is 1,440 + arrivals - capacity and the arrivals are shared.
    const [, thirty] = await compareOptions(
      [
        { label: 'plan', scenario: await scenario('scenarios/options-2024/plan-2024.yaml') },
        { label: '30', scenario: await scenario('scenarios/options-2024/30-per-week.yaml') },
      ],
      { seed: 11, replications: 400 },
    );
    expect(thirty!.endBacklog!.interval()).toEqual({ mean: 40, low: 40, high: 40, halfWidth: 0 });
    expect(thirty!.endBacklog!.probabilityBelow()).toBe(0);
    // Unpaired, the same runs would leave an interval of about 2 x 1.96 x sqrt(1,300 / 400) wide.
    expect(thirty!.endBacklog!.unpairedInterval().halfWidth).toBeGreaterThan(4);
  });

  it('common random numbers make the paired interval narrower than the unpaired one', async () => {
    const [, triage] = await compareOptions(
      [
        { label: 'plan', scenario: await scenario('scenarios/options-2024/plan-2024.yaml') },
        { label: 'triage', scenario: await scenario('scenarios/options-2024/extra-triage-fte.yaml') },
      ],
      { seed: 11, replications: 400 },
    );
    const paired = triage!.endBacklog!.interval();
    const unpaired = triage!.endBacklog!.unpairedInterval();
    expect(paired.halfWidth).toBeGreaterThan(0);
    expect(unpaired.halfWidth / paired.halfWidth).toBeGreaterThan(2);
    expect(paired.mean).toBeCloseTo(unpaired.mean, 9);
    // One extra triage FTE lowers the end backlog, with certainty at this size.
    expect(paired.high).toBeLessThan(0);
    expect(triage!.endBacklog!.probabilityBelow()).toBe(1);
  });
});

describe('caseload compare', () => {
  it('prints a table per option and what other work types lose with a shared staff pool', async () => {
    const { code, stdout } = await cli(
      'compare',
      'scenarios/shared-staff.yaml',
      'scenarios/shared-staff-first-applications-first.yaml',
      '--reps',
      '200',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Total backlog at the end');
    expect(stdout).toContain('Lead time by lane, days (mean / P90)');
    expect(stdout).toMatch(/first-applications\s/);
    expect(stdout).toContain('FTE');
  });

  it('fits 100 columns, however many options and however long their names, every figure kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-compare-'));
    const names = [
      'Shared staff, first applications first and everything else after it',
      'Eight more FTE hired in April who need a quarter to learn the work',
      'A',
      'Faster hearing-free decisions',
      'Shared staff with Christmas',
      'Another option with a long name',
      'Eight',
    ];
    const files = await Promise.all(
      names.map(async (name, i) => {
        const file = join(dir, `option-${i}.yaml`);
        await writeFile(
          file,
          `extends: ${process.cwd()}/scenarios/shared-staff.yaml\nname: ${name}\ncapacity:\n  staff:\n    fte: ${140 + i}\n`,
        );
        return file;
      }),
    );
    for (const args of [
      [
        'scenarios/options-2024/plan-2024.yaml',
        ...['30-per-week', '40-per-week', 'capacity-follows-inflow', 'extra-triage-fte', 'faster-hearing-free'].map(
          (name) => `scenarios/options-2024/${name}.yaml`,
        ),
      ],
      [
        'scenarios/shared-staff.yaml',
        'scenarios/shared-staff-first-applications-first.yaml',
        'scenarios/shared-staff-hire.yaml',
      ],
      ['scenarios/shared-staff.yaml', ...files],
    ]) {
      const { code, stdout } = await cli('compare', ...args, '--reps', '20', '--quiet');
      expect(code).toBe(0);
      // A file path is never broken: only a line of one word may be longer.
      const long = stdout.split('\n').filter((line) => line.length > 100 && line.trim().includes(' '));
      expect(long, args.join(' ')).toEqual([]);
      // Every figure of the comparison is printed: each option's end backlog, change and decisions by lane.
      const json = JSON.parse((await cli('compare', ...args, '--reps', '20', '--json', '--quiet')).stdout);
      for (const option of json.options) {
        expect(stdout).toContain(Math.round(option.summary.endBacklog.total.p95).toLocaleString('en-US'));
        if (option.change !== null) {
          const mean: number = option.change.endBacklog.paired.mean;
          const text = mean.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
          expect(stdout).toContain(`${mean > 0 ? '+' : ''}${text} (`);
        }
      }
    }
  });

  it('gives the same result on 1 and 2 worker threads', async () => {
    const args = ['compare', 'scenarios/options-2024/variants.yaml', '--reps', '5000', '--json', '--quiet'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('--json has each option with its summary and its paired and unpaired intervals', async () => {
    const { code, stdout } = await cli(
      'compare',
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/30-per-week.yaml',
      'scenarios/options-2024/extra-triage-fte.yaml',
      '--reps',
      '200',
      '--seed',
      '3',
      '--no-uncertainty',
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ base: 'Plan 2024', seed: 3, reps: 200, horizonWeeks: 52 });
    expect(json.options).toHaveLength(3);
    expect(json.options[0].change).toBeNull();
    expect(json.options[1].change.endBacklog.paired).toMatchObject({ mean: 40, halfWidth: 0 });
    expect(json.options[2].change.endBacklog.unpaired.halfWidth).toBeGreaterThan(
      json.options[2].change.endBacklog.paired.halfWidth,
    );
    // The triage FTE beside the plan's own 1,600 decisions in staff (the baseline's conversion: 13.22 h a decision, 21.6 h an FTE).
    expect(json.options[2].staff.fte).toBeCloseTo(1 + ((1600 / 52) * 13.22) / 21.6, 9);
    // Its hours: the triage FTE's 21.6 beside the plan's, which common random numbers keep the same.
    expect(json.options[2].staff.hoursPerWeek - json.options[0].staff.hoursPerWeek).toBeCloseTo(21.6, 1);
    expect(json.options[2].summary.endBacklog.total.mean).toBeLessThan(json.options[0].summary.endBacklog.total.mean);
  });

  it('an option over other weeks, or a bad file, is an input error with exit code 2', async () => {
    const horizon = await cli('compare', 'scenarios/baseline-2024.yaml', 'scenarios/backtest-2023.yaml', '--quiet');
    expect(horizon.code).toBe(2);
    expect(horizon.stderr).toContain('scenarios/backtest-2023.yaml: horizonWeeks: covers 52 weeks from 2023-01-01');
    const missing = await cli('compare', 'scenarios/baseline-2024.yaml', 'scenarios/nope.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('scenarios/nope.yaml');
    const reps = await cli('compare', 'scenarios/baseline-2024.yaml', 'scenarios/plan-30-40.yaml', '--reps', 'lots');
    expect(reps.code).toBe(2);
    expect(reps.stderr).toContain('--reps');
  });
});
