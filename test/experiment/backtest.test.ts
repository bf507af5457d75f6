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
      { metric: 'backlog on 2024-12-29', observed: 4, simulated: 5, p5: 4, p95: 6, relativeError: 0.25 },
    ]);
  });
});
