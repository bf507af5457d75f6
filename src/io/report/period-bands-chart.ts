import { axis } from './axis.js';
import { bandPath } from './band-path.js';
import { dateScale } from './date-scale.js';
import { finiteExtent } from './finite-extent.js';
import { legend } from './legend.js';
import type { LegendItem } from './legend.js';
import { linePath } from './line-path.js';
import { linearScale } from './linear-scale.js';
import { paletteColour } from './palette.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { PlotArea } from './plot-area.js';
import { ENGLISH } from './report-words.js';
import { roundCoordinate } from './round-coordinate.js';
import { svgRoot } from './svg-root.js';

const WIDTH_PX = 720;
const HEIGHT_PX = 320;

/** Figures per period against the plan's band for each (the monitor's inflow and decisions). */
export interface PeriodBandsData {
  /** The last day of each period. */
  readonly dates: readonly string[];
  /** `week` or `month`: what the values count per. */
  readonly unit: 'week' | 'month';
  readonly series: readonly {
    readonly label: string;
    /** The plan's P5, P50 and P95 per period. */
    readonly p5: readonly number[];
    readonly p50: readonly number[];
    readonly p95: readonly number[];
    /** The actual figure per period; NaN where there is none. */
    readonly actual: readonly number[];
  }[];
}

/**
 * Figures per period (cases per week or per month) as SVG: for each series,
 * the plan's P5–P95 band and its median (dashed) at the periods' last days,
 * and the actual figures as dots, one colour per series.
 *
 * @example periodBandsChart({ dates: ['2024-01-07'], unit: 'week', series: [{ label: 'inflow', p5: [17], p50: [25], p95: [33], actual: [27] }] })
 */
export function periodBandsChart(data: PeriodBandsData): string {
  const words = ENGLISH;
  const days = data.dates.map(parseIsoDate);
  const colour = (i: number) => paletteColour(i === 0 ? 2 : i === 1 ? 3 : i + 2);
  const items: LegendItem[] = data.series.flatMap((series, i) => [
    { label: `${series.label}: plan P5–P95`, colour: colour(i), swatch: 'band' as const, opacity: 0.2 },
    { label: `${series.label}: actual`, colour: colour(i), swatch: 'dot' as const },
  ]);
  const key = legend(items, { left: 64, top: 6, maxWidthPx: WIDTH_PX - 64 - 20 });
  const top = 6 + key.heightPx + 14;
  const plot: PlotArea = { left: 64, top, width: WIDTH_PX - 64 - 20, height: HEIGHT_PX - 46 - top };
  const bottom = plot.top + plot.height;
  const dayExtent = finiteExtent(days);
  const x = dateScale({
    startDay: dayExtent?.min ?? 0,
    endDay: dayExtent?.max ?? 0,
    rangeStart: plot.left,
    rangeEnd: plot.left + plot.width,
    words,
  });
  const valueExtent = finiteExtent(data.series.flatMap((s) => [...s.p5, ...s.p95, ...s.actual]));
  const y = linearScale({
    min: valueExtent?.min ?? 0,
    max: valueExtent?.max ?? 0,
    includeZero: true,
    integerTicks: true,
    rangeStart: bottom,
    rangeEnd: plot.top,
  });
  const xs = days.map((day) => x.toPixel(day));
  const ys = (values: readonly number[]) => xs.map((_, i) => y.toPixel(values[i] ?? NaN));
  const r = roundCoordinate;
  const drawn = data.series.map((series, i) => {
    const dots = xs.flatMap((px, k) => {
      const py = y.toPixel(series.actual[k] ?? NaN);
      return Number.isFinite(px) && Number.isFinite(py)
        ? [`<circle cx="${r(px)}" cy="${r(py)}" r="3.5" fill="${colour(i)}"/>`]
        : [];
    });
    return (
      `<g class="series" data-series="${i}" data-points="${dots.length}">` +
      `<path class="band" d="${bandPath(xs, ys(series.p5), ys(series.p95))}" fill="${colour(i)}" fill-opacity="0.2" stroke="none"/>` +
      `<path class="line" d="${linePath(xs, ys(series.p50))}" fill="none" stroke="${colour(i)}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
      `${dots.join('')}</g>`
    );
  });
  const body = [
    axis({
      orientation: 'y',
      ticks: y.ticks.map((value) => ({ position: y.toPixel(value), label: words.number(value, y.tickDecimals) })),
      plot,
      title: `cases per ${data.unit}`,
      grid: true,
    }),
    axis({
      orientation: 'x',
      ticks: x.ticks.map((tick) => ({ position: x.toPixel(tick.day), label: tick.label })),
      plot,
      title: `date (the last day of the ${data.unit})`,
    }),
    ...drawn,
    key.svg,
  ];
  return svgRoot({
    chart: 'periods',
    widthPx: WIDTH_PX,
    heightPx: HEIGHT_PX,
    title: `Figures per ${data.unit} against the plan`,
    ariaLabel: `${data.series.map((s) => s.label).join(' and ')} per ${data.unit}: the plan's P5–P95 band and median, and the actual figures as dots.`,
    body,
  });
}
