// @ts-check
/**
 * StrykerJS for one mutated folder at a time (`npm run test:mutation` runs the
 * four through scripts/mutation.ts; CASELOAD_MUTATE names the folder). Each
 * folder's mutants are tested by that folder's own unit and property tests
 * (vitest.mutation.config.ts): a mutant that only an end-to-end test would
 * catch is a gap in the unit tests. The compiler's are tested by the scenario
 * tests and the engine's, which compile every scenario they simulate. Each
 * folder keeps its own incremental baseline in test/mutation/, so a run tests
 * only the mutants whose code or covering tests changed since the baseline.
 */
const FOLDERS = {
  // The engine's statistical tests (20,000 replications each) take minutes per mutant in
  // instrumented code; the exact and property tests of the same code stay.
  engine: { mutate: 'src/engine/**/*.ts', tests: 'engine', exclude: 'test/engine/uncertainty.test.ts' },
  random: { mutate: 'src/random/**/*.ts', tests: 'random' },
  stats: { mutate: 'src/stats/**/*.ts', tests: 'stats' },
  compile: { mutate: 'src/scenario/compile/**/*.ts', tests: 'scenario,engine' },
};

const name = process.env.CASELOAD_MUTATE ?? 'engine';
const folder = FOLDERS[/** @type {keyof typeof FOLDERS} */ (name)];
if (folder === undefined) {
  throw new Error(`CASELOAD_MUTATE: "${name}" is not a mutated folder (one of ${Object.keys(FOLDERS).join(', ')})`);
}
process.env.CASELOAD_MUTATION_TESTS ??= folder.tests;
process.env.CASELOAD_MUTATION_EXCLUDE ??= 'exclude' in folder ? folder.exclude : '';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [folder.mutate],
  incremental: true,
  incrementalFile: `test/mutation/${name}.json`,
  plugins: ['@stryker-mutator/*', './scripts/stryker-survivors.mjs'],
  reporters: ['clear-text', 'progress', 'html', 'json', 'survivors'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: '.stryker-tmp',
  // Stryker gives checkers half of this (two, and one test runner) until every mutant is type-checked,
  // then three test runners: on a 2-core machine the checking is done sooner and no core waits.
  concurrency: 3,
  timeoutMS: 3000,
  timeoutFactor: 1.5,
  ignoreStatic: true,
  dryRunTimeoutMinutes: 20,
  // A fresh test runner every 200 mutants: Vitest shares modules between runs (isolate: false), and a
  // runner that lives for thousands of runs grows until V8 gives up.
  maxTestRunnerReuse: 200,
};
