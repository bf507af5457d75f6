import { escapeXml } from './escape-xml.js';
import { roundCoordinate } from './round-coordinate.js';

export interface SvgTextOptions {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor?: 'start' | 'middle' | 'end';
  /** Font size, px; at least 11. */
  readonly sizePx?: number;
  readonly fill?: string;
  readonly bold?: boolean;
  /** Rotate by -90° about (x, y), for a y-axis title. */
  readonly vertical?: boolean;
  /** Centre the text vertically on y. */
  readonly middle?: boolean;
  readonly className?: string;
  /** A white outline behind the glyphs, so text stays readable over data. */
  readonly halo?: boolean;
}

/**
 * An SVG `<text>` element in a sans-serif font of at least 11 px, its
 * content escaped.
 *
 * @example svgText({ x: 10, y: 20, text: 'a<b' }) // '<text x="10" y="20" font-family="sans-serif" font-size="12" fill="#222">a&lt;b</text>'
 */
export function svgText(options: SvgTextOptions): string {
  const x = roundCoordinate(options.x);
  const y = roundCoordinate(options.y);
  const attributes = [
    ...(options.className === undefined ? [] : [`class="${escapeXml(options.className)}"`]),
    `x="${x}"`,
    `y="${y}"`,
    'font-family="sans-serif"',
    `font-size="${Math.max(11, options.sizePx ?? 12)}"`,
    `fill="${options.fill ?? '#222'}"`,
    ...(options.anchor === undefined || options.anchor === 'start' ? [] : [`text-anchor="${options.anchor}"`]),
    ...(options.bold === true ? ['font-weight="bold"'] : []),
    ...(options.middle === true ? ['dy="0.35em"'] : []),
    ...(options.halo === true
      ? ['stroke="#fff"', 'stroke-width="3"', 'stroke-linejoin="round"', 'paint-order="stroke"']
      : []),
    ...(options.vertical === true ? [`transform="rotate(-90 ${x} ${y})"`] : []),
  ];
  return `<text ${attributes.join(' ')}>${escapeXml(options.text)}</text>`;
}
