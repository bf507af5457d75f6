import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

/** The layers of src/, bottom to top: a module imports only from its own layer and those below. */
const LAYERS = ['random', 'stats', 'dates', 'engine', 'scenario', 'job', 'run', 'experiment', 'io', 'cli'];

const SRC = join(ROOT, 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
const layerOf = (path: string) => LAYERS.indexOf(relative(SRC, path).split(/[\\/]/)[0]!);

describe('layers', () => {
  it('no module imports from a layer above its own (random, stats, dates, engine, scenario, job, run, experiment, io, cli)', () => {
    const upward: string[] = [];
    for (const file of files(SRC)) {
      const layer = layerOf(file);
      if (layer === -1) continue; // src/index.ts: the public API, above everything
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        if (layerOf(resolve(dirname(file), target!)) > layer) upward.push(`${relative(SRC, file)} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
