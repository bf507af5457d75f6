import { monthName } from './month-name.js';

/**
 * A day (days since 1970-01-01, UTC) as a short English date; '-' when not finite.
 *
 * @example formatDate(20088) // '31 Dec 2024'
 */
export function formatDate(epochDay: number): string {
  if (!Number.isFinite(epochDay)) return '-';
  const date = new Date(Math.round(epochDay) * 86_400_000);
  return `${date.getUTCDate()} ${monthName(date.getUTCMonth())} ${date.getUTCFullYear()}`;
}
