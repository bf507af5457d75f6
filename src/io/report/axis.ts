import type { PlotArea } from './plot-area.js';
import { roundCoordinate } from './round-coordinate.js';
import { svgText } from './svg-text.js';

export interface AxisOptions {
  /** 'x' along the bottom of the plot area, 'y' along its left side. */
  readonly orientation: 'x' | 'y';
  /** Tick positions in px (x or y) with their labels. */
  readonly ticks: readonly { readonly position: number; readonly label: string }[];
  readonly plot: PlotArea;
  /** The axis title with its units, e.g. "open cases". */
  readonly title: string;
  /** Draw light grid lines across the plot area at the ticks. */
  readonly grid?: boolean;
}

/**
 * An axis as `<g class="axis x">` or `<g class="axis y">`: a base line, tick
 * marks, tick labels, optional grid lines and a title with units.
 *
 * @example axis({ orientation: 'y', ticks: [{ position: 300, label: '0' }], plot, title: 'open cases' }) // '<g class="axis y">...</g>'
 */
export function axis(options: AxisOptions): string {
  const { plot } = options;
  const r = roundCoordinate;
  const left = plot.left;
  const right = plot.left + plot.width;
  const top = plot.top;
  const bottom = plot.top + plot.height;
  const parts: string[] = [];
  if (options.orientation === 'x') {
    for (const tick of options.ticks) {
      const x = r(tick.position);
      if (options.grid === true)
        parts.push(`<line class="grid" x1="${x}" y1="${r(top)}" x2="${x}" y2="${r(bottom)}" stroke="#e4e4e4"/>`);
      parts.push(`<line x1="${x}" y1="${r(bottom)}" x2="${x}" y2="${r(bottom + 5)}" stroke="#555"/>`);
      parts.push(svgText({ x: tick.position, y: bottom + 18, text: tick.label, anchor: 'middle', sizePx: 11 }));
    }
    parts.push(`<line x1="${r(left)}" y1="${r(bottom)}" x2="${r(right)}" y2="${r(bottom)}" stroke="#555"/>`);
    parts.push(
      svgText({
        x: left + plot.width / 2,
        y: bottom + 36,
        text: options.title,
        anchor: 'middle',
        className: 'axis-title',
      }),
    );
    return `<g class="axis x">${parts.join('')}</g>`;
  }
  for (const tick of options.ticks) {
    const y = r(tick.position);
    if (options.grid === true)
      parts.push(`<line class="grid" x1="${r(left)}" y1="${y}" x2="${r(right)}" y2="${y}" stroke="#e4e4e4"/>`);
    parts.push(`<line x1="${r(left - 5)}" y1="${y}" x2="${r(left)}" y2="${y}" stroke="#555"/>`);
    parts.push(svgText({ x: left - 8, y: tick.position, text: tick.label, anchor: 'end', sizePx: 11, middle: true }));
  }
  parts.push(`<line x1="${r(left)}" y1="${r(top)}" x2="${r(left)}" y2="${r(bottom)}" stroke="#555"/>`);
  parts.push(
    svgText({
      x: left - 52,
      y: top + plot.height / 2,
      text: options.title,
      anchor: 'middle',
      vertical: true,
      className: 'axis-title',
    }),
  );
  return `<g class="axis y">${parts.join('')}</g>`;
}
