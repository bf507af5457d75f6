import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { weekSpan } from '../../src/io/week-labels.js';
import { cli } from '../cli/helpers.js';

describe('week labels where weeks are shown to people', () => {
  it('weekSpan says week 0 is the first week, with ISO weeks, and how weeks run when the start is no Monday', () => {
    expect(weekSpan('2024-01-01', 52)).toBe('week 0 (ISO 2024-W01) to week 51 (ISO 2024-W52)');
    expect(weekSpan('2024-01-01', 1)).toBe('week 0 (ISO 2024-W01) only');
    // 2020 has 53 ISO weeks: a scenario from 2020-12-28 starts in 2020-W53.
    expect(weekSpan('2020-12-28', 2)).toBe('week 0 (ISO 2020-W53) to week 1 (ISO 2021-W01)');
    expect(weekSpan('2024-01-03', 52)).toBe(
      'week 0 (ISO 2024-W01) to week 51 (ISO 2024-W52); weeks run Wednesday to Tuesday, each with the ISO week that holds four or more of its days',
    );
  });

  it('run: the header numbers the weeks from 0 with ISO weeks, the milestones and the target carry ISO weeks', async () => {
    const { code, stdout } = await cli('run', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'deterministic (expected values); 52 weeks, 2024-01-01 to 2024-12-29: week 0 (ISO 2024-W01) to week 51 (ISO 2024-W52)',
    );
    expect(stdout).toMatch(/date\s+week\s+ISO week\s+mean/);
    expect(stdout).toMatch(/2024-03-31\s+12\s+2024-W13\s+/);
    expect(stdout).toMatch(/2024-12-29\s+51\s+2024-W52\s+/);
    expect(stdout).toContain(
      'Target: total backlog <= 1,100 by 2024-12-31 (end of week 51, ISO 2024-W52): probability',
    );
  });

  it('run --json adds isoWeek to the milestones and the target, keeping the fields it had', async () => {
    const { code, stdout } = await cli('run', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.milestones[0]).toMatchObject({ week: 12, date: '2024-03-31', isoWeek: '2024-W13' });
    expect(Object.keys(summary.milestones[0])).toEqual(['week', 'date', 'isoWeek', 'total', 'deterministic']);
    expect(summary.target).toMatchObject({ date: '2024-12-31', week: 51, isoWeek: '2024-W52' });
  });

  it('the report: an ISO week column in the quarter-end table and a note that weeks count from 0', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'caseload-weeks-')), 'r.html');
    const { code } = await cli('report', 'scenarios/baseline-2024.yaml', '--deterministic', '--quiet', '--out', file);
    expect(code).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html).toContain('<th class="num">week</th><th class="num">ISO week</th>');
    expect(html).toMatch(/<td class="num">12<\/td><td class="num">2024-W13<\/td>/);
    expect(html).toContain('Weeks count from 0: week 0 (ISO 2024-W01) to week 51 (ISO 2024-W52)');
  });

  it('target: the target week with its ISO week', async () => {
    const { code, stdout } = await cli(
      'target',
      'scenarios/baseline-2024.yaml',
      '--backlog',
      '1100',
      '--reps',
      '50',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('by 2024-12-31 (end of week 51, ISO 2024-W52, on 2024-12-29)');
  });

  it('sweep: the target week with its ISO week', async () => {
    const { code, stdout } = await cli(
      'sweep',
      'scenarios/baseline-2024.yaml',
      '--set',
      'inflow.meanPerWeek=20,25',
      '--reps',
      '20',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('by 2024-12-31 (end of week 51, ISO 2024-W52)');
  });
});
