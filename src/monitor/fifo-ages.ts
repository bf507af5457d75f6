import { roundCumulatively } from './round-cumulatively.js';

/** Cases that arrived over a span of days (inclusive), evenly spread over them. */
export interface ArrivalSpan {
  readonly fromDay: number;
  readonly toDay: number;
  readonly count: number;
}

/** A lane's open cases by week before a start, and how many the arrivals could not account for. */
export interface FifoAges {
  /** weeksAgo 1 holds the cases that arrived in the seven days before the start; whole counts above 0, youngest first. */
  readonly counts: readonly { readonly weeksAgo: number; readonly count: number }[];
  /** Open cases beyond every arrival given (put in the oldest week reached, or a week ago when none); 0 when they sufficed. */
  readonly unexplained: number;
}

const EPSILON = 1e-9;

/**
 * The ages of a lane's `open` cases (a whole number) on the day before
 * `startDay`, first in first out: within a lane the oldest case is decided
 * first, so the open cases are the most recent arrivals. `spans` run from the
 * most recent back in time (an iterable, read only as far as needed); each
 * span's count is spread evenly over its days, and the days are binned into
 * weeks before the start (weeksAgo 1: the seven days before it). The parts
 * are rounded cumulatively, youngest first, so that the counts are whole and
 * add up to `open`.
 *
 * @example fifoAges(10, [{ fromDay: 93, toDay: 99, count: 6 }, { fromDay: 86, toDay: 92, count: 6 }], 100).counts // [{ weeksAgo: 1, count: 6 }, { weeksAgo: 2, count: 4 }]
 */
export function fifoAges(open: number, spans: Iterable<ArrivalSpan>, startDay: number): FifoAges {
  const amounts: number[] = [];
  let taken = 0;
  for (const span of spans) {
    if (taken >= open - EPSILON) break;
    if (!(span.count > 0)) continue;
    const days = span.toDay - span.fromDay + 1;
    const youngest = Math.floor((startDay - 1 - span.toDay) / 7) + 1;
    const oldest = Math.floor((startDay - 1 - span.fromDay) / 7) + 1;
    for (let weeksAgo = youngest; weeksAgo <= oldest && taken < open - EPSILON; weeksAgo++) {
      const binFrom = startDay - 7 * weeksAgo;
      const overlap = Math.min(binFrom + 6, span.toDay) - Math.max(binFrom, span.fromDay) + 1;
      const amount = Math.min(span.count * (overlap / days), open - taken);
      while (amounts.length < weeksAgo) amounts.push(0);
      amounts[weeksAgo - 1]! += amount;
      taken += amount;
    }
  }
  const unexplained = open - taken > EPSILON ? open - taken : 0;
  if (unexplained > 0) {
    if (amounts.length === 0) amounts.push(0);
    amounts[amounts.length - 1]! += unexplained;
  }
  const whole = roundCumulatively(amounts, open);
  const counts = whole.flatMap((count, k) => (count > 0 ? [{ weeksAgo: k + 1, count }] : []));
  return { counts, unexplained };
}
