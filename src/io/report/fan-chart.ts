import { axis } from './axis.js';
import { bandPath } from './band-path.js';
import type { FanChartData, FanPoints, SecondFan } from './chart-types.js';
import { dateScale } from './date-scale.js';
import { finiteExtent } from './finite-extent.js';
import { legend } from './legend.js';
import type { LegendItem } from './legend.js';
import { linePath } from './line-path.js';
import { linearScale } from './linear-scale.js';
import { paletteColour } from './palette.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { ReportWords } from './report-words.js';
import { ENGLISH } from './report-words.js';
import type { PlotArea } from './plot-area.js';
import { roundCoordinate } from './round-coordinate.js';
import { svgRoot } from './svg-root.js';
import { svgText } from './svg-text.js';

const WIDTH_PX = 720;
const HEIGHT_PX = 360;
const BAND_COLOUR = paletteColour(0);
const DETERMINISTIC_COLOUR = paletteColour(7);
const TARGET_COLOUR = paletteColour(5);
const POINTS_COLOUR = paletteColour(3);
const SECOND_COLOUR = paletteColour(1);

/**
 * A fan chart of the total backlog per week as SVG: the P5–P95 and P25–P75
 * bands, the median, the deterministic path (dashed) and the target (a
 * dashed level and a line at its date, labelled with its probability and,
 * from replications, its 95% interval). With `points`, observed values as
 * dots on it; with `second`, a second fan (its P5–P95 band and median) from
 * its first date on, in another colour: the monitor's actuals and its
 * re-forecast.
 *
 * @example fanChart({ dates: ['2024-01-01', '2024-01-07'], p5: [900, 880], ..., target: null }) // '<svg ... data-chart="fan">...</svg>'
 */
export function fanChart(data: FanChartData, words: ReportWords = ENGLISH): string {
  const n = data.dates.length;
  const days = data.dates.map(parseIsoDate);
  const series = (values: readonly number[]) => Array.from({ length: n }, (_, i) => values[i] ?? NaN);
  const p5 = series(data.p5);
  const p25 = series(data.p25);
  const p50 = series(data.p50);
  const p75 = series(data.p75);
  const p95 = series(data.p95);
  const deterministic = series(data.deterministic);
  const target = data.target !== null && Number.isFinite(data.target.backlog) ? data.target : null;
  const targetDay = target === null ? NaN : parseIsoDate(target.date);
  const points = data.points;
  const pointDays = points === undefined ? [] : points.dates.map(parseIsoDate);
  const second = data.second;
  const secondDays = second === undefined ? [] : second.dates.map(parseIsoDate);

  const legendItems: LegendItem[] = [
    { label: 'P5–P95', colour: BAND_COLOUR, swatch: 'band', opacity: 0.18 },
    { label: 'P25–P75', colour: BAND_COLOUR, swatch: 'band', opacity: 0.4 },
    { label: words.say('legendMedian'), colour: BAND_COLOUR, swatch: 'line' },
    { label: words.say('legendDeterministic'), colour: DETERMINISTIC_COLOUR, swatch: 'dashed' },
    ...(target === null
      ? []
      : [{ label: words.say('legendTarget'), colour: TARGET_COLOUR, swatch: 'dashed' as const }]),
    ...(second === undefined
      ? []
      : [
          { label: second.label, colour: SECOND_COLOUR, swatch: 'band' as const, opacity: 0.25 },
          { label: `${second.label}: ${words.say('legendMedian')}`, colour: SECOND_COLOUR, swatch: 'line' as const },
        ]),
    ...(points === undefined ? [] : [{ label: points.label, colour: POINTS_COLOUR, swatch: 'dot' as const }]),
  ];
  const key = legend(legendItems, { left: 64, top: 6, maxWidthPx: WIDTH_PX - 64 - 20 });
  const top = 6 + key.heightPx + 14;
  const plot: PlotArea = { left: 64, top, width: WIDTH_PX - 64 - 20, height: HEIGHT_PX - 46 - top };
  const bottom = plot.top + plot.height;
  const right = plot.left + plot.width;

  const dayExtent = finiteExtent([...days, targetDay, ...pointDays, ...secondDays]);
  const x = dateScale({
    startDay: dayExtent?.min ?? 0,
    endDay: dayExtent?.max ?? 0,
    rangeStart: plot.left,
    rangeEnd: right,
    words,
  });
  const valueExtent = finiteExtent([
    ...p5,
    ...p25,
    ...p50,
    ...p75,
    ...p95,
    ...deterministic,
    target?.backlog ?? NaN,
    ...(points?.values ?? []),
    ...(second?.p5 ?? []),
    ...(second?.p95 ?? []),
  ]);
  // Not from zero: the spread of the replications is what the chart shows; the axis says where it lies.
  const y = linearScale({
    min: valueExtent?.min ?? 0,
    max: valueExtent?.max ?? 0,
    integerTicks: true,
    rangeStart: bottom,
    rangeEnd: plot.top,
  });

  const xs = days.map((day) => x.toPixel(day));
  const ys = (values: readonly number[]) => values.map((value) => y.toPixel(value));
  const band = (name: string, lower: readonly number[], upper: readonly number[], opacity: number) => {
    const drawn = xs.filter(
      (px, i) => Number.isFinite(px) && Number.isFinite(lower[i] ?? NaN) && Number.isFinite(upper[i] ?? NaN),
    ).length;
    const lowest = finiteExtent(lower)?.min ?? 0;
    const highest = finiteExtent(upper)?.max ?? 0;
    return (
      `<path class="band" data-series="${name}" data-points="${drawn}" data-min="${String(lowest)}" ` +
      `data-max="${String(highest)}" d="${bandPath(xs, ys(lower), ys(upper))}" fill="${BAND_COLOUR}" ` +
      `fill-opacity="${opacity}" stroke="none"/>`
    );
  };
  const line = (name: string, values: readonly number[], attributes: string) => {
    const drawn = xs.filter((px, i) => Number.isFinite(px) && Number.isFinite(values[i] ?? NaN)).length;
    return (
      `<path class="line" data-series="${name}" data-points="${drawn}" d="${linePath(xs, ys(values))}" ` +
      `fill="none" stroke-linecap="round" stroke-linejoin="round" ${attributes}/>`
    );
  };

  const body = [
    axis({
      orientation: 'y',
      ticks: y.ticks.map((value) => ({ position: y.toPixel(value), label: words.number(value, y.tickDecimals) })),
      plot,
      title: words.say('axisOpenCases'),
      grid: true,
    }),
    axis({
      orientation: 'x',
      ticks: x.ticks.map((tick) => ({ position: x.toPixel(tick.day), label: tick.label })),
      plot,
      title: words.say('axisDateEndOfWeek'),
    }),
    band('p5-p95', p5, p95, 0.18),
    band('p25-p75', p25, p75, 0.4),
    line('deterministic', deterministic, `stroke="${DETERMINISTIC_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"`),
    line('median', p50, `stroke="${BAND_COLOUR}" stroke-width="2.5"`),
    target === null ? '' : targetMark(target, x.toPixel(targetDay), y.toPixel(target.backlog), plot, words),
    second === undefined ? '' : secondFan(second, secondDays.map(x.toPixel), (value) => y.toPixel(value)),
    points === undefined ? '' : dots(points, pointDays.map(x.toPixel), (value) => y.toPixel(value)),
    key.svg,
  ];

  const from = words.shortDate(dayExtent?.min ?? NaN);
  const to = words.shortDate(dayExtent?.max ?? NaN);
  const lastMedian = [...p50].reverse().find((value) => Number.isFinite(value));
  const ariaLabel = [
    words.say('fanAria', { from, to }),
    lastMedian === undefined ? '' : words.say('fanAriaMedian', { median: words.number(lastMedian) }),
    words.say('fanAriaBands'),
    target === null ? '' : `; ${targetLabel(target, words)}`,
    '.',
  ].join('');
  return svgRoot({
    chart: 'fan',
    widthPx: WIDTH_PX,
    heightPx: HEIGHT_PX,
    title: words.say('fanSvgTitle'),
    ariaLabel,
    body,
  });
}

/** A second fan: its P5–P95 band and its median, at the pixels xs. */
function secondFan(second: SecondFan, xs: readonly number[], toY: (value: number) => number): string {
  const ys = (values: readonly number[]) => xs.map((_, i) => toY(values[i] ?? NaN));
  const drawn = xs.filter((px, i) => Number.isFinite(px) && Number.isFinite(second.p50[i] ?? NaN)).length;
  return (
    `<g class="second-fan" data-series="second" data-points="${drawn}">` +
    `<path class="band" d="${bandPath(xs, ys(second.p5), ys(second.p95))}" fill="${SECOND_COLOUR}" fill-opacity="0.25" stroke="none"/>` +
    `<path class="line" d="${linePath(xs, ys(second.p50))}" fill="none" stroke="${SECOND_COLOUR}" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>` +
    '</g>'
  );
}

/** Values as dots, at the pixels xs; a value that is not finite is left out. */
function dots(points: FanPoints, xs: readonly number[], toY: (value: number) => number): string {
  const r = roundCoordinate;
  const circles = xs.flatMap((px, i) => {
    const py = toY(points.values[i] ?? NaN);
    return Number.isFinite(px) && Number.isFinite(py)
      ? [`<circle cx="${r(px)}" cy="${r(py)}" r="3.5" fill="${POINTS_COLOUR}"/>`]
      : [];
  });
  return `<g class="points" data-series="points" data-points="${circles.length}">${circles.join('')}</g>`;
}

function targetLabel(target: NonNullable<FanChartData['target']>, words: ReportWords): string {
  const where = words.say('fanTarget', {
    backlog: words.number(target.backlog),
    date: words.shortDate(parseIsoDate(target.date)),
  });
  const p = target.probability;
  if (target.interval !== null && Number.isFinite(p))
    return words.say('fanTargetInterval', { target: where, probability: words.probability(p, target.interval) });
  const percent = !Number.isFinite(p)
    ? '-'
    : p > 0 && p < 0.005
      ? '<1%'
      : p < 1 && p > 0.995
        ? '>99%'
        : `${Math.round(p * 100)}%`;
  return words.say('fanTargetPercent', { target: where, percent });
}

function targetMark(
  target: NonNullable<FanChartData['target']>,
  xPx: number,
  yPx: number,
  plot: PlotArea,
  words: ReportWords,
): string {
  const r = roundCoordinate;
  const right = plot.left + plot.width;
  const bottom = plot.top + plot.height;
  const parts = [
    `<line x1="${r(plot.left)}" y1="${r(yPx)}" x2="${r(right)}" y2="${r(yPx)}" stroke="${TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
  ];
  const dated = Number.isFinite(xPx);
  if (dated) {
    parts.push(
      `<line x1="${r(xPx)}" y1="${r(plot.top)}" x2="${r(xPx)}" y2="${r(bottom)}" stroke="${TARGET_COLOUR}" stroke-width="1" stroke-dasharray="2 3"/>`,
    );
    parts.push(`<circle cx="${r(xPx)}" cy="${r(yPx)}" r="4" fill="${TARGET_COLOUR}"/>`);
  }
  const anchorX = dated ? xPx : right;
  const onLeft = anchorX > plot.left + plot.width / 2;
  // Below the line when there is room: the fan usually comes down onto the target from above.
  const labelY = yPx + 18 <= bottom - 4 ? yPx + 18 : yPx - 8;
  parts.push(
    svgText({
      x: onLeft ? anchorX - 8 : anchorX + 8,
      y: labelY,
      text: targetLabel(target, words),
      anchor: onLeft ? 'end' : 'start',
      fill: '#000',
      className: 'target-label',
      halo: true,
    }),
  );
  return `<g class="target" data-series="target" data-points="1">${parts.join('')}</g>`;
}
