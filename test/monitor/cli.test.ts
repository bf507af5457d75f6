import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, spawnCli } from '../cli/helpers.js';

const BASELINE = 'scenarios/baseline-2024.yaml';
const EXAMPLE = 'scenarios/data/actuals-2024-example.csv';
const BREAK_WARNING =
  'warning: scenarios/data/actuals-2024-example.csv:18: backlog: breaks conservation by -12 cases in 2024-W11: 1,381 open, but 1,396 (the period before) + inflow 28 - decisions 31 = 1,393 (a difference within 7 cases (0.5% of the backlog before, at least 1); the figures are compared as given, nothing is corrected)\n';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caseload-monitor-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** An actuals file in the test's folder. */
async function actualsFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('caseload monitor', () => {
  it('prints the verdicts, each figure against its band, the cumulative deviation, and warns of a break of conservation', async () => {
    const { code, stdout, stderr } = await cli('monitor', BASELINE, '--actuals', EXAMPLE, '--quiet');
    expect(code).toBe(0);
    expect(stderr).toBe(BREAK_WARNING);
    expect(stdout).toMatch(
      /^Baseline 2024 \(scenarios\/baseline-2024\.yaml\) against the actuals in\nscenarios\/data\/actuals-2024-example\.csv: 17 weeks, 2024-01-01 to 2024-04-28 \(source: invented for\nthe example, not IND figures\)\n/,
    );
    expect(stdout).toContain(
      "\nVerdicts\n  inflow     inflow is inside the plan's band: cumulative +47 cases (+11%) over 17 weeks from\n",
    );
    expect(stdout).toContain('above plan for the last 9 weeks\n             (+21%)\n');
    expect(stdout).toContain(
      '\n  period      measure  actual     P5    P50    P95  status  sum  deviation  share  sum status\n  2024-W01     inflow      24     13     24     40  inside   24         -1  -4.3%      inside\n',
    );
    expect(stdout).toContain('\n  2024-W11  total   1,396      28         31     1,393    1,381    -12    18\n');
  });

  it('--no-uncertainty: the plan taken as known flags the drift of the inflow', async () => {
    const { code, stdout } = await cli('monitor', BASELINE, '--actuals', EXAMPLE, '--quiet', '--no-uncertainty');
    expect(code).toBe(0);
    expect(stdout).toContain(
      "  inflow     inflow has run above plan for 9 weeks: +21% (cumulative +47 cases, +11%, above the\n             plan's P95 since 2024-W15)\n",
    );
    expect(stdout).toContain('its bands hold only the luck of the weekly draws around the');
  });

  it('--json: the result with stable keys, the re-forecast absent, the break as a warning', async () => {
    const { code, stdout, stderr } = await cli('monitor', BASELINE, '--actuals', EXAMPLE, '--quiet', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe(BREAK_WARNING);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual([
      'scenario',
      'start',
      'horizonWeeks',
      'seed',
      'replications',
      'uncertainty',
      'actuals',
      'rows',
      'verdicts',
      'conservation',
      'warnings',
    ]);
    expect(json.actuals).toEqual({
      file: EXAMPLE,
      period: 'week',
      from: '2024-01-01',
      to: '2024-04-28',
      periods: 17,
      source: 'invented for the example, not IND figures',
    });
    expect(json.rows).toHaveLength(51);
    expect(Object.keys(json.rows[0])).toEqual([
      'period',
      'from',
      'to',
      'line',
      'measure',
      'lane',
      'actual',
      'plan',
      'status',
      'cumulative',
    ]);
    expect(Object.keys(json.rows[0].plan)).toEqual(['mean', 'p5', 'p25', 'p50', 'p75', 'p95']);
    expect(Object.keys(json.rows[0].cumulative)).toEqual([
      'from',
      'periods',
      'actual',
      'plan',
      'deviation',
      'share',
      'status',
    ]);
    expect(json.rows[2].cumulative).toBeNull();
    expect(json.verdicts.map((v: { measure: string }) => v.measure)).toEqual(['inflow', 'decisions', 'backlog']);
    expect(Object.keys(json.verdicts[0])).toEqual([
      'measure',
      'lane',
      'period',
      'status',
      'outsideSince',
      'run',
      'deviation',
      'share',
      'text',
    ]);
    expect(json.conservation).toEqual([
      {
        line: 18,
        period: '2024-W11',
        lane: 'total',
        before: 1396,
        beforeFrom: 'actuals',
        inflow: 28,
        decisions: 31,
        backlog: 1381,
        break: -12,
        tolerance: 6.98,
      },
    ]);
    expect(json.warnings).toHaveLength(1);
    expect(json.warnings[0]).toMatchObject({ file: EXAMPLE, line: 18, field: 'backlog' });
  });

  it('writes monitor.csv (--out) and the page (--report), replaces them only with --force', async () => {
    const out = join(dir, 'out');
    const report = join(dir, 'monitor.html');
    const args = ['monitor', BASELINE, '--actuals', EXAMPLE, '--quiet', '--out', out, '--report', report];
    expect((await cli(...args)).code).toBe(0);
    const csv = await readFile(join(out, 'monitor.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'period,period_start,period_end,measure,lane,actual,plan_mean,plan_p5,plan_p50,plan_p95,status,cumulative_actual,cumulative_plan_mean,cumulative_plan_p5,cumulative_plan_p95,cumulative_deviation,cumulative_deviation_share,cumulative_status',
    );
    expect(csv.split('\n')).toHaveLength(53);
    expect(csv.split('\n')[3]).toMatch(
      /^2024-W01,2024-01-01,2024-01-07,backlog,total,1436,[\d.]+,[\d.]+,[\d.]+,[\d.]+,inside,,,,,,,$/,
    );
    const html = await readFile(report, 'utf8');
    expect(html).toContain('<meta name="generator" content="caseload ');
    expect(html).toContain('data-chart="fan"');
    expect(html).toContain('data-series="points" data-points="17"');
    expect(html).toContain('data-chart="periods"');
    expect(html).not.toContain('data-series="second"');
    expect(html).toContain('breaks conservation by -12 cases in 2024-W11');

    const again = await cli(...args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds an earlier result');
    expect((await cli(...args, '--force')).code).toBe(0);

    const nl = await cli(
      'monitor',
      BASELINE,
      '--actuals',
      EXAMPLE,
      '--quiet',
      '--out',
      join(dir, 'nl'),
      '--csv-dialect',
      'nl',
    );
    expect(nl.code).toBe(0);
    const nlText = await readFile(join(dir, 'nl', 'monitor.csv'), 'utf8');
    expect(nlText).toMatch(
      /^\uFEFF# caseload [^;]+;scenario: Baseline 2024;file: scenarios\/baseline-2024\.yaml;seed: 2024;replications: 1000;/,
    );
    expect(nlText.split('\r\n')[1]).toMatch(/^period;period_start;/);
  });

  it('never writes over its actuals, even with --force', async () => {
    const copy = await actualsFile('input.csv', await readFile(EXAMPLE, 'utf8'));
    const { code, stderr } = await cli('monitor', BASELINE, '--actuals', copy, '--report', copy, '--force', '--quiet');
    expect(code).toBe(2);
    expect(stderr).toContain(`--report: "${copy}" is an input of this command`);
  });

  it('--strict makes the scenario’s warnings errors, not the breaks of conservation: data corrections happen', async () => {
    const { code, stderr } = await cli('monitor', BASELINE, '--actuals', EXAMPLE, '--quiet', '--strict');
    expect(code).toBe(0);
    expect(stderr).toBe(BREAK_WARNING);
  });

  it('monthly actuals with per-lane columns: a row per month, measure and lane', async () => {
    const file = await actualsFile(
      'monthly.csv',
      'date,inflow,decisions,backlog,backlog:regular\n2024-01,110,133,1417,1290\n2024-02,100,,,\n2024-03,108,131,1370,\n',
    );
    const { code, stdout, stderr } = await cli('monitor', BASELINE, '--actuals', file, '--quiet', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(json.actuals.period).toBe('month');
    expect(
      json.rows.map((r: { period: string; measure: string; lane: string }) => `${r.period} ${r.measure} ${r.lane}`),
    ).toEqual([
      '2024-01 inflow total',
      '2024-01 decisions total',
      '2024-01 backlog total',
      '2024-01 backlog regular',
      '2024-02 inflow total',
      '2024-03 inflow total',
      '2024-03 decisions total',
      '2024-03 backlog total',
    ]);
    // The decisions' sum stops at February's blank; the inflow's runs on.
    expect(json.rows[6].cumulative).toBeNull();
    expect(json.rows[5].cumulative.periods).toBe(3);
    // A month's plan: about 31 days of 25 a week.
    expect(json.rows[0].plan.mean).toBeGreaterThan(105);
    expect(json.rows[0].plan.mean).toBeLessThan(117);
  });

  it('the same result for any number of workers, and from the built command', async () => {
    const args = ['monitor', BASELINE, '--actuals', EXAMPLE, '--quiet', '--json', '--reps', '300'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2');
    expect(two.stdout).toBe(one.stdout);
    const bin = spawnCli(...args);
    expect(bin.code).toBe(0);
    expect(bin.stdout).toBe(one.stdout);
  });
});

describe('caseload monitor: bad input, exit 2 with the file, line and column', () => {
  const bad = async (name: string, text: string, ...flags: string[]) => {
    const file = await actualsFile(name, text);
    const result = await cli('monitor', BASELINE, '--actuals', file, '--quiet', ...flags);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    return result.stderr.replaceAll(`${file}:`, 'FILE:');
  };

  it('dates outside the scenario', async () => {
    expect(await bad('early.csv', 'date,inflow\n2023-12-25,3\n2024-01-01,4\n')).toBe(
      'FILE:2:1: date: 2023-12-25 starts before the scenario does: the scenario runs from 2024-01-01 to 2024-12-29 (52 weeks) (a week from 2024-01-01 on)\n',
    );
    expect(await bad('late.csv', 'date,backlog\n2024-11,1150\n2024-12,1140\n')).toBe(
      "FILE:3:1: date: 2024-12 ends on 2024-12-31, after the scenario's horizon: the scenario runs from 2024-01-01 to 2024-12-29 (52 weeks) (a month that ends by 2024-12-29, or a horizon of at least 53 weeks (horizonWeeks))\n",
    );
    const longer = await cli('monitor', BASELINE, '--actuals', join(dir, 'late.csv'), '--quiet', '--horizon', '53');
    expect(longer.code).toBe(0);
  });

  it('periods not aligned to the weeks or months of the scenario', async () => {
    expect(await bad('tuesday.csv', 'date,inflow\n2024-01-02,3\n2024-01-09,4\n')).toContain(
      "FILE:2:1: date: 2024-01-02 is not the first day of a week of the scenario (its weeks start on Mondays: 2024-01-01 + 7k days) (a week's first day, e.g. 2024-01-01 or 2024-01-08)\n",
    );
    expect(await bad('mid-month.csv', 'date,inflow\n2024-01-15,3\n', '--period', 'month')).toBe(
      'FILE:2:1: date: 2024-01-15 is not the first day of a month, and the file is read by month (the month, 2024-01, or its first day, 2024-01-01)\n',
    );
  });

  it('negative or non-integer counts', async () => {
    expect(await bad('counts.csv', 'date,inflow,backlog\n2024-01-01,-3,1440\n2024-01-08,2.5,1440\n')).toBe(
      [
        'FILE:2:12: inflow: must not be negative, got -3 (a whole number >= 0, digits only (1440, not 1,440), or blank where unknown)',
        'FILE:3:12: inflow: must be a whole number, got 2.5 (a whole number >= 0, digits only (1440, not 1,440), or blank where unknown)',
        '',
      ].join('\n'),
    );
  });

  it('a lane column that is not a lane, an unknown column, no column of figures', async () => {
    expect(await bad('lanes.csv', 'date,inflow:reguler,decisons\n2024-01-01,20,31\n')).toBe(
      [
        'FILE:1:6: inflow:reguler: "reguler" is not a lane of the scenario (its lanes: incomplete, hearing-free, safe-country, regular) (did you mean "inflow:regular"?)',
        'FILE:1:21: decisons: is not a column of an actuals file (did you mean "decisions"?)',
        '',
      ].join('\n'),
    );
    expect(await bad('none.csv', 'date\n2024-01-01\n')).toBe(
      'FILE:1: has no column of figures (columns found: date) (date, then any of inflow, decisions and backlog (totals) and inflow:LANE, decisions:LANE, backlog:LANE (one lane))\n',
    );
  });

  it('gaps and duplicates', async () => {
    expect(await bad('gaps.csv', 'date,inflow\n2024-01-01,3\n2024-01-15,4\n2024-01-15,5\n')).toBe(
      [
        'FILE:3:1: date: gap before 2024-01-15: no row for the week from 2024-01-08 (the row before is 2024-01-01, line 2) (a row for every week from the first to the last; leave the figures blank where they are unknown)',
        'FILE:4:1: date: 2024-01-15 appears twice (also on line 3) (one row per week)',
        '',
      ].join('\n'),
    );
  });

  it('a file that cannot be read; --period that is neither week nor month; --actuals missing', async () => {
    const missing = join(dir, 'missing.csv');
    const unread = await cli('monitor', BASELINE, '--actuals', missing, '--quiet');
    expect(unread.code).toBe(2);
    expect(unread.stderr).toMatch(
      new RegExp(`^${missing.replaceAll('/', '\\/')}: cannot be read: .* \\(an actuals CSV file\\)\\n$`),
    );
    const period = await cli('monitor', BASELINE, '--actuals', EXAMPLE, '--period', 'weeks');
    expect(period.code).toBe(2);
    expect(period.stderr).toBe('--period: must be week or month, got "weeks" (week or month)\n');
    const none = await cli('monitor', BASELINE);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Missing required argument: actuals');
  });

  it('nothing is written when the actuals are bad', async () => {
    const out = join(dir, 'not-written');
    await bad('bad-for-out.csv', 'date,inflow\n2024-01-01,x\n', '--out', out);
    expect(existsSync(join(out, 'monitor.csv'))).toBe(false);
  });
});
