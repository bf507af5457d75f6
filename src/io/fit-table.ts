/** Terminal width that tables and text of the terminal reports fit. */
export const TERMINAL_WIDTH = 100;

const GAP = 2;
/** Continuation lines of a wrapped row label are indented by this much. */
const HANG = 2;

/**
 * A plain-text table that fits `width` columns, every cell kept: the first
 * column (row labels) left-aligned, the others right-aligned, as textTable.
 * When the natural table is wider, header cells and row labels wrap at spaces
 * (a header over several lines, bottom-aligned; a label's further lines
 * indented, the row's figures on its first line); when that is not enough,
 * the columns are split over several tables, one below the other, each
 * repeating the label column.
 *
 * @example fitTable([['option', 'mean'], ['Plan 2024', '1,138']]) // '  option     mean\n  Plan 2024  1,138'
 */
export function fitTable(rows: readonly (readonly string[])[], width = TERMINAL_WIDTH, indent = 2): string {
  const columns = rows[0]?.length ?? 0;
  if (columns === 0) return '';
  const room = width - indent;
  const natural = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  // How far each column may narrow: a header to two lines, then the labels, then a header to four lines.
  const twoLines = natural.map((w, i) => (i === 0 ? w : headerWidth(rows, i, 2, room)));
  const labels = [Math.min(natural[0]!, labelWidth(rows, room)), ...twoLines.slice(1)];
  const least = [labels[0]!, ...natural.slice(1).map((_, j) => headerWidth(rows, j + 1, HEADER_LINES, room))];
  if (columns > 1 && span(least, indent) > width) {
    // Split the other columns into groups that fit beside the label column at their least widths.
    const groups: number[][] = [];
    let group: number[] = [];
    for (let i = 1; i < columns; i++) {
      if (group.length > 0 && span([least[0]!, ...[...group, i].map((j) => least[j]!)], indent) > width) {
        groups.push(group);
        group = [];
      }
      group.push(i);
    }
    groups.push(group);
    if (groups.length > 1)
      return groups
        .map((g) =>
          fitTable(
            rows.map((row) => [row[0] ?? '', ...g.map((i) => row[i] ?? '')]),
            width,
            indent,
          ),
        )
        .join('\n\n');
  }
  const widths = [...natural];
  // Narrow a character at a time, the widest column first, each step to its floor, until the table fits.
  for (const floor of [twoLines, labels, least]) {
    while (span(widths, indent) > width) {
      let widest = -1;
      for (let i = 0; i < columns; i++)
        if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      if (widest < 0) break;
      widths[widest]!--;
    }
  }
  // A wrapped column takes only as much as its longest wrapped line (or figure).
  for (let i = 0; i < columns; i++) {
    if (widths[i]! >= natural[i]!) continue;
    const cells = rows.map((row, r) => wrapWords(row[i] ?? '', widths[i]!, r > 0 && i === 0 ? HANG : 0));
    widths[i] = Math.max(1, ...cells.flat().map((line) => line.length));
  }
  return render(rows, widths, indent);
}

/**
 * Text wrapped at spaces to `width` columns, every line after the first
 * indented by `hang` spaces; a word longer than a line keeps its own line.
 *
 * @example wrapText('a b c', 3) // ['a b', 'c']
 */
export function wrapText(text: string, width = TERMINAL_WIDTH, hang = 0): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const room = width - (lines.length === 0 ? 0 : hang);
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= room) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines.map((text, i) => (i === 0 ? text : ' '.repeat(hang) + text));
}

/**
 * Labels and their text, the text beside the labels wrapped to fit `width`
 * (a definition list for the terminal).
 *
 * @example labelledLines([['30 a week', '30 decisions a week']]) // ['  30 a week  30 decisions a week']
 */
export function labelledLines(
  pairs: readonly (readonly [string, string])[],
  width = TERMINAL_WIDTH,
  indent = 2,
): string[] {
  const labelWidth = Math.min(Math.max(...pairs.map(([label]) => label.length)), Math.floor((width - indent) * 0.4));
  const textWidth = width - indent - labelWidth - GAP;
  return pairs.flatMap(([label, text]) => {
    const labels = label.length <= labelWidth ? [label] : wrapWords(label, labelWidth, HANG);
    const texts = wrapText(text, textWidth);
    return Array.from({ length: Math.max(labels.length, texts.length) }, (_, i) =>
      `${' '.repeat(indent)}${(labels[i] ?? '').padEnd(labelWidth)}${' '.repeat(GAP)}${texts[i] ?? ''}`.trimEnd(),
    );
  });
}

/** Columns the table takes at these widths. */
function span(widths: readonly number[], indent: number): number {
  return indent + widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
}

/** A header wraps over at most this many lines; a table that needs more is split. */
const HEADER_LINES = 4;

/**
 * The least width of column i (i > 0) with its header over at most `lines`
 * lines: never below its longest figure (figures never wrap), at most a third
 * of the line for the header (a longer word is broken).
 */
function headerWidth(rows: readonly (readonly string[])[], i: number, lines: number, room: number): number {
  const figures = Math.max(0, ...rows.slice(1).map((row) => (row[i] ?? '').length));
  const header = rows[0]![i] ?? '';
  const cap = Math.max(1, Math.floor(room / 3));
  let w = Math.min(cap, Math.max(1, ...header.split(' ').map((word) => word.length)));
  while (w < cap && w < header.length && wrapText(header, w).length > lines) w++;
  return Math.min(Math.max(figures, w), Math.max(figures, header.length));
}

/** The least width of the label column: its longest word (further lines indented), at most half the line. */
function labelWidth(rows: readonly (readonly string[])[], room: number): number {
  const longest = Math.max(1, ...rows.map((row) => Math.max(...(row[0] ?? '').split(' ').map((word) => word.length))));
  const body = Math.max(
    0,
    ...rows.slice(1).map((row) => Math.max(...(row[0] ?? '').split(' ').map((w) => w.length)) + HANG),
  );
  return Math.min(Math.max(longest, body), Math.floor(room / 2));
}

/** Words wrapped to `width`, a word longer than that broken; lines after the first indented by `hang`. */
function wrapWords(text: string, width: number, hang: number): string[] {
  const room = Math.max(1, width - hang);
  const pieces = text
    .split(' ')
    .filter((w) => w !== '')
    .flatMap((word) =>
      word.length <= room
        ? [word]
        : Array.from({ length: Math.ceil(word.length / room) }, (_, k) => word.slice(k * room, (k + 1) * room)),
    );
  return wrapText(pieces.join(' '), width, hang).map((line) => (line.length > width ? line.slice(0, width) : line));
}

function render(rows: readonly (readonly string[])[], widths: readonly number[], indent: number): string {
  const lines: string[] = [];
  rows.forEach((row, r) => {
    const cells = widths.map((w, i) => {
      const text = row[i] ?? '';
      if (text.length <= w) return [text];
      // Figures never wrap (minimalWidth keeps them whole): only the header and the labels get here.
      return wrapWords(text, w, r > 0 && i === 0 ? HANG : 0);
    });
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      const line = cells.map((c, i) => {
        // A header sits on its bottom lines; a row's figures on its first.
        const text = (r === 0 ? c[k - (height - c.length)] : c[k]) ?? '';
        return i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!);
      });
      lines.push((' '.repeat(indent) + line.join(' '.repeat(GAP))).trimEnd());
    }
  });
  return lines.join('\n');
}
