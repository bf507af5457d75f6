import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the
 * unit and property tests of the folder being mutated, which call the code in
 * this process; stryker.config.mjs sets CASELOAD_MUTATION_TESTS to the test
 * folders of each run (test/engine for src/engine, and so on). Left out: the
 * CLI and browser tests (they run dist/, which Stryker does not mutate), the
 * docs checks, and the end-to-end goldens (they pin whole outputs; a mutant
 * they alone kill is a gap in the unit tests). Modules are shared between the
 * test files of a run (`isolate: false`): each mutant runs in a fresh Vitest
 * run, and importing the engine once per file was most of its time.
 */
const folders = (process.env['CASELOAD_MUTATION_TESTS'] ?? 'engine').split(',');

export default defineConfig({
  test: {
    include: folders.map((folder) => `test/${folder.trim()}/**/*.test.ts`),
    setupFiles: ['test/fast-check-config.ts'],
    testTimeout: 120_000,
    isolate: false,
  },
});
