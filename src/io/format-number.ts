/**
 * A number for a terminal table: thousands separated by commas, a fixed
 * number of decimals, `-` for NaN.
 *
 * @example formatNumber(1440.4) // '1,440'
 */
export function formatNumber(value: number, decimals = 0): string {
  if (Number.isNaN(value)) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * A share as a percentage.
 *
 * @example formatPercent(0.1336) // '13.4%'
 */
export function formatPercent(share: number, decimals = 1): string {
  if (Number.isNaN(share)) return '-';
  return `${(share * 100).toFixed(decimals)}%`;
}
