const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * The English three-letter name of a month, 0 = January.
 *
 * @example monthName(11) // 'Dec'
 */
export function monthName(monthIndex: number): string {
  return MONTHS[monthIndex] ?? '';
}
