/**
 * Before a run, every command that runs replications estimates its memory
 * and time and stops (exit 2) when either is above the budget, saying the
 * estimate, the budget and what to do; --force runs anyway. A run estimated
 * at more than 10 seconds notes the estimate on stderr, terminal or not.
 * The budget is lowered here with CASELOAD_MEMORY_BUDGET_MB and
 * CASELOAD_TIME_BUDGET_S, so that small runs exceed it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkBudget, formatBytes, formatDuration, runBudget } from '../../src/cli/budget.js';
import { cli } from './helpers.js';

const BASELINE = 'scenarios/baseline-2024.yaml';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caseload-budget-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env['CASELOAD_MEMORY_BUDGET_MB'];
  delete process.env['CASELOAD_TIME_BUDGET_S'];
});

describe('the memory and time budget of a run', () => {
  it('a run above the memory budget stops before it starts, with the estimate, the budget and what to do', async () => {
    process.env['CASELOAD_MEMORY_BUDGET_MB'] = '20';
    const { code, stdout, stderr } = await cli('run', BASELINE, '--reps', '100', '--quiet');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^caseload: by estimate, this run would take about \d+ MB of memory, above the budget of 20 MB, set by CASELOAD_MEMORY_BUDGET_MB \(--force to run it anyway, or fewer --reps or a shorter --horizon\)\n$/,
    );
  });

  it('--force runs it anyway', async () => {
    process.env['CASELOAD_MEMORY_BUDGET_MB'] = '20';
    const { code, stdout } = await cli('run', BASELINE, '--reps', '100', '--quiet', '--force');
    expect(code).toBe(0);
    expect(stdout).toContain('Baseline 2024');
  });

  it('a run above the time budget stops too', async () => {
    process.env['CASELOAD_TIME_BUDGET_S'] = '2';
    const { code, stderr } = await cli('run', BASELINE, '--reps', '100000', '--quiet');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^caseload: by estimate, this run would take about \d+ s, above the budget of 2 s, set by CASELOAD_TIME_BUDGET_S \(--force to run it anyway, or fewer --reps or a shorter --horizon\)\n$/,
    );
  });

  it('the default budget stops the run of the issue: a backlog of 1e9 over 5,200 weeks at 100,000 a week (5.3 GB measured)', async () => {
    const file = join(dir, 'huge.yaml');
    await writeFile(
      file,
      'name: huge\nstart: 2024-01-01\nhorizonWeeks: 5200\nreplications: 10\ninflow: { meanPerWeek: 100000 }\n' +
        'capacity: { perWeek: 100000 }\ninitialBacklog: { lanes: { regular: 1000000000 } }\n' +
        'lanes:\n  regular: { share: 1, priority: 1, grantRate: 0.3 }\n',
    );
    const { code, stderr } = await cli('run', file, '--quiet', '--workers', '1');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /caseload: by estimate, this run would take about \d(\.\d)? GB of memory, above the budget of /,
    );
    expect(stderr).toContain('(--force to run it anyway, or fewer --reps or a shorter --horizon)');
  }, 60_000);

  it.each([
    [
      'compare',
      ['compare', 'scenarios/options-2024/plan-2024.yaml', 'scenarios/options-2024/30-per-week.yaml'],
      'this comparison',
    ],
    ['report', ['report', BASELINE, '--out', 'REPORT'], 'this report'],
    ['sweep', ['sweep', BASELINE, '--set', 'capacity.perYear=1500,1600'], 'this sweep'],
    ['prognosis', ['prognosis', BASELINE, '--filed', '2024-03-05'], 'this run of 52 weeks'],
    ['backtest', ['backtest', 'scenarios/backtest-2023.yaml'], 'this backtest'],
    ['monitor', ['monitor', BASELINE, '--actuals', 'scenarios/data/actuals-2024-example.csv'], 'this monitor'],
    ['run --shard', ['run', BASELINE, '--shard', '1/2', '--out', 'SHARD'], 'this shard'],
  ])('%s checks its estimate too', async (_, args, what) => {
    process.env['CASELOAD_MEMORY_BUDGET_MB'] = '20';
    const resolved = args.map((arg) =>
      arg === 'REPORT' ? join(dir, 'report.html') : arg === 'SHARD' ? join(dir, 'shard') : arg,
    );
    const { code, stderr } = await cli(...resolved, '--reps', '50', '--quiet');
    expect(code).toBe(2);
    expect(stderr).toContain(`caseload: by estimate, ${what} would take about`);
    expect(stderr).toContain('--force to run it anyway');
  });

  it('a long run notes its estimate on stderr, unless --quiet; a short one does not', () => {
    const io = () => {
      const lines: string[] = [];
      return { io: { out: () => {}, err: (text: string) => lines.push(text) }, lines };
    };
    const options = { force: false, quiet: false, what: 'this run', fewer: 'fewer --reps' };
    const budget = { bytes: 4e9, bytesFrom: '', seconds: 14_400, secondsFrom: '' };
    const long = io();
    checkBudget({ bytes: 310e6, seconds: 42, threads: 2, histograms: 0 }, options, long.io, budget);
    expect(long.lines).toEqual(['caseload: estimate: this run takes about 42 s and 310 MB of memory\n']);
    const quiet = io();
    checkBudget(
      { bytes: 310e6, seconds: 42, threads: 2, histograms: 0 },
      { ...options, quiet: true },
      quiet.io,
      budget,
    );
    expect(quiet.lines).toEqual([]);
    const short = io();
    checkBudget({ bytes: 310e6, seconds: 9, threads: 2, histograms: 0 }, options, short.io, budget);
    expect(short.lines).toEqual([]);
  });

  it('the default budget: the smaller of 4 GB and 75% of the memory, and 4 hours; a bad setting is exit 2', async () => {
    const budget = runBudget({});
    expect(budget.bytes).toBeLessThanOrEqual(4e9);
    expect(budget.seconds).toBe(4 * 3600);
    expect(budget.bytesFrom).toMatch(/^the smaller of 4 GB and 75% of this machine's \d/);
    process.env['CASELOAD_MEMORY_BUDGET_MB'] = 'lots';
    const { code, stderr } = await cli('run', BASELINE, '--reps', '10', '--quiet');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'CASELOAD_MEMORY_BUDGET_MB: must be a number > 0, got "lots" (or leave it unset for the default)\n',
    );
  });

  it('sizes and durations in words', () => {
    expect([87e6, 5.3e9, 4e9, 950e3].map(formatBytes)).toEqual(['87 MB', '5.3 GB', '4 GB', '950 kB']);
    expect([0.2, 42, 720, 9000, 14_400, 90_000].map(formatDuration)).toEqual([
      '1 s',
      '42 s',
      '12 min',
      '2.5 hours',
      '4 hours',
      '25 hours',
    ]);
  });
});
