import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/experiment/calibrate.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/index.js';
import { cli } from '../cli/helpers.js';

const FILE = 'scenarios/backtest-2023.yaml';

describe('caseload calibrate', () => {
  it('reduces the error against the observed figures, the same way with the same seed', async () => {
    const request = {
      file: FILE,
      fit: ['lanes.not-considered.minWaitWeeks', 'lanes.safe-country.minWaitWeeks'],
      replications: 200,
      workers: 1,
    };
    const first = await calibrate(request);
    const again = await calibrate(request);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(first.value.after.loss).toBeLessThan(first.value.before.loss / 2);
    expect(again.value).toEqual(first.value);
    for (const p of first.value.parameters) expect(Number.isInteger(p.after)).toBe(true);
  });

  it('fits a lane share and keeps the shares summing to 1', async () => {
    const result = await calibrate({
      file: FILE,
      fit: ['lanes.hearing-free.share'],
      replications: 100,
      workers: 1,
      rounds: 1,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const shares = result.value.settings.filter((s) => s.path.endsWith('.share')).map((s) => s.value as number);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(result.value.after.loss).toBeLessThanOrEqual(result.value.before.loss);
  });

  it('writes a calibrated scenario that extends the original and reproduces the fitted error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-calibrate-'));
    const out = join(dir, 'fitted.yaml');
    const { code, stdout } = await cli(
      'calibrate',
      FILE,
      '--fit',
      'lanes.not-considered.minWaitWeeks',
      '--reps',
      '200',
      '--workers',
      '1',
      '--out',
      out,
      '--json',
      '--quiet',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(await readFile(out, 'utf8')).toContain('extends: ');
    const fitted = await loadScenario(out);
    expect(fitted.ok).toBe(true);
    if (!fitted.ok) return;
    expect(fitted.value.scenario.lanes.find((l) => l.name === 'not-considered')!.minWaitWeeks).toBe(
      result.parameters[0].after,
    );
    const backtest = JSON.parse(
      (await cli('backtest', out, '--reps', '200', '--workers', '1', '--json', '--quiet')).stdout,
    );
    const loss = backtest.rows.reduce((sum: number, row: { relativeError: number }) => sum + row.relativeError ** 2, 0);
    expect(loss).toBeCloseTo(result.after.loss, 9);
  });

  it('bad arguments are input errors with exit code 2', async () => {
    const unknown = await cli('calibrate', FILE, '--fit', 'lanes.not-considerd.minWaitWeeks');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--fit');
    const none = await cli('calibrate', FILE);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--fit: is required');
    const noObserved = await cli('calibrate', 'scenarios/baseline-2024.yaml', '--fit', 'lanes.regular.minWaitWeeks');
    expect(noObserved.code).toBe(2);
    expect(noObserved.stderr).toContain('observed: is missing');
  });
});

describe('calibrate warns when a fitted value sits on a bound', () => {
  async function extending(lines: string[]): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'caseload-bound-'));
    const file = join(dir, 'bound.yaml');
    await writeFile(file, [`extends: ${process.cwd()}/${FILE}`, ...lines].join('\n'));
    return file;
  }

  it("on the field's own bound: a wait that would have to be below 0 weeks", async () => {
    // A lead time of 1 day cannot be reached: the fit walks the wait down to 0, the lowest allowed.
    const file = await extending(['observed:', '  leadTimeDays:', '    not-considered: 1']);
    const result = await calibrate({
      file,
      fit: ['lanes.not-considered.minWaitWeeks'],
      replications: 40,
      workers: 1,
      rounds: 1,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.parameters[0]).toMatchObject({
      after: 0,
      onBound: { kind: 'field', side: 'lowest', value: 0 },
    });
    expect(result.value.warnings).toHaveLength(1);
    expect(formatIssue(result.value.warnings[0]!)).toMatch(
      /^fit: lanes\.not-considered\.minWaitWeeks: the fitted value 0 sits at the lowest value the field allows \(0\)/,
    );
    const printed = await cli('calibrate', file, '--fit', 'lanes.not-considered.minWaitWeeks', '--reps', '40');
    expect(printed.code).toBe(0);
    expect(printed.stderr).toContain(
      'warning: --fit: lanes.not-considered.minWaitWeeks: the fitted value 0 sits at the lowest value the field allows (0)',
    );
  });

  it('at the edge of the range searched: decisions far above what a quarter to four times the capacity gives', async () => {
    // The backtest with only decisions observed, and a capacity far below them.
    const text = await readFile(FILE, 'utf8');
    const dir = await mkdtemp(join(tmpdir(), 'caseload-bound-'));
    const file = join(dir, 'edge.yaml');
    await writeFile(
      file,
      `${text.slice(0, text.indexOf('\nobserved:') + 1).replace('perYear: 1530', 'perYear: 500')}observed: { decisions: 2500 }\n`,
    );
    const result = await calibrate({ file, fit: ['capacity.perYear'], replications: 40, workers: 1, rounds: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [fitted] = result.value.parameters;
    expect(fitted!.onBound).toEqual({ kind: 'search', side: 'highest', value: 2000, range: { low: 125, high: 2000 } });
    expect(fitted!.after).toBeGreaterThan(1950);
    expect(formatIssue(result.value.warnings[0]!)).toContain(
      'sits at the highest end of the range its last search covered (125 to 2000, a quarter to four times the value the search started from): the best value may lie beyond it (more `rounds`',
    );
  });

  it('no warning for a value inside both', async () => {
    const result = await calibrate({
      file: FILE,
      fit: ['lanes.safe-country.minWaitWeeks'],
      replications: 100,
      workers: 1,
      rounds: 1,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.parameters[0]!.onBound).toBeNull();
    expect(result.value.warnings).toEqual([]);
  });

  it('refuses to fit the share of every lane: one must take up the rest', async () => {
    const result = await calibrate({
      file: FILE,
      fit: ['incomplete', 'not-considered', 'hearing-free', 'safe-country', 'regular'].map((l) => `lanes.${l}.share`),
      replications: 10,
    });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      "fit: fits the share of every lane: the shares must sum to 1, so one lane's share must be left to take up the rest (the shares of all lanes but one at most)",
    ]);
  });
});

describe('calibration on a synthetic history', () => {
  it('recovers the parameter the history was generated with', async () => {
    // The history: the baseline with safe-country cases waiting at least 7 weeks, seed 5.
    const truth = await loadScenario('scenarios/baseline-2024.yaml', {
      replications: 1000,
      seed: 5,
      set: [{ path: 'lanes.safe-country.minWaitWeeks', value: 7 }],
    });
    if (!truth.ok) throw new Error('does not load');
    const history = (await runScenario(truth.value.scenario, { workers: 1 })).summary;
    const dir = await mkdtemp(join(tmpdir(), 'caseload-synthetic-'));
    const file = join(dir, 'synthetic.yaml');
    await writeFile(
      file,
      [
        `extends: ${process.cwd()}/scenarios/baseline-2024.yaml`,
        'observed:',
        `  decisions: ${history.decisions.total}`,
        `  endBacklog: ${history.endBacklog.total.mean}`,
        `  meanLeadTimeDays: ${history.leadTimeDays.all.mean}`,
        '  leadTimeDays:',
        ...Object.entries(history.leadTimeDays.byLane).map(([lane, lead]) => `    ${lane}: ${lead.mean}`),
      ].join('\n'),
    );
    // Calibrate from the baseline's 4 weeks, with another seed: it finds 7.
    const result = await calibrate({
      file,
      fit: ['lanes.safe-country.minWaitWeeks'],
      replications: 1000,
      seed: 6,
      workers: 1,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.parameters[0]).toMatchObject({ before: 4, after: 7, onBound: null });
    expect(result.value.warnings).toEqual([]);
  });
});
