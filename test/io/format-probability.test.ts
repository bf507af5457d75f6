import { describe, expect, it } from 'vitest';
import { formatInterval, formatProbability } from '../../src/io/format-probability.js';
import { wilsonInterval } from '../../src/stats/proportion.js';

describe('formatProbability and formatInterval', () => {
  it('a probability with its 95% interval, one decimal each', () => {
    expect(formatProbability(0.904, { low: 0.885, high: 0.921 })).toBe('90.4% (95% interval 88.5-92.1%)');
    expect(formatInterval({ low: 0.885, high: 0.921 })).toBe('88.5-92.1%');
  });

  it('0 and n successes: 0.0-0.4% and 83.9-100.0%', () => {
    const none = wilsonInterval(0, 1000);
    expect(formatProbability(none.probability, none)).toBe('0.0% (95% interval 0.0-0.4%)');
    const all = wilsonInterval(20, 20);
    expect(formatProbability(all.probability, all)).toBe('100.0% (95% interval 83.9-100.0%)');
  });
});
