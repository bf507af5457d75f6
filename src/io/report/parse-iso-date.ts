import { dayNumber } from '../../time/weeks.js';

/**
 * An ISO date `YYYY-MM-DD` as whole days since 1970-01-01 (UTC), as the
 * charts' scales take it: dayNumber with NaN, not null, for a text that is
 * not a real date, so that a bad date falls out of every extent.
 *
 * @example parseIsoDate('2024-01-01') // 19723
 */
export function parseIsoDate(iso: string): number {
  return dayNumber(iso) ?? Number.NaN;
}
