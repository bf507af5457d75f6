import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';

/**
 * Every scenario text caseload writes must load: `calibrate --out` writes a
 * scenario file, `uncertainty` prints an uncertainty: block to paste into
 * one. Each is run back through `caseload validate`. (`run --out` writes
 * scenario.json, a record of the resolved scenario with its provenance, not
 * a scenario file: docs/cli.md says so.)
 */

const BACKTEST = 'scenarios/backtest-2023.yaml';

async function calibrated(...fit: string[]): Promise<{ out: string; result: Record<string, unknown>; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'caseload-written-'));
  const out = join(dir, 'calibrated.yaml');
  const { code, stdout, stderr } = await cli(
    'calibrate',
    BACKTEST,
    ...fit.flatMap((path) => ['--fit', path]),
    '--reps',
    '40',
    '--rounds',
    '1',
    '--workers',
    '1',
    '--out',
    out,
    '--json',
    '--quiet',
  );
  expect(code, stderr).toBe(0);
  return { out, result: JSON.parse(stdout), stderr };
}

describe('scenario files caseload writes load back', () => {
  it.each([
    [['lanes.hearing-free.share']],
    [['lanes.hearing-free.share', 'lanes.safe-country.share']],
    [['lanes.regular.grantRate']],
    [['lanes.not-considered.minWaitWeeks']],
    [['capacity.perYear', 'lanes.incomplete.share']],
  ])('calibrate --fit %j --out: validate passes, backtest runs it and finds the fitted error', async (fit) => {
    const { out, result } = await calibrated(...fit);
    const validate = await cli('validate', out);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const backtest = await cli('backtest', out, '--reps', '40', '--workers', '1', '--json', '--quiet');
    expect(backtest.code, backtest.stderr).toBe(0);
    const rows = JSON.parse(backtest.stdout).rows as { relativeError: number | null }[];
    const loss = rows.reduce((sum, row) => sum + (row.relativeError ?? 0) ** 2, 0);
    expect(loss).toBeCloseTo((result.after as { loss: number }).loss, 9);
  });

  it('the shares a calibrated file writes sum to exactly 1, and the file shows the fitted values as run', async () => {
    const { out, result } = await calibrated('lanes.hearing-free.share', 'lanes.safe-country.share');
    const text = await readFile(out, 'utf8');
    const shares = [...text.matchAll(/^ +share: ([0-9.e-]+)$/gm)].map((m) => Number(m[1]));
    expect(shares).toHaveLength(5);
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    const parameters = result.parameters as { path: string; after: number }[];
    for (const p of parameters) expect(text).toContain(`${p.path.split('.')[1]}:\n    share: ${p.after}\n`);
  });

  it('the uncertainty: block that caseload uncertainty prints, pasted into a scenario, validates', async () => {
    const printed = await cli('uncertainty', 'scenarios/data/inflow-history.csv');
    expect(printed.code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'caseload-written-'));
    const file = join(dir, 'with-block.yaml');
    await writeFile(file, `extends: ${ROOT}scenarios/baseline-2024.yaml\n${printed.stdout}`);
    const validate = await cli('validate', file);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });
});
