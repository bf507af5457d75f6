/**
 * A tick step of 1, 2 or 5 times a power of ten that cuts `span` into about
 * `count` intervals; 1 for a span that is zero or not finite.
 *
 * @example niceStep(1440, 6) // 200
 */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!Number.isFinite(raw) || raw <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const multiple = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return multiple * power;
}
