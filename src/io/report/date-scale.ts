import { firstOfMonth } from '../../time/weeks.js';
import type { ReportWords } from './report-words.js';
import { ENGLISH } from './report-words.js';

const MS_PER_DAY = 86_400_000;

/** A linear map from days (since 1970-01-01, UTC) to pixels, with calendar ticks. */
export interface DateScale {
  readonly startDay: number;
  readonly endDay: number;
  /** Ticks at month, quarter or year starts inside the domain. */
  readonly ticks: readonly { readonly day: number; readonly label: string }[];
  /** The pixel of a day; NaN for NaN. */
  toPixel(epochDay: number): number;
}

export interface DateScaleOptions {
  /** First and last day to show (days since 1970-01-01); non-finite counts as 0. */
  readonly startDay: number;
  readonly endDay: number;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  /** The language of the labels; English by default. */
  readonly words?: ReportWords;
}

/**
 * A time scale over days. Ticks fall on month starts ("Jan 2024", "Feb",
 * ...; the year on January and on the first tick) for up to about 14 months,
 * on quarter starts up to about 3 years, and on year starts ("2024") beyond,
 * thinned to at most 10. Without a month start in the domain, the first and
 * last day are labelled in full. A single day is padded by half a week.
 *
 * @example dateScale({ startDay: 19723, endDay: 20087, rangeStart: 60, rangeEnd: 700 }).ticks[0] // { day: 19723, label: 'Jan 2024' }
 */
export function dateScale(options: DateScaleOptions): DateScale {
  let startDay = Number.isFinite(options.startDay) ? options.startDay : 0;
  let endDay = Number.isFinite(options.endDay) ? options.endDay : 0;
  if (startDay > endDay) [startDay, endDay] = [endDay, startDay];
  const dataStart = startDay;
  const dataEnd = endDay;
  if (startDay === endDay) [startDay, endDay] = [startDay - 3.5, endDay + 3.5];

  const spanDays = endDay - startDay;
  const monthStep = spanDays <= 430 ? 1 : spanDays <= 1100 ? 3 : 12;
  const yearStep =
    monthStep < 12 ? 1 : ([1, 2, 5, 10, 20, 50, 100].find((step) => spanDays / 365.25 / step <= 10) ?? 100);
  const words = options.words ?? ENGLISH;
  const ticks: { day: number; label: string }[] = [];
  const start = new Date(Math.ceil(startDay) * MS_PER_DAY);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  for (;;) {
    const day = firstOfMonth(year, month);
    if (day > endDay) break;
    const onStep = monthStep === 12 ? month === 0 && year % yearStep === 0 : month % monthStep === 0;
    if (day >= startDay && onStep) {
      const label =
        monthStep === 12
          ? String(year)
          : month === 0 || ticks.length === 0
            ? `${words.month(month)} ${year}`
            : words.month(month);
      ticks.push({ day, label });
    }
    month += 1;
    if (month === 12) [year, month] = [year + 1, 0];
  }
  if (ticks.length === 0) {
    ticks.push({ day: dataStart, label: words.shortDate(dataStart) });
    if (dataEnd !== dataStart) ticks.push({ day: dataEnd, label: words.shortDate(dataEnd) });
  }

  const { rangeStart, rangeEnd } = options;
  const pixelsPerDay = (rangeEnd - rangeStart) / (endDay - startDay);
  return { startDay, endDay, ticks, toPixel: (epochDay: number) => rangeStart + (epochDay - startDay) * pixelsPerDay };
}
