import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserTestRuns, launchChromium } from './chromium.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from '../../src/io/format-number.js';
import { formatInterval, formatProbability } from '../../src/io/format-probability.js';
import type { RunSummary } from '../../src/run/summary.js';
import { cli, ROOT } from '../cli/helpers.js';

/**
 * The HTML report as a person sees it: opened from disk in headless Chromium
 * (Debian's, at /usr/bin/chromium), every chart drawn with its data, no
 * console errors, no network requests, and a screenshot in test-output/.
 * CI installs Chromium and sets CASELOAD_BROWSER_TEST=1, which makes a
 * missing browser a failure; elsewhere the test is skipped without it.
 */
const runs = browserTestRuns('report browser test');

describe.runIf(runs)('the HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  const screenshots = join(ROOT, 'test-output');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caseload-report-'));
    await mkdir(screenshots, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report file, recording console errors, page errors and every request. */
  async function open(file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, errors, requests };
  }

  /** Attributes and the rendered size of each element matching a selector. */
  async function series(page: Page, selector: string) {
    return page.$$eval(selector, (elements) =>
      elements.map((element) => {
        const box = (element as unknown as { getBBox(): { width: number; height: number } }).getBBox();
        return {
          name: element.getAttribute('data-series'),
          points: Number(element.getAttribute('data-points')),
          min: Number(element.getAttribute('data-min')),
          max: Number(element.getAttribute('data-max')),
          width: box.width,
          height: box.height,
        };
      }),
    );
  }

  /** The horizontal centre of each element matching a selector, px on the page. */
  async function centresX(page: Page, selector: string): Promise<number[]> {
    return page.$$eval(selector, (elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return box.left + box.width / 2;
      }),
    );
  }

  it('draws the run of the baseline: fan with bands and target, lanes, decisions, lead times, where the band comes from', async () => {
    const file = join(dir, 'baseline.html');
    const result = await cli(
      'run',
      'scenarios/baseline-2024.yaml',
      '--reps',
      '300',
      '--workers',
      '1',
      '--quiet',
      '--json',
      '--report',
      file,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as RunSummary;
    const { page, errors, requests } = await open(file);

    expect(await page.title()).toBe('Baseline 2024: caseload report');
    expect(await page.$$eval('svg[data-chart]', (svgs) => svgs.map((svg) => svg.getAttribute('data-chart')))).toEqual([
      'fan',
      'lanes',
      'decisions',
      'lead-time',
      'variance',
      'tornado',
    ]);

    const fan = await series(page, 'svg[data-chart="fan"] [data-series]');
    const byName = new Map(fan.map((s) => [s.name, s]));
    const weeks = summary.horizonWeeks + 1;
    for (const name of ['p5-p95', 'p25-p75', 'median', 'deterministic']) {
      expect(byName.get(name)?.points, name).toBe(weeks);
      expect(byName.get(name)!.width, `${name} drawn across the chart`).toBeGreaterThan(400);
    }
    const outer = byName.get('p5-p95')!;
    const inner = byName.get('p25-p75')!;
    // The bands span the replications' spread: the outer contains the inner, and both the start and the end P5/P95.
    expect(outer.max).toBeGreaterThanOrEqual(summary.startBacklog.total);
    expect(outer.min).toBeLessThanOrEqual(summary.endBacklog.total.p5);
    expect(outer.max).toBeGreaterThanOrEqual(inner.max);
    expect(outer.min).toBeLessThanOrEqual(inner.min);
    expect(outer.height).toBeGreaterThan(inner.height);
    expect(byName.get('target')?.points).toBe(1);
    expect(await page.textContent('svg[data-chart="fan"]')).toContain('1,100');

    const lanes = await series(page, 'svg[data-chart="lanes"] [data-series]');
    expect(lanes.map((s) => s.name)).toEqual(summary.lanes.map((lane) => `lane:${lane}`));
    for (const lane of lanes) expect(lane.points).toBe(weeks);
    const decisions = await series(page, 'svg[data-chart="decisions"] [data-series]');
    expect(decisions.map((s) => [s.name, s.points])).toEqual([
      ['decisions', summary.horizonWeeks],
      ['capacity', summary.horizonWeeks],
    ]);
    const leads = await series(page, 'svg[data-chart="lead-time"] [data-series]');
    expect(leads.map((s) => s.name)).toEqual(summary.lanes.map((lane) => `lane:${lane}`));
    for (const lead of leads) expect(lead.points).toBeGreaterThan(1);

    // Tables: key figures, summary, every scenario value, provenance.
    const text = (await page.textContent('body'))!;
    expect(text).toContain(`${summary.reps} replications, seed 2024`);
    expect(await page.$$eval('#assumptions tbody tr', (rows) => rows.length)).toBe(46); // 39, and the baseline's conversion to staff (3) and hours per decision (4)
    expect(await page.textContent('#provenance')).toMatch(/[0-9a-f]{64}/);

    // The target probability with its 95% interval and the replications for +/-1 point, wherever it is printed.
    const target = summary.target!;
    const interval = target.interval!;
    const keyFigures = (await page.textContent('#key-figures'))!;
    expect(keyFigures).toContain(formatPercent(target.probability));
    expect(keyFigures).toContain(`95% interval ${formatInterval(interval)}`);
    expect(keyFigures).toContain(`about ${formatNumber(target.replicationsForOnePoint!)} replications would give ±1`);
    const probability = formatProbability(target.probability, interval);
    expect(await page.textContent('#chart-fan figcaption')).toContain(probability);
    expect(await page.textContent('svg[data-chart="fan"] .target-label')).toContain(probability);

    await checkBand(page, summary);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: join(screenshots, 'report-baseline.png'), fullPage: true });
    await (await page.$('#band'))!.screenshot({ path: join(screenshots, 'report-baseline-band.png') });
    await page.close();
  });

  /** The band section of a run with an explained uncertainty block: what it includes, the variance bars, the tornado. */
  async function checkBand(page: Page, summary: RunSummary): Promise<void> {
    const u = summary.uncertainty!;
    expect(u, 'the baseline explains its band').toBeDefined();
    expect(await page.$$eval('#band ul.band-includes li', (items) => items.map((li) => li.textContent))).toEqual(
      summary.bandIncludes,
    );
    const spread = await page.$$eval('#band table', (tables) =>
      [...tables[0]!.querySelectorAll('tbody tr')].map((row) => row.textContent),
    );
    expect(spread).toHaveLength(3);
    expect(spread[2]).toContain(formatNumber(summary.spread.endBacklog.p95));

    // Variance: one bar per source in the order of the shares, lengths in proportion and adding up to 0%..100%.
    const variance = 'svg[data-chart="variance"]';
    const bars = await series(page, `${variance} rect[data-series]`);
    expect(bars.map((bar) => bar.name)).toEqual(u.variance.shares.map((share) => `source:${share.label}`));
    const ticks = await page.$$eval(`${variance} .axis.x text`, (texts) =>
      texts.map((text) => {
        const box = text.getBoundingClientRect();
        return { label: text.textContent, x: box.left + box.width / 2 };
      }),
    );
    const zero = ticks.find((tick) => tick.label === '0%')!.x;
    const hundred = ticks.find((tick) => tick.label === '100%')!.x;
    const scale = (await page.$eval(variance, (svg) => svg.getBoundingClientRect().width)) / 720;
    const widths = bars.map((bar) => bar.width * scale);
    expect(widths.reduce((sum, w) => sum + w, 0)).toBeCloseTo(hundred - zero, 0);
    widths.forEach((w, i) => {
      expect(Math.abs(w / (hundred - zero) - u.variance.shares[i]!.share)).toBeLessThan(0.002);
    });
    const percents = await page.$$eval(`${variance} .share-percent`, (texts) => texts.map((t) => t.textContent));
    expect(percents).toHaveLength(u.variance.shares.length);
    const sum = percents.reduce((total, text) => total + Number(text!.replace('%', '')), 0);
    expect(sum).toBeCloseTo(100, 6);

    // Tornado: one row per sensitivity row, its P10 and P90 ends placed as the data on one scale with the base.
    const tornado = 'svg[data-chart="tornado"]';
    const rows = await page.$$eval(`${tornado} g.tornado-row`, (groups) =>
      groups.map((g) => g.getAttribute('data-series')),
    );
    expect(rows).toEqual(u.sensitivity.rows.map((row) => `parameter:${row.label}`));
    const p10 = await centresX(page, `${tornado} g.tornado-row line[data-end="p10"]`);
    const p90 = await centresX(page, `${tornado} g.tornado-row line[data-end="p90"]`);
    const [base] = await centresX(page, `${tornado} line.base`);
    expect(p10).toHaveLength(rows.length);
    const perCase =
      (p90[0]! - p10[0]!) / (u.sensitivity.rows[0]!.p90.endBacklogMean - u.sensitivity.rows[0]!.p10.endBacklogMean);
    expect(perCase).toBeGreaterThan(0);
    u.sensitivity.rows.forEach((row, i) => {
      expect(p10[i]! < p90[i]!, row.label).toBe(row.p10.endBacklogMean < row.p90.endBacklogMean);
      expect((p90[i]! - p10[i]!) / (row.p90.endBacklogMean - row.p10.endBacklogMean)).toBeCloseTo(perCase, 2);
      expect((base! - p10[i]!) / (u.sensitivity.base.endBacklogMean - row.p10.endBacklogMean)).toBeCloseTo(perCase, 2);
    });
    const [targetX] = await centresX(page, `${tornado} line.target`);
    expect((targetX! - p10[0]!) / (summary.target!.backlog - u.sensitivity.rows[0]!.p10.endBacklogMean)).toBeCloseTo(
      perCase,
      2,
    );
    const band = (await page.textContent('#band'))!;
    for (const row of u.sensitivity.rows) {
      expect(band).toContain(formatProbability(row.p10.probability!.probability, row.p10.probability!));
      expect(band).toContain(formatProbability(row.p90.probability!.probability, row.p90.probability!));
    }
    for (const label of u.sensitivity.notShown) expect(band).toContain(label);
  }

  it('says plainly when the band is only Poisson noise: no variance chart, no tornado', async () => {
    const file = join(dir, 'bench.html');
    const result = await cli(
      'run',
      'scenarios/bench-reference.yaml',
      '--reps',
      '200',
      '--workers',
      '1',
      '--quiet',
      '--json',
      '--report',
      file,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary.bandIncludes).toEqual(['Poisson noise of the weekly arrivals']);
    const { page, errors, requests } = await open(file);
    expect(await page.$$eval('svg[data-chart]', (svgs) => svgs.map((svg) => svg.getAttribute('data-chart')))).toEqual([
      'fan',
      'lanes',
      'decisions',
      'lead-time',
    ]);
    expect(await page.$$eval('#band ul.band-includes li', (items) => items.map((li) => li.textContent))).toEqual([
      'Poisson noise of the weekly arrivals',
    ]);
    const band = (await page.textContent('#band'))!.replace(/\s+/g, ' ');
    expect(band).toContain('The bands of the charts above include only: Poisson noise of the weekly arrivals');
    expect(band).toContain('The inflow level and the capacity are taken as known');
    expect(await page.$$eval('#band table tbody tr', (rows) => rows.length)).toBe(3);
    expect(await page.$('#chart-tornado')).toBeNull();
    expect(await page.$('#chart-variance')).toBeNull();
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await (await page.$('#band'))!.screenshot({ path: join(screenshots, 'report-bench-band.png') });
    await page.close();
  });

  it('draws a comparison: the options chart has one row per option with its interval', async () => {
    const file = join(dir, 'options.html');
    const result = await cli(
      'report',
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/30-per-week.yaml',
      'scenarios/options-2024/40-per-week.yaml',
      '--reps',
      '200',
      '--workers',
      '1',
      '--quiet',
      '--out',
      file,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`wrote the report to ${file}\n`);
    const { page, errors, requests } = await open(file);
    expect(await page.$$eval('svg[data-chart]', (svgs) => svgs.map((svg) => svg.getAttribute('data-chart')))).toEqual([
      'fan',
      'lanes',
      'decisions',
      'lead-time',
      'options',
    ]);
    const options = await series(page, 'svg[data-chart="options"] [data-series]');
    expect(options).toHaveLength(3);
    for (const option of options) {
      expect(option.points).toBe(1);
      expect(option.width).toBeGreaterThan(0);
    }
    const chartText = (await page.textContent('svg[data-chart="options"]'))!;
    expect(chartText).toMatch(/base/);
    // Capacity and cost, then the outcome: a row per option in each; then what each option changes.
    expect(
      await page.$$eval('#options table', (tables) =>
        tables.slice(0, 2).map((table) => table.querySelectorAll('tbody tr').length),
      ),
    ).toEqual([3, 3]);
    expect(await page.$$eval('#options h4', (titles) => titles.map((title) => title.textContent))).toEqual([
      '30 a week',
      '40 a week',
    ]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: join(screenshots, 'report-options.png'), fullPage: true });
    // The print style keeps every chart on the page.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.$$eval('svg[data-chart]', (svgs) =>
      svgs.map((svg) => svg.getBoundingClientRect().width),
    );
    for (const width of printed) expect(width).toBeGreaterThan(300);
    // Self-contained: no scripts, stylesheets, images or fonts to fetch.
    const html = await readFile(file, 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|url\(|@import|href="http/i);
    await page.close();
  });

  it('draws a comparison in Dutch: the same charts, Dutch words, numbers and dates', async () => {
    const file = join(dir, 'rapport.html');
    const result = await cli(
      'compare',
      'scenarios/options-2024/plan-2024.yaml',
      'scenarios/options-2024/40-per-week.yaml',
      'scenarios/options-2024/extra-triage-fte.yaml',
      '--reps',
      '200',
      '--workers',
      '1',
      '--quiet',
      '--lang',
      'nl',
      '--report',
      file,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { page, errors, requests } = await open(file);
    expect(await page.title()).toBe('Plan 2024: caseload-rapport');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.$$eval('svg[data-chart]', (svgs) => svgs.map((svg) => svg.getAttribute('data-chart')))).toEqual([
      'fan',
      'lanes',
      'decisions',
      'lead-time',
      'options',
    ]);
    // Drawn: every series has a size on the page.
    for (const drawn of await series(page, 'svg[data-chart] [data-series]')) {
      expect(drawn.width + drawn.height, String(drawn.name)).toBeGreaterThan(0);
    }
    const fan = await series(page, 'svg[data-chart="fan"] [data-series]');
    expect(fan.find((s) => s.name === 'median')?.points).toBe(53);
    expect(await page.textContent('#key-figures')).toContain('Openstaande zaken bij de start1.4401 januari 2024');
    expect(await page.textContent('svg[data-chart="fan"] .axis.x')).toContain('jan 2024');
    expect(await page.textContent('svg[data-chart="fan"] .target-label')).toMatch(
      /^doel 1\.100 op 31 dec 2024: P = \d+,\d%/,
    );
    expect(await page.textContent('#options h2')).toBe('Opties vergeleken');
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: join(screenshots, 'report-nl.png'), fullPage: true });
    await (await page.$('#charts'))!.screenshot({ path: join(screenshots, 'report-nl-charts.png') });
    await page.close();
  });
  it("draws the monitor's page: the plan's fan, the actual backlog as dots, the re-forecast as a second fan from the last dot", async () => {
    const file = join(dir, 'monitor.html');
    const result = await cli(
      'monitor',
      'scenarios/baseline-2024.yaml',
      '--actuals',
      'scenarios/data/actuals-2024-example.csv',
      '--reps',
      '200',
      '--no-capacity-search',
      '--report',
      file,
      '--quiet',
    );
    expect(result.code).toBe(0);
    const { page, errors, requests } = await open(file);
    const dots = await page.$$eval('[data-chart="fan"] g.points circle', (circles) =>
      circles.map((circle) => {
        const box = circle.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }),
    );
    expect(dots).toHaveLength(17);
    // One dot a week, left to right.
    for (let i = 1; i < dots.length; i++) expect(dots[i]!.x).toBeGreaterThan(dots[i - 1]!.x);
    const second = await series(page, '[data-chart="fan"] g.second-fan');
    expect(second).toHaveLength(1);
    expect(second[0]!.points).toBe(36);
    expect(second[0]!.width).toBeGreaterThan(200);
    expect(second[0]!.height).toBeGreaterThan(5);
    // The second fan starts where the actuals end: its left edge at the last dot, its median line through it.
    const band = await page.$eval('[data-chart="fan"] g.second-fan path.band', (path) => path.getBoundingClientRect());
    expect(Math.abs(band.left - dots.at(-1)!.x)).toBeLessThan(2);
    const verdicts = await page.$$eval('li', (items) => items.map((item) => item.textContent ?? ''));
    expect(verdicts.some((text) => text.startsWith('re-forecast: from 1,382 open on 2024-04-28'))).toBe(true);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: join(screenshots, 'report-monitor.png'), fullPage: true });
    await page.close();
  });
});
