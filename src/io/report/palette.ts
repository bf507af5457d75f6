/** The Okabe–Ito palette, safe for the common forms of colour blindness. */
const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

/**
 * The colour of series `index` (0-based) from the Okabe–Ito palette,
 * starting again after the eighth.
 *
 * @example paletteColour(0) // '#0072B2'
 */
export function paletteColour(index: number): string {
  const count = OKABE_ITO.length;
  const at = Number.isFinite(index) ? ((Math.trunc(index) % count) + count) % count : 0;
  return OKABE_ITO[at] ?? '#000000';
}
