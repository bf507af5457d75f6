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
    const { code, stdout, stderr } = await cli('monitor', BASELINE, '--actuals', EXAMPLE, '--quiet', '--no-reforecast');
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
    const { code, stdout } = await cli(
      'monitor',
      BASELINE,
      '--actuals',
      EXAMPLE,
      '--quiet',
      '--no-uncertainty',
      '--no-reforecast',
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      "  inflow     inflow has run above plan for 9 weeks: +21% (cumulative +47 cases, +11%, above the\n             plan's P95 since 2024-W15)\n",
    );
    expect(stdout).toContain('its bands hold only the luck of the weekly draws around the');
  });

  it('--json --no-reforecast: the result with stable keys, the re-forecast absent, the break as a warning', async () => {
    const { code, stdout, stderr } = await cli(
      'monitor',
      BASELINE,
      '--actuals',
      EXAMPLE,
      '--quiet',
      '--json',
      '--no-reforecast',
    );
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
    expect(html).toContain('<g class="second-fan" data-series="second" data-points="36">');
    const reforecastCsv = (await readFile(join(out, 'reforecast.csv'), 'utf8')).split('\n');
    expect(reforecastCsv[0]).toBe('date,week,backlog_mean,backlog_p5,backlog_p25,backlog_p50,backlog_p75,backlog_p95');
    expect(reforecastCsv[1]).toBe('2024-04-28,,1382,1382,1382,1382,1382,1382');
    expect(reforecastCsv[2]).toMatch(/^2024-05-05,0,[\d.]+,/);
    expect(reforecastCsv).toHaveLength(1 + 36 + 1);
    expect(html).toContain('breaks conservation by -12 cases in 2024-W11');

    const again = await cli(...args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds an earlier result');
    const forced = await cli(...args, '--force');
    expect(forced.stderr).toBe(BREAK_WARNING);
    expect(forced.code).toBe(0);

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

describe('caseload monitor: the re-forecast from the last actual date', () => {
  const json = async (...flags: string[]) => {
    const { code, stdout, stderr } = await cli(
      'monitor',
      BASELINE,
      '--actuals',
      EXAMPLE,
      '--quiet',
      '--json',
      ...flags,
    );
    expect(stderr).toBe(BREAK_WARNING);
    expect(code).toBe(0);
    return JSON.parse(stdout).reforecast;
  };

  it('from the actual backlog on 28 April: its band, the chance of 1,100, the capacity it needs; in JSON and words', async () => {
    const view = await json('--reps', '200');
    expect(Object.keys(view)).toEqual([
      'from',
      'start',
      'weeks',
      'deterministic',
      'seed',
      'replications',
      'startBacklog',
      'startBacklogFrom',
      'planBacklog',
      'points',
      'band',
      'target',
      'neededCapacity',
      'learned',
      'assumptions',
      'text',
    ]);
    expect(view).toMatchObject({
      from: '2024-04-28',
      start: '2024-04-29',
      weeks: 35,
      replications: 200,
      learned: null,
    });
    expect(view.startBacklog.total).toBe(1382);
    expect(Object.values(view.startBacklog.byLane).reduce((a: number, b) => a + (b as number), 0)).toBe(1382);
    expect(view.points).toHaveLength(36);
    expect(view.points[0]).toEqual({
      date: '2024-04-28',
      mean: 1382,
      p5: 1382,
      p25: 1382,
      p50: 1382,
      p75: 1382,
      p95: 1382,
    });
    expect(view.band.date).toBe('2024-12-29');
    expect(view.band.p5).toBeLessThan(view.band.p50);
    expect(view.band.p50).toBeLessThan(view.band.p95);
    expect(view.target).toMatchObject({ backlog: 1100, date: '2024-12-31', weekEnd: '2024-12-29' });
    expect(view.target.interval.low).toBeLessThanOrEqual(view.target.probability);
    expect(view.target.interval.high).toBeGreaterThanOrEqual(view.target.probability);
    // The capacity for 90% is above what is in effect, and reaches 90% by its interval's lower bound.
    expect(view.neededCapacity).toMatchObject({ lever: 'perWeek', confidence: 0.9, cannotTell: false });
    expect(view.neededCapacity.value).toBeGreaterThan(view.neededCapacity.inEffect);
    expect(view.neededCapacity.probabilityInterval.low).toBeGreaterThanOrEqual(0.9);
    expect(view.text).toMatch(
      /^from 1,382 open on 2024-04-28 \(the plan expected [\d,]+\); the backlog on 2024-12-29 is P50 /,
    );
    expect(view.assumptions.length).toBeGreaterThan(3);
  });

  it('--learn: the inflow level and capacity measured over the last 13 weeks, with their cv; --learn 8 over 8', async () => {
    const view = await json('--reps', '100', '--learn', '--no-capacity-search');
    expect(view.neededCapacity).toBeNull();
    expect(view.learned).toMatchObject({ weeks: 13, from: '2024-01-29', to: '2024-04-28', days: 91 });
    // 13 weeks of the example's inflow, 374 cases, against the plan's expected 325.
    expect(view.learned.inflow).toMatchObject({ actual: 374, points: 13 });
    expect(view.learned.inflow.factor).toBeCloseTo(374 / view.learned.inflow.planned, 12);
    expect(view.learned.inflow.factor).toBeGreaterThan(1.1);
    expect(view.learned.inflow.cv).toBeGreaterThanOrEqual(Math.sqrt(374) / 374);
    const eight = await json('--reps', '100', '--learn', '8', '--no-capacity-search');
    expect(eight.learned).toMatchObject({ weeks: 8, from: '2024-03-04', days: 56 });
  });

  it('--backlog-ages: the open cases by arrival month replace the ages (and counts) of the lanes it gives', async () => {
    const ages = await actualsFile('ages.csv', 'date,regular\n2023-10-01,400\n2023-11-01,500\n2023-12-01,441\n');
    const view = await json('--reps', '100', '--no-capacity-search', '--backlog-ages', ages);
    expect(view.startBacklogFrom.regular).toBe('ages');
    expect(view.startBacklog.byLane.regular).toBe(1341);
    expect(view.assumptions).toContain('The backlog of regular and its ages come from the backlog-by-age file.');
  });

  it('no re-forecast when the actuals reach the end of the horizon, with a note', async () => {
    const rows = Array.from({ length: 52 }, (_, w) => {
      const day = new Date(Date.UTC(2024, 0, 1 + 7 * w)).toISOString().slice(0, 10);
      return `${day},25`;
    });
    const file = await actualsFile('year.csv', `date,inflow\n${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await cli('monitor', BASELINE, '--actuals', file, '--json', '--reps', '100');
    expect(code).toBe(0);
    expect(stderr).toContain('caseload: no re-forecast: the actuals reach the end of the horizon (2024-12-29)');
    expect(Object.keys(JSON.parse(stdout))).not.toContain('reforecast');
  });

  it('bad options of the re-forecast: exit 2, one message each, nothing run', async () => {
    const flags = async (...given: string[]) => {
      const result = await cli('monitor', BASELINE, '--actuals', EXAMPLE, '--quiet', ...given);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr;
    };
    expect(await flags('--learn', '0')).toBe(
      '--learn: must be 1 to 520 weeks, got 0 (a number of weeks, or --learn alone for 13)\n',
    );
    expect(await flags('--learn', 'x')).toContain('--learn: ');
    expect(await flags('--confidence', '1.5')).toBe(
      '--confidence: must be between 0 and 1, got 1.5 (a probability such as 0.9)\n',
    );
    expect(await flags('--lever', 'hours')).toBe(
      '--lever: must be perWeek or fte, got "hours" (perWeek (decisions a week) or fte (staff FTE))\n',
    );
    expect(await flags('--no-reforecast', '--learn', '4')).toBe(
      '--learn: is an option of the re-forecast, and --no-reforecast leaves it out (--learn without --no-reforecast)\n',
    );
    const ages = await actualsFile('bad-ages.csv', 'date,reguler,regular\n2024-04-01,3,4\n');
    expect((await flags('--backlog-ages', ages)).replaceAll(`${ages}:`, 'FILE:')).toBe(
      [
        'FILE:1:6: reguler: is not a lane of the scenario (its lanes: incomplete, hearing-free, safe-country, regular) (did you mean "regular"?)',
        '',
      ].join('\n'),
    );
    const late = await actualsFile('late-ages.csv', 'date,regular\n2024-04-01,3\n2024-05-01,4\n');
    expect((await flags('--backlog-ages', late)).replaceAll(`${late}:`, 'FILE:')).toBe(
      [
        'FILE:2:1: date: the month of 2024-04-01 does not end before the start 2024-04-29 (arrival months before the start: the backlog is what is open at the start)',
        'FILE:3:1: date: the month of 2024-05-01 does not end before the start 2024-04-29 (arrival months before the start: the backlog is what is open at the start)',
        '',
      ].join('\n'),
    );
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
