import { escapeXml } from './escape-xml.js';

export interface SvgRootOptions {
  /** The data-chart name the report and its tests look for. */
  readonly chart: 'fan' | 'lanes' | 'decisions' | 'lead-time' | 'options' | 'variance' | 'tornado' | 'periods';
  readonly widthPx: number;
  readonly heightPx: number;
  /** The accessible name, shown as a tooltip. */
  readonly title: string;
  /** A sentence describing what the chart shows. */
  readonly ariaLabel: string;
  /** The SVG elements inside. */
  readonly body: readonly string[];
}

/**
 * A self-contained `<svg>` element: namespace, viewBox, role="img",
 * aria-label, data-chart, a sans-serif font, and `<title>` as first child.
 *
 * @example
 * svgRoot({ chart: 'fan', widthPx: 720, heightPx: 360, title: 'Backlog', ariaLabel: 'Backlog per week.', body: [] })
 * // '<svg xmlns="http://www.w3.org/2000/svg" ...><title>Backlog</title></svg>'
 */
export function svgRoot(options: SvgRootOptions): string {
  const width = Math.round(options.widthPx);
  const height = Math.round(options.heightPx);
  const attributes = [
    'xmlns="http://www.w3.org/2000/svg"',
    `viewBox="0 0 ${width} ${height}"`,
    `width="${width}"`,
    `height="${height}"`,
    'role="img"',
    `aria-label="${escapeXml(options.ariaLabel)}"`,
    `data-chart="${options.chart}"`,
    'font-family="sans-serif"',
    'font-size="12"',
  ];
  return `<svg ${attributes.join(' ')}><title>${escapeXml(options.title)}</title>${options.body.join('')}</svg>`;
}
