/**
 * The architecture, checked: every module of src/ imports only from its own
 * layer or the layers below it, and no module reaches itself through its
 * imports (type-only imports included: a cycle of types is still a cycle of ideas).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Bottom to top: a module may import from its own layer and those before it. */
const LAYERS = [
  'time',
  'i18n',
  'random',
  'stats',
  'engine',
  'scenario',
  'job',
  'run',
  'experiment',
  'monitor',
  'io',
  'app',
  'cli',
  'index.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative modules a file imports or re-exports, statically or dynamically, as paths of .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s*'([^']+)'/gms),
    ...text.matchAll(/^\s*import\s*'([^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
}

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0]!;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(SRC, file);

describe('the layering of src/', () => {
  it('every folder of src/ has its place in the layers', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((layer) => !LAYERS.includes(layer));
    expect(unknown, 'add a new folder to LAYERS in this test, in its place').toEqual([]);
  });

  it('every relative import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => !graph.has(target)).map((target) => `${name(file)} -> ${name(target)}`),
    );
    expect(missing).toEqual([]);
  });

  it('no module imports from a layer above its own', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(file)))
        .map((target) => `${name(file)} -> ${name(target)}`),
    );
    expect(upward).toEqual([]);
  });

  it('outside src/scenario/, scenario code is reached only through its public face', () => {
    const face = new Set(['scenario/index.ts', 'scenario/types.ts', 'scenario/errors.ts']);
    const inward = [...graph].flatMap(([file, targets]) =>
      layerOf(file) === 'scenario'
        ? []
        : targets
            .filter((target) => layerOf(target) === 'scenario' && !face.has(name(target)))
            .map((target) => `${name(file)} -> ${name(target)}`),
    );
    expect(inward).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph).map((cycle) => cycle.map(name).join(' -> '))).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one (the checks can fail)', () => {
    const a = join(SRC, 'engine/a.ts');
    const b = join(SRC, 'engine/b.ts');
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ).length,
    ).toBe(1);
    expect(LAYERS.indexOf(layerOf(join(SRC, 'cli/x.ts')))).toBeGreaterThan(LAYERS.indexOf(layerOf(a)));
  });
});

/** The strongly connected components of more than one module, or of one that imports itself (Tarjan). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.reverse());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}
