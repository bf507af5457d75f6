/**
 * The monitor's page and outputs, with and without the re-forecast (the
 * seam: a ReforecastView handed to the page, the terminal and the JSON).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMonitor } from '../../src/io/format-monitor.js';
import { monitorCsv, monitorJson } from '../../src/io/monitor-outputs.js';
import { fanChart } from '../../src/io/report/fan-chart.js';
import { buildMonitorReport, renderMonitorReport } from '../../src/io/report/monitor-report.js';
import { parseActualsCsv } from '../../src/monitor/actuals.js';
import { monitorActuals } from '../../src/monitor/monitor-actuals.js';
import type { MonitorRun, ReforecastView } from '../../src/monitor/monitor-actuals.js';
import type { Scenario } from '../../src/scenario/types.js';
import { loadScenario } from '../../src/scenario/index.js';
import { weekEndDate } from '../../src/time/weeks.js';

const EXAMPLE = 'scenarios/data/actuals-2024-example.csv';
const PROVENANCE = {
  caseloadVersion: '0.0.0-test',
  scenarioHash: 'hash',
  files: ['scenarios/baseline-2024.yaml'],
  seed: 2024,
  replications: 300,
  deterministic: false,
};

let scenario: Scenario;
let run: MonitorRun;
beforeAll(async () => {
  const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 300 });
  if (!loaded.ok) throw new Error('the baseline does not load');
  scenario = loaded.value.scenario;
  const actuals = parseActualsCsv(readFileSync(EXAMPLE, 'utf8'), EXAMPLE, scenario);
  if (!actuals.ok) throw new Error('the example does not read');
  run = await monitorActuals(scenario, actuals.value);
});

/** A made-up re-forecast from the last actual date (Sunday 28 April, the end of week 16) to the end of the horizon. */
function reforecast(): ReforecastView {
  const points = Array.from({ length: 36 }, (_, i) => {
    const date = weekEndDate('2024-01-01', 16 + i);
    const p50 = 1382 - 2 * i;
    return { date, mean: p50, p5: p50 - 3 * i, p25: p50 - i, p50, p75: p50 + i, p95: p50 + 3 * i };
  });
  const end = points.at(-1)!;
  return {
    from: '2024-04-28',
    start: '2024-04-29',
    weeks: 35,
    deterministic: false,
    seed: 2024,
    replications: 300,
    startBacklog: { total: 1382, byLane: {} },
    startBacklogFrom: {},
    planBacklog: 1335,
    points,
    band: { date: end.date, mean: end.mean, p5: end.p5, p50: end.p50, p95: end.p95 },
    target: { backlog: 1100, date: '2024-12-31', weekEnd: end.date, probability: 0.02, interval: null },
    neededCapacity: null,
    learned: null,
    assumptions: ['A made-up assumption <of a test>.'],
    text: 'not on course for 1,100: P50 1,312 at the end of 2024',
  };
}

const page = (view: ReforecastView | null) =>
  renderMonitorReport(
    buildMonitorReport({
      file: 'scenarios/baseline-2024.yaml',
      scenario,
      run,
      reforecast: view,
      warnings: [],
      provenance: PROVENANCE,
      generated: '2024-05-01T00:00:00Z',
    }),
  );

describe('the monitor page', () => {
  it("draws the plan's fan with the actual backlog as dots, and inflow and decisions per week against their bands", () => {
    const html = page(null);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="generator" content="caseload 0.0.0-test">');
    expect(html).toContain('data-series="points" data-points="17"');
    expect(html).not.toContain('class="second-fan"');
    expect(html).toContain('data-chart="periods"');
    expect(html.match(/<g class="series" data-series="\d" data-points="17">/g)).toHaveLength(2);
    expect(html).toContain('<li><strong>inflow</strong>: inflow is inside the plan&#39;s band');
    expect(html).not.toContain('<script');
    // The same page for the same inputs.
    expect(page(null)).toBe(html);
  });

  it('the re-forecast seam: a second fan from the last actual date, in the legend, and its sentence among the verdicts', () => {
    const html = page(reforecast());
    expect(html).toContain('<g class="second-fan" data-series="second" data-points="36">');
    expect(html).toContain('re-forecast from 2024-04-28');
    expect(html).toContain(
      '<section id="reforecast">\n<h2>Re-forecast from 2024-04-28: 35 weeks from 2024-04-29, 300 replications, seed 2024</h2>\n<table class="reforecast">\n<tbody>\n<tr><th scope="row">start</th><td>1,382 open on 2024-04-28 (actual); the plan expected 1,335</td></tr>\n',
    );
    expect(html).toContain(
      '<h3>Its assumptions</h3>\n<ul class="assumptions">\n<li>A made-up assumption &lt;of a test&gt;.</li>\n</ul>',
    );
    expect(page(null)).not.toContain('id="reforecast"');
    expect(html).toContain(
      '<li><strong>re-forecast</strong>: not on course for 1,100: P50 1,312 at the end of 2024</li>',
    );
  });

  it('the terminal and the JSON show the re-forecast when there is one, and nothing of it when not', () => {
    const text = formatMonitor(run.result, 'scenarios/baseline-2024.yaml', reforecast());
    expect(text).toContain('  re-forecast  not on course for 1,100: P50 1,312 at the end of 2024\n');
    expect(text).toContain(
      '\nRe-forecast from 2024-04-28: 35 weeks from 2024-04-29, 300 replications, seed 2024\n' +
        '  start       1,382 open on 2024-04-28 (actual); the plan expected 1,335\n' +
        '  2024-12-29  P50 1,312 (P5 to P95: 1,207 to 1,417), mean 1,312\n' +
        '  target      1,100 or fewer by 2024-12-31 (the week ending 2024-12-29): 2.0%\n',
    );
    expect(formatMonitor(run.result, 'scenarios/baseline-2024.yaml')).not.toContain('e-forecast');
    expect(JSON.parse(monitorJson(run.result, { reforecast: reforecast() })).reforecast.from).toBe('2024-04-28');
    expect(Object.keys(JSON.parse(monitorJson(run.result)))).not.toContain('reforecast');
  });

  it('monitor.csv: a row per figure, the sums empty for the backlog', () => {
    const lines = monitorCsv(run.result).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 51);
    expect(lines[3]!.split(',').slice(11)).toEqual(['', '', '', '', '', '', '']);
    expect(lines[1]!.split(',').slice(0, 6)).toEqual(['2024-W01', '2024-01-01', '2024-01-07', 'inflow', 'total', '24']);
  });
});

describe('fanChart with dots and a second fan', () => {
  const data = {
    dates: ['2024-01-01', '2024-01-07', '2024-01-14'],
    p5: [1440, 1420, 1400],
    p25: [1440, 1430, 1420],
    p50: [1440, 1435, 1430],
    p75: [1440, 1440, 1440],
    p95: [1440, 1450, 1460],
    deterministic: [1440, 1435, 1430],
    target: null,
  };

  it('widens its scales to hold them, and names them in the legend', () => {
    const plain = fanChart(data);
    const both = fanChart({
      ...data,
      points: { label: 'actual backlog', dates: ['2024-01-07', '2024-01-21'], values: [1500, 1380] },
      second: {
        label: 'later',
        dates: ['2024-01-14', '2024-01-21'],
        p5: [1400, 1350],
        p50: [1430, 1400],
        p95: [1460, 1470],
      },
    });
    expect(plain).not.toContain('actual backlog');
    expect(both).toContain('data-series="points" data-points="2"');
    expect(both).toContain('data-series="second" data-points="2"');
    expect(both).toContain('>actual backlog</text>');
    expect(both).toContain('>later: median</text>');
    // The y axis reaches 1,500 (a dot) and below 1,350 (the second fan's P5); the x axis 21 January.
    expect(both).toContain('>1,500</text>');
    expect(both).toContain('>1,340</text>');
    expect(both).toContain('to 21 Jan 2024');
    expect(plain).not.toContain('>1,340</text>');
  });
});
