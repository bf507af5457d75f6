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

/**
 * How caseload writes its CSV files (`--csv-dialect`):
 * - `rfc4180` (the default), for programs: comma-separated, decimal point,
 *   up to 4 decimals, every column always present, the header on line 1.
 * - `nl`, for Excel with Dutch settings: semicolon-separated, decimal comma,
 *   values rounded per column, columns that are empty in every row left out,
 *   a UTF-8 byte order mark and CRLF line ends, and a first line starting
 *   with `#` that says what wrote the file (caseload's version, the
 *   scenario, its file, the seed, the replications); the header is line 2.
 */
export const CSV_DIALECTS = ['rfc4180', 'nl'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

/** A column of a CSV file: its name and the decimals its numbers are rounded to in the `nl` dialect. */
export interface CsvColumn {
  readonly name: string;
  readonly decimals: number;
}

/** What wrote a CSV file, for the `nl` dialect's first line. */
export interface CsvAbout {
  readonly caseloadVersion: string;
  /** The scenario's name. */
  readonly scenario: string;
  /** The scenario file as given on the command line. */
  readonly file: string;
  readonly seed: number;
  readonly replications: number;
  readonly deterministic?: boolean;
  /** sha256 of the resolved scenario, when there is one scenario. */
  readonly scenarioHash?: string;
}

/** Rounding of the `nl` dialect, by what a column holds. */
export const CSV_DECIMALS = {
  /** Weeks, counts of weeks. */
  whole: 0,
  /** Cases (means and percentiles per replication) and days. */
  cases: 1,
  /** Shares and probabilities, as fractions: 0.473 is 47.3%. */
  share: 3,
  /** FTE. */
  fte: 2,
  /** Money: whole units. */
  money: 0,
} as const;

/**
 * A CSV file in a dialect. `rfc4180` is `toCsv` (the columns' decimals and
 * `about` unused); `nl` is described at CSV_DIALECTS.
 *
 * @example csvText([{ name: 'week', decimals: 0 }, { name: 'mean', decimals: 1 }], [[0, 1.25]], 'nl', null) // '\uFEFFweek;mean\r\n0;1,3\r\n'
 */
export function csvText(
  columns: readonly CsvColumn[],
  rows: readonly (readonly (string | number)[])[],
  dialect: CsvDialect,
  about: CsvAbout | null,
): string {
  if (dialect === 'rfc4180')
    return toCsv(
      columns.map((column) => column.name),
      rows,
    );
  const cell = (value: string | number, decimals: number): string => {
    if (typeof value === 'number') return Number.isNaN(value) ? '' : decimalComma(value, decimals);
    return nlText(value);
  };
  const kept = columns.flatMap((column, i) =>
    rows.length > 0 && rows.every((row) => cell(row[i]!, column.decimals) === '') ? [] : [i],
  );
  const lines = [
    ...(about === null ? [] : [aboutLine(about)]),
    kept.map((i) => nlText(columns[i]!.name)).join(';'),
    ...rows.map((row) => kept.map((i) => cell(row[i]!, columns[i]!.decimals)).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A number rounded to `decimals` with a decimal comma and no thousands
 * separator (Excel with Dutch settings reads `1440,5`; `1.440,5` it would
 * also read, but other programs would not), trailing zeros dropped.
 *
 * @example decimalComma(1440.46, 1) // '1440,5'
 */
export function decimalComma(value: number, decimals: number): string {
  const rounded = Number(value.toFixed(decimals));
  // -0 after rounding a small negative value: written 0.
  return String(rounded === 0 ? 0 : rounded).replace('.', ',');
}

/**
 * A text cell for the `nl` dialect: quoted when it holds a semicolon, a
 * quote or a line break; text that Excel would take for a formula (starting
 * with =, +, - or @) is quoted and starts with an apostrophe, so Excel shows
 * it as text and never runs it.
 */
function nlText(value: string): string {
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The first line of an `nl` file: `# caseload 0.1.0;scenario: ...;file: ...;seed: 1;replications: 500`, one cell each in Excel. */
function aboutLine(about: CsvAbout): string {
  const cells = [
    `# caseload ${about.caseloadVersion}`,
    `scenario: ${about.scenario}`,
    `file: ${about.file}`,
    `seed: ${about.seed}`,
    about.deterministic === true ? 'deterministic (expected values)' : `replications: ${about.replications}`,
    ...(about.scenarioHash === undefined ? [] : [`scenario sha256: ${about.scenarioHash}`]),
  ];
  // The first cell starts with # unquoted, so that programs that skip comment lines skip it.
  return cells.map((text, i) => (i === 0 ? text.replace(/[";\r\n]/g, ' ') : nlText(text))).join(';');
}
