import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../src/experiment/run-sweep.js';
import type { SweepResult } from '../../src/experiment/run-sweep.js';
import { parseSweepGrid } from '../../src/experiment/sweep-grid.js';
import type { SweepGrid } from '../../src/experiment/sweep-grid.js';
import { formatSweepTable, SWEEP_COLUMNS, sweepCsv } from '../../src/io/sweep-outputs.js';
import { formatIssue } from '../../src/scenario/errors.js';

const BASELINE = 'scenarios/baseline-2024.yaml';
const LANES = ['incomplete', 'hearing-free', 'safe-country', 'regular'];

function grid(...flags: string[]): SweepGrid {
  const parsed = parseSweepGrid(flags);
  if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
  return parsed.value;
}

async function sweep(flags: string[], options = {}): Promise<SweepResult> {
  // Without the baseline's uncertainty block: the exact steps of a known plan.
  const result = await runSweep(BASELINE, grid(...flags), {
    replications: 200,
    workers: 1,
    uncertainty: false,
    ...options,
  });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}

describe('runSweep on the baseline over capacity.perWeek=28..32:2', () => {
  let result: SweepResult;
  const progress: string[] = [];
  beforeAll(async () => {
    result = await sweep(['capacity.perWeek=28..32:2'], {
      onStart: (_: unknown, n: number) => progress.push(`start ${n}`),
      onRow: (_: unknown, i: number, n: number) => progress.push(`${i + 1}/${n}`),
    });
  });

  it('one row per value, in order, with the same seed and replications', () => {
    expect(result.parameters).toEqual(['capacity.perWeek']);
    expect(result.rows.map((r) => r.values)).toEqual([
      { 'capacity.perWeek': 28 },
      { 'capacity.perWeek': 30 },
      { 'capacity.perWeek': 32 },
    ]);
    expect([result.scenario, result.seed, result.reps]).toEqual(['Baseline 2024', 2024, 200]);
    for (const { summary } of result.rows) expect([summary.seed, summary.reps]).toEqual([2024, 200]);
    expect(progress).toEqual(['start 3', '1/3', '2/3', '3/3']);
  });

  it('the deterministic end is exactly 1,440 + 52 x 25 - 52 x perWeek (capacity is never idle)', () => {
    for (const { values, summary } of result.rows) {
      expect(summary.deterministicEndBacklog.total).toBe(1440 + 52 * 25 - 52 * (values['capacity.perWeek'] as number));
    }
  });

  it('with common random numbers the end backlog falls by exactly 2 x 52 per step, in every replication', () => {
    const [a, b, c] = result.rows.map((r) => r.summary);
    expect(a!.endBacklog.total.mean).toBeGreaterThan(b!.endBacklog.total.mean);
    expect(b!.endBacklog.total.mean).toBeGreaterThan(c!.endBacklog.total.mean);
    // Same inflow in every combination and no idle capacity: each replication ends 104 lower.
    expect(a!.endBacklog.total.mean - b!.endBacklog.total.mean).toBeCloseTo(104, 9);
    expect(b!.endBacklog.total.p50 - c!.endBacklog.total.p50).toBeCloseTo(104, 9);
    expect(a!.arrivals.total).toBe(c!.arrivals.total);
    expect(a!.decisions.total).toBeCloseTo(52 * 28, 9);
  });

  it('the CSV: a column per path, the documented columns, a mean per lane, one row per combination', () => {
    const lines = sweepCsv(result).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'capacity.perWeek,end_mean,end_p5,end_p25,end_p50,end_p75,end_p95,deterministic_end,decisions,grants,lead_mean_days,lead_p50_days,lead_p90_days,target_probability,target_probability_low,target_probability_high,' +
        'staff_fte,staff_hours_per_week,staff_cost,cost_per_decision,' +
        LANES.map((lane) => `end_mean_${lane}`).join(','),
    );
    expect(lines).toHaveLength(4);
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i]!, cell])));
    expect(rows.map((r) => r['capacity.perWeek'])).toEqual(['28', '30', '32']);
    expect(rows.map((r) => r['deterministic_end'])).toEqual(['1284', '1180', '1076']);
    rows.forEach((row, i) => {
      const s = result.rows[i]!.summary;
      expect(Number(row['end_mean'])).toBeCloseTo(s.endBacklog.total.mean, 3);
      expect(Number(row['target_probability'])).toBeCloseTo(s.target!.probability, 3);
      const lanes = LANES.reduce((sum, lane) => sum + Number(row[`end_mean_${lane}`]), 0);
      expect(lanes).toBeCloseTo(s.endBacklog.total.mean, 2);
    });
    expect(SWEEP_COLUMNS).toHaveLength(19);
  });

  it('the table: a row per combination with the settings, end backlog, target probability, decisions and lead times', () => {
    const text = formatSweepTable(result, BASELINE);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Baseline 2024 (scenarios/baseline-2024.yaml): sweep of 3 combinations');
    expect(lines[1]).toBe('200 replications each, seed 2024 for every combination; 52 weeks, 2024-01-01 to 2024-12-29');
    expect(text).toContain('Target: total backlog <= 1,100 by 2024-12-31 (end of week 51, ISO 2024-W52)');
    const header = lines.findIndex((line) => line.includes('P5-P95'));
    expect(lines[header]!.trim().split(/\s+/)).toEqual([
      'capacity.perWeek',
      'mean',
      'P5-P95',
      'P50',
      'P(target)',
      'decisions',
      'lead',
      'mean',
      'P90',
    ]);
    expect(lines[header + 1]).toMatch(
      /^\s+28\s+1,2\d\d\s+1,\d{3}-1,\d{3}\s+1,2\d\d\s+\d+\.\d% \(\d+\.\d-\d+\.\d%\)\s+1,456\s+\d+\s+\d+$/,
    );
    expect(lines[header + 3]).toMatch(/^\s+32\s+1,0\d\d\s/);
    expect(lines.slice(header + 1).filter((line) => line.trim() !== '')).toHaveLength(3);
  });
});

describe('runSweep problems', () => {
  it("an unknown path: the loader's did-you-mean, once, and nothing runs", async () => {
    let ran = 0;
    const result = await runSweep(BASELINE, grid('capacity.perWek=28..32:2', 'inflow.meanPerWeek=20,25'), {
      replications: 10,
      onRow: () => ran++,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      'scenarios/baseline-2024.yaml: set capacity.perWek=28..32:2: unknown key "perWek" (did you mean "perWeek"?)',
    ]);
    expect(ran).toBe(0);
  });

  it('a value only some combinations have wrong is reported for each bad value, naming the setting', async () => {
    const result = await runSweep(BASELINE, grid('lanes.regular.grantRate=-0.2..0.4:0.2'), { replications: 10 });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'scenarios/baseline-2024.yaml: set lanes.regular.grantRate=-0.2..0.4:0.2: must not be negative, got -0.2 [with lanes.regular.grantRate=-0.2] (a number in [0, 1])',
    ]);
  });

  it('a problem that does not name the setting says in which combinations it arises', async () => {
    // bench-reference's lanes have no hoursPerDecision (the baseline's have, for its conversion to staff).
    const NO_HOURS = 'scenarios/bench-reference.yaml';
    const alone = await runSweep(NO_HOURS, grid('capacity.unit=hours'), { replications: 10 });
    expect(alone.ok ? [] : alone.issues.map(formatIssue)[0]).toMatch(
      /hoursPerDecision: .*counts hours \(a number > 0\)$/,
    );
    const some = await runSweep(NO_HOURS, grid('lanes.regular.grantRate=0.4', 'capacity.unit=decisions,hours,hours'), {
      replications: 10,
    });
    expect(some.ok ? [] : some.issues.map(formatIssue)).toHaveLength(4);
    for (const line of some.ok ? [] : some.issues.map(formatIssue))
      expect(line).toMatch(/ \[with capacity\.unit=hours\] \(a number > 0\)$/);
    const result = await runSweep(NO_HOURS, grid('capacity.unit=decisions,hours', 'inflow.meanPerWeek=20,25'), {
      replications: 10,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.issues.map(formatIssue);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^scenarios\/bench-reference\.yaml:\d+:\d+: lanes\.incomplete\.hoursPerDecision: .* \[with capacity\.unit=hours\] \(/,
    );
  });

  it('a problem of the sum of two settings names the one that, changed alone, clears it', async () => {
    const result = await runSweep(BASELINE, grid('lanes.regular.share=0.73,0.83', 'lanes.incomplete.share=0.14,0.04'), {
      replications: 10,
    });
    const lines = result.ok ? [] : result.issues.map(formatIssue);
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.includes('sum to 1.1'))).toContain('[with lanes.regular.share=0.83]');
    expect(lines.find((line) => line.includes('sum to 0.9'))).toContain('[with lanes.incomplete.share=0.04]');
  });

  it('a file that cannot be read is one problem, not one per combination', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-sweep-'));
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'start: 2024-01-01\nhorizonWeeks: -3\n');
    const missing = await runSweep(join(dir, 'none.yaml'), grid('capacity.perWeek=1..50'));
    expect(missing.ok ? 0 : missing.issues.length).toBe(1);
    const invalid = await runSweep(bad, grid('capacity.perWeek=1..50'));
    expect(
      invalid.ok ? [] : invalid.issues.map(formatIssue).filter((line) => line.includes('horizonWeeks')),
    ).toHaveLength(1);
  });
});

describe('runSweep with text values', () => {
  it('passes text to the loader as a field value', async () => {
    const result = await sweep(['target.date=2024-06-30,2024-12-31'], { replications: 50 });
    expect(result.rows.map((r) => r.summary.target!.week)).toEqual([25, 51]);
    expect(sweepCsv(result).split('\n')[1]!.startsWith('2024-06-30,')).toBe(true);
  });
});

describe('a scenario without a target', () => {
  it('leaves target_probability empty in the CSV and the P(target) column out of the table', async () => {
    const parsed = parseSweepGrid(['capacity.staff.productiveShare=0.55,0.65']);
    if (!parsed.ok) throw new Error('grid');
    const result = await runSweep('scenarios/shared-staff.yaml', parsed.value, { replications: 30, workers: 1 });
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const [header, ...rows] = sweepCsv(result.value).trimEnd().split('\n');
    const column = header!.split(',').indexOf('target_probability');
    expect(rows.map((row) => row.split(',')[column])).toEqual(['', '']);
    expect(formatSweepTable(result.value, 'shared-staff.yaml')).not.toContain('P(target)');
    expect(formatSweepTable(result.value, 'shared-staff.yaml')).not.toContain('Target:');
  });
});
