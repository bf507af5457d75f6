import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the
 * unit and property tests of the folders it mutates, which call the code in
 * this process. Left out: tests that spawn the built CLI or a browser (they
 * run dist/, which Stryker does not mutate), the docs checks, and the
 * end-to-end goldens (they pin whole outputs; a mutant they alone kill is a
 * gap in the unit tests). CASELOAD_MUTATION_TESTS narrows the folders.
 */
const folders = (process.env['CASELOAD_MUTATION_TESTS'] ?? 'engine,random,stats,time').split(',');

export default defineConfig({
  test: {
    include: folders.map((folder) => `test/${folder.trim()}/**/*.test.ts`),
    setupFiles: ['test/fast-check-config.ts'],
    testTimeout: 120_000,
    isolate: false,
  },
});
