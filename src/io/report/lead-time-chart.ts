import { axis } from './axis.js';
import type { LeadTimeData } from './chart-types.js';
import { escapeXml } from './escape-xml.js';
import { legend } from './legend.js';
import type { LegendItem } from './legend.js';
import { linePath } from './line-path.js';
import { linearScale } from './linear-scale.js';
import { paletteColour } from './palette.js';
import type { PlotArea } from './plot-area.js';
import type { ReportWords } from './report-words.js';
import { ENGLISH } from './report-words.js';
import { roundCoordinate } from './round-coordinate.js';
import { svgRoot } from './svg-root.js';

const WIDTH_PX = 720;
const HEIGHT_PX = 360;
const DAYS_PER_WEEK = 7;
const MARKER_COLOUR = '#555555';

/**
 * The cumulative share of decided cases by lead time (filing to decision,
 * days) per lane as SVG: one step line per lane from (0 days, 0%), rising at
 * 7w days by the share decided w weeks after filing, up to the last bin any lane uses, with its P50 (filled
 * dot) and P90 (open dot). A lane with no decided cases draws no line and
 * shows "(none decided)" in the legend.
 *
 * @example leadTimeChart({ lanes: [{ name: 'regular', decidedByWeeks: [0, 4, 6], p50Days: 10, p90Days: 19 }] }) // '<svg ... data-chart="lead-time">...</svg>'
 */
export function leadTimeChart(data: LeadTimeData, words: ReportWords = ENGLISH): string {
  const lanes = data.lanes.map((lane, index) => {
    const counts = lane.decidedByWeeks.map((count) => (Number.isFinite(count) && count > 0 ? count : 0));
    const total = counts.reduce((sum, count) => sum + count, 0);
    let lastBin = -1;
    counts.forEach((count, bin) => {
      if (count > 0) lastBin = bin;
    });
    return { lane, colour: paletteColour(index), counts, total, lastBin };
  });
  const binsShown = Math.max(0, ...lanes.map((entry) => entry.lastBin + 1));

  const legendItems: LegendItem[] = [
    ...lanes.map((entry) => ({
      label: entry.total > 0 ? entry.lane.name : words.say('noneDecidedLegend', { lane: entry.lane.name }),
      colour: entry.colour,
      swatch: 'line' as const,
    })),
    ...(binsShown > 0
      ? [
          { label: 'P50', colour: MARKER_COLOUR, swatch: 'dot' as const },
          { label: 'P90', colour: MARKER_COLOUR, swatch: 'open-dot' as const },
        ]
      : []),
  ];
  const key = legend(legendItems, { left: 64, top: 6, maxWidthPx: WIDTH_PX - 64 - 20 });
  const top = 6 + key.heightPx + 14;
  const plot: PlotArea = { left: 64, top, width: WIDTH_PX - 64 - 20, height: HEIGHT_PX - 46 - top };
  const bottom = plot.top + plot.height;

  const markerDays = lanes
    .flatMap((entry) => (entry.total > 0 ? [entry.lane.p50Days, entry.lane.p90Days] : []))
    .filter((days) => Number.isFinite(days));
  const x = linearScale({
    min: 0,
    max: Math.max(binsShown * DAYS_PER_WEEK, ...markerDays),
    includeZero: true,
    rangeStart: plot.left,
    rangeEnd: plot.left + plot.width,
    tickCount: 8,
  });
  const y = linearScale({ min: 0, max: 100, rangeStart: bottom, rangeEnd: plot.top });
  const r = roundCoordinate;

  const lines: string[] = [];
  const markers: string[] = [];
  for (const entry of lanes) {
    if (entry.total === 0) continue;
    const bins = Math.min(binsShown, entry.counts.length);
    const xs: number[] = [x.toPixel(0)];
    const ys: number[] = [y.toPixel(0)];
    let cumulative = 0;
    // A step at each whole week: a case decided w weeks after filing waited exactly 7w days (docs/model.md).
    for (let bin = 0; bin < bins; bin++) {
      xs.push(x.toPixel(bin * DAYS_PER_WEEK));
      ys.push(y.toPixel((cumulative / entry.total) * 100));
      cumulative += entry.counts[bin] ?? 0;
      xs.push(x.toPixel(bin * DAYS_PER_WEEK));
      ys.push(y.toPixel((cumulative / entry.total) * 100));
    }
    const name = escapeXml(entry.lane.name);
    lines.push(
      `<path class="line" data-series="lane:${name}" data-points="${bins}" d="${linePath(xs, ys)}" ` +
        `fill="none" stroke="${entry.colour}" stroke-width="2" stroke-linecap="round" ` +
        `stroke-linejoin="round"/>`,
    );
    const marks: string[] = [];
    if (Number.isFinite(entry.lane.p50Days)) {
      marks.push(
        `<circle class="p50" cx="${r(x.toPixel(entry.lane.p50Days))}" cy="${r(y.toPixel(50))}" r="4" fill="${entry.colour}"/>`,
      );
    }
    if (Number.isFinite(entry.lane.p90Days)) {
      marks.push(
        `<circle class="p90" cx="${r(x.toPixel(entry.lane.p90Days))}" cy="${r(y.toPixel(90))}" r="4" fill="#fff" stroke="${entry.colour}" stroke-width="2"/>`,
      );
    }
    if (marks.length > 0) markers.push(`<g class="markers" data-lane="${name}">${marks.join('')}</g>`);
  }

  const body = [
    axis({
      orientation: 'y',
      ticks: y.ticks.map((value) => ({ position: y.toPixel(value), label: `${words.number(value)}%` })),
      plot,
      title: words.say('axisShareDecided'),
      grid: true,
    }),
    axis({
      orientation: 'x',
      ticks: x.ticks.map((value) => ({ position: x.toPixel(value), label: words.number(value, x.tickDecimals) })),
      plot,
      title: words.say('axisDaysToDecision'),
    }),
    ...lines,
    ...markers,
    key.svg,
  ];
  const described = lanes.map((entry) =>
    entry.total === 0
      ? words.say('leadTimeAriaNone', { lane: entry.lane.name })
      : words.say('leadTimeAriaLane', {
          lane: entry.lane.name,
          p50: days(entry.lane.p50Days, words),
          p90: days(entry.lane.p90Days, words),
        }),
  );
  const ariaLabel = `${words.say('leadTimeAria')}${described.length === 0 ? words.say('withoutLanes') : `; ${described.join('; ')}`}.`;
  return svgRoot({
    chart: 'lead-time',
    widthPx: WIDTH_PX,
    heightPx: HEIGHT_PX,
    title: words.say('leadTimeSvgTitle'),
    ariaLabel,
    body,
  });
}

/** A lead time in days as printed, or '-' where none is known. */
function days(value: number, words: ReportWords): string {
  return Number.isFinite(value) ? words.number(value) : '-';
}
