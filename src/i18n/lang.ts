/** The languages caseload writes its HTML report and what-if page in. */
export const LANGS = ['en', 'nl'] as const;

/** `en` (English) or `nl` (Dutch). */
export type Lang = (typeof LANGS)[number];

/**
 * Whether a value names one of the languages.
 *
 * @example isLang('nl') // true
 */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
