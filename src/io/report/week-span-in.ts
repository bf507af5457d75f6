import { dayNumber, scenarioIsoWeek, weekdayOf } from '../../time/weeks.js';
import type { ReportKey } from './report-text.js';
import type { ReportWords } from './report-words.js';

const DAY_KEYS: readonly ReportKey[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * How the weeks of a run are numbered, in the report's language, as
 * weekSpan writes it in English: week 0 is the first week, each with its ISO
 * 8601 week; when the start is not a Monday, which days a week runs.
 *
 * @example weekSpanIn('2024-01-01', 52, reportWords('nl')) // 'week 0 (ISO 2024-W01) tot en met week 51 (ISO 2024-W52)'
 */
export function weekSpanIn(start: string, weeks: number, w: ReportWords): string {
  const last = weeks - 1;
  const first = scenarioIsoWeek(start, 0);
  const span =
    last === 0
      ? w.say('weekSpanOne', { first })
      : w.say('weekSpan', { first, last, lastIso: scenarioIsoWeek(start, last) });
  const weekday = weekdayOf(dayNumber(start)!);
  if (weekday === 0) return span;
  return w.say('weekSpanDays', { span, from: w.say(DAY_KEYS[weekday]!), to: w.say(DAY_KEYS[(weekday + 6) % 7]!) });
}
