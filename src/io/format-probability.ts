import type { ProbabilityInterval } from '../stats/proportion.js';
import { formatPercent } from './format-number.js';

/**
 * A probability with its 95% interval, as the terminal prints it.
 *
 * @example formatProbability(0.904, { low: 0.885, high: 0.921 }) // '90.4% (95% interval 88.5-92.1%)'
 */
export function formatProbability(probability: number, interval: ProbabilityInterval): string {
  return `${formatPercent(probability)} (95% interval ${formatInterval(interval)})`;
}

/**
 * A 95% interval of a probability in percent, one decimal.
 *
 * @example formatInterval({ low: 0.885, high: 0.921 }) // '88.5-92.1%'
 */
export function formatInterval(interval: ProbabilityInterval): string {
  return `${(interval.low * 100).toFixed(1)}-${formatPercent(interval.high)}`;
}

/**
 * A probability with its interval in brackets, for a table cell; the
 * probability alone where there is no interval (expected-value mode).
 *
 * @example formatProbabilityCell(0.904, { low: 0.885, high: 0.921 }) // '90.4% (88.5-92.1%)'
 */
export function formatProbabilityCell(probability: number, interval: ProbabilityInterval | null): string {
  return interval === null ? formatPercent(probability) : `${formatPercent(probability)} (${formatInterval(interval)})`;
}
