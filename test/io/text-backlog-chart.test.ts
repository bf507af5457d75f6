import { describe, expect, it } from 'vitest';
import { textBacklogChart } from '../../src/io/text-backlog-chart.js';
import type { TextChartPoint } from '../../src/io/text-backlog-chart.js';

function weeks(count: number, value: (t: number) => number, spread = 0): TextChartPoint[] {
  return Array.from({ length: count }, (_, t) => {
    const day = new Date(Date.UTC(2024, 0, 7 + 7 * t)).toISOString().slice(0, 10);
    return { date: day, p5: value(t) - spread, p50: value(t), p95: value(t) + spread };
  });
}

describe('textBacklogChart', () => {
  it('draws one column per week, the median falling from the top row to the bottom row', () => {
    const chart = textBacklogChart(
      weeks(52, (t) => 1440 - 6 * t),
      null,
    ).split('\n');
    expect(chart[0]).toBe('Total backlog (●), end of each week');
    const rows = chart.slice(1, 9);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatch(/^ {2}1,440 ┤●/);
    expect(rows[7]).toMatch(/^ {2}1,134 ┤ +●+$/);
    // Every column has exactly one median mark.
    for (let c = 0; c < 52; c++)
      expect(rows.filter((row) => row.slice(row.indexOf('┤') + 1)[c] === '●')).toHaveLength(1);
    expect(chart[9]).toBe(`  ${' '.repeat(5)} └${'─'.repeat(52)}`);
    expect(chart[10]!.trim().startsWith('Jan')).toBe(true);
    expect(chart[10]).toContain('Dec');
  });

  it('fills the band between P5 and P95 around the median', () => {
    const lines = textBacklogChart(
      weeks(10, () => 1000, 100),
      null,
    ).split('\n');
    expect(lines[0]).toBe('Median total backlog (●) with its P5-P95 band (░), end of each week');
    const chart = lines.slice(1, 9);
    // A flat median in the middle with the band spanning every row.
    for (const row of chart) expect(row.slice(row.indexOf('┤') + 1)).toMatch(/^[░●]{10}$/);
    expect(chart.filter((row) => row.includes('●'))).toHaveLength(1);
  });

  it('draws the target as a dotted line with its label, extending the range to include it', () => {
    const chart = textBacklogChart(
      weeks(20, (t) => 1440 - t),
      { backlog: 1100 },
    );
    const targetLine = chart.split('\n').find((row) => row.includes('target 1,100'));
    expect(targetLine).toMatch(/┤·+ {2}target 1,100$/);
    expect(chart).toContain('1,100 ┤');
  });

  it('takes one column per few weeks on a long horizon, at most the width, labelled by year', () => {
    const chart = textBacklogChart(
      weeks(520, (t) => 1440 - t),
      null,
      60,
    ).split('\n');
    expect(chart[0]).toContain('end of each 9 weeks');
    const axis = chart.find((row) => row.includes('└'))!;
    expect(axis.length - axis.indexOf('└') - 1).toBeLessThanOrEqual(60);
    expect(chart.at(-1)).toContain('2024');
    expect(chart.at(-1)).toContain('2033');
    expect(chart.at(-1)).not.toContain('Jan');
    for (const count of [60, 61, 120, 121, 5201]) {
      const axisLine = textBacklogChart(
        weeks(count, (t) => t),
        null,
        60,
      )
        .split('\n')
        .find((row) => row.includes('└'))!;
      expect(axisLine.length - axisLine.indexOf('└') - 1, `${count} points`).toBeLessThanOrEqual(60);
    }
  });

  it('handles a flat, zero backlog and no points without NaN', () => {
    const flat = textBacklogChart(
      weeks(5, () => 0),
      null,
    );
    expect(flat).not.toMatch(/NaN|Infinity/);
    expect(flat.split('\n')).toHaveLength(11);
    // Without a band (one path, deterministic mode) the title says so.
    expect(flat.split('\n')[0]).toBe('Total backlog (●), end of each week');
    expect(textBacklogChart([], null)).toBe('');
  });
});
