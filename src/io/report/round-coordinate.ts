/**
 * A pixel coordinate as SVG text, rounded to 0.1 px, without a trailing
 * `.0` and never `-0`.
 *
 * @example roundCoordinate(12.345) // '12.3'
 */
export function roundCoordinate(px: number): string {
  const rounded = Math.round(px * 10) / 10;
  return rounded === 0 ? '0' : String(rounded);
}
