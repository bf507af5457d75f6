import { axis } from './axis.js';
import type { DecisionsData } from './chart-types.js';
import { dateScale } from './date-scale.js';
import { finiteExtent } from './finite-extent.js';
import { legend } from './legend.js';
import { linearScale } from './linear-scale.js';
import { paletteColour } from './palette.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { PlotArea } from './plot-area.js';
import type { ReportWords } from './report-words.js';
import { ENGLISH } from './report-words.js';
import { roundCoordinate } from './round-coordinate.js';
import { svgRoot } from './svg-root.js';

const WIDTH_PX = 720;
const HEIGHT_PX = 360;
const DAYS_PER_WEEK = 7;
const BAR_COLOUR = paletteColour(4);
const CAPACITY_COLOUR = paletteColour(5);

/**
 * Mean decisions per week as bars (each spanning its week, which ends on its
 * date) with the capacity as a step line, as SVG.
 *
 * @example
 * decisionsChart({ dates: ['2024-01-07'], decisions: [20], capacity: [24], capacityInHours: false })
 * // '<svg ... data-chart="decisions">...</svg>'
 */
export function decisionsChart(data: DecisionsData, words: ReportWords = ENGLISH): string {
  const capacityLabel = words.say(data.capacityInHours ? 'capacityHours' : 'capacityDecisions');
  const n = data.dates.length;
  const endDays = data.dates.map(parseIsoDate);
  const decisions = Array.from({ length: n }, (_, i) => data.decisions[i] ?? NaN);
  const capacity = Array.from({ length: n }, (_, i) => data.capacity[i] ?? NaN);
  const key = legend(
    [
      { label: words.say('legendMeanDecisions'), colour: BAR_COLOUR, swatch: 'bar' },
      { label: capacityLabel, colour: CAPACITY_COLOUR, swatch: 'line' },
    ],
    { left: 64, top: 6, maxWidthPx: WIDTH_PX - 64 - 20 },
  );
  const top = 6 + key.heightPx + 14;
  const plot: PlotArea = { left: 64, top, width: WIDTH_PX - 64 - 20, height: HEIGHT_PX - 46 - top };
  const bottom = plot.top + plot.height;

  const dayExtent = finiteExtent(endDays);
  const firstDay = dayExtent === null ? 0 : dayExtent.min - DAYS_PER_WEEK;
  const x = dateScale({
    startDay: firstDay,
    endDay: dayExtent?.max ?? 0,
    rangeStart: plot.left,
    rangeEnd: plot.left + plot.width,
    words,
  });
  const valueExtent = finiteExtent([...decisions, ...capacity]);
  const y = linearScale({
    min: valueExtent?.min ?? 0,
    max: valueExtent?.max ?? 0,
    includeZero: true,
    rangeStart: bottom,
    rangeEnd: plot.top,
  });
  const r = roundCoordinate;

  const bars: string[] = [];
  const zeroY = y.toPixel(0);
  endDays.forEach((endDay, i) => {
    const value = decisions[i] ?? NaN;
    if (!Number.isFinite(endDay) || !Number.isFinite(value)) return;
    const startPx = x.toPixel(endDay - DAYS_PER_WEEK);
    const weekPx = x.toPixel(endDay) - startPx;
    const gapPx = Math.min(1, weekPx * 0.2);
    const valueY = y.toPixel(value);
    bars.push(
      `<rect x="${r(startPx + gapPx / 2)}" y="${r(Math.min(valueY, zeroY))}" width="${r(Math.max(0.1, weekPx - gapPx))}" height="${r(Math.abs(zeroY - valueY))}"/>`,
    );
  });

  const steps: string[] = [];
  let previousEnd = NaN;
  let stepCount = 0;
  endDays.forEach((endDay, i) => {
    const value = capacity[i] ?? NaN;
    if (!Number.isFinite(endDay) || !Number.isFinite(value)) {
      previousEnd = NaN;
      return;
    }
    const startDay = endDay - DAYS_PER_WEEK;
    const valueY = r(y.toPixel(value));
    steps.push(startDay === previousEnd ? `V${valueY}` : `M${r(x.toPixel(startDay))},${valueY}`);
    steps.push(`H${r(x.toPixel(endDay))}`);
    previousEnd = endDay;
    stepCount += 1;
  });

  const meanDecisions = finiteMean(decisions);
  const meanCapacity = finiteMean(capacity);
  const body = [
    axis({
      orientation: 'y',
      ticks: y.ticks.map((value) => ({ position: y.toPixel(value), label: words.number(value, y.tickDecimals) })),
      plot,
      title: words.say('axisDecisionsPerWeek'),
      grid: true,
    }),
    axis({
      orientation: 'x',
      ticks: x.ticks.map((tick) => ({ position: x.toPixel(tick.day), label: tick.label })),
      plot,
      title: words.say('axisWeekEndingOn'),
    }),
    `<g class="bars" data-series="decisions" data-points="${bars.length}" fill="${BAR_COLOUR}">${bars.join('')}</g>`,
    `<path class="line" data-series="capacity" data-points="${stepCount}" d="${steps.join('')}" fill="none" stroke="${CAPACITY_COLOUR}" stroke-width="2" stroke-linejoin="round"/>`,
    key.svg,
  ];
  const ariaLabel =
    words.say('decisionsAria', {
      from: words.shortDate(dayExtent === null ? NaN : firstDay),
      to: words.shortDate(dayExtent?.max ?? NaN),
    }) +
    (meanDecisions === null ? '' : words.say('decisionsAriaMean', { mean: words.number(meanDecisions, 1) })) +
    words.say('decisionsAriaCapacity', { capacity: capacityLabel }) +
    (meanCapacity === null ? '' : words.say('decisionsAriaCapacityMean', { mean: words.number(meanCapacity, 1) })) +
    words.say('decisionsAriaEnd');
  return svgRoot({
    chart: 'decisions',
    widthPx: WIDTH_PX,
    heightPx: HEIGHT_PX,
    title: words.say('decisionsSvgTitle'),
    ariaLabel,
    body,
  });
}

function finiteMean(values: readonly number[]): number | null {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length === 0 ? null : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}
