import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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
/** Test files left out of a folder's run (stryker.config.mjs names them, with the reason). */
const excluded = (process.env['CASELOAD_MUTATION_EXCLUDE'] ?? '').split(',').filter((file) => file !== '');

/**
 * Stryker stops a mutant's run at the first failing test (bail), so the order
 * of the files sets how long a killed mutant takes. Vitest runs the slowest
 * files first (best for parallel workers); here the file that failed last
 * runs first (it killed the previous mutant, often a neighbour), then the
 * quickest files: a mutant that the exact expected-value tests kill dies in
 * milliseconds instead of after the statistical tests.
 */
class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const results = (file: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`);
    return [...files].sort((a, b) => {
      const [ra, rb] = [results(a), results(b)];
      if (ra?.failed !== rb?.failed) return ra?.failed ? -1 : 1;
      return (ra?.duration ?? 0) - (rb?.duration ?? 0);
    });
  }
}

export default defineConfig({
  test: {
    include: folders.map((folder) => `test/${folder.trim()}/**/*.test.ts`),
    exclude: excluded,
    setupFiles: ['test/fast-check-config.ts'],
    testTimeout: 120_000,
    isolate: false,
    sequence: { sequencer: QuickFirst },
  },
});
