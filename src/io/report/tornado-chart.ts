import { axis } from './axis.js';
import type { TornadoData } from './chart-types.js';
import { escapeXml } from './escape-xml.js';
import { estimateTextWidth } from './estimate-text-width.js';
import { legend } from './legend.js';
import type { LegendItem } from './legend.js';
import { paletteColour } from './palette.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { PlotArea } from './plot-area.js';
import type { ReportWords } from './report-words.js';
import { ENGLISH } from './report-words.js';
import { roundCoordinate } from './round-coordinate.js';
import { svgRoot } from './svg-root.js';
import { svgText } from './svg-text.js';
import { tornadoLayout } from './tornado-layout.js';

const WIDTH_PX = 720;
const ROW_HEIGHT_PX = 34;
const BAR_HEIGHT_PX = 16;
/** Room on each side of the bars for the labels at their ends ("P90 ×1.32"). */
const END_LABEL_ROOM_PX = 72;
const P10_COLOUR = paletteColour(1);
const P90_COLOUR = paletteColour(0);
const BASE_COLOUR = paletteColour(7);
const TARGET_COLOUR = paletteColour(5);

/**
 * A tornado of the mean end backlog as SVG, one row per parameter (widest
 * first): a bar from the end backlog with the parameter at its P10 to the
 * end backlog at its P90, split at a vertical line at the base (every
 * parameter at its mean), the P10 part and the P90 part in two colours and
 * each end labelled with the parameter's value there ("P10 ×0.72"); the
 * target backlog, if any, as a dashed line. The height grows with the rows.
 *
 * @example tornadoChart({ endDate: '2024-12-29', base: 1141, rows: [...], target: { backlog: 1100, date: '2024-12-31' } }) // '<svg ... data-chart="tornado">...</svg>'
 */
export function tornadoChart(data: TornadoData, words: ReportWords = ENGLISH): string {
  const rows = data.rows;
  const target = data.target !== null && Number.isFinite(data.target.backlog) ? data.target : null;
  const legendItems: LegendItem[] = [
    { label: words.say('legendAtP10'), colour: P10_COLOUR, swatch: 'bar' },
    { label: words.say('legendAtP90'), colour: P90_COLOUR, swatch: 'bar' },
    { label: words.say('legendAllMeans'), colour: BASE_COLOUR, swatch: 'tick' },
    ...(target === null
      ? []
      : [{ label: words.say('legendTarget'), colour: TARGET_COLOUR, swatch: 'dashed' as const }]),
  ];
  const key = legend(legendItems, { left: 8, top: 6, maxWidthPx: WIDTH_PX - 16 });
  const headerY = 6 + key.heightPx + 18;
  const rowsTop = headerY + 12;
  const rowsHeight = Math.max(1, rows.length) * ROW_HEIGHT_PX;
  const heightPx = rowsTop + rowsHeight + 46;
  const labelWidth = Math.min(
    200,
    Math.max(80, ...rows.map((row) => estimateTextWidth(words.phrase(row.label), 12) + 12)),
  );
  const plot: PlotArea = {
    left: 8 + labelWidth,
    top: rowsTop,
    width: WIDTH_PX - 20 - 8 - labelWidth,
    height: rowsHeight,
  };
  const right = plot.left + plot.width;
  const layout = tornadoLayout(data, { left: plot.left, right }, END_LABEL_ROOM_PX);
  const x = layout.scale;

  const r = roundCoordinate;
  const rowMiddle = (index: number) => rowsTop + index * ROW_HEIGHT_PX + ROW_HEIGHT_PX / 2;
  const maxLabelChars = Math.floor((labelWidth - 12) / (12 * 0.55));
  const shortLabel = (label: string) =>
    [...label].length <= maxLabelChars ? label : `${[...label].slice(0, maxLabelChars - 1).join('')}…`;
  const labels = rows.map((row, index) =>
    svgText({
      x: plot.left - 10,
      y: rowMiddle(index),
      text: shortLabel(words.phrase(row.label)),
      anchor: 'end',
      middle: true,
    }),
  );

  const rowGroups = rows.map((row, index) => {
    const y = rowMiddle(index);
    const { p10Px, p90Px } = layout.rows[index]!;
    const segment = (end: 'p10' | 'p90', endPx: number) => {
      const left = Math.min(layout.basePx, endPx);
      const colour = end === 'p10' ? P10_COLOUR : P90_COLOUR;
      return {
        length: Math.abs(endPx - layout.basePx),
        svg:
          `<rect class="segment" data-end="${end}" x="${r(left)}" y="${r(y - BAR_HEIGHT_PX / 2)}" ` +
          `width="${r(Math.abs(endPx - layout.basePx))}" height="${BAR_HEIGHT_PX}" fill="${colour}"/>`,
      };
    };
    // The longer part first, so that a shorter one on the same side of the base stays visible over it.
    const segments = [segment('p10', p10Px), segment('p90', p90Px)].sort((a, b) => b.length - a.length);
    const p10OnLeft = p10Px <= p90Px;
    const endMark = (end: 'p10' | 'p90', endPx: number, onLeft: boolean, value: number) =>
      `<line class="bar-end" data-end="${end}" x1="${r(endPx)}" y1="${r(y - BAR_HEIGHT_PX / 2 - 3)}" ` +
      `x2="${r(endPx)}" y2="${r(y + BAR_HEIGHT_PX / 2 + 3)}" stroke="#222" stroke-width="1.5"/>` +
      svgText({
        x: onLeft ? endPx - 5 : endPx + 5,
        y,
        text: `${end === 'p10' ? 'P10' : 'P90'} ×${words.number(value, 2)}`,
        anchor: onLeft ? 'end' : 'start',
        middle: true,
        sizePx: 11,
        className: 'end-label',
        halo: true,
      });
    return [
      `<g class="tornado-row" data-series="parameter:${escapeXml(row.label)}" data-points="2" `,
      `data-p10="${String(row.p10.endBacklog)}" data-p90="${String(row.p90.endBacklog)}">`,
      ...segments.map((s) => s.svg),
      endMark('p10', p10Px, p10OnLeft, row.p10.value),
      endMark('p90', p90Px, !p10OnLeft, row.p90.value),
      '</g>',
    ].join('');
  });

  const lineTop = rowsTop - 6;
  const lineBottom = rowsTop + rowsHeight;
  const baseLine =
    `<line class="base" data-series="base" data-points="1" x1="${r(layout.basePx)}" y1="${r(lineTop)}" ` +
    `x2="${r(layout.basePx)}" y2="${r(lineBottom)}" stroke="${BASE_COLOUR}" stroke-width="1.5"/>`;
  const targetLine =
    target === null || layout.targetPx === null
      ? ''
      : `<line class="target" data-series="target" data-points="1" x1="${r(layout.targetPx)}" y1="${r(lineTop)}" ` +
        `x2="${r(layout.targetPx)}" y2="${r(lineBottom)}" stroke="${TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="6 4"/>`;
  // The base and the target labelled above the rows, each on its own side so that they do not collide.
  const targetRight = target !== null && layout.targetPx !== null && layout.targetPx > layout.basePx;
  const headerLabel = (xPx: number, text: string, wantRight: boolean, className: string) => {
    const width = estimateTextWidth(text, 11);
    const onRight = wantRight ? xPx + 4 + width <= WIDTH_PX - 4 : xPx - 4 - width < 4;
    return svgText({
      x: onRight ? xPx + 4 : xPx - 4,
      y: headerY,
      text,
      anchor: onRight ? 'start' : 'end',
      sizePx: 11,
      className,
      halo: true,
    });
  };
  const endDate = words.shortDate(parseIsoDate(data.endDate));
  const targetText =
    target === null
      ? ''
      : words.say('fanTarget', {
          backlog: words.number(target.backlog),
          date: words.shortDate(parseIsoDate(target.date)),
        });
  const body = [
    axis({
      orientation: 'x',
      ticks: x.ticks.map((value) => ({ position: x.toPixel(value), label: words.number(value, x.tickDecimals) })),
      plot,
      title: words.say('axisMeanOpenCasesOn', { date: endDate }),
      grid: true,
    }),
    ...rowGroups,
    baseLine,
    targetLine,
    headerLabel(layout.basePx, words.say('allAtMeans', { base: words.number(data.base) }), !targetRight, 'base-label'),
    target === null || layout.targetPx === null
      ? ''
      : headerLabel(layout.targetPx, targetText, targetRight, 'target-label'),
    `<g class="axis y">${labels.join('')}</g>`,
    rows.length === 0
      ? svgText({
          x: plot.left + plot.width / 2,
          y: rowMiddle(0),
          text: words.say('noParameters'),
          anchor: 'middle',
          fill: '#555',
        })
      : '',
    key.svg,
  ];
  const described = rows.map((row) =>
    words.say('tornadoAriaRow', {
      label: words.phrase(row.label),
      p10: words.number(row.p10.endBacklog),
      p10Factor: words.number(row.p10.value, 2),
      p90: words.number(row.p90.endBacklog),
      p90Factor: words.number(row.p90.value, 2),
    }),
  );
  const ariaLabel = [
    words.say('tornadoAria', { date: endDate, base: words.number(data.base) }),
    described.length === 0 ? '' : `: ${described.join('; ')}`,
    target === null ? '' : `; ${targetText}`,
    '.',
  ].join('');
  return svgRoot({
    chart: 'tornado',
    widthPx: WIDTH_PX,
    heightPx,
    title: words.say('tornadoSvgTitle'),
    ariaLabel,
    body,
  });
}
