import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { API_DOC_FILE, exampleNames, withFreshExamples } from '../../scripts/gen-api-docs.js';
import * as api from '../../src/index.js';

/**
 * docs/api.md shows a complete example of every public function; each
 * example is a program in examples/ that the typecheck compiles and this test
 * runs, so the docs cannot drift from the API.
 */
describe('docs/api.md', () => {
  it('shows every example of examples/ as it is now (regenerate with npm run docs:api)', () => {
    const markdown = readFileSync(API_DOC_FILE, 'utf8');
    expect(markdown).toBe(withFreshExamples(markdown));
  });

  it('has an example for every public function', () => {
    // The code of each example without its import lines: a function counts where it is used.
    const examples = exampleNames().map((name) =>
      readFileSync(new URL(`../../examples/${name}.ts`, import.meta.url), 'utf8').replace(/^import [^;]*;$/gm, ''),
    );
    const functions = Object.keys(api);
    const without = functions.filter((name) => !examples.some((text) => new RegExp(`\\b${name}\\b`).test(text)));
    expect(without).toEqual([]);
  });

  for (const name of exampleNames()) {
    it(`examples/${name}.ts runs to the end`, async () => {
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(`../../examples/${name}.ts`);
        expect(log).toHaveBeenCalled();
      } finally {
        log.mockRestore();
      }
    });
  }
});
