import seedrandom from 'seedrandom';
import { mix32 } from './hash.js';

/** A uniform generator on [0, 1). */
export type Uniform = () => number;

/**
 * The seed of the stream for one random purpose in one replication. It depends
 * only on (seed, replication, key), so adding a lane or reordering a file does
 * not shift any other stream, and two scenarios with the same seed draw the
 * same inflow where their inflow settings agree (common random numbers).
 *
 * @example streamSeed(2024, 0, hashString('inflow.regular'))
 */
export function streamSeed(seed: number, replication: number, keyHash: number): number {
  const high = Math.floor(replication / 0x100000000);
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ (replication >>> 0));
  h = mix32(h ^ high ^ 0x7f4a7c15);
  return mix32(h ^ keyHash);
}

const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/**
 * A seeded uniform stream: seedrandom's Alea generator (about 5 ns a draw).
 * Alea's own seeding hashes a string (about a microsecond); every replication
 * seeds one stream per lane and purpose, so the stream's seed is hashed here
 * with integer mixing into Alea's three 32-bit fractions directly, through
 * seedrandom's `state` option. Changing this changes every seeded result.
 *
 * @example const u = createStream(1, 0, 12345); u() // 0 <= u() < 1
 */
export function createStream(seed: number, replication: number, keyHash: number): Uniform {
  const h = streamSeed(seed, replication, keyHash);
  const state = {
    c: 1,
    s0: mix32(h) * TWO_TO_MINUS_32,
    s1: mix32(h + 0x9e3779b9) * TWO_TO_MINUS_32,
    s2: mix32(h + 0x3c6ef372) * TWO_TO_MINUS_32,
  };
  return seedrandom.alea('', { state });
}
