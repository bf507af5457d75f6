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
 * A seeded uniform stream: Baagøe's Alea generator, the one seedrandom ships
 * as `seedrandom.alea`, with the same arithmetic, so its numbers are exactly
 * seedrandom's for the same state (a test checks that). Alea's own seeding
 * hashes a string; every replication seeds one stream per lane and purpose,
 * so the stream's seed is hashed here with integer mixing into Alea's three
 * 32-bit fractions directly. Written out rather than called through
 * seedrandom, whose generator object costs about 0.3 us to create, a fifth of
 * a replication's time with eight streams. Changing this changes every
 * seeded result.
 *
 * @example const u = createStream(1, 0, 12345); u() // 0 <= u() < 1
 */
export function createStream(seed: number, replication: number, keyHash: number): Uniform {
  const h = streamSeed(seed, replication, keyHash);
  // The state s0, s1, s2 and the carry c in a typed array: a closure's own
  // variables would box every new double on the heap (measured about 3x slower).
  const s = new Float64Array(4);
  s[0] = mix32(h) * TWO_TO_MINUS_32;
  s[1] = mix32(h + 0x9e3779b9) * TWO_TO_MINUS_32;
  s[2] = mix32(h + 0x3c6ef372) * TWO_TO_MINUS_32;
  s[3] = 1;
  return () => {
    const t = 2091639 * s[0]! + s[3]! * TWO_TO_MINUS_32;
    s[0] = s[1]!;
    s[1] = s[2]!;
    const c = t | 0;
    s[3] = c;
    const next = t - c;
    s[2] = next;
    return next;
  };
}
