import { fill } from '../../i18n/fill.js';
import { formatDateIn, monthNameIn } from '../../i18n/format-date-in.js';
import { formatNumberIn, formatPercentIn } from '../../i18n/format-number-in.js';
import type { Lang } from '../../i18n/lang.js';
import type { ProbabilityInterval } from '../../stats/proportion.js';
import type { ReportKey, ReportText } from './report-text.js';
import { reportText } from './report-text.js';

/** How the report writes in one language: its catalog, numbers and dates. */
export interface ReportWords {
  readonly lang: Lang;
  /** The catalog's text of a key with its `{name}` placeholders filled in. */
  say(key: ReportKey, values?: Readonly<Record<string, string | number>>): string;
  /** 1,440 / 1.440; `-` for NaN and infinities. */
  number(value: number, decimals?: number): string;
  /** 13.4% / 13,4%. */
  percent(share: number, decimals?: number): string;
  /** A change with its sign: a true minus (U+2212) for a decrease, `+` for an increase. */
  signed(change: number, decimals?: number): string;
  /** A date in running text: `29 Dec 2024` / `29 december 2024`. */
  date(day: string | number): string;
  /** A date on an axis: `29 Dec 2024` / `29 dec 2024`. */
  shortDate(day: string | number): string;
  /** A month's short name on an axis, 0 = January. */
  month(monthIndex: number): string;
  /** A probability with its 95% interval: `13.4% (95% interval 10.2-16.9%)`. */
  probability(probability: number, interval: ProbabilityInterval): string;
  /** A 95% interval of a probability: `10.2-16.9%`. */
  interval(interval: ProbabilityInterval): string;
  /**
   * A phrase the run writes in English (a source of uncertainty, what the
   * band includes, how the variance was split) in the language; a phrase it
   * does not know stays as it is.
   */
  phrase(english: string): string;
}

/** The catalog's copies of the run's English phrases (see run/summary and run/explain-uncertainty). */
const RUN_PHRASES = [
  'sourcePoisson',
  'sourcePoissonFlows',
  'sourceLevel',
  'sourceDrift',
  'sourceOverdispersion',
  'sourceProductivity',
  'sourceCapacityWeekly',
  'sourceShares',
  'sourceGrantRates',
  'sourceGrantRatesByLane',
  'sourceGrantRatesGrants',
  'shapleyMethod',
  'bandPoisson',
  'bandFlows',
  'bandLevel',
  'bandProductivity',
  'bandDrift',
  'bandOverdispersion',
  'bandCapacityWeekly',
  'bandShares',
  'bandGrantRates',
] as const satisfies readonly ReportKey[];

/** Each run phrase as a pattern over its English text, its `{name}` values captured. */
const PHRASE_PATTERNS = RUN_PHRASES.map((key) => {
  const english = reportText('en')[key];
  const names = [...english.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const source = english
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('(.+?)');
  return { key, names, pattern: new RegExp(`^${source}$`) };
});

/**
 * The report's words in a language, from its catalog (another catalog with
 * the same keys may be given, e.g. a test's pseudo-language). English keeps
 * its short dates in running text; Dutch writes dates in full, as the IND
 * does.
 *
 * @example reportWords('nl').say('figureEndBacklog', { date: reportWords('nl').date('2024-12-29') }) // 'Openstaande zaken op 29 december 2024'
 */
export function reportWords(lang: Lang, text: ReportText = reportText(lang)): ReportWords {
  const number = (value: number, decimals = 0) => formatNumberIn(lang, value, decimals);
  const percent = (share: number, decimals = 1) => (Number.isNaN(share) ? '-' : formatPercentIn(lang, share, decimals));
  const interval = ({ low, high }: ProbabilityInterval) => `${number(low * 100, 1)}-${percent(high)}`;
  return {
    lang,
    say: (key, values = {}) => fill(text[key], values),
    number,
    percent,
    signed: (change, decimals = 0) => {
      if (Number.isNaN(change)) return '-';
      const written = number(Math.abs(change), decimals);
      if (/^[0.,]+$/.test(written)) return written;
      return `${change < 0 ? '\u2212' : '+'}${written}`;
    },
    date: (day) => formatDateIn(lang, day, lang === 'en' ? 'short' : 'long'),
    shortDate: (day) => formatDateIn(lang, day, 'short'),
    month: (monthIndex) => monthNameIn(lang, monthIndex, 'short'),
    probability: (probability, within) =>
      fill(text.probability, { probability: percent(probability), interval: interval(within) }),
    interval,
    phrase: (english) => {
      for (const { key, names, pattern } of PHRASE_PATTERNS) {
        const match = pattern.exec(english);
        if (match === null) continue;
        const values = Object.fromEntries(names.map((name, i) => [name, numberIn(match[i + 1]!, number)]));
        return fill(text[key], values);
      }
      return english;
    },
  };
}

/** A number the run wrote in English (`12.5%`, `50`) written again in the language; any other text as it is. */
function numberIn(english: string, number: (value: number, decimals: number) => string): string {
  const match = /^(-?\d+(?:\.(\d+))?)(%?)$/.exec(english);
  if (match === null) return english;
  return `${number(Number(match[1]), match[2]?.length ?? 0)}${match[3]}`;
}

/** The English words, the default of every chart. */
export const ENGLISH: ReportWords = reportWords('en');
