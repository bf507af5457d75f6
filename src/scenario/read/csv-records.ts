import { CsvError, parse } from 'csv-parse/sync';

/** One record of a CSV file with the line it ends on. */
export interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * The records of a CSV text as caseload's readers read them: a byte-order mark
 * dropped, cells trimmed, empty lines skipped, rows of any length (each reader
 * names a missing cell itself); with `comments`, lines starting with `#` are
 * comments. Text that is not CSV gives the message and, where csv-parse knows
 * it, the line.
 *
 * @example csvRecords('date,count\n2023-01-01,116\n') // { ok: true, records: [...] }
 */
export function csvRecords(
  text: string,
  options: { readonly comments?: boolean } = {},
): { ok: true; records: CsvRecord[] } | { ok: false; line: number | null; message: string } {
  try {
    const records = parse(text, {
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      ...(options.comments === true ? { comment: '#', comment_no_infix: true } : {}),
    }) as unknown as CsvRecord[];
    return { ok: true, records };
  } catch (error) {
    const line = error instanceof CsvError ? ((error as unknown as { lines?: number }).lines ?? null) : null;
    return { ok: false, line, message: error instanceof Error ? error.message : String(error) };
  }
}
