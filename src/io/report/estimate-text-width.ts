/**
 * A rough width of a line of sans-serif text, px: enough to lay out legends
 * and label columns without measuring fonts.
 *
 * @example estimateTextWidth('median', 12) // 39.6
 */
export function estimateTextWidth(text: string, fontSizePx: number): number {
  return [...text].length * fontSizePx * 0.55;
}
