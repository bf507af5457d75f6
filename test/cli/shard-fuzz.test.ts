import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSealedJson, sealedJson } from '../../src/io/sealed-json.js';
import { runs } from '../fast-check-config.js';
import { cli } from './helpers.js';

/**
 * Shards damaged or edited at random: merge gives exactly the one-machine
 * result (exit 0), or refuses with one plain line naming the file (exit 2);
 * never an internal error (exit 1), never a different result.
 */
const quick = ['--no-uncertainty', '--reps', '20', '--seed', '3', '--quiet', '--workers', '1'];
const fixtures = {
  run: ['run', 'scenarios/baseline-2024.yaml', ...quick],
  compare: ['compare', 'scenarios/options-2024/variants.yaml', ...quick],
  sweep: ['sweep', 'scenarios/baseline-2024.yaml', '--set', 'capacity.perWeek=28,30,32', ...quick],
};

/** A way to spoil a shard's text, and what it is (for the counterexample). */
interface Damage {
  readonly what: string;
  readonly apply: (text: string) => string;
}

/** Every leaf of a JSON value, as its path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, child]) =>
      leaves(child, [...path, Array.isArray(value) ? Number(key) : key]),
    );
  return path.length > 0 && path[0] !== 'checksum' ? [path] : [];
}

function opened(text: string): Record<string, unknown> {
  const shard = openSealedJson(text);
  if (!shard.ok) throw new Error(shard.problem);
  return shard.value;
}

/** The damages of a shard: bytes changed, the file cut short, a value changed and the checksum made again, a number of its data changed (likewise). */
function damages(text: string): fc.Arbitrary<Damage> {
  const shard = opened(text);
  const paths = leaves(shard);
  const packed = paths.filter((path) => path.at(-1) === 'numbers');
  const byte = fc.record({ at: fc.nat(text.length - 1), to: fc.integer({ min: 0, max: 127 }) }).map(
    ({ at, to }): Damage => ({
      what: `byte ${at} made ${to}`,
      apply: (t) => t.slice(0, at) + String.fromCharCode(to) + t.slice(at + 1),
    }),
  );
  const cut = fc
    .nat(text.length - 1)
    .map((length): Damage => ({ what: `cut at ${length}`, apply: (t) => t.slice(0, length) }));
  const value = fc
    .record({
      path: fc.constantFrom(...paths),
      to: fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.integer({ min: -3, max: 3 }),
        fc.integer(),
        fc.double(),
        fc.string({ maxLength: 4 }),
        fc.constant([]),
        fc.constant({}),
        fc.constant('nudge'),
      ),
    })
    .map(
      ({ path, to }): Damage => ({
        what: `${path.join('.')} made ${String(to)}, sealed again`,
        apply: (t) => {
          const copy = opened(t);
          let parent = copy as Record<string | number, unknown>;
          for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
          const key = path.at(-1)!;
          const old = parent[key];
          // A nudge: a number one more, a text with a letter changed; else the value drawn.
          parent[key] =
            to === 'nudge'
              ? typeof old === 'number'
                ? old + 1
                : typeof old === 'string' && old.length > 0
                  ? `${old.slice(0, -1)}${old.endsWith('0') ? '1' : '0'}`
                  : to
              : to;
          return sealedJson(copy);
        },
      }),
    );
  const data = fc
    .record({
      path: fc.constantFrom(...packed),
      at: fc.nat(),
      to: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0.5, -1e9, 0.5),
    })
    .map(
      ({ path, at, to }): Damage => ({
        what: `${path.join('.')}: number ${at} made ${to}, sealed again`,
        apply: (t) => {
          const copy = opened(t);
          let parent = copy as Record<string | number, unknown>;
          for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
          const bytes = inflateRawSync(Buffer.from(parent['numbers'] as string, 'base64'));
          const numbers = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
          const i = at % numbers.length;
          // 0.5 goes on top of what is there: a count that is not whole.
          numbers[i] = to === 0.5 ? numbers[i]! + 0.5 : to;
          parent['numbers'] = deflateRawSync(Buffer.from(numbers.buffer)).toString('base64');
          return sealedJson(copy);
        },
      }),
    );
  return fc.oneof(byte, cut, value, value, data);
}

describe('merge of shards damaged or edited at random', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'caseload-shard-fuzz-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true });
  });

  for (const [name, command] of Object.entries(fixtures))
    it(`${name}: the one-machine result, or exit 2 with one line naming the file`, async () => {
      const dir = join(root, name);
      for (const k of [1, 2]) expect((await cli(...command, '--shard', `${k}/2`, '--out', dir)).code).toBe(0);
      const whole = await cli(...command, '--json');
      expect(whole.code).toBe(0);
      const files = [1, 2].map((k) => join(dir, `shard-${k}-of-2.json`));
      const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
      const merged = await cli('merge', dir, '--json', '--quiet');
      expect(merged.stdout).toBe(whole.stdout);
      await fc.assert(
        fc.asyncProperty(
          fc.nat(1).chain((k) => damages(texts[k]!).map((damage) => [k, damage] as const)),
          async ([k, damage]) => {
            await writeFile(files[k]!, damage.apply(texts[k]!));
            try {
              const result = await cli('merge', dir, '--json', '--quiet');
              if (result.code === 0) expect(result.stdout).toBe(whole.stdout);
              else {
                expect(result.code, result.stderr).toBe(2);
                expect(result.stdout).toBe('');
                const lines = result.stderr.trimEnd().split('\n');
                expect(lines, result.stderr).toHaveLength(1);
                expect(lines[0]!.startsWith(`${files[k]}: `), result.stderr).toBe(true);
              }
            } finally {
              await writeFile(files[k]!, texts[k]!);
            }
          },
        ),
        { numRuns: runs(60) },
      );
    });
});
