import { CsvError, parse } from 'csv-parse/sync';

/** Where a cell of a CSV file starts: its 1-based line and column. */
export interface CellPosition {
  readonly line: number;
  readonly column: number;
}

/** One record of a CSV file with the line it ends on, and where each of its cells starts. */
export interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
  /** Where each cell of `record` starts (after the spaces that trimming dropped), in order. */
  readonly cells: readonly CellPosition[];
}

/**
 * The records of a CSV text as caseload's readers read them: a byte-order mark
 * dropped, cells trimmed, empty lines skipped, rows of any length (each reader
 * names a missing cell itself); with `comments`, lines starting with `#` are
 * comments. Each record knows where its cells start, for issues that point at
 * one. Text that is not CSV gives the message and, where csv-parse knows it,
 * the line.
 *
 * @example csvRecords('date,count\n2023-01-01,116\n') // { ok: true, records: [...] }
 */
export function csvRecords(
  text: string,
  options: { readonly comments?: boolean } = {},
): { ok: true; records: CsvRecord[] } | { ok: false; line: number | null; message: string } {
  try {
    const parsed = parse(text, {
      info: true,
      raw: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      ...(options.comments === true ? { comment: '#', comment_no_infix: true } : {}),
    }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
    const records = parsed.map(({ record, raw, info }) => ({
      record,
      info: { lines: info.lines },
      cells: cellPositions(raw, info.lines, record.length, options.comments === true),
    }));
    return { ok: true, records };
  } catch (error) {
    const line = error instanceof CsvError ? ((error as unknown as { lines?: number }).lines ?? null) : null;
    return { ok: false, line, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Where each of `count` cells starts in the raw text of a record, which
 * ends on line `lastLine` and may begin with the empty lines and comments
 * skipped before it. Cells are separated by commas outside double quotes.
 */
function cellPositions(raw: string, lastLine: number, count: number, comments: boolean): CellPosition[] {
  const newlines = raw.split('\n').length - 1;
  let line = lastLine - newlines + (raw.endsWith('\n') ? 1 : 0);
  let lineStart = 0;
  let i = 0;
  // Skipped lines: empty ones, and comments.
  for (let end = raw.indexOf('\n'); end !== -1; end = raw.indexOf('\n', i)) {
    const text = raw.slice(i, end).trim();
    if (text !== '' && !(comments && text.startsWith('#'))) break;
    i = end + 1;
    lineStart = i;
    line += 1;
  }
  const positions: CellPosition[] = [];
  const advance = (to: number) => {
    for (; i < to; i++) {
      if (raw[i] === '\n') {
        line += 1;
        lineStart = i + 1;
      }
    }
  };
  for (let cell = 0; cell < count; cell++) {
    while (raw[i] === ' ' || raw[i] === '\t') i++;
    positions.push({ line, column: i - lineStart + 1 });
    if (raw[i] === '"') {
      // A quoted cell: to its closing quote ("" is a quote inside it), over line breaks.
      let close = i + 1;
      while (close < raw.length && !(raw[close] === '"' && raw[close + 1] !== '"')) close += raw[close] === '"' ? 2 : 1;
      advance(close + 1);
    }
    while (i < raw.length && raw[i] !== ',' && raw[i] !== '\n' && raw[i] !== '\r') i++;
    if (raw[i] === ',') i++;
  }
  return positions;
}
