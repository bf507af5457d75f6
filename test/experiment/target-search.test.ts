import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchLeverGrid } from '../../src/experiment/search-lever-grid.js';
import { runs } from '../fast-check-config.js';

/** A probability that rises with the index and crosses 0.9 at `threshold`, counting calls. */
function rising(threshold: number) {
  const calls: number[] = [];
  const probabilityAt = async (index: number) => {
    calls.push(index);
    return index >= threshold ? 0.9 + 0.1 * (1 - 1 / (2 + index - threshold)) : 0.9 * Math.exp(index - threshold);
  };
  return { calls, probabilityAt };
}

describe('searchLeverGrid', () => {
  it('finds the threshold from below, with the neighbours: one step below falls short, one above reaches', async () => {
    const { calls, probabilityAt } = rising(33);
    const result = await searchLeverGrid(probabilityAt, { lowest: 0, highest: 3000, start: 30, confidence: 0.9 });
    expect(result.index).toBe(33);
    expect(result.below?.index).toBe(32);
    expect(result.below!.probability).toBeLessThan(0.9);
    expect(result.above?.index).toBe(34);
    expect(result.above!.probability).toBeGreaterThanOrEqual(0.9);
    expect(result.monotone).toBe(true);
    expect(new Set(calls).size).toBe(calls.length);
    expect(result.evaluations.map((e) => e.index)).toEqual(calls);
  });

  it('searches down when the start already reaches the confidence', async () => {
    const { probabilityAt } = rising(12);
    const result = await searchLeverGrid(probabilityAt, { lowest: 0, highest: 3000, start: 30, confidence: 0.9 });
    expect(result.index).toBe(12);
    expect(result.below?.index).toBe(11);
  });

  it('reports the lowest index when it already reaches the confidence, with no value below', async () => {
    const { probabilityAt } = rising(-5);
    const result = await searchLeverGrid(probabilityAt, { lowest: 0, highest: 100, start: 30, confidence: 0.9 });
    expect(result.index).toBe(0);
    expect(result.below).toBeNull();
    expect(result.above?.index).toBe(1);
  });

  it('gives up at the highest index, with null', async () => {
    const { probabilityAt } = rising(5000);
    const result = await searchLeverGrid(probabilityAt, { lowest: 0, highest: 3000, start: 30, confidence: 0.9 });
    expect(result.index).toBeNull();
    expect(result.below).toBeNull();
    expect(result.above).toBeNull();
    expect(result.evaluations.at(-1)?.index).toBe(3000);
    expect(result.evaluations.length).toBeLessThanOrEqual(14);
  });

  it('for any threshold and start, returns the threshold in about 2 log2(range) evaluations, each index once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: -10, max: 2100 }),
        fc.integer({ min: 0, max: 2000 }),
        async (lowOffset, threshold, startOffset) => {
          const lowest = Math.min(lowOffset, 1000);
          const highest = 2000;
          const start = Math.min(highest, lowest + startOffset);
          const { calls, probabilityAt } = rising(threshold);
          const result = await searchLeverGrid(probabilityAt, { lowest, highest, start, confidence: 0.9 });
          const expected = threshold > highest ? null : Math.max(lowest, threshold);
          expect(result.index).toBe(expected);
          expect(new Set(calls).size).toBe(calls.length);
          expect(calls.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(highest - lowest + 2)) + 3);
          if (result.index !== null && result.index > lowest)
            expect(result.below).toEqual({ index: result.index - 1, probability: expect.any(Number) });
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('keeps its promise on a noisy curve: the answer reaches the confidence and one below does not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
        async (noise) => {
          // Rising on average, but with noise that can make it fall locally.
          const probabilityAt = async (index: number) =>
            Math.min(1, Math.max(0, index / 50 + (noise[index]! - 0.5) * 0.3));
          const result = await searchLeverGrid(probabilityAt, { lowest: 0, highest: 59, start: 20, confidence: 0.6 });
          if (result.index === null) {
            expect(result.evaluations.find((e) => e.index === 59)!.probability).toBeLessThan(0.6);
            return;
          }
          expect(await probabilityAt(result.index)).toBeGreaterThanOrEqual(0.6);
          if (result.index > 0) expect(result.below!.probability).toBeLessThan(0.6);
          const sorted = [...result.evaluations].sort((a, b) => a.index - b.index);
          const rises = sorted.every((e, i) => i === 0 || e.probability >= sorted[i - 1]!.probability);
          expect(result.monotone).toBe(rises);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('rejects a start outside the range (a bug in the caller)', async () => {
    await expect(searchLeverGrid(async () => 1, { lowest: 5, highest: 10, start: 2, confidence: 0.9 })).rejects.toThrow(
      /outside/,
    );
  });
});
