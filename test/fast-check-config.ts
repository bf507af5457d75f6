/**
 * fast-check's settings for the whole suite (a vitest setup file, also imported
 * for `runs`). The property tests draw from a fixed seed by default, so that
 * `npm test` and CI check the same many random cases on every run and a
 * failure is reproducible; a soak run explores new ones:
 *
 *   CASELOAD_FC_SEED=random CASELOAD_FC_RUNS=10 npm test    (or npm run test:soak)
 *
 * CASELOAD_FC_SEED is an integer or `random`; CASELOAD_FC_RUNS multiplies every
 * property's number of runs. A failing property prints its seed and path:
 * CASELOAD_FC_SEED=<seed> replays it.
 */
import fc from 'fast-check';

/** The default seed of the suite's properties. */
const DEFAULT_SEED = 20_241_231;

function seedFromEnvironment(): number | undefined {
  const raw = process.env['CASELOAD_FC_SEED'];
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  if (raw === 'random') return undefined;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`CASELOAD_FC_SEED must be an integer or "random", got "${raw}"`);
  return seed | 0;
}

function runsFactor(): number {
  const raw = process.env['CASELOAD_FC_RUNS'];
  if (raw === undefined || raw === '') return 1;
  const factor = Number(raw);
  if (!(factor > 0) || !Number.isFinite(factor))
    throw new Error(`CASELOAD_FC_RUNS must be a positive number, got "${raw}"`);
  return factor;
}

const seed = seedFromEnvironment();
fc.configureGlobal(seed === undefined ? {} : { seed });

/** A property's number of runs, scaled by CASELOAD_FC_RUNS for soak runs. */
export function runs(numRuns: number): number {
  return Math.max(1, Math.round(numRuns * runsFactor()));
}
