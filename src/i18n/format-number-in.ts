import type { Lang } from './lang.js';

/** How a language writes a number: its group separator and decimal mark. */
const MARKS: Readonly<Record<Lang, { readonly group: string; readonly decimal: string }>> = {
  en: { group: ',', decimal: '.' },
  nl: { group: '.', decimal: ',' },
};

/**
 * A number as the language writes it: thousands grouped (1,440 in English,
 * 1.440 in Dutch), a fixed number of decimals, `-` for NaN and infinities.
 * Written out by hand rather than with Intl, so that Node and every browser
 * give the same text.
 *
 * @example formatNumberIn('nl', 1440.4) // '1.440'
 * @example formatNumberIn('nl', -2.25, 1) // '-2,3'
 */
export function formatNumberIn(lang: Lang, value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '-';
  const { group, decimal } = MARKS[lang];
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const zero = /^[0.]*$/.test(fixed);
  return `${value < 0 && !zero ? '-' : ''}${grouped}${fraction === undefined ? '' : decimal + fraction}`;
}

/**
 * A share as a percentage in the language's writing: 13.4% or 13,4%.
 *
 * @example formatPercentIn('nl', 0.1336) // '13,4%'
 */
export function formatPercentIn(lang: Lang, share: number, decimals = 1): string {
  if (!Number.isFinite(share)) return '-';
  return `${formatNumberIn(lang, share * 100, decimals)}%`;
}
