import { describe, expect, it } from 'vitest';
import type {
  DecisionsData,
  FanChartData,
  LeadTimeData,
  OptionsData,
  StackedLanesData,
} from '../../../src/io/report/chart-types.js';
import { decisionsChart } from '../../../src/io/report/decisions-chart.js';
import { fanChart } from '../../../src/io/report/fan-chart.js';
import { leadTimeChart } from '../../../src/io/report/lead-time-chart.js';
import { optionsChart } from '../../../src/io/report/options-chart.js';
import { stackedLanesChart } from '../../../src/io/report/stacked-lanes-chart.js';

/** The opening tag of the element with this data-series, or undefined. */
function seriesTag(svg: string, name: string): string | undefined {
  return svg.match(new RegExp(`<[a-z]+ [^>]*data-series="${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`))?.[0];
}

function attribute(tag: string | undefined, name: string): string | undefined {
  return tag?.match(new RegExp(` ${name}="([^"]*)"`))?.[1];
}

function expectContract(svg: string, chart: string, heightPx = 360): void {
  expect(svg.startsWith('<svg ')).toBe(true);
  expect(svg.endsWith('</svg>')).toBe(true);
  const root = svg.match(/^<svg [^>]*>/)?.[0] ?? '';
  expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(root).toContain(`viewBox="0 0 720 ${heightPx}"`);
  expect(root).toContain('role="img"');
  expect(root).toMatch(/aria-label="[A-Z][^"]+\."/);
  expect(root).toContain(`data-chart="${chart}"`);
  expect(root).toContain('font-family="sans-serif"');
  expect(svg).toMatch(/^<svg [^>]*><title>[^<]+<\/title>/);
  expect(svg).toContain('<g class="axis y">');
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  expect(svg).not.toMatch(/<script|href=|@import|url\(/);
  for (const size of svg.matchAll(/font-size="([\d.]+)"/g)) expect(Number(size[1])).toBeGreaterThanOrEqual(11);
  for (const text of svg.matchAll(/<text [^>]*>/g)) expect(text[0]).toContain('font-family="sans-serif"');
}

function weekDates(count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
}

const fanData: FanChartData = {
  dates: ['2024-01-01', '2024-01-07', '2024-01-14', '2024-01-21'],
  p5: [1400, 1350, 1300, 1250],
  p25: [1420, 1380, 1340, 1300],
  p50: [1440, 1400, 1360, 1320],
  p75: [1440, 1420, 1390, 1350],
  p95: [1440, 1450, 1420, 1410],
  deterministic: [1440, 1395, 1355, 1310],
  target: { backlog: 1100, date: '2024-12-31', probability: 0.12, interval: null },
};

describe('fanChart', () => {
  const svg = fanChart(fanData);

  it('keeps the contract', () => {
    expectContract(svg, 'fan');
    expect(svg).toContain('<g class="axis x">');
    expect(svg).toContain('open cases');
  });

  it('draws bands with their extent and point counts', () => {
    const outer = seriesTag(svg, 'p5-p95');
    expect(attribute(outer, 'data-points')).toBe('4');
    expect(attribute(outer, 'data-min')).toBe('1250');
    expect(attribute(outer, 'data-max')).toBe('1450');
    const inner = seriesTag(svg, 'p25-p75');
    expect(attribute(inner, 'data-min')).toBe('1300');
    expect(attribute(inner, 'data-max')).toBe('1440');
    expect(attribute(seriesTag(svg, 'median'), 'data-points')).toBe('4');
    expect(attribute(seriesTag(svg, 'deterministic'), 'data-points')).toBe('4');
    expect(attribute(seriesTag(svg, 'deterministic'), 'stroke-dasharray')).toBeDefined();
    expect(attribute(seriesTag(svg, 'median'), 'd')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3}$/);
  });

  it('marks and labels the target', () => {
    expect(attribute(seriesTag(svg, 'target'), 'data-points')).toBe('1');
    expect(svg).toContain('target 1,100 by 31 Dec 2024 (P = 12%)');
    expect(svg).toContain('>median<');
    expect(svg).toContain('>deterministic<');
  });

  it('labels the target with its 95% interval when it has one (from replications)', () => {
    const withInterval = fanChart({
      ...fanData,
      target: { ...fanData.target!, interval: { low: 0.1004, high: 0.1405 } },
    });
    expect(withInterval).toContain('target 1,100 by 31 Dec 2024: P = 12.0% (95% interval 10.0-14.1%)');
    expect(withInterval).toMatch(/aria-label="[^"]*95% interval 10\.0-14\.1%/);
    expectContract(withInterval, 'fan');
  });

  it('extends the time axis to the target date', () => {
    expect(svg).toContain('>Jan 2024<');
    expect(svg).toContain('>Dec<');
  });

  it('omits the target when there is none', () => {
    const none = fanChart({ ...fanData, target: null });
    expect(seriesTag(none, 'target')).toBeUndefined();
    expect(none).not.toContain('>target<');
    expectContract(none, 'fan');
  });

  it('is deterministic', () => {
    expect(fanChart(fanData)).toBe(svg);
  });

  it('survives a single point, all zeros and NaN', () => {
    const single = fanChart({
      dates: ['2024-01-01'],
      p5: [0],
      p25: [0],
      p50: [0],
      p75: [0],
      p95: [0],
      deterministic: [0],
      target: { backlog: 0, date: '2024-01-01', probability: 1, interval: null },
    });
    expectContract(single, 'fan');
    expect(attribute(seriesTag(single, 'median'), 'data-points')).toBe('1');
    expect(attribute(seriesTag(single, 'p5-p95'), 'data-max')).toBe('0');
    const zeros = fanChart({
      dates: weekDates(10),
      p5: Array(10).fill(0),
      p25: Array(10).fill(0),
      p50: Array(10).fill(0),
      p75: Array(10).fill(0),
      p95: Array(10).fill(0),
      deterministic: Array(10).fill(0),
      target: null,
    });
    expectContract(zeros, 'fan');
    const gaps = fanChart({
      ...fanData,
      p50: [1440, NaN, 1360, 1320],
      target: { backlog: 1100, date: 'not a date', probability: NaN, interval: { low: 0, high: 1 } },
    });
    expectContract(gaps, 'fan');
    expect(attribute(seriesTag(gaps, 'median'), 'data-points')).toBe('3');
    const empty = fanChart({ dates: [], p5: [], p25: [], p50: [], p75: [], p95: [], deterministic: [], target: null });
    expectContract(empty, 'fan');
  });
});

const lanesData: StackedLanesData = {
  dates: ['2024-01-01', '2024-01-07', '2024-01-14'],
  lanes: [
    { name: 'regular', values: [600, 580, 560] },
    { name: 'a<b&"c"', values: [100, 120, 140] },
  ],
};

describe('stackedLanesChart', () => {
  const svg = stackedLanesChart(lanesData);

  it('keeps the contract with one area per lane', () => {
    expectContract(svg, 'lanes');
    expect(attribute(seriesTag(svg, 'lane:regular'), 'data-points')).toBe('3');
    expect(attribute(seriesTag(svg, 'lane:a&lt;b&amp;&quot;c&quot;'), 'data-points')).toBe('3');
  });

  it('stacks the second lane on the first', () => {
    const top = seriesTag(svg, 'lane:a&lt;b&amp;&quot;c&quot;');
    expect(attribute(top, 'data-min')).toBe('560');
    expect(attribute(top, 'data-max')).toBe('700');
  });

  it('escapes lane names and shows them in the legend', () => {
    expect(svg).toContain('>regular<');
    expect(svg).toContain('>a&lt;b&amp;&quot;c&quot;<');
    expect(svg).not.toContain('a<b');
  });

  it('is deterministic', () => {
    expect(stackedLanesChart(lanesData)).toBe(svg);
  });

  it('survives no lanes, a single point and zeros', () => {
    const empty = stackedLanesChart({ dates: lanesData.dates, lanes: [] });
    expectContract(empty, 'lanes');
    expect(empty).not.toContain('data-series=');
    expectContract(stackedLanesChart({ dates: ['2024-01-01'], lanes: [{ name: 'x', values: [0] }] }), 'lanes');
    expectContract(stackedLanesChart({ dates: lanesData.dates, lanes: [{ name: 'x', values: [NaN, 1, 2] }] }), 'lanes');
  });
});

const decisionsData: DecisionsData = {
  dates: ['2024-01-07', '2024-01-14', '2024-01-21'],
  decisions: [20, 25, 22.5],
  capacity: [24, 24, 30],
  capacityInHours: true,
};

describe('decisionsChart', () => {
  const svg = decisionsChart(decisionsData);

  it('keeps the contract', () => {
    expectContract(svg, 'decisions');
    expect(attribute(seriesTag(svg, 'decisions'), 'data-points')).toBe('3');
    expect(attribute(seriesTag(svg, 'capacity'), 'data-points')).toBe('3');
    expect(svg.match(/<rect x=[^>]*\/>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('decisions per week');
    expect(svg).toContain('>capacity (decisions a week; hours ÷ that week&#39;s mean hours per decision)<');
  });

  it('draws the capacity as steps: one level per week, joined vertically', () => {
    const d = attribute(seriesTag(svg, 'capacity'), 'd') ?? '';
    expect(d).toMatch(/^M[\d.]+,[\d.]+H[\d.]+V[\d.]+H[\d.]+V[\d.]+H[\d.]+$/);
  });

  it('is deterministic and survives edge cases', () => {
    expect(decisionsChart(decisionsData)).toBe(svg);
    expectContract(
      decisionsChart({ dates: ['2024-01-07'], decisions: [0], capacity: [0], capacityInHours: false }),
      'decisions',
    );
    const gaps = decisionsChart({ ...decisionsData, decisions: [NaN, 1, 2], capacity: [1, NaN, 3] });
    expectContract(gaps, 'decisions');
    expect(attribute(seriesTag(gaps, 'decisions'), 'data-points')).toBe('2');
    expect(attribute(seriesTag(gaps, 'capacity'), 'data-points')).toBe('2');
    expectContract(decisionsChart({ dates: [], decisions: [], capacity: [], capacityInHours: false }), 'decisions');
  });
});

const leadTimeData: LeadTimeData = {
  lanes: [
    { name: 'regular', decidedByWeeks: [0, 2, 6, 2, 0, 0], p50Days: 17, p90Days: 24 },
    { name: 'priority', decidedByWeeks: [5, 5, 0, 0, 0, 0], p50Days: 7, p90Days: 12 },
    { name: 'dublin', decidedByWeeks: [0, 0, 0, 0, 0, 0], p50Days: NaN, p90Days: NaN },
  ],
};

describe('leadTimeChart', () => {
  const svg = leadTimeChart(leadTimeData);

  it('keeps the contract, drawing bins up to the last one used', () => {
    expectContract(svg, 'lead-time');
    expect(attribute(seriesTag(svg, 'lane:regular'), 'data-points')).toBe('4');
    expect(attribute(seriesTag(svg, 'lane:priority'), 'data-points')).toBe('4');
    expect(svg).toContain('days from filing to decision');
    expect(svg).toContain('share of decided cases');
    expect(svg).toContain('>100%<');
  });

  it('steps up at whole weeks: half the cases at 0 days, all of them at 7 days, then flat at 100%', () => {
    const d = attribute(seriesTag(svg, 'lane:priority'), 'd') ?? '';
    const points = d
      .slice(1)
      .split('L')
      .map((point) => point.split(',').map(Number));
    // The origin, then a horizontal and a vertical point per weekly bin shown.
    expect(points).toHaveLength(1 + 2 * 4);
    const [origin, , half, atWeek1, full] = points;
    const last = points.at(-1)!;
    expect(half![0]).toBe(origin![0]);
    expect(half![1]).toBeCloseTo((origin![1]! + last[1]!) / 2, 0);
    expect(atWeek1![1]).toBe(half![1]);
    expect(atWeek1![0]).toBeGreaterThan(origin![0]!);
    expect(full![0]).toBe(atWeek1![0]);
    expect(full![1]).toBe(last[1]);
  });

  it('lists a lane without decisions as "(none decided)" and draws no line or marker for it', () => {
    expect(svg).toContain('>dublin (none decided)<');
    expect(seriesTag(svg, 'lane:dublin')).toBeUndefined();
    expect(svg.match(/class="p50"/g)).toHaveLength(2);
    expect(svg.match(/class="p90"/g)).toHaveLength(2);
  });

  it('skips a NaN marker and survives empty input', () => {
    const oneNaN = leadTimeChart({ lanes: [{ name: 'x', decidedByWeeks: [1], p50Days: NaN, p90Days: 3 }] });
    expectContract(oneNaN, 'lead-time');
    expect(oneNaN).not.toContain('class="p50"');
    expect(attribute(seriesTag(oneNaN, 'lane:x'), 'data-points')).toBe('1');
    expectContract(leadTimeChart({ lanes: [] }), 'lead-time');
    expectContract(
      leadTimeChart({ lanes: [{ name: 'y', decidedByWeeks: [], p50Days: NaN, p90Days: NaN }] }),
      'lead-time',
    );
  });

  it('is deterministic', () => {
    expect(leadTimeChart(leadTimeData)).toBe(svg);
  });
});

const optionsData: OptionsData = {
  endDate: '2024-12-31',
  options: [
    {
      label: 'baseline',
      base: true,
      endBacklog: { p5: 1050, p25: 1120, p50: 1160, p75: 1200, p95: 1270, mean: 1163 },
      leadTimeDays: { mean: 120, p50: 100, p90: 210 },
      change: null,
    },
    {
      label: '+2 FTE',
      base: false,
      endBacklog: { p5: 990, p25: 1060, p50: 1102, p75: 1140, p95: 1210, mean: 1105 },
      leadTimeDays: { mean: 110, p50: 92, p90: 190 },
      change: { mean: -58, low: -61, high: -55 },
    },
    {
      label: 'a<b&"c"',
      base: false,
      endBacklog: { p5: 1300, p25: 1350, p50: 1400, p75: 1450, p95: 1500, mean: 1401 },
      leadTimeDays: { mean: 150, p50: 130, p90: 260 },
      change: { mean: 1240.4, low: 1200, high: 1281 },
    },
  ],
};

describe('optionsChart', () => {
  const svg = optionsChart(optionsData);
  const height = Number(svg.match(/viewBox="0 0 720 (\d+)"/)?.[1]);

  it('keeps the contract with one row per option', () => {
    expectContract(svg, 'options', height);
    for (const label of ['baseline', '+2 FTE', 'a&lt;b&amp;&quot;c&quot;'])
      expect(attribute(seriesTag(svg, `option:${label}`), 'data-points')).toBe('1');
    expect(svg.match(/<g class="axis x">/g)).toHaveLength(2);
    expect(svg).toContain('open cases on 31 Dec 2024');
    expect(svg).toContain('lead time, days');
  });

  it('prints the change against the base with its interval, and marks the base', () => {
    expect(svg).toContain('>\u221258 (\u221261 to \u221255)<');
    expect(svg).toContain('>+1,240 (+1,200 to +1,281)<');
    const row = (label: string) =>
      svg.match(new RegExp(`<g class="option" data-series="option:${label}".*?</text></g>`))?.[0] ?? '';
    expect(row('baseline')).toContain('>base</text>');
    expect(row('baseline')).toContain('class="base-row"');
    expect(row('\\+2 FTE')).toContain('\u221258');
    expect(row('\\+2 FTE')).not.toContain('>base</text>');
  });

  it('grows with the number of options', () => {
    const one = optionsChart({ ...optionsData, options: optionsData.options.slice(0, 1) });
    const oneHeight = Number(one.match(/viewBox="0 0 720 (\d+)"/)?.[1]);
    expect(height - oneHeight).toBe(2 * 30);
  });

  it('is deterministic and survives edge cases', () => {
    expect(optionsChart(optionsData)).toBe(svg);
    const none = optionsChart({ endDate: '2024-12-31', options: [] });
    expect(none).not.toMatch(/NaN|Infinity/);
    expect(none).toContain('data-chart="options"');
    const nan = optionsChart({
      endDate: '2024-12-31',
      options: [
        {
          label: 'x',
          base: true,
          endBacklog: { p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, mean: 0 },
          leadTimeDays: { mean: NaN, p50: NaN, p90: NaN },
          change: null,
        },
      ],
    });
    expect(nan).not.toMatch(/NaN|Infinity/);
  });
});

describe('optionsChart labels', () => {
  it('shortens a label too long for its column but keeps it whole in data-series', () => {
    const label = 'a very long option label that would run off the left edge of the chart';
    const first = optionsData.options[0]!;
    const svg = optionsChart({ endDate: '2024-12-31', options: [{ ...first, label }] });
    expect(svg).toContain(`data-series="option:${label}"`);
    expect(svg).not.toContain(`>${label}<`);
    expect(svg).toMatch(/>a very long option[^<]*…</);
  });
});
