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

/**
 * A seeded uniform stream: seedrandom's Alea generator (about 5 ns a draw and
 * cheap to seed, which matters because every replication seeds one stream per
 * lane and purpose). Changing the generator changes every seeded result.
 *
 * @example const u = createStream(1, 0, 12345); u() // 0 <= u() < 1
 */
export function createStream(seed: number, replication: number, keyHash: number): Uniform {
  return seedrandom.alea(String(streamSeed(seed, replication, keyHash)));
}
