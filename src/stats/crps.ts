import type { IntHistogram } from './int-histogram.js';

/**
 * The continuous ranked probability score of a forecast of a count, given
 * as a histogram of draws, against the count that happened:
 * CRPS = integral over x of (F(x) - 1{x >= observed})^2, with F the draws'
 * empirical CDF. For counts F is a step function that changes only at whole
 * numbers, so the integral is the exact sum over whole k of
 * (F(k) - 1{k >= observed})^2. In the units of the count; 0 for a forecast
 * that puts all its weight on what happened, |x - observed| for one that
 * puts it all on x; lower is better, and a forecaster scores best on average
 * by giving its true beliefs (the score is proper). Equal to
 * E|X - y| - E|X - X'| / 2 (Gneiting and Raftery 2007).
 *
 * @example crpsOfCounts(histogramOf([3, 3, 3]), 5) // 2
 */
export function crpsOfCounts(histogram: IntHistogram, observed: number): number {
  const entries = histogram.entries();
  const total = histogram.count;
  if (total === 0 || !Number.isInteger(observed)) return Number.NaN;
  let sum = 0;
  let below = 0;
  // Walk k from the smallest of the draws and the observed value to the largest; F is constant between entries.
  let k = Math.min(entries[0]![0], observed);
  const last = Math.max(entries[entries.length - 1]![0], observed);
  let next = 0;
  while (k <= last) {
    while (next < entries.length && entries[next]![0] <= k) below += entries[next++]![1];
    const f = below / total;
    // The run of k over which F stays f and the indicator stays put.
    const nextEntry = next < entries.length ? entries[next]![0] : last + 1;
    const stop = Math.min(nextEntry, k < observed ? observed : last + 1);
    const indicator = k >= observed ? 1 : 0;
    sum += (stop - k) * (f - indicator) ** 2;
    k = stop;
  }
  return sum;
}
