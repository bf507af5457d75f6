import { createHash as nodeCreateHash } from 'node:crypto';
import { posix } from 'node:path';
import fc from 'fast-check';
import { runs } from '../fast-check-config.js';
import { describe, expect, it } from 'vitest';
import { createHash } from '../../src/app/shims/crypto.js';
import * as path from '../../src/app/shims/path.js';
import { setWorkingDirectory } from '../../src/app/shims/process.js';
import { setImmediate as browserSetImmediate } from '../../src/app/shims/set-immediate.js';
import { fileURLToPath } from '../../src/app/shims/url.js';

/**
 * The browser bundle's stand-ins for Node's built-ins give what Node gives:
 * the loader's paths and the scenario hash must come out the same on the
 * page as on the machine that made it.
 */

/** Path-like strings: segments of names, dots, empty parts, slashes at either end. */
const segment = fc.oneof(
  fc.constantFrom('', '.', '..', '...', 'a', 'b.yaml', '.hidden', 'x.tar.gz', 'nl-2024.yaml', 'my#plan.yaml'),
  fc.stringMatching(/^[a-z.]{1,6}$/),
);
const pathText = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.boolean())
  .map(([rooted, parts, trailing]) => `${rooted ? '/' : ''}${parts.join('/')}${trailing ? '/' : ''}`);

describe("the browser's node:path gives node:path's posix answers", () => {
  it('join, normalize, dirname, basename, extname, isAbsolute', () => {
    fc.assert(
      fc.property(pathText, pathText, (a, b) => {
        expect(path.join(a, b)).toBe(posix.join(a, b));
        expect(path.normalize(a)).toBe(posix.normalize(a));
        expect(path.dirname(a)).toBe(posix.dirname(a));
        expect(path.basename(a)).toBe(posix.basename(a));
        expect(path.basename(a, '.yaml')).toBe(posix.basename(a, '.yaml'));
        expect(path.extname(a)).toBe(posix.extname(a));
        expect(path.isAbsolute(a)).toBe(posix.isAbsolute(a));
      }),
      { numRuns: runs(500) },
    );
  });

  it('resolve and relative, against the working directory the page was made in', () => {
    setWorkingDirectory(process.cwd());
    fc.assert(
      fc.property(pathText, pathText, (a, b) => {
        expect(path.resolve(a, b)).toBe(posix.resolve(a, b));
        expect(path.resolve(a)).toBe(posix.resolve(a));
        expect(path.relative(a, b)).toBe(posix.relative(a, b));
      }),
      { numRuns: runs(500) },
    );
  });

  it('a calendar path as the loader resolves it', () => {
    setWorkingDirectory('/home/planner');
    expect(path.resolve('scenarios', 'calendars/nl-2024.yaml')).toBe('/home/planner/scenarios/calendars/nl-2024.yaml');
  });
});

describe("the browser's sha256 is Node's", () => {
  it('known digests', () => {
    expect(createHash('sha256').update('').digest('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(createHash('sha256').update('abc').digest('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('on any text, of any length around the 64-byte blocks, in one piece or several', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 80 }), { maxLength: 4 }), (parts) => {
        const ours = createHash('sha256');
        const node = nodeCreateHash('sha256');
        for (const part of parts) {
          ours.update(part);
          node.update(part);
        }
        expect(ours.digest('hex')).toBe(node.digest('hex'));
      }),
      { numRuns: runs(500) },
    );
    for (let n = 50; n <= 130; n++) {
      const text = 'x'.repeat(n);
      expect(createHash('sha256').update(text).digest('hex')).toBe(nodeCreateHash('sha256').update(text).digest('hex'));
    }
  });

  it('hashes sha256 only', () => {
    expect(() => createHash('md5')).toThrow(/sha256 only/);
  });
});

describe("the browser's other stand-ins", () => {
  it('setImmediate runs the callback in a later task', async () => {
    const order: string[] = [];
    const done = new Promise<void>((resolve) =>
      browserSetImmediate(() => {
        order.push('immediate');
        resolve();
      }),
    );
    order.push('now');
    await done;
    expect(order).toEqual(['now', 'immediate']);
  });

  it("fileURLToPath gives a file URL's path, and refuses another URL", () => {
    expect(fileURLToPath('file:///caseload/app/bundle.js')).toBe('/caseload/app/bundle.js');
    expect(fileURLToPath('file:///a%20b/c.js')).toBe('/a b/c.js');
    expect(() => fileURLToPath('https://example.org/x.js')).toThrow(/not a file URL/);
  });
});
