import type { Lang } from './lang.js';

const MONTHS: Readonly<Record<Lang, { readonly long: readonly string[]; readonly short: readonly string[] }>> = {
  en: {
    long: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    short: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  nl: {
    long: [
      'januari',
      'februari',
      'maart',
      'april',
      'mei',
      'juni',
      'juli',
      'augustus',
      'september',
      'oktober',
      'november',
      'december',
    ],
    short: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  },
};

/**
 * The name of a month (0 = January) in the language, long or short.
 *
 * @example monthNameIn('nl', 2, 'short') // 'mrt'
 */
export function monthNameIn(lang: Lang, monthIndex: number, style: 'long' | 'short' = 'short'): string {
  return MONTHS[lang][style][monthIndex] ?? '';
}

/**
 * A day as the language writes a date: `31 December 2024` / `31 december
 * 2024` (long), `31 Dec 2024` / `31 dec 2024` (short). The day is an ISO
 * date `YYYY-MM-DD` or a count of days since 1970-01-01 (UTC); `-` when it
 * is neither.
 *
 * @example formatDateIn('nl', '2024-12-31') // '31 december 2024'
 * @example formatDateIn('en', 20088, 'short') // '31 Dec 2024'
 */
export function formatDateIn(lang: Lang, day: string | number, style: 'long' | 'short' = 'long'): string {
  const time = typeof day === 'number' ? Math.round(day) * 86_400_000 : Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(time)) return '-';
  const date = new Date(time);
  return `${date.getUTCDate()} ${monthNameIn(lang, date.getUTCMonth(), style)} ${date.getUTCFullYear()}`;
}
