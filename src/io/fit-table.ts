/** Terminal width that tables and text of the terminal reports fit. */
export const TERMINAL_WIDTH = 100;

const GAP = 2;
/** Continuation lines of a wrapped row label are indented by this much. */
const HANG = 2;

/** How fitTable lays out a table besides its width. */
export interface FitTableOptions {
  /** How many leading columns name a row: each table of a split repeats them (default 1). */
  readonly keys?: number;
  /**
   * What the first column holds: row labels, left-aligned and wrapped at spaces
   * (the default), or figures like the other columns, right-aligned and never wrapped.
   */
  readonly firstColumn?: 'labels' | 'figures';
  /** Headers are dotted paths (capacity.perWeek): a header's word may wrap after a dot. */
  readonly breakAfterDots?: boolean;
}

/**
 * A plain-text table that fits `width` columns, every cell kept: the first
 * column (row labels) left-aligned, the others right-aligned, as textTable.
 * When the natural table is wider, header cells and row labels wrap at spaces
 * (a header over several lines, bottom-aligned; a label's further lines
 * indented, the row's figures on its first line); when that is not enough,
 * the columns are split over several tables, one below the other, each
 * repeating the label column. Options: `keys`, the number of leading columns
 * that name a row and that each table of a split repeats; `firstColumn:
 * 'figures'`, a first column aligned and kept whole as the others; and
 * `breakAfterDots`, headers that are dotted paths, whose words wrap after a
 * dot before they break anywhere else.
 *
 * @example fitTable([['option', 'mean'], ['Plan 2024', '1,138']]) // '  option     mean\n  Plan 2024  1,138'
 * @example fitTable(rows, 100, 2, { keys: 2, firstColumn: 'figures', breakAfterDots: true }) // a sweep's table
 */
export function fitTable(
  rows: readonly (readonly string[])[],
  width = TERMINAL_WIDTH,
  indent = 2,
  options: FitTableOptions = {},
): string {
  const columns = rows[0]?.length ?? 0;
  if (columns === 0) return '';
  const keys = Math.min(columns, Math.max(1, options.keys ?? 1));
  const labelled = options.firstColumn !== 'figures';
  const dots = options.breakAfterDots === true;
  const room = width - indent;
  const natural = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  // How far each column may narrow: a header to two lines, then the labels, then a header to four lines.
  const twoLines = natural.map((w, i) => (i === 0 && labelled ? w : headerWidth(rows, i, 2, room, dots)));
  const labels = [labelled ? Math.min(natural[0]!, labelWidth(rows, room)) : twoLines[0]!, ...twoLines.slice(1)];
  const least = [
    labelled ? labels[0]! : headerWidth(rows, 0, HEADER_LINES, room, dots),
    ...natural.slice(1).map((_, j) => headerWidth(rows, j + 1, HEADER_LINES, room, dots)),
  ];
  if (columns > keys && span(least, indent) > width) {
    // Split the other columns into groups that fit beside the key columns at their least widths.
    const key = least.slice(0, keys);
    const groups: number[][] = [];
    let group: number[] = [];
    for (let i = keys; i < columns; i++) {
      if (group.length > 0 && span([...key, ...[...group, i].map((j) => least[j]!)], indent) > width) {
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
            rows.map((row) => [...Array.from({ length: keys }, (_, k) => row[k] ?? ''), ...g.map((i) => row[i] ?? '')]),
            width,
            indent,
            options,
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
  // A wrapped column takes only as much as its longest wrapped line (or figure), when its cells wrap the same
  // in that width: a label's further lines are indented, so a long word may need the wider column.
  for (let i = 0; i < columns; i++) {
    if (widths[i]! >= natural[i]!) continue;
    const wrapped = (w: number) =>
      rows.map((row, r) => wrapCell(row[i] ?? '', w, r, i === 0 && labelled, dots).join('\n')).join('\n\n');
    const cells = wrapped(widths[i]!);
    const narrower = Math.max(1, ...cells.split('\n').map((line) => line.length));
    if (wrapped(narrower) === cells) widths[i] = narrower;
  }
  return render(rows, widths, indent, labelled, dots);
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
 * The least width of a column of figures with its header over at most `lines`
 * lines: never below its longest figure (figures never wrap), at most a third
 * of the line for the header (a longer word is broken; with `dots`, after a
 * dot first).
 */
function headerWidth(
  rows: readonly (readonly string[])[],
  i: number,
  lines: number,
  room: number,
  dots: boolean,
): number {
  const figures = Math.max(0, ...rows.slice(1).map((row) => (row[i] ?? '').length));
  const header = rows[0]![i] ?? '';
  const cap = Math.max(1, Math.floor(room / 3));
  const words = header.split(' ').flatMap((word) => (dots ? afterDots(word) : [word]));
  const count = (w: number) => (dots ? wrapAfterDots(header, w) : wrapText(header, w)).length;
  let w = Math.min(cap, Math.max(1, ...words.map((word) => word.length)));
  while (w < cap && w < header.length && count(w) > lines) w++;
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

/**
 * Words wrapped as wrapWords, a word longer than the line broken after its
 * dots first (then as wrapWords breaks it): the pieces of one word join
 * without a space, so a line holds a space only where the text has one.
 *
 * @example wrapAfterDots('inflow.meanPerWeek.2024-04-01', 20) // ['inflow.meanPerWeek.', '2024-04-01']
 */
function wrapAfterDots(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const pieces = (word.length <= width ? [word] : afterDots(word)).flatMap((piece) =>
      Array.from({ length: Math.ceil(piece.length / width) }, (_, k) => piece.slice(k * width, (k + 1) * width)),
    );
    pieces.forEach((piece, k) => {
      const joined = line === '' ? piece : k === 0 ? `${line} ${piece}` : `${line}${piece}`;
      if (line !== '' && joined.length > width) {
        lines.push(line);
        line = piece;
      } else line = joined;
    });
  }
  lines.push(line);
  return lines;
}

/** A word cut after each of its dots: 'capacity.perWeek' is 'capacity.' and 'perWeek'. */
function afterDots(word: string): string[] {
  return word.split(/(?<=\.)/);
}

/**
 * The lines of cell (row r) in a column `width` wide: a header (r = 0) wraps
 * after dots too with `dots`; a row label's further lines are indented.
 */
function wrapCell(text: string, width: number, r: number, label: boolean, dots: boolean): string[] {
  if (r === 0 && dots) return wrapAfterDots(text, width);
  return wrapWords(text, width, r > 0 && label ? HANG : 0);
}

function render(
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  indent: number,
  labelled: boolean,
  dots: boolean,
): string {
  const lines: string[] = [];
  rows.forEach((row, r) => {
    const cells = widths.map((w, i) => {
      const text = row[i] ?? '';
      if (text.length <= w) return [text];
      // Figures never wrap (headerWidth keeps them whole): only the header and the labels get here.
      return wrapCell(text, w, r, i === 0 && labelled, dots);
    });
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      const line = cells.map((c, i) => {
        // A header sits on its bottom lines; a row's figures on its first.
        const text = (r === 0 ? c[k - (height - c.length)] : c[k]) ?? '';
        return i === 0 && labelled ? text.padEnd(widths[i]!) : text.padStart(widths[i]!);
      });
      lines.push((' '.repeat(indent) + line.join(' '.repeat(GAP))).trimEnd());
    }
  });
  return lines.join('\n');
}
