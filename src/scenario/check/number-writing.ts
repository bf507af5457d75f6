/**
 * Numbers written the Dutch way. In Dutch a dot groups the thousands and a
 * comma is the decimal point (1.600 is sixteen hundred, 27,5 is twenty-seven
 * and a half); YAML, JSON and the command line read a dot as the decimal point
 * and a comma not at all (or, in a `--set` list, as a separator). These
 * readers recognise such writing so that the loader can warn and the command
 * line can refuse it, each with the number the user most likely meant.
 */

/**
 * Units (the schema's `x-unit`) of fields whose values often run into
 * thousands, so that a Dutch `1.600` there is likely meant as 1,600: counts of
 * cases, capacity, FTE, cost and days. (Whole-number fields take no `1.600`
 * at all, and `1.000` there is 1.)
 */
export const COUNTED_UNITS: ReadonlySet<string> = new Set([
  'cases',
  'cases/week',
  'decisions/week',
  'decisions (or hours)/week',
  'decisions (or hours)/year',
  'FTE',
  'currency/FTE-year',
  'days',
]);

/** One to three digits, then groups of three after one kind of separator: `1.600`, `1,000,000`. */
const GROUPED = /^([1-9]\d{0,2})(?:([.,])\d{3})(?:\2\d{3})*$/;

/**
 * The number a text means when its dots or commas group thousands (`1.600`,
 * `1,000`, `85.000`, `1.000.000`): its digits without them; null when the text
 * is not written so (`1.6`, `1600`, `0.100`, `26.73`).
 *
 * @example groupedNumber('1.600') // 1600
 * @example groupedNumber('1,000,000') // 1000000
 * @example groupedNumber('1.60') // null
 */
export function groupedNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!GROUPED.test(trimmed)) return null;
  return Number(trimmed.replace(/[.,]/g, ''));
}

/**
 * The number a text with one decimal comma means (`27,5`, `0,9`, `-1,25`,
 * `,5`); null when it has none.
 *
 * @example decimalComma('0,9') // 0.9
 */
export function decimalComma(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?\d*,\d+$/.test(trimmed)) return null;
  return Number(trimmed.replace(',', '.'));
}

/**
 * A number as people read it, with a comma between the thousands and at most
 * six decimals: 1600 is `1,600`, 0.005 is `0.005`.
 *
 * @example plainNumber(1600) // '1,600'
 */
export function plainNumber(value: number): string {
  return PLAIN.format(value);
}

/** One formatter for every call: toLocaleString builds a new one each time, slow beside the loader's other work. */
const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
