import type { Scenario } from '../scenario/types.js';
import { addDays } from '../time/weeks.js';
import type { Actuals } from './actuals.js';

/**
 * The day a re-forecast starts: the day after the last actual date (the
 * plan's start when there are no periods). A backlog-by-age file for the
 * re-forecast counts its arrival weeks back from this day.
 *
 * @example reforecastStart(scenario, { file: 'a.csv', period: 'month', periods: [{ ..., to: '2024-06-30' }] }) // '2024-07-01'
 */
export function reforecastStart(scenario: Scenario, actuals: Actuals): string {
  const last = actuals.periods.at(-1);
  return last === undefined ? scenario.start : addDays(last.to, 1);
}
