import { dayNumber, scenarioIsoWeek, weekdayOf } from '../time/weeks.js';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * How the weeks of a run are numbered, to follow its dates in a header:
 * week 0 is the first week, each with its ISO 8601 week; when the start is
 * not a Monday, which days a week runs and which ISO week labels it (the one
 * holding four or more of its days).
 *
 * @example weekSpan('2024-01-01', 52) // 'week 0 (ISO 2024-W01) to week 51 (ISO 2024-W52)'
 */
export function weekSpan(start: string, weeks: number): string {
  const last = weeks - 1;
  const first = `week 0 (ISO ${scenarioIsoWeek(start, 0)})`;
  const span = last === 0 ? `${first} only` : `${first} to week ${last} (ISO ${scenarioIsoWeek(start, last)})`;
  const weekday = weekdayOf(dayNumber(start)!);
  if (weekday === 0) return span;
  const runs = `${DAY_NAMES[weekday]} to ${DAY_NAMES[(weekday + 6) % 7]}`;
  return `${span}; weeks run ${runs}, each with the ISO week that holds four or more of its days`;
}
