/**
 * Dates and weeks, the one place caseload does calendar arithmetic. Dates are
 * ISO strings `YYYY-MM-DD` in UTC (no time zones); a day number counts days
 * from 1970-01-01. Week t of a scenario covers the seven days from
 * `start + 7t`; its backlog is measured on its last day, `start + 7t + 6`.
 *
 * Imports nothing from the rest of caseload: every layer may use it.
 */

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
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** Days in a month (1 to 12) of the proleptic Gregorian calendar, as Date counts them. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a real date, by arithmetic (H. Hinnant's
 * days_from_civil): no Date object, so a calendar of 200,000 periods reads
 * its dates in milliseconds. Years 0 to 9999 give what Date gives.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The first and the last date caseload reads: years of four digits, from
 * 1900. A date after 9999-12-31 has no `YYYY-MM-DD` (JavaScript writes
 * `+010000-01-01`), and one before 1900 is a typo in a case backlog, not
 * history. Scenario dates, a horizon's last day, dates in CSV files and the
 * dates of flags lie in this range.
 */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '9999-12-31';

/** The allowed text of an issue with a date outside FIRST_DATE to LAST_DATE. */
export const DATE_RANGE = `a date from ${FIRST_DATE} to ${LAST_DATE}`;

/**
 * Whether a day number lies from FIRST_DATE to LAST_DATE.
 *
 * @example inDateRange(dayNumber('1899-12-31')!) // false
 */
export function inDateRange(day: number): boolean {
  return day >= FIRST_DAY && day <= LAST_DAY;
}

/**
 * The number of whole weeks from a start whose last day is on or before
 * LAST_DATE: the longest horizon a scenario starting then can have.
 *
 * @example weeksUntilLastDate('9999-12-04') // 4
 */
export function weeksUntilLastDate(start: string): number {
  return Math.floor((LAST_DAY - dayNumber(start)! + 1) / 7);
}

/**
 * The ISO date `YYYY-MM-DD` of a day number.
 *
 * @example isoDate(1) // '1970-01-02'
 */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The date a number of days after (or, negative, before) a date.
 *
 * @example addDays('2024-02-28', 1) // '2024-02-29'
 */
export function addDays(date: string, days: number): string {
  return isoDate(dayNumber(date)! + days);
}

/**
 * addDays, but no later than LAST_DATE: the last date that still counts for
 * a week ending late in 9999 (a target date up to 6 days after its end).
 *
 * @example addDaysUpToLast('9999-12-26', 6) // '9999-12-31'
 */
export function addDaysUpToLast(date: string, days: number): string {
  return isoDate(Math.min(dayNumber(date)! + days, LAST_DAY));
}

/**
 * The first day of week t: start + 7t.
 *
 * @example weekStartDate('2024-01-01', 1) // '2024-01-08'
 */
export function weekStartDate(start: string, week: number): string {
  return isoDate(dayNumber(start)! + 7 * week);
}

/**
 * The date on which the backlog of week t is measured: the last day of the
 * week, start + 7t + 6.
 *
 * @example weekEndDate('2024-01-01', 0) // '2024-01-07'
 */
export function weekEndDate(start: string, week: number): string {
  return isoDate(dayNumber(start)! + 7 * week + 6);
}

/**
 * The week whose end-of-week backlog counts for a date: the last whole week
 * ending on or before it (-1 when none does).
 *
 * @example weekEndingBy('2024-01-01', '2024-12-31') // 51
 */
export function weekEndingBy(start: string, date: string): number {
  return Math.floor((dayNumber(date)! - dayNumber(start)! + 1) / 7) - 1;
}

/**
 * The week a date falls in: 0 for the first seven days from the start,
 * negative before it.
 *
 * @example weekOf('2024-01-01', '2024-01-08') // 1
 */
export function weekOf(start: string, date: string): number {
  return Math.floor((dayNumber(date)! - dayNumber(start)!) / 7);
}

/**
 * The day of the week of a day number: 0 for Monday to 6 for Sunday (ISO
 * order). 1970-01-01, day 0, was a Thursday.
 *
 * @example weekdayOf(dayNumber('2024-04-27')!) // 5 (a Saturday)
 */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The calendar month of a day number, 0 for January.
 *
 * @example monthOfDay(dayNumber('2024-03-31')!) // 2
 */
export function monthOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCMonth();
}

/**
 * The day number of the first of the month after the one a day is in.
 *
 * @example isoDate(firstOfNextMonth(dayNumber('2024-12-15')!)) // '2025-01-01'
 */
export function firstOfNextMonth(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return utcMs(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / MS_PER_DAY;
}

/**
 * The day number of the first day of a month (monthIndex 0 for January;
 * months past 11 run on into the next years), for any year from 1.
 *
 * @example isoDate(firstOfMonth(2024, 12)) // '2025-01-01'
 */
export function firstOfMonth(year: number, monthIndex: number): number {
  return utcMs(year, monthIndex, 1) / MS_PER_DAY;
}

const FIRST_DAY = utcMs(1900, 0, 1) / MS_PER_DAY;
const LAST_DAY = utcMs(9999, 11, 31) / MS_PER_DAY;

/** Milliseconds of a UTC date; not Date.UTC(year, ...), which reads the years 0-99 as 1900-1999. Months overflow into years. */
function utcMs(year: number, monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

/** An ISO 8601 week: the year it belongs to (not always the calendar year of its days) and its number, 1 to 53. */
export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

/**
 * The ISO 8601 week of a date: weeks run Monday to Sunday, and week 1 of a
 * year is the week holding its first Thursday; so 29-31 December can belong
 * to week 1 of the next year, 1-3 January to week 52 or 53 of the year
 * before, and a year has 53 weeks when it starts (or, in a leap year, ends) on a Thursday.
 *
 * @example isoWeek('2024-12-30') // { year: 2025, week: 1 }
 */
export function isoWeek(date: string): IsoWeek {
  const day = dayNumber(date)!;
  const thursday = day - weekdayOf(day) + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  return { year, week: Math.floor((thursday - utcMs(year, 0, 1) / MS_PER_DAY) / 7) + 1 };
}

/**
 * The ISO 8601 week of a date as people write it: `YYYY-Www`.
 *
 * @example isoWeekLabel('2021-01-03') // '2020-W53'
 */
export function isoWeekLabel(date: string): string {
  const { year, week } = isoWeek(date);
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/**
 * The ISO week of week t of a scenario (t = 0 is the first week): the ISO
 * week that holds at least four of its seven days, the one of its middle day
 * `start + 7t + 3`. When `start` is a Monday the two weeks are the same days.
 *
 * @example scenarioIsoWeek('2024-01-01', 0) // '2024-W01'
 */
export function scenarioIsoWeek(start: string, week: number): string {
  return isoWeekLabel(isoDate(dayNumber(start)! + 7 * week + 3));
}

/**
 * A scenario week as people read it: its 0-based number with its ISO week.
 *
 * @example weekLabel('2024-01-01', 0) // 'week 0 (ISO 2024-W01)'
 */
export function weekLabel(start: string, week: number): string {
  return `week ${week} (ISO ${scenarioIsoWeek(start, week)})`;
}
