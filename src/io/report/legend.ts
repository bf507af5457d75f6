import { estimateTextWidth } from './estimate-text-width.js';
import { escapeXml } from './escape-xml.js';
import { roundCoordinate } from './round-coordinate.js';
import { svgText } from './svg-text.js';

/** One entry of a legend: how its swatch looks and its text. */
export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  readonly swatch: 'line' | 'dashed' | 'band' | 'area' | 'bar' | 'dot' | 'open-dot' | 'box' | 'tick';
  /** Fill opacity of a band swatch. */
  readonly opacity?: number;
}

const ROW_HEIGHT_PX = 18;
const SWATCH_WIDTH_PX = 18;
const FONT_SIZE_PX = 12;

/**
 * A legend as `<g class="legend">`, its entries in rows from (left, top),
 * wrapping at maxWidthPx, with its height so a chart can put the plot area
 * below it (a legend never covers data).
 *
 * @example legend([{ label: 'median', colour: '#0072B2', swatch: 'line' }], { left: 64, top: 8, maxWidthPx: 636 }).heightPx // 18
 */
export function legend(
  items: readonly LegendItem[],
  layout: { readonly left: number; readonly top: number; readonly maxWidthPx: number },
): { readonly svg: string; readonly heightPx: number } {
  if (items.length === 0) return { svg: '', heightPx: 0 };
  const parts: string[] = [];
  let x = layout.left;
  let row = 0;
  for (const item of items) {
    const widthPx = SWATCH_WIDTH_PX + 5 + estimateTextWidth(item.label, FONT_SIZE_PX) + 16;
    if (x > layout.left && x + widthPx - 16 > layout.left + layout.maxWidthPx) {
      row += 1;
      x = layout.left;
    }
    const middleY = layout.top + row * ROW_HEIGHT_PX + ROW_HEIGHT_PX / 2;
    parts.push(
      `<g class="legend-item">${swatch(item, x, middleY)}${svgText({ x: x + SWATCH_WIDTH_PX + 5, y: middleY, text: item.label, middle: true })}</g>`,
    );
    x += widthPx;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, heightPx: (row + 1) * ROW_HEIGHT_PX };
}

function swatch(item: LegendItem, left: number, middleY: number): string {
  const r = roundCoordinate;
  const colour = escapeXml(item.colour);
  const x1 = r(left);
  const x2 = r(left + SWATCH_WIDTH_PX);
  const xm = r(left + SWATCH_WIDTH_PX / 2);
  const y = r(middleY);
  switch (item.swatch) {
    case 'line':
      return `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${colour}" stroke-width="2.5"/>`;
    case 'dashed':
      return `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${colour}" stroke-width="2" stroke-dasharray="5 3"/>`;
    case 'band':
    case 'area':
    case 'bar':
      return `<rect x="${x1}" y="${r(middleY - 6)}" width="${SWATCH_WIDTH_PX}" height="12" fill="${colour}" fill-opacity="${item.opacity ?? 1}"/>`;
    case 'box':
      return `<rect x="${x1}" y="${r(middleY - 6)}" width="${SWATCH_WIDTH_PX}" height="12" fill="${colour}" fill-opacity="${item.opacity ?? 0.3}" stroke="${colour}"/>`;
    case 'dot':
      return `<circle cx="${xm}" cy="${y}" r="4" fill="${colour}"/>`;
    case 'open-dot':
      return `<circle cx="${xm}" cy="${y}" r="4" fill="#fff" stroke="${colour}" stroke-width="1.5"/>`;
    case 'tick':
      return `<line x1="${xm}" y1="${r(middleY - 7)}" x2="${xm}" y2="${r(middleY + 7)}" stroke="${colour}" stroke-width="2"/>`;
  }
}
