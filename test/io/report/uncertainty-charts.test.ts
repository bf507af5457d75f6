import { describe, expect, it } from 'vitest';
import type { TornadoData, VarianceSharesData } from '../../../src/io/report/chart-types.js';
import { roundPercentages } from '../../../src/io/report/round-percentages.js';
import { tornadoChart } from '../../../src/io/report/tornado-chart.js';
import { tornadoLayout } from '../../../src/io/report/tornado-layout.js';
import { varianceChart } from '../../../src/io/report/variance-chart.js';

/** Every opening tag of an element with this class. */
function tagsOfClass(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<[a-z]+ class="${className}"[^>]*>`, 'g'))].map((m) => m[0]);
}

function numberAttribute(tag: string, name: string): number {
  const value = tag.match(new RegExp(` ${name}="([^"]*)"`))?.[1];
  if (value === undefined) throw new Error(`no ${name} in ${tag}`);
  return Number(value);
}

/** The x of the text element whose content is exactly `text`. */
function textX(svg: string, text: string): number {
  const tag = svg.match(new RegExp(`<text [^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</text>`))?.[0];
  if (tag === undefined) throw new Error(`no text "${text}"`);
  return numberAttribute(tag, 'x');
}

function expectSvgContract(svg: string, chart: string): void {
  const root = svg.match(/^<svg [^>]*>/)?.[0] ?? '';
  expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(root).toMatch(/viewBox="0 0 720 \d+"/);
  expect(root).toContain('role="img"');
  expect(root).toMatch(/aria-label="[A-Z][^"]+\."/);
  expect(root).toContain(`data-chart="${chart}"`);
  expect(svg).toMatch(/^<svg [^>]*><title>[^<]+<\/title>/);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  expect(svg).not.toMatch(/<script|href=|@import|url\(/);
  for (const size of svg.matchAll(/font-size="([\d.]+)"/g)) expect(Number(size[1])).toBeGreaterThanOrEqual(11);
}

describe('roundPercentages', () => {
  it('rounds thirds to figures that add up to 100, the first taking the spare tenth', () => {
    expect(roundPercentages([1 / 3, 1 / 3, 1 / 3])).toEqual([33.4, 33.3, 33.3]);
  });

  it('keeps shares that round cleanly as they are (the baseline variance shares)', () => {
    expect(
      roundPercentages([0.9156105617830976, 0.06901289810468546, 0.012449208885230439, 0.0029273312269863534]),
    ).toEqual([91.6, 6.9, 1.2, 0.3]);
  });

  it('adds up to 100 where rounding each share on its own gives 100.1, moving none by more than a tenth', () => {
    const shares = [0.1449, 0.1449, 0.1449, 0.1449, 0.1449, 0.1449, 0.1306];
    const naive = shares.reduce((sum, share) => sum + Number((share * 100).toFixed(1)), 0);
    expect(naive).toBeCloseTo(100.1, 9);
    const rounded = roundPercentages(shares);
    expect(rounded).toEqual([14.5, 14.5, 14.5, 14.5, 14.5, 14.5, 13]);
    expect(rounded.reduce((sum, p) => sum + p, 0)).toBeCloseTo(100, 9);
    rounded.forEach((p, i) => {
      expect(Math.abs(p - shares[i]! * 100)).toBeLessThan(0.1 + 1e-9);
    });
  });

  it('handles a share below 0 (sampling noise in a Shapley part), zeros, NaN and whole percents', () => {
    expect(roundPercentages([1.02, -0.02])).toEqual([102, -2]);
    expect(roundPercentages([0, 0])).toEqual([0, 0]);
    expect(roundPercentages([Number.NaN, 1])).toEqual([0, 100]);
    expect(roundPercentages([0.505, 0.495], 0)).toEqual([51, 49]);
    expect(roundPercentages([])).toEqual([]);
  });
});

const tornadoData: TornadoData = {
  endDate: '2024-12-29',
  base: 1140.947,
  rows: [
    {
      label: 'inflow level',
      p10: { value: 0.7159, endBacklog: 771.409 },
      p90: { value: 1.3195, endBacklog: 1556.387 },
    },
    // More capacity, fewer open cases: the P10 end lies right of the P90 end.
    {
      label: 'capacity productivity',
      p10: { value: 0.9368, endBacklog: 1242.947 },
      p90: { value: 1.0648, endBacklog: 1037.947 },
    },
  ],
  target: { backlog: 1100, date: '2024-12-31' },
};

describe('tornadoLayout', () => {
  const range = { left: 150, right: 700 };
  const layout = tornadoLayout(tornadoData, range, 70);

  it('puts every bar end, the base and the target inside the range, inset for the end labels', () => {
    const xs = [layout.basePx, layout.targetPx!, ...layout.rows.flatMap((row) => [row.p10Px, row.p90Px])];
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(220 - 1e-9);
      expect(x).toBeLessThanOrEqual(630 + 1e-9);
    }
    expect(layout.scale.domainMin).toBeLessThanOrEqual(771.409);
    expect(layout.scale.domainMax).toBeGreaterThanOrEqual(1556.387);
  });

  it('maps backlogs linearly: ends ordered as the data, one scale for every row, the base and the target', () => {
    const [level, productivity] = layout.rows;
    expect(level!.p10Px).toBeLessThan(layout.basePx);
    expect(level!.p90Px).toBeGreaterThan(layout.basePx);
    expect(productivity!.p10Px).toBeGreaterThan(productivity!.p90Px);
    expect(layout.targetPx!).toBeLessThan(layout.basePx);
    const pxPerCase = (level!.p90Px - level!.p10Px) / (1556.387 - 771.409);
    expect(pxPerCase).toBeGreaterThan(0);
    expect((productivity!.p90Px - productivity!.p10Px) / (1037.947 - 1242.947)).toBeCloseTo(pxPerCase, 9);
    expect((layout.basePx - level!.p10Px) / (1140.947 - 771.409)).toBeCloseTo(pxPerCase, 9);
    expect((layout.targetPx! - level!.p10Px) / (1100 - 771.409)).toBeCloseTo(pxPerCase, 9);
  });

  it('widens the domain to a target far outside the bars, and has no target without one', () => {
    const far = tornadoLayout({ ...tornadoData, target: { backlog: 200, date: '2024-12-31' } }, range, 70);
    expect(far.scale.domainMin).toBeLessThanOrEqual(200);
    expect(far.targetPx!).toBeGreaterThanOrEqual(220 - 1e-9);
    expect(far.targetPx!).toBeLessThan(far.rows[0]!.p10Px);
    expect(tornadoLayout({ ...tornadoData, target: null }, range, 70).targetPx).toBeNull();
  });

  it('survives no rows and keeps the label room to a quarter of a narrow range', () => {
    const empty = tornadoLayout({ ...tornadoData, rows: [], target: null }, range, 70);
    expect(empty.rows).toEqual([]);
    expect(Number.isFinite(empty.basePx)).toBe(true);
    const narrow = tornadoLayout(tornadoData, { left: 0, right: 100 }, 70);
    for (const row of narrow.rows) {
      expect(Math.min(row.p10Px, row.p90Px)).toBeGreaterThanOrEqual(25 - 1e-9);
      expect(Math.max(row.p10Px, row.p90Px)).toBeLessThanOrEqual(75 + 1e-9);
    }
  });
});

describe('tornadoChart', () => {
  const svg = tornadoChart(tornadoData);
  const rows = tagsOfClass(svg, 'tornado-row');
  const ends = (end: 'p10' | 'p90') => tagsOfClass(svg, 'bar-end').filter((tag) => tag.includes(`data-end="${end}"`));

  it('keeps the contract, one row per parameter with its data', () => {
    expectSvgContract(svg, 'tornado');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('data-series="parameter:inflow level"');
    expect(numberAttribute(rows[1]!, 'data-p10')).toBe(1242.947);
    expect(numberAttribute(rows[1]!, 'data-p90')).toBe(1037.947);
  });

  it('draws each bar from its P10 end to its P90 end around the base line, ends ordered as the data', () => {
    const p10 = ends('p10').map((tag) => numberAttribute(tag, 'x1'));
    const p90 = ends('p90').map((tag) => numberAttribute(tag, 'x1'));
    expect(p10).toHaveLength(2);
    expect(p10[0]!).toBeLessThan(p90[0]!);
    expect(p10[1]!).toBeGreaterThan(p90[1]!);
    const base = numberAttribute(tagsOfClass(svg, 'base')[0]!, 'x1');
    for (let i = 0; i < 2; i++) {
      expect(base).toBeGreaterThan(Math.min(p10[i]!, p90[i]!));
      expect(base).toBeLessThan(Math.max(p10[i]!, p90[i]!));
    }
    // The two coloured parts of a row meet at the base and reach its ends.
    const segments = tagsOfClass(svg, 'segment');
    expect(segments).toHaveLength(4);
    for (const segment of segments) {
      const left = numberAttribute(segment, 'x');
      const right = left + numberAttribute(segment, 'width');
      expect(Math.min(Math.abs(left - base), Math.abs(right - base))).toBeLessThan(0.11);
    }
  });

  it("labels the ends with the parameter's values and draws the target as a dashed line", () => {
    for (const label of ['P10 ×0.72', 'P90 ×1.32', 'P10 ×0.94', 'P90 ×1.06']) expect(svg).toContain(`>${label}</text>`);
    // A P10 end on the left is labelled to its left, one on the right to its right.
    expect(textX(svg, 'P10 ×0.72')).toBeLessThan(textX(svg, 'P90 ×1.32'));
    expect(textX(svg, 'P10 ×0.94')).toBeGreaterThan(textX(svg, 'P90 ×1.06'));
    const target = tagsOfClass(svg, 'target');
    expect(target).toHaveLength(1);
    expect(target[0]).toContain('stroke-dasharray');
    expect(svg).toContain('>target 1,100 by 31 Dec 2024</text>');
    expect(svg).toContain('>all at their means: 1,141</text>');
    expect(svg).toMatch(/aria-label="[^"]*inflow level 771 at its P10 \(×0\.72\) and 1,556 at its P90 \(×1\.32\)/);
  });

  it('leaves out the target without one, and survives no rows, NaN values and markup in a label', () => {
    const noTarget = tornadoChart({ ...tornadoData, target: null });
    expect(tagsOfClass(noTarget, 'target')).toHaveLength(0);
    expect(noTarget).not.toContain('>target');
    expectSvgContract(noTarget, 'tornado');
    const empty = tornadoChart({ ...tornadoData, rows: [] });
    expectSvgContract(empty, 'tornado');
    expect(empty).toContain('>no parameters</text>');
    const odd = tornadoChart({
      ...tornadoData,
      rows: [{ label: 'a<b', p10: { value: Number.NaN, endBacklog: 900 }, p90: { value: 1.1, endBacklog: 1300 } }],
    });
    expect(odd).toContain('data-series="parameter:a&lt;b"');
    expect(odd).toContain('>P10 ×-</text>');
    expect(odd).not.toMatch(/NaN/);
  });

  it('is deterministic', () => {
    expect(tornadoChart(tornadoData)).toBe(svg);
  });
});

const varianceData: VarianceSharesData = {
  endDate: '2024-12-29',
  total: 99700.49,
  shares: [
    { label: 'inflow level', share: 0.9156105617830976 },
    { label: 'capacity productivity', share: 0.06901289810468546 },
    { label: 'Poisson noise of weekly arrivals', share: 0.012449208885230439 },
    { label: 'capacity week to week', share: 0.0029273312269863534 },
  ],
};

describe('varianceChart', () => {
  const svg = varianceChart(varianceData);
  const bars = tagsOfClass(svg, 'share');

  it('keeps the contract, one bar per source, labelled', () => {
    expectSvgContract(svg, 'variance');
    expect(bars).toHaveLength(4);
    expect(bars[2]).toContain('data-series="source:Poisson noise of weekly arrivals"');
    expect(svg).toContain('>capacity week to week</text>');
    expect(svg).toContain('(sd 316)');
  });

  it('draws bars whose lengths add up to the axis from 0% to 100%, each in proportion to its share', () => {
    const zero = textX(svg, '0%');
    const hundred = textX(svg, '100%');
    const widths = bars.map((bar) => numberAttribute(bar, 'width'));
    expect(widths.reduce((sum, w) => sum + w, 0)).toBeCloseTo(hundred - zero, 0);
    widths.forEach((w, i) => {
      expect(w).toBeCloseTo(varianceData.shares[i]!.share * (hundred - zero), 0);
    });
    for (const bar of bars) expect(numberAttribute(bar, 'x')).toBeCloseTo(zero, 0);
  });

  it('prints percentages that add up to 100', () => {
    const printed = [...svg.matchAll(/class="share-percent"[^>]*>([-\d.]+)%<\/text>/g)].map((m) => Number(m[1]));
    expect(printed).toEqual([91.6, 6.9, 1.2, 0.3]);
    expect(printed.reduce((sum, p) => sum + p, 0)).toBeCloseTo(100, 9);
    expect(svg).toMatch(/aria-label="[^"]*inflow level 91\.6%; capacity productivity 6\.9%/);
  });

  it('draws a share below 0 to the left of 0%, and survives no sources, NaN and markup', () => {
    const negative = varianceChart({
      ...varianceData,
      shares: [
        { label: 'inflow level', share: 1.01 },
        { label: 'capacity week to week', share: -0.01 },
      ],
    });
    expectSvgContract(negative, 'variance');
    const [up, down] = tagsOfClass(negative, 'share');
    expect(numberAttribute(down!, 'x') + numberAttribute(down!, 'width')).toBeCloseTo(numberAttribute(up!, 'x'), 0);
    expect(negative).toContain('>-1.0%</text>');
    const empty = varianceChart({ ...varianceData, total: 0, shares: [] });
    expectSvgContract(empty, 'variance');
    expect(empty).toContain('>no sources</text>');
    const odd = varianceChart({ ...varianceData, total: Number.NaN, shares: [{ label: 'a<b', share: Number.NaN }] });
    expectSvgContract(odd, 'variance');
    expect(odd).toContain('data-series="source:a&lt;b"');
  });

  it('shortens a label too long for its column but keeps it whole in data-series', () => {
    const label = 'a source with a very long name that would push the bars off the chart entirely';
    const long = varianceChart({ ...varianceData, shares: [{ label, share: 1 }] });
    expect(long).toContain(`data-series="source:${label}"`);
    expect(long).toMatch(/>a source with a very long[^<]*…<\/text>/);
  });
});
