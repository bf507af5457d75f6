import { axis } from './axis.js';
import { bandPath } from './band-path.js';
import type { StackedLanesData } from './chart-types.js';
import { dateScale } from './date-scale.js';
import { escapeXml } from './escape-xml.js';
import { finiteExtent } from './finite-extent.js';
import { legend } from './legend.js';
import { linearScale } from './linear-scale.js';
import { paletteColour } from './palette.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { PlotArea } from './plot-area.js';
import type { ReportWords } from './report-words.js';
import { ENGLISH } from './report-words.js';
import { svgRoot } from './svg-root.js';
import { svgText } from './svg-text.js';

const WIDTH_PX = 720;
const HEIGHT_PX = 360;

/**
 * Stacked areas of the mean backlog of each lane per week as SVG, the first
 * lane at the bottom, with a legend of the lane names. A missing or
 * non-finite value stacks as 0.
 *
 * @example stackedLanesChart({ dates: ['2024-01-01'], lanes: [{ name: 'regular', values: [900] }] }) // '<svg ... data-chart="lanes">...</svg>'
 */
export function stackedLanesChart(data: StackedLanesData, words: ReportWords = ENGLISH): string {
  const n = data.dates.length;
  const days = data.dates.map(parseIsoDate);
  const key = legend(
    data.lanes.map((lane, index) => ({
      label: lane.name,
      colour: paletteColour(index),
      swatch: 'area' as const,
      opacity: 0.85,
    })),
    { left: 64, top: 6, maxWidthPx: WIDTH_PX - 64 - 20 },
  );
  const top = 6 + key.heightPx + 14;
  const plot: PlotArea = { left: 64, top, width: WIDTH_PX - 64 - 20, height: HEIGHT_PX - 46 - top };
  const bottom = plot.top + plot.height;

  const stacks: { lower: number[]; upper: number[] }[] = [];
  let lower = Array.from({ length: n }, () => 0);
  for (const lane of data.lanes) {
    const upper = lower.map((below, i) => {
      const value = lane.values[i] ?? NaN;
      return below + (Number.isFinite(value) ? value : 0);
    });
    stacks.push({ lower, upper });
    lower = upper;
  }

  const dayExtent = finiteExtent(days);
  const x = dateScale({
    startDay: dayExtent?.min ?? 0,
    endDay: dayExtent?.max ?? 0,
    rangeStart: plot.left,
    rangeEnd: plot.left + plot.width,
    words,
  });
  const valueExtent = finiteExtent(stacks.flatMap((stack) => [...stack.lower, ...stack.upper]));
  const y = linearScale({
    min: valueExtent?.min ?? 0,
    max: valueExtent?.max ?? 0,
    includeZero: true,
    integerTicks: true,
    rangeStart: bottom,
    rangeEnd: plot.top,
  });
  const xs = days.map((day) => x.toPixel(day));
  const drawn = xs.filter((px) => Number.isFinite(px)).length;

  const areas = data.lanes.map((lane, index) => {
    const stack = stacks[index] ?? { lower: [], upper: [] };
    const d = bandPath(
      xs,
      stack.lower.map((value) => y.toPixel(value)),
      stack.upper.map((value) => y.toPixel(value)),
    );
    const name = escapeXml(lane.name);
    const range = `data-min="${String(finiteExtent(stack.lower)?.min ?? 0)}" data-max="${String(finiteExtent(stack.upper)?.max ?? 0)}"`;
    return (
      `<path class="area" data-series="lane:${name}" data-points="${drawn}" ${range} d="${d}" ` +
      `fill="${paletteColour(index)}" fill-opacity="0.85" stroke="#fff" ` +
      `stroke-width="0.5"><title>${name}</title></path>`
    );
  });

  const body = [
    axis({
      orientation: 'y',
      ticks: y.ticks.map((value) => ({ position: y.toPixel(value), label: words.number(value, y.tickDecimals) })),
      plot,
      title: words.say('axisOpenCasesMean'),
      grid: true,
    }),
    axis({
      orientation: 'x',
      ticks: x.ticks.map((tick) => ({ position: x.toPixel(tick.day), label: tick.label })),
      plot,
      title: words.say('axisDateEndOfWeek'),
    }),
    ...areas,
    data.lanes.length === 0
      ? svgText({
          x: plot.left + plot.width / 2,
          y: plot.top + plot.height / 2,
          text: words.say('noLanes'),
          anchor: 'middle',
          fill: '#555',
        })
      : '',
    key.svg,
  ];
  const laneNames = data.lanes.map((lane) => lane.name).join(', ');
  const ariaLabel =
    words.say('lanesAria', {
      from: words.shortDate(dayExtent?.min ?? NaN),
      to: words.shortDate(dayExtent?.max ?? NaN),
    }) + (data.lanes.length === 0 ? words.say('lanesAriaNone') : words.say('lanesAriaLanes', { lanes: laneNames }));
  return svgRoot({
    chart: 'lanes',
    widthPx: WIDTH_PX,
    heightPx: HEIGHT_PX,
    title: words.say('lanesSvgTitle'),
    ariaLabel,
    body,
  });
}
