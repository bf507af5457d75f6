const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (UTC, no time zone
 * surprises), or null when the text is not a real calendar date.
 *
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(isoDate: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Not Date.UTC(year, ...): it reads years 0-99 as 1900-1999.
  const back = new Date(0);
  back.setUTCFullYear(year, month - 1, day);
  const ms = back.getTime();
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/**
 * The ISO date `YYYY-MM-DD` of a day number.
 *
 * @example isoDate(1) // '1970-01-02'
 */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
