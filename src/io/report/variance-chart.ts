import { axis } from './axis.js';
import type { VarianceSharesData } from './chart-types.js';
import { escapeXml } from './escape-xml.js';
import { estimateTextWidth } from './estimate-text-width.js';
import { linearScale } from './linear-scale.js';
import { paletteColour } from './palette.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { PlotArea } from './plot-area.js';
import type { ReportWords } from './report-words.js';
import { ENGLISH } from './report-words.js';
import { roundCoordinate } from './round-coordinate.js';
import { roundPercentages } from './round-percentages.js';
import { svgRoot } from './svg-root.js';
import { svgText } from './svg-text.js';

const WIDTH_PX = 720;
const ROW_HEIGHT_PX = 28;
const BAR_HEIGHT_PX = 16;
/** Room right of the plot for the percentage of a bar that reaches 100%. */
const PERCENT_ROOM_PX = 56;
const BAR_COLOUR = paletteColour(0);

/**
 * The end backlog's variance by source as SVG: one horizontal bar per
 * source on a 0–100% axis, largest first, its percentage printed beside it.
 * The bars' lengths add up to the whole axis, and the printed percentages
 * (rounded so that they keep doing so) to 100%. A label too long for its
 * column is shortened with an ellipsis; the aria-label names every share.
 *
 * @example varianceChart({ endDate: '2024-12-29', total: 99700, shares: [{ label: 'inflow level', share: 0.92 }, ...] }) // '<svg ... data-chart="variance">...</svg>'
 */
export function varianceChart(data: VarianceSharesData, words: ReportWords = ENGLISH): string {
  const shares = data.shares;
  const percents = roundPercentages(shares.map((s) => s.share));
  const top = 10;
  const rowsHeight = Math.max(1, shares.length) * ROW_HEIGHT_PX;
  const heightPx = top + rowsHeight + 46;
  const labelWidth = Math.min(
    260,
    Math.max(80, ...shares.map((s) => estimateTextWidth(words.phrase(s.label), 12) + 12)),
  );
  const plot: PlotArea = {
    left: 8 + labelWidth,
    top,
    width: WIDTH_PX - 8 - labelWidth - PERCENT_ROOM_PX,
    height: rowsHeight,
  };
  const lowest = Math.min(0, ...shares.map((s) => (Number.isFinite(s.share) ? s.share : 0)));
  const highest = Math.max(1, ...shares.map((s) => (Number.isFinite(s.share) ? s.share : 0)));
  // In percent, so that the ticks are whole percentages: 0%, 20%, ..., 100%.
  const x = linearScale({
    min: lowest * 100,
    max: highest * 100,
    tickCount: 5,
    rangeStart: plot.left,
    rangeEnd: plot.left + plot.width,
  });
  const r = roundCoordinate;
  const zeroPx = x.toPixel(0);
  const maxLabelChars = Math.floor((labelWidth - 12) / (12 * 0.55));
  const shortLabel = (label: string) =>
    [...label].length <= maxLabelChars ? label : `${[...label].slice(0, maxLabelChars - 1).join('')}…`;
  const rowMiddle = (index: number) => top + index * ROW_HEIGHT_PX + ROW_HEIGHT_PX / 2;

  const labels = shares.map((s, index) =>
    svgText({
      x: plot.left - 10,
      y: rowMiddle(index),
      text: shortLabel(words.phrase(s.label)),
      anchor: 'end',
      middle: true,
    }),
  );
  const bars = shares.map((s, index) => {
    const share = Number.isFinite(s.share) ? s.share : 0;
    const endPx = x.toPixel(share * 100);
    const left = Math.min(zeroPx, endPx);
    const y = rowMiddle(index);
    const percent = `${words.number(percents[index]!, 1)}%`;
    return [
      `<rect class="share" data-series="source:${escapeXml(s.label)}" data-points="1" data-share="${String(share)}" `,
      `x="${r(left)}" y="${r(y - BAR_HEIGHT_PX / 2)}" width="${r(Math.abs(endPx - zeroPx))}" height="${BAR_HEIGHT_PX}" `,
      `fill="${BAR_COLOUR}"/>`,
      svgText({
        x: Math.max(zeroPx, endPx) + 6,
        y,
        text: percent,
        middle: true,
        className: 'share-percent',
      }),
    ].join('');
  });

  const endDate = words.shortDate(parseIsoDate(data.endDate));
  const sd = Number.isFinite(data.total) && data.total > 0 ? Math.sqrt(data.total) : 0;
  const body = [
    axis({
      orientation: 'x',
      ticks: x.ticks.map((value) => ({ position: x.toPixel(value), label: `${words.number(value, x.tickDecimals)}%` })),
      plot,
      title: words.say('axisVariance', { date: endDate, sd: words.number(sd) }),
      grid: true,
    }),
    `<line x1="${r(zeroPx)}" y1="${r(plot.top)}" x2="${r(zeroPx)}" y2="${r(plot.top + plot.height)}" stroke="#555"/>`,
    ...bars,
    `<g class="axis y">${labels.join('')}</g>`,
    shares.length === 0
      ? svgText({
          x: plot.left + plot.width / 2,
          y: rowMiddle(0),
          text: words.say('noSources'),
          anchor: 'middle',
          fill: '#555',
        })
      : '',
  ];
  const described = shares.map((s, index) => `${words.phrase(s.label)} ${words.number(percents[index]!, 1)}%`);
  const ariaLabel = `${words.say('varianceAria', { date: endDate })}${described.length === 0 ? '' : `: ${described.join('; ')}`}.`;
  return svgRoot({
    chart: 'variance',
    widthPx: WIDTH_PX,
    heightPx,
    title: words.say('varianceSvgTitle'),
    ariaLabel,
    body,
  });
}
