import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserTestRuns, launchChromium } from './chromium.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_TEXT, PAGE_TEXT_KEYS } from '../../src/app/page/page-text.js';
import { reportText } from '../../src/io/report/report-text.js';
import type { Prognosis } from '../../src/run/prognosis.js';
import type { RunSummary } from '../../src/run/summary.js';
import { formatIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/index.js';
import { inFlagWords } from '../../src/cli/flag-words.js';
import { cli, ROOT } from '../cli/helpers.js';

/**
 * The what-if page as a planner uses it: opened from disk in headless
 * Chromium (Debian's, at /usr/bin/chromium), operated by keyboard, its
 * numbers checked against the command line's, in both languages, with
 * screenshots in test-output/. Skipped without Chromium unless
 * CASELOAD_BROWSER_TEST=1, as the report's browser test.
 */
const runs = browserTestRuns('what-if page browser test');

const REPS = 400;
const SEED = 11;
const FIRST = 'scenarios/options-2024/30-per-week.yaml';

/** The numbers the page shows, read from the data-* attributes its answers carry. */
async function shownNumbers(page: Page) {
  return page.evaluate(() => {
    const answers = document.getElementById('answers')!;
    const probability = answers.querySelector('[data-probability]');
    const interval = answers.querySelector('.interval');
    const rows = [...answers.querySelectorAll('#answer-end tbody tr')].map((row) => ({
      lane: row.getAttribute('data-lane'),
      values: [...row.querySelectorAll('td')].map((cell) => Number(cell.getAttribute('data-value'))),
    }));
    return {
      probability: probability === null ? null : Number(probability.getAttribute('data-probability')),
      low: interval === null ? null : Number(interval.getAttribute('data-low')),
      high: interval === null ? null : Number(interval.getAttribute('data-high')),
      rows,
      decisions: Number(answers.querySelector('[data-decisions]')?.getAttribute('data-decisions')),
      median: answers.querySelector('path[data-series="median"]')?.getAttribute('d') ?? null,
    };
  });
}

/** What the page should show for a run summary (`caseload run --json`). */
function expectedNumbers(summary: RunSummary) {
  const row = (lane: string, q: { p5: number; p50: number; p95: number }, all: boolean) => {
    const lead = all ? summary.leadTimeDays.all : summary.leadTimeDays.byLane[lane]!;
    const decided = all ? summary.decisions.total : summary.decisions.byLane[lane]!;
    return { lane, values: [q.p5, q.p50, q.p95, lead.mean, lead.p90, decided] };
  };
  return {
    probability: summary.target!.probability,
    low: summary.target!.interval!.low,
    high: summary.target!.interval!.high,
    rows: [
      ...summary.lanes.map((lane) => row(lane, summary.endBacklog.byLane[lane]!, false)),
      row('total', summary.endBacklog.total, true),
    ],
    decisions: summary.decisions.total,
  };
}

/** Waits until the answers shown are for the values on the page (nothing pending). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const status = document.getElementById('status');
    const answers = document.getElementById('answers');
    const refused = document.getElementById('refused');
    return (
      status !== null &&
      !status.classList.contains('stale') &&
      answers !== null &&
      !answers.classList.contains('stale') &&
      (answers.querySelector('#answer-end') !== null || refused?.hidden === false)
    );
  });
}

/** Types a value into a control's number input by keyboard, as a person does: focus, select all, type, Tab. */
async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await page.focus(`#c-${id}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

/**
 * The visible text of the page from its catalog: without the charts' own
 * labels, the scenarios' names (the user's words, in the files' language) and
 * the language switch (which names the other language in that language, for
 * whoever reads it).
 */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.getElementById('app')!.cloneNode(true) as HTMLElement;
    for (const element of copy.querySelectorAll('svg, [hidden], #language, #preset')) element.remove();
    const data = JSON.parse(document.getElementById('caseload-data')!.textContent!) as {
      presets: { label: string }[];
    };
    return data.presets.reduce((text, { label }) => text.split(label).join(' '), copy.textContent ?? '');
  });
}

/** Whether a catalog fragment shows in a text as words of its own (`Total` is not in `Totale`). */
function shows(text: string, fragment: string): boolean {
  const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u').test(text);
}

/** The fixed parts of a catalog string (around its placeholders) long enough to mean something. */
function fragments(text: string): string[] {
  return text
    .split(/\{[a-zA-Z]+\}/)
    .map((part) => part.trim())
    .filter((part) => part.length >= 4);
}

describe.runIf(runs)('the what-if page in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  const screenshots = join(ROOT, 'test-output');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caseload-app-'));
    await mkdir(screenshots, { recursive: true });
    file = join(dir, 'what-if.html');
    const made = await cli(
      'app',
      FIRST,
      'scenarios/options-2024/variants.yaml#inflow-rises-10',
      'scenarios/shared-staff-hire.yaml',
      '--reps',
      String(REPS),
      '--seed',
      String(SEED),
      '--quiet',
      '--out',
      file,
    );
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the page, recording console errors, page errors and every request. */
  async function open(
    viewport = { width: 1366, height: 768 },
    init?: () => void,
  ): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    if (init !== undefined) await page.addInitScript(init);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await settled(page);
    return { page, errors, requests };
  }

  /** `caseload run --json` of a scenario that sets these values on FIRST. */
  async function reference(values: string, name: string): Promise<{ path: string; summary: RunSummary }> {
    const path = join(dir, `${name}.yaml`);
    await writeFile(path, `extends: ${join(ROOT, FIRST)}\nreplications: ${REPS}\nseed: ${SEED}\n${values}`);
    const run = await cli('run', path, '--json', '--quiet');
    expect(run.stderr).toBe('');
    return { path, summary: JSON.parse(run.stdout) as RunSummary };
  }

  it('opens from file:// with no network request and no console error, and shows the file’s answers', async () => {
    const { page, errors, requests } = await open();
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !/^(file|blob|data):/.test(url))).toEqual([]);
    expect(await page.isHidden('#main-thread')).toBe(true);
    const { summary } = await reference('', 'as-in-file');
    const shown = await shownNumbers(page);
    expect({ ...shown, median: undefined }).toEqual({ ...expectedNumbers(summary), median: undefined });
    await page.close();
  });

  it('by keyboard, inflow 28 and capacity 35 a week update the chart and the target to caseload run’s numbers; the download reproduces them', async () => {
    const { page, errors } = await open();
    const before = await shownNumbers(page);
    await typeInto(page, 'inflow', '28');
    await typeInto(page, 'capacity', '35');
    await settled(page);
    const after = await shownNumbers(page);
    expect(after.median).not.toBe(before.median);
    expect(after.probability).not.toBe(before.probability);
    const { summary } = await reference('inflow: { meanPerWeek: 28 }\ncapacity: { perWeek: 35 }\n', 'typed');
    expect({ ...after, median: undefined }).toEqual({ ...expectedNumbers(summary), median: undefined });
    expect(await page.getAttribute('[data-control="inflow"]', 'class')).toContain('changed');
    await page.screenshot({ path: join(screenshots, 'app-1366x768.png') });

    // The downloaded scenario, saved beside the file it extends, validates and gives the same numbers.
    const copy = join(dir, 'scenarios');
    await cp(join(ROOT, 'scenarios'), copy, { recursive: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-scenario')]);
    expect(download.suggestedFilename()).toBe('30-per-week-what-if.yaml');
    const saved = join(copy, 'options-2024', download.suggestedFilename());
    await download.saveAs(saved);
    const validated = await cli('validate', saved);
    expect(validated.code).toBe(0);
    const run = await cli('run', saved, '--json', '--quiet');
    expect(run.code).toBe(0);
    expect({ ...after, median: undefined }).toEqual({
      ...expectedNumbers(JSON.parse(run.stdout) as RunSummary),
      median: undefined,
    });

    // The report of these values: caseload report's charts for the downloaded scenario.
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
    expect(report.suggestedFilename()).toBe('30-per-week-what-if-report.html');
    const reportFile = join(dir, report.suggestedFilename());
    await report.saveAs(reportFile);
    const fromPage = await readFile(reportFile, 'utf8');
    expect(fromPage).toMatch(/<meta name="generator" content="caseload /);
    const cliReport = join(dir, 'cli-report.html');
    expect((await cli('report', saved, '--quiet', '--out', cliReport)).code).toBe(0);
    const charts = (html: string) => [...html.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(charts(fromPage).length).toBeGreaterThanOrEqual(5);
    expect(charts(fromPage)).toEqual(charts(await readFile(cliReport, 'utf8')));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers when a case is decided as caseload prognosis does, for a case open at the start too', async () => {
    const { page, errors } = await open();
    await typeInto(page, 'inflow', '28');
    await settled(page);
    const { path } = await reference('inflow: { meanPerWeek: 28 }\n', 'prognosis');
    for (const [filed, lane] of [
      ['2024-03-04', ''],
      ['2023-10-02', 'regular'],
    ] as const) {
      await page.fill('#prognosis-filed', filed);
      await page.selectOption('#prognosis-lane', lane);
      await settled(page);
      await page.waitForSelector('#prognosis-answer li');
      const shown = await page.$$eval('#prognosis-answer li', (items) =>
        items.map((item) => ({
          lane: item.getAttribute('data-lane'),
          p50: item.getAttribute('data-p50'),
          p90: item.getAttribute('data-p90'),
        })),
      );
      const args = ['prognosis', path, '--filed', filed, '--json', '--quiet', ...(lane === '' ? [] : ['--lane', lane])];
      const cliRun = await cli(...args);
      expect(cliRun.code).toBe(0);
      const expected = JSON.parse(cliRun.stdout) as Prognosis;
      expect(shown).toEqual(
        expected.lanes.map((l) => ({ lane: l.lane, p50: l.p50?.date ?? '', p90: l.p90?.date ?? '' })),
      );
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the CLI’s message beside a control typed out of range, and no answers', async () => {
    const { page, errors } = await open();
    await typeInto(page, 'inflow', '-5');
    await page.waitForFunction(() => (document.getElementById('c-inflow-issue')?.textContent ?? '') !== '');
    const loaded = await loadScenario(join(ROOT, FIRST), { set: [{ path: 'inflow.meanPerWeek', value: -5 }] });
    expect(loaded.ok).toBe(false);
    const message = formatIssue(inFlagWords(loaded.ok ? ({} as never) : loaded.issues[0]!));
    const words = message.slice(message.indexOf('--set '));
    expect(words).toBe('--set inflow.meanPerWeek: must not be negative, got -5 (a number in [0, 100000])');
    expect(await page.textContent('#c-inflow-issue')).toBe(words);
    expect(await page.getAttribute('#c-inflow', 'aria-invalid')).toBe('true');
    expect(await page.$('#answers [data-probability]')).toBeNull();
    expect(await page.isVisible('#refused')).toBe(true);
    expect(await page.isDisabled('#download-scenario')).toBe(true);
    await page.screenshot({ path: join(screenshots, 'app-refused.png') });
    await page.keyboard.press('Shift+Tab');
    await typeInto(page, 'inflow', 'abc');
    await page.waitForFunction(() => (document.getElementById('c-inflow-issue')?.textContent ?? '').includes('abc'));
    expect(await page.textContent('#c-inflow-issue')).toContain('must be a number or a mapping, got "abc"');
    // Replications are no field: the page refuses them itself, as --reps does.
    await typeInto(page, 'replications', '1.000');
    await page.waitForFunction(() => (document.getElementById('c-replications-issue')?.textContent ?? '') !== '');
    expect(await page.textContent('#c-replications-issue')).toBe(
      '--reps: 1.000 looks like 1,000 written with a group separator; write 1000',
    );
    // The worker's word on the inflow still stands: it is as it was.
    expect(await page.textContent('#c-inflow-issue')).toContain('got "abc"');
    await page.click('#reset');
    await settled(page);
    expect(await page.textContent('#c-inflow-issue')).toBe('');
    expect(await page.textContent('#c-replications-issue')).toBe('');
    expect(await page.$('#answers [data-probability]')).not.toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders in Dutch and English with no untranslated string, keeping the values on a switch', async () => {
    expect(Object.keys(PAGE_TEXT.nl).sort()).toEqual([...PAGE_TEXT_KEYS].sort());
    const { page, errors } = await open();
    await typeInto(page, 'inflow', '27.5');
    await settled(page);
    await page.click('#language');
    await settled(page);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.inputValue('#c-inflow')).toBe('27,5');
    const dutch = await visibleText(page);
    const englishOnly = PAGE_TEXT_KEYS.filter((key) => PAGE_TEXT.en[key] !== PAGE_TEXT.nl[key]).flatMap((key) =>
      fragments(PAGE_TEXT.en[key]).filter((part) => !PAGE_TEXT.nl[key].includes(part)),
    );
    expect(englishOnly.length).toBeGreaterThan(50);
    expect(shows(dutch, PAGE_TEXT.nl.groupInflow)).toBe(true);
    expect(englishOnly.filter((part) => shows(dutch, part))).toEqual([]);
    expect(dutch).toContain(PAGE_TEXT.nl.prognosisHeading);
    expect(dutch).toMatch(/31 december 2024/);
    expect(dutch).toMatch(/\d\.\d{3}/); // 1.440: a Dutch group separator
    // The chart is the report's, in the report's words of the page's language.
    const chart = (await page.textContent('#answer-chart svg')) ?? '';
    for (const key of ['legendMedian', 'legendTarget', 'axisOpenCases', 'axisDateEndOfWeek'] as const) {
      expect(chart).toContain(reportText('nl')[key]);
      expect(shows(chart, reportText('en')[key]), key).toBe(false);
    }
    await page.screenshot({ path: join(screenshots, 'app-nl-1366x768.png') });
    await page.setViewportSize({ width: 400, height: 900 });
    await page.screenshot({ path: join(screenshots, 'app-nl-400x900.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await page.locator('#results').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'app-nl-400x900-answers.png') });

    await page.click('#language');
    await settled(page);
    const english = await visibleText(page);
    const dutchOnly = PAGE_TEXT_KEYS.filter((key) => PAGE_TEXT.en[key] !== PAGE_TEXT.nl[key]).flatMap((key) =>
      fragments(PAGE_TEXT.nl[key]).filter((part) => !PAGE_TEXT.en[key].includes(part)),
    );
    expect(dutchOnly.filter((part) => shows(english, part))).toEqual([]);
    expect(await page.inputValue('#c-inflow')).toBe('27.5');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches presets, showing the controls that apply (FTE for a staff scenario)', async () => {
    const { page, errors } = await open({ width: 400, height: 900 });
    await page.screenshot({ path: join(screenshots, 'app-400x900.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    expect(await page.$('#c-staff-fte')).toBeNull();
    await page.selectOption('#preset', '2');
    await settled(page);
    expect(await page.$('#c-capacity')).toBeNull();
    expect(await page.inputValue('#c-staff-fte')).toBe('143');
    expect(await page.textContent('[data-control="staff-fte"] .file')).toContain('151');
    await typeInto(page, 'staff-fte-change', '160');
    await settled(page);
    expect(await page.$('#answers #answer-end')).not.toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('records the time from a change to the updated chart (a figure, not a check)', async () => {
    const { page, errors } = await open();
    const figures: Record<string, number> = {};
    for (const reps of [1000, 10_000]) {
      await typeInto(page, 'replications', String(reps));
      await settled(page);
      const times: number[] = [];
      for (const inflow of [26, 27, 28]) {
        times.push(
          await page.evaluate(
            (value) =>
              new Promise<number>((resolve) => {
                const answers = document.getElementById('answers')!;
                const start = performance.now();
                const observer = new MutationObserver(() => {
                  if (!answers.classList.contains('stale') && answers.querySelector('path[data-series="median"]')) {
                    observer.disconnect();
                    resolve(performance.now() - start);
                  }
                });
                observer.observe(answers, { childList: true, attributes: true });
                const input = document.getElementById('c-inflow') as HTMLInputElement;
                input.value = String(value);
                input.dispatchEvent(new Event('input'));
              }),
            inflow,
          ),
        );
      }
      figures[`${reps} replications: ms from a change to the chart (150 ms of it the wait for more typing)`] =
        Math.round(times.sort((a, b) => a - b)[1]!);
    }
    console.log('what-if page speed (median of 3, Chromium):', figures);
    await writeFile(join(screenshots, 'app-speed.json'), `${JSON.stringify(figures, null, 2)}\n`);
    expect(Object.values(figures).every((ms) => ms > 0)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('still answers when the browser refuses a worker, on the page’s own thread, and says so', async () => {
    const { page, errors } = await open(undefined, () => {
      (window as unknown as { Worker: unknown }).Worker = undefined;
    });
    expect(await page.isVisible('#main-thread')).toBe(true);
    const { summary } = await reference('', 'as-in-file-main-thread');
    expect({ ...(await shownNumbers(page)), median: undefined }).toEqual({
      ...expectedNumbers(summary),
      median: undefined,
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
