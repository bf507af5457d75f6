import { formatNumber } from '../format-number.js';

/**
 * A change as text with its sign: a true minus (U+2212) for a decrease, `+`
 * for an increase, thousands separated; '-' for NaN.
 *
 * @example formatSigned(-1058) // '−1,058'
 */
export function formatSigned(change: number, decimals = 0): string {
  if (Number.isNaN(change)) return '-';
  const text = formatNumber(Math.abs(change), decimals);
  if (/^[0.,]+$/.test(text)) return text;
  return `${change < 0 ? '\u2212' : '+'}${text}`;
}
