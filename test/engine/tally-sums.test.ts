/**
 * The list of a tally's summed arrays (SUMMED_ARRAYS): what a worker transfers
 * and a shard packs, by name and in order.
 */
import { describe, expect, it } from 'vitest';
import { SUMMED_ARRAYS, sumsByName, sumsInOrder } from '../../src/engine/tally.js';

describe('the summed arrays of a tally, by name and in order', () => {
  it('sumsByName names a list in the order of SUMMED_ARRAYS, and sumsInOrder gives the same list back', () => {
    const arrays = SUMMED_ARRAYS.map((_, i) => Float64Array.of(i));
    const named = sumsByName(arrays);
    for (const [i, { name }] of SUMMED_ARRAYS.entries()) expect(named[name]).toBe(arrays[i]);
    expect(sumsInOrder(named)).toEqual(arrays);
  });

  it('a list of another length is refused, naming both lengths', () => {
    const count = SUMMED_ARRAYS.length;
    expect(() => sumsByName([Float64Array.of(1)])).toThrow(new RangeError(`a tally sums ${count} arrays, not 1`));
    const longer = [...SUMMED_ARRAYS.map(() => new Float64Array(0)), new Float64Array(0)];
    expect(() => sumsByName(longer)).toThrow(new RangeError(`a tally sums ${count} arrays, not ${count + 1}`));
  });
});
