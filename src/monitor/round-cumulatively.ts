/**
 * Whole numbers whose running sums are the running sums of `values` rounded,
 * the last equal to `total`: fractional parts (a month spread over its days,
 * a total split by a mix) become whole cases without losing or gaining any.
 * Whole values stay as they are (Math.round(x + n) = Math.round(x) + n).
 *
 * @example roundCumulatively([0.4, 0.4, 0.2], 1) // [0, 1, 0]
 */
export function roundCumulatively(values: readonly number[], total: number): number[] {
  const whole: number[] = [];
  let sum = 0;
  let issued = 0;
  values.forEach((value, i) => {
    sum += value;
    const rounded = i === values.length - 1 ? total : Math.min(total, Math.max(issued, Math.round(sum)));
    whole.push(rounded - issued);
    issued = rounded;
  });
  return whole;
}
