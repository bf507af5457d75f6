import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { mix32 } from '../../src/random/hash.js';
import { createStream, streamSeed } from '../../src/random/stream.js';

const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** seedrandom's own Alea, started in the state createStream documents. */
function seedrandomAlea(seed: number, replication: number, key: number): () => number {
  const h = streamSeed(seed, replication, key);
  const state = {
    c: 1,
    s0: mix32(h) * TWO_TO_MINUS_32,
    s1: mix32(h + 0x9e3779b9) * TWO_TO_MINUS_32,
    s2: mix32(h + 0x3c6ef372) * TWO_TO_MINUS_32,
  };
  return seedrandom.alea('', { state });
}

describe('createStream', () => {
  it("draws exactly seedrandom's Alea numbers from the same state", () => {
    for (const [seed, replication, key] of [
      [0, 0, 0],
      [2024, 17, 12345],
      [7, 2 ** 32 + 5, 0xffffffff],
      [-3, 999_999, 42],
    ] as const) {
      const ours = createStream(seed, replication, key);
      const theirs = seedrandomAlea(seed, replication, key);
      for (let i = 0; i < 10_000; i++) expect(ours()).toBe(theirs());
    }
  });

  it('gives uniforms in [0, 1) with mean 1/2 and different streams for different keys', () => {
    const u = createStream(1, 0, 1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = u();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    // Mean of 100,000 uniforms: standard error 0.0009.
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.004);
    expect(createStream(1, 0, 1)()).not.toBe(createStream(1, 0, 2)());
    expect(createStream(1, 0, 1)()).not.toBe(createStream(1, 1, 1)());
  });
});
