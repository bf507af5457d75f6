import { axis } from './axis.js';
import type { OptionsData } from './chart-types.js';
import { escapeXml } from './escape-xml.js';
import { estimateTextWidth } from './estimate-text-width.js';
import { finiteExtent } from './finite-extent.js';
import { legend } from './legend.js';
import type { LegendItem } from './legend.js';
import { linearScale } from './linear-scale.js';
import { paletteColour } from './palette.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { PlotArea } from './plot-area.js';
import type { ReportWords } from './report-words.js';
import { ENGLISH } from './report-words.js';
import { roundCoordinate } from './round-coordinate.js';
import { svgRoot } from './svg-root.js';
import { svgText } from './svg-text.js';

const WIDTH_PX = 720;
const ROW_HEIGHT_PX = 30;
const CHANGE_COLUMN_PX = 170;
const BACKLOG_COLOUR = paletteColour(0);
const MEAN_COLOUR = paletteColour(5);
const LEAD_TIME_COLOUR = paletteColour(2);

type OptionRow = OptionsData['options'][number];

/**
 * Options of a comparison side by side as SVG, one row per option: left the
 * end backlog (P5–P95 whisker, P25–P75 box, median dot, mean tick), in the
 * middle the paired change against the base with its 95% interval, e.g.
 * "−58 (−61 to −55)", right the lead time (P50 dot, line to P90). The base
 * row is shaded, its label bold and marked "base"; a label too long for its
 * column is shortened with an ellipsis. The height grows with the number of
 * options.
 *
 * @example optionsChart({ endDate: '2024-12-31', options: [...] }) // '<svg ... data-chart="options">...</svg>'
 */
export function optionsChart(data: OptionsData, words: ReportWords = ENGLISH): string {
  const rows = data.options;
  const legendItems: LegendItem[] = [
    { label: 'P5–P95', colour: BACKLOG_COLOUR, swatch: 'line' },
    { label: 'P25–P75', colour: BACKLOG_COLOUR, swatch: 'box' },
    { label: words.say('legendMedian'), colour: BACKLOG_COLOUR, swatch: 'dot' },
    { label: words.say('legendMean'), colour: MEAN_COLOUR, swatch: 'tick' },
    { label: words.say('legendLeadTimeP50'), colour: LEAD_TIME_COLOUR, swatch: 'dot' },
    { label: words.say('legendP50ToP90'), colour: LEAD_TIME_COLOUR, swatch: 'line' },
  ];
  const key = legend(legendItems, { left: 8, top: 6, maxWidthPx: WIDTH_PX - 16 });
  const headerY = 6 + key.heightPx + 20;
  const rowsTop = headerY + 10;
  const rowsHeight = Math.max(1, rows.length) * ROW_HEIGHT_PX;
  const heightPx = rowsTop + rowsHeight + 46;

  const labelWidth = Math.min(170, Math.max(70, ...rows.map((row) => estimateTextWidth(row.label, 12) + 12)));
  const panelsWidth = WIDTH_PX - 8 - labelWidth - CHANGE_COLUMN_PX - 20 - 20;
  const backlogPlot: PlotArea = {
    left: 8 + labelWidth,
    top: rowsTop,
    width: Math.round(panelsWidth * 0.58),
    height: rowsHeight,
  };
  const changeLeft = backlogPlot.left + backlogPlot.width + 10;
  const leadPlot: PlotArea = {
    left: changeLeft + CHANGE_COLUMN_PX + 10,
    top: rowsTop,
    width: WIDTH_PX - 20 - (changeLeft + CHANGE_COLUMN_PX + 10),
    height: rowsHeight,
  };

  const backlogExtent = finiteExtent(rows.flatMap((row) => Object.values(row.endBacklog)));
  const backlog = linearScale({
    min: backlogExtent?.min ?? 0,
    max: backlogExtent?.max ?? 0,
    includeZero: true,
    integerTicks: true,
    rangeStart: backlogPlot.left,
    rangeEnd: backlogPlot.left + backlogPlot.width,
    tickCount: 4,
  });
  const leadExtent = finiteExtent(rows.flatMap((row) => [row.leadTimeDays.p50, row.leadTimeDays.p90]));
  const lead = linearScale({
    min: leadExtent?.min ?? 0,
    max: leadExtent?.max ?? 0,
    includeZero: true,
    rangeStart: leadPlot.left,
    rangeEnd: leadPlot.left + leadPlot.width,
    tickCount: 3,
  });

  const r = roundCoordinate;
  const rowMiddle = (index: number) => rowsTop + index * ROW_HEIGHT_PX + ROW_HEIGHT_PX / 2;
  const maxLabelChars = Math.floor((labelWidth - 12) / (12 * 0.55));
  const shortLabel = (label: string) =>
    [...label].length <= maxLabelChars ? label : `${[...label].slice(0, maxLabelChars - 1).join('')}…`;
  const labels = rows.map((row, index) =>
    svgText({
      x: 8 + labelWidth - 10,
      y: rowMiddle(index),
      text: shortLabel(row.label),
      anchor: 'end',
      middle: true,
      bold: row.base,
    }),
  );
  const base = rows.find((row) => row.base);
  const baseLine =
    base !== undefined && Number.isFinite(base.endBacklog.p50)
      ? `<line class="base-line" x1="${r(backlog.toPixel(base.endBacklog.p50))}" y1="${r(rowsTop)}" ` +
        `x2="${r(backlog.toPixel(base.endBacklog.p50))}" y2="${r(rowsTop + rowsHeight)}" stroke="#999" ` +
        `stroke-dasharray="3 3"/>`
      : '';

  const rowGroups = rows.map((row, index) => {
    const y = rowMiddle(index);
    const parts: string[] = [];
    if (row.base)
      parts.push(
        `<rect class="base-row" x="8" y="${r(y - ROW_HEIGHT_PX / 2)}" width="${WIDTH_PX - 16}" height="${ROW_HEIGHT_PX}" fill="#f1f1f1"/>`,
      );
    parts.push(backlogGlyph(row, backlog.toPixel, y), leadTimeGlyph(row, lead.toPixel, y));
    parts.push(
      svgText({
        x: changeLeft + CHANGE_COLUMN_PX / 2,
        y,
        text: changeText(row, words),
        anchor: 'middle',
        middle: true,
        sizePx: 11,
        bold: row.base,
        className: 'change',
      }),
    );
    return `<g class="option" data-series="option:${escapeXml(row.label)}" data-points="1">${parts.join('')}</g>`;
  });

  const endDate = words.shortDate(parseIsoDate(data.endDate));
  const body = [
    axis({
      orientation: 'x',
      ticks: backlog.ticks.map((value) => ({
        position: backlog.toPixel(value),
        label: words.number(value, backlog.tickDecimals),
      })),
      plot: backlogPlot,
      title: words.say('axisOpenCasesOn', { date: endDate }),
      grid: true,
    }),
    axis({
      orientation: 'x',
      ticks: lead.ticks.map((value) => ({
        position: lead.toPixel(value),
        label: words.number(value, lead.tickDecimals),
      })),
      plot: leadPlot,
      title: words.say('axisLeadTimeDays'),
      grid: true,
    }),
    svgText({
      x: backlogPlot.left + backlogPlot.width / 2,
      y: headerY,
      text: words.say('headEndBacklog'),
      anchor: 'middle',
      bold: true,
    }),
    svgText({
      x: changeLeft + CHANGE_COLUMN_PX / 2,
      y: headerY,
      text: words.say('headChangeCi'),
      anchor: 'middle',
      bold: true,
    }),
    svgText({
      x: leadPlot.left + leadPlot.width / 2,
      y: headerY,
      text: words.say('headLeadTime'),
      anchor: 'middle',
      bold: true,
    }),
    ...rowGroups,
    baseLine,
    // The labels after the rows, so that the base row's shading does not cover its label.
    `<g class="axis y">${labels.join('')}</g>`,
    rows.length === 0
      ? svgText({ x: WIDTH_PX / 2, y: rowMiddle(0), text: words.say('noOptions'), anchor: 'middle', fill: '#555' })
      : '',
    key.svg,
  ];
  const described = rows.map(
    (row) =>
      words.say(row.base ? 'optionsAriaBase' : 'optionsAriaRow', {
        label: row.label,
        median: words.number(row.endBacklog.p50),
      }) + (row.change === null ? '' : words.say('optionsAriaChange', { change: changeText(row, words) })),
  );
  const ariaLabel = `${words.say(rows.length === 1 ? 'optionsAriaOne' : 'optionsAriaMany', { date: endDate, count: rows.length })}${described.length === 0 ? '' : `: ${described.join('; ')}`}.`;
  return svgRoot({
    chart: 'options',
    widthPx: WIDTH_PX,
    heightPx,
    title: words.say('optionsSvgTitle'),
    ariaLabel,
    body,
  });
}

function changeText(row: OptionRow, words: ReportWords): string {
  if (row.base || row.change === null) return words.say('badgeBase');
  const { mean, low, high } = row.change;
  return words.say('changeInterval', { mean: words.signed(mean), low: words.signed(low), high: words.signed(high) });
}

function backlogGlyph(row: OptionRow, toPixel: (value: number) => number, y: number): string {
  const r = roundCoordinate;
  const { p5, p25, p50, p75, p95, mean } = row.endBacklog;
  const parts: string[] = [];
  if (Number.isFinite(p5) && Number.isFinite(p95)) {
    parts.push(
      `<line x1="${r(toPixel(p5))}" y1="${r(y)}" x2="${r(toPixel(p95))}" y2="${r(y)}" stroke="${BACKLOG_COLOUR}" stroke-width="1.5"/>`,
    );
    for (const value of [p5, p95])
      parts.push(
        `<line x1="${r(toPixel(value))}" y1="${r(y - 5)}" x2="${r(toPixel(value))}" y2="${r(y + 5)}" stroke="${BACKLOG_COLOUR}" stroke-width="1.5"/>`,
      );
  }
  if (Number.isFinite(p25) && Number.isFinite(p75)) {
    const left = Math.min(toPixel(p25), toPixel(p75));
    parts.push(
      `<rect x="${r(left)}" y="${r(y - 7)}" width="${r(Math.abs(toPixel(p75) - toPixel(p25)))}" height="14" fill="${BACKLOG_COLOUR}" fill-opacity="0.3" stroke="${BACKLOG_COLOUR}"/>`,
    );
  }
  if (Number.isFinite(p50)) parts.push(`<circle cx="${r(toPixel(p50))}" cy="${r(y)}" r="4" fill="${BACKLOG_COLOUR}"/>`);
  if (Number.isFinite(mean))
    parts.push(
      `<line x1="${r(toPixel(mean))}" y1="${r(y - 9)}" x2="${r(toPixel(mean))}" y2="${r(y + 9)}" stroke="${MEAN_COLOUR}" stroke-width="2"/>`,
    );
  return `<g class="end-backlog">${parts.join('')}</g>`;
}

function leadTimeGlyph(row: OptionRow, toPixel: (value: number) => number, y: number): string {
  const r = roundCoordinate;
  const { p50, p90 } = row.leadTimeDays;
  const parts: string[] = [];
  if (Number.isFinite(p50) && Number.isFinite(p90)) {
    parts.push(
      `<line x1="${r(toPixel(p50))}" y1="${r(y)}" x2="${r(toPixel(p90))}" y2="${r(y)}" stroke="${LEAD_TIME_COLOUR}" stroke-width="2.5" stroke-linecap="round"/>`,
    );
  }
  if (Number.isFinite(p50))
    parts.push(`<circle cx="${r(toPixel(p50))}" cy="${r(y)}" r="4.5" fill="${LEAD_TIME_COLOUR}"/>`);
  return `<g class="lead-time">${parts.join('')}</g>`;
}
