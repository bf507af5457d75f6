/**
 * The comment at the end of a YAML line (`key: value  # comment`), without
 * the `#`; null when the line has none. A `#` inside quotes, or not preceded
 * by a space, is part of the value.
 *
 * @example trailingComment('  meanPerWeek: 25   # decision memo: about 25 a week') // 'decision memo: about 25 a week'
 */
export function trailingComment(line: string): string | null {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== null) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      const text = line.slice(i + 1).trim();
      return text === '' ? null : text;
    }
  }
  return null;
}
