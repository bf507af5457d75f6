/**
 * CSV text (RFC 4180, comma-separated, `\n` line ends) from a header and rows.
 * Numbers are written with at most `decimals` decimals, trailing zeros
 * dropped; NaN as an empty cell.
 *
 * @example toCsv(['week', 'mean'], [[0, 1.25]]) // 'week,mean\n0,1.25\n'
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  decimals = 4,
): string {
  const cell = (value: string | number): string => {
    if (typeof value === 'number') return Number.isNaN(value) ? '' : String(Number(value.toFixed(decimals)));
    return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\n')}\n`;
}
