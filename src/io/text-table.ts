/**
 * A plain-text table: the first column left-aligned, the others right-aligned,
 * two spaces between columns, every line indented by `indent` spaces.
 *
 * @example textTable([['lane', 'mean'], ['regular', '1,024']])
 */
export function textTable(rows: readonly (readonly string[])[], indent = 2): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  return rows
    .map(
      (row) =>
        ' '.repeat(indent) +
        row
          .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}
