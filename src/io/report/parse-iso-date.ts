const MS_PER_DAY = 86_400_000;

/**
 * An ISO date `YYYY-MM-DD` as whole days since 1970-01-01 (UTC, never the
 * local time zone); NaN when the text is not a valid date.
 *
 * @example parseIsoDate('2024-01-01') // 19723
 */
export function parseIsoDate(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return NaN;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return NaN;
  return ms / MS_PER_DAY;
}
