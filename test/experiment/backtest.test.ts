import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestRows } from '../../src/experiment/backtest.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/index.js';
import { cli } from '../cli/helpers.js';

describe('caseload backtest', () => {
  it('sets the 2023 run against the published 2023 figures', async () => {
    const { code, stdout } = await cli('backtest', 'scenarios/backtest-2023.yaml', '--reps', '300', '--quiet');
    expect(code).toBe(0);
    expect(stdout).toMatch(/decisions\s+1,530\s+1,530\s+0\.0%/);
    expect(stdout).toContain('backlog on 2023-12-30');
    for (const lane of ['safe-country', 'incomplete', 'not-considered'])
      expect(stdout).toContain(`mean lead time ${lane}, days`);
    expect(stdout).toContain('Largest error:');
  });

  it('marks the figures the scenario fixes by its inputs: decisions = its capacity, the end backlog = start + inflow - capacity', async () => {
    const { code, stdout } = await cli('backtest', 'scenarios/backtest-2023.yaml', '--reps', '200', '--quiet');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n {2}decisions\s+1,530\s+1,530\s+0\.0% \(fixed\)\n/);
    expect(stdout).toMatch(/\n {2}backlog on 2023-12-30\s+1,440\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[-+]\d\.\d% \(fixed\)\n/);
    expect(stdout).toMatch(/\n {2}mean lead time, days\s+343\s+\d+\s+[-+]\d+\.\d%\n/);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain("(fixed): the scenario's own inputs give the published figure");
    expect(text).toContain('decisions: the capacity is 1,530 decisions');
    expect(text).toContain('start 1,580 + expected inflow 1,390 - capacity 1,530 = 1,440');
    const json = JSON.parse(
      (await cli('backtest', 'scenarios/backtest-2023.yaml', '--reps', '50', '--json', '--quiet')).stdout,
    );
    expect(json.rows.map((row: { fixedBy: unknown }) => row.fixedBy)).toEqual([
      { by: 'capacity', capacity: 1530 },
      { by: 'balance', startBacklog: 1580, arrivals: 1390, capacity: 1530 },
      null,
      null,
      null,
      null,
    ]);
  });

  it('a capacity other than the published decisions fixes nothing: the rows are errors again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-backtest-'));
    const file = join(dir, 'more.yaml');
    await writeFile(file, `extends: ${process.cwd()}/scenarios/backtest-2023.yaml\ncapacity:\n  perYear: 1600\n`);
    const { code, stdout } = await cli('backtest', file, '--reps', '100', '--json', '--quiet');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout).rows;
    expect(rows.every((row: { fixedBy: unknown }) => row.fixedBy === null)).toBe(true);
    expect(rows[0].relativeError).toBeCloseTo(70 / 1530, 2);
  });

  it('--json gives every figure with its relative error', async () => {
    const { stdout } = await cli('backtest', 'scenarios/backtest-2023.yaml', '--reps', '200', '--json', '--quiet');
    const json = JSON.parse(stdout);
    expect(json.rows.map((r: { metric: string }) => r.metric)).toEqual([
      'decisions',
      'backlog on 2023-12-30',
      'mean lead time, days',
      'mean lead time safe-country, days',
      'mean lead time incomplete, days',
      'mean lead time not-considered, days',
    ]);
    for (const row of json.rows)
      expect(row.relativeError).toBeCloseTo((row.simulated - row.observed) / row.observed, 12);
    expect(json.rows[1].p5).toBeLessThanOrEqual(json.rows[1].simulated);
  });

  it('recovers figures the engine itself produced (a synthetic history)', async () => {
    // "Observe" one seed's run, then backtest the same scenario with another seed: the errors are Monte-Carlo noise only.
    const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 2000, seed: 5 });
    if (!loaded.ok) throw new Error('baseline does not load');
    const truth = (await runScenario(loaded.value.scenario, { workers: 1 })).summary;
    const dir = await mkdtemp(join(tmpdir(), 'caseload-backtest-'));
    const file = join(dir, 'synthetic.yaml');
    await writeFile(
      file,
      [
        `extends: ${process.cwd()}/scenarios/baseline-2024.yaml`,
        'observed:',
        `  decisions: ${truth.decisions.total}`,
        `  endBacklog: ${truth.endBacklog.total.mean}`,
        `  meanLeadTimeDays: ${truth.leadTimeDays.all.mean}`,
        '  leadTimeDays:',
        ...Object.entries(truth.leadTimeDays.byLane).map(([lane, lead]) => `    ${lane}: ${lead.mean}`),
      ].join('\n'),
    );
    const { stdout, code } = await cli('backtest', file, '--reps', '2000', '--seed', '6', '--json', '--quiet');
    expect(code).toBe(0);
    for (const row of JSON.parse(stdout).rows) expect(Math.abs(row.relativeError), row.metric).toBeLessThan(0.02);
  });

  it('a scenario without observed: or with an unknown lane in it is an input error', async () => {
    const none = await cli('backtest', 'scenarios/baseline-2024.yaml');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('scenarios/baseline-2024.yaml: observed: is missing');
    const dir = await mkdtemp(join(tmpdir(), 'caseload-backtest-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      `extends: ${process.cwd()}/scenarios/baseline-2024.yaml\nobserved:\n  leadTimeDays:\n    regulr: 300\n`,
    );
    const bad = await cli('backtest', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('observed.leadTimeDays.regulr: no lane named "regulr"');
  });

  it('backtestRows leaves out figures the block does not give', () => {
    const summary = {
      decisions: { total: 10 },
      end: '2024-12-29',
      endBacklog: { total: { mean: 5, p5: 4, p95: 6 } },
      leadTimeDays: { all: { mean: 70 }, byLane: {} },
    };
    const rows = backtestRows(summary as never, {
      decisions: null,
      endBacklog: 4,
      meanLeadTimeDays: null,
      leadTimeDaysByLane: {},
      source: null,
    });
    expect(rows).toEqual([
      { metric: 'backlog on 2024-12-29', observed: 4, simulated: 5, p5: 4, p95: 6, relativeError: 0.25, fixedBy: null },
    ]);
  });
});
