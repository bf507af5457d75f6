import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { cli } from '../cli/helpers.js';
import {
  documentText,
  expectCleanCli,
  expectCleanExit,
  expectLocated,
  mutation,
  scratchDir,
  VALID_DOC,
} from './hostile.js';
import { runs } from '../fast-check-config.js';

let dir = '';
let cleanUp = async () => {};
let serial = 0;
beforeAll(async () => ({ dir, cleanUp } = await scratchDir()));
afterAll(() => cleanUp());

/** Writes a file of its own for one run of a property (fast-check shrinks by rerunning). */
async function write(ext: string, content: string | Uint8Array): Promise<string> {
  const file = join(dir, `doc-${serial++}.${ext}`);
  await writeFile(file, content);
  return file;
}

/** loadScenario returns a scenario or located issues, and never throws. */
async function expectCleanLoad(file: string): Promise<boolean> {
  const loaded = await loadScenario(file);
  if (!loaded.ok) {
    expect(loaded.issues.length).toBeGreaterThan(0);
    loaded.issues.forEach(expectLocated);
  }
  return loaded.ok;
}

describe('hostile scenario documents give exit 0 or exit 2 with located messages, never an exception', () => {
  it('starts from a valid document', async () => {
    const file = await write('yaml', documentText(VALID_DOC, 'yaml'));
    expect(await expectCleanCli(file, dir, true)).toBe(0);
  });

  it('mutations of a valid document: values of every type, deleted keys, unknown keys (YAML and JSON)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation(false), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('yaml' as const, 'json' as const),
        async (changes, format) => {
          const doc = changes.reduce<unknown>((current, change) => change(current), VALID_DOC);
          const file = await write(format, documentText(doc, format));
          const ok = await expectCleanLoad(file);
          const code = await expectCleanCli(file, dir, false);
          // validate also checks each variant, which loadScenario of the file alone does not.
          if (!ok) expect(code).toBe(2);
        },
      ),
      { numRuns: runs(250) },
    );
  });

  it('mutations the engine can simulate, through validate and run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(true), { minLength: 1, maxLength: 3 }), async (changes) => {
        const doc = changes.reduce<unknown>((current, change) => change(current), VALID_DOC);
        await expectCleanCli(await write('yaml', documentText(doc, 'yaml')), dir, true);
      }),
      { numRuns: runs(40) },
    );
  });

  const damage = fc.constantFrom(
    '\t',
    '"',
    "'",
    ':',
    ': ',
    '- ',
    '  ',
    '   x: 1',
    '{',
    '}',
    '[',
    ']',
    '&a ',
    '*a',
    '*nope',
    '!!binary ',
    '!tag ',
    '? ',
    '#',
    '---\n',
    '...\n',
    '%YAML 1.1\n',
    '|',
    '>',
    '\\',
    '\u0000',
    '\uFEFF',
    '\r',
    '\n',
    ',',
    '@',
    '`',
  );

  it('text damage: tabs, stray quotes and brackets, bad indentation, duplicated lines, a BOM, CRLF line ends', async () => {
    const valid = documentText(VALID_DOC, 'yaml');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(valid.length), fc.oneof(damage, fc.string({ unit: 'binary', maxLength: 6 }))), {
          maxLength: 4,
        }),
        fc.option(fc.nat(40), { nil: null }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('yaml' as const, 'json' as const),
        async (inserts, duplicateLine, bom, crlf, format) => {
          let text = format === 'json' ? documentText(VALID_DOC, 'json') : valid;
          for (const [at, insert] of inserts) text = text.slice(0, at) + insert + text.slice(at);
          if (duplicateLine !== null) {
            const lines = text.split('\n');
            const i = duplicateLine % lines.length;
            lines.splice(i, 0, lines[i]!);
            text = lines.join('\n');
          }
          if (crlf) text = text.replace(/\n/g, '\r\n');
          if (bom) text = `\uFEFF${text}`;
          const file = await write(format, text);
          const ok = await expectCleanLoad(file);
          expect(await expectCleanCli(file, dir, false)).toBe(ok ? 0 : 2);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('random bytes and random text as a YAML or JSON file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({
            unit: fc.constantFrom('a', ':', ' ', '\n', '-', '&x', '*x', '[', '{', '"', '1', '.', '#', '\t'),
            maxLength: 80,
          }),
        ),
        fc.constantFrom('yaml', 'yml', 'json'),
        async (content, ext) => {
          const file = await write(ext, content);
          await expectCleanLoad(file);
          await expectCleanCli(file, dir, true);
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe('hostile files by example', () => {
  it('a "billion laughs" alias bomb: one located message, quickly', async () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) {
      const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      levels.push(`${name}: &${name} [${new Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const file = await write('yaml', `${levels.join('\n')}\n`);
    const result = await cli('validate', file);
    expectCleanExit(result, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^.*:\d+:\d+: alias \*[a-j] expands to too many values \(more than 100000 in all\) \(aliases that repeat a few values, not nested repeats of repeats\)$/m,
    );
    expect(result.stderr.split('\n').filter((line) => line.includes('expands to too many values'))).toHaveLength(1);
    // A bomb that expanded would not finish within the timeout (10^10 values).
  }, 20_000);

  it('a wide alias bomb (few levels, many aliases each) is cut short as well', async () => {
    const wide = (name: string, of: string) => `${name}: &${name} [${new Array(5000).fill(of).join(',')}]`;
    const file = await write('yaml', `${[wide('a', '1'), wide('b', '*a'), wide('c', '*b')].join('\n')}\n`);
    const result = await cli('validate', file);
    expectCleanExit(result, dir);
    expect(result.stderr).toContain('expands to too many values');
  }, 20_000);

  it('an empty file, a directory, a missing file, an alias of itself', async () => {
    for (const [file, expected] of [
      [await write('yaml', ''), ':1:1: the scenario must be a mapping of fields (name: value), got an empty value'],
      [await write('json', ''), ':1:1: not valid JSON: unexpected end of the text'],
      [
        await write('yaml', 'a: &a [*a]\n'),
        ':1:8: alias *a cannot be expanded (an anchor defined earlier, not inside itself)',
      ],
      [dir, ': cannot read the scenario file: it is a directory'],
      [join(dir, 'none.yaml'), ': cannot read the scenario file: no such file'],
    ] as const) {
      const result = await cli('validate', file);
      expectCleanExit(result, join(dir, '..'));
      expect(result.stderr.split('\n')[0]).toBe(`${file}${expected}`);
    }
  });

  it('a BOM and CRLF line ends in a valid file are fine', async () => {
    const file = await write('yaml', `\uFEFF${documentText(VALID_DOC, 'yaml').replace(/\n/g, '\r\n')}`);
    expect(await expectCleanCli(file, dir, true)).toBe(0);
  });

  it('extends: a cycle, a missing base, a directory, a base that is not a scenario', async () => {
    const sub = join(dir, 'extends');
    await mkdir(sub, { recursive: true });
    await writeFile(join(sub, 'a.yaml'), 'extends: b.yaml\nname: A\n');
    await writeFile(join(sub, 'b.yaml'), 'name: B\nextends: a.yaml\n');
    await writeFile(join(sub, 'missing.yaml'), 'extends: nowhere.yaml\n');
    await writeFile(join(sub, 'dir.yaml'), 'extends: .\n');
    await writeFile(join(sub, 'bad-base.yaml'), 'extends: broken.yaml\n');
    await writeFile(join(sub, 'broken.yaml'), 'name: "unclosed\n');
    const cases = {
      'a.yaml': `${sub}/b.yaml:2:1: extends: makes a cycle: ${sub}/a.yaml -> ${sub}/b.yaml -> ${sub}/a.yaml (a chain of bases that ends in a file without extends)`,
      'missing.yaml': `${sub}/missing.yaml:1:1: extends: cannot read the base file ${sub}/nowhere.yaml: no such file (a path relative to the file that extends it)`,
      'dir.yaml': `${sub}/dir.yaml:1:1: extends: cannot read the base file ${sub}: it is a directory (a path relative to the file that extends it)`,
      'bad-base.yaml': `${sub}/broken.yaml:2:1: not valid YAML: missing closing "quote`,
    };
    for (const [name, message] of Object.entries(cases)) {
      const result = await cli('validate', join(sub, name));
      expectCleanExit(result, dir);
      expect(result.stderr).toBe(`${message}\n`);
    }
  });
});
