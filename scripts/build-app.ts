/**
 * Bundles the what-if page's code for the browser (`npm run build` runs it
 * after tsc): the Web Worker, the real loader and engine
 * (src/app/worker.ts -> dist/app/worker.js), and the page's script
 * (src/app/page/main.ts -> dist/app/page.js) when it exists. One iife file
 * each, minified, for a 2022 browser. The few Node built-ins the bundled
 * code imports are replaced by the browser modules in src/app/shims/ (a
 * built-in with none there fails the build, naming who imports it), and the
 * globals Node has and browsers lack (`process`, `setImmediate`) are
 * injected from there too.
 *
 *   npx tsx scripts/build-app.ts
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHIMS = `${ROOT}src/app/shims/`;

/** The shim of each Node built-in the bundles may import (by its name without `node:`). */
const SHIM_OF: Readonly<Record<string, string>> = {
  crypto: 'crypto.ts',
  fs: 'fs.ts',
  'fs/promises': 'fs.ts',
  os: 'os.ts',
  path: 'path.ts',
  url: 'url.ts',
  worker_threads: 'worker-threads.ts',
};

/** Resolves every Node built-in to its shim, and fails on one without. */
const nodeShims: Plugin = {
  name: 'caseload-node-shims',
  setup(bundle) {
    bundle.onResolve({ filter: /^node:/ }, (args) => {
      const name = args.path.slice('node:'.length);
      const shim = SHIM_OF[name];
      if (shim === undefined)
        return {
          errors: [{ text: `${args.path} has no browser shim in src/app/shims/ (imported by ${args.importer})` }],
        };
      return { path: `${SHIMS}${shim}` };
    });
  },
};

/** One browser bundle: `entry` (under the root) to `out`. */
async function bundle(entry: string, out: string): Promise<void> {
  const result = await build({
    entryPoints: [`${ROOT}${entry}`],
    outfile: `${ROOT}${out}`,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [nodeShims],
    // csv-parse's Node build uses Node's Buffer; its browser build carries its own.
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
    inject: [`${SHIMS}process.ts`, `${SHIMS}set-immediate.ts`],
    // run-in-chunks.ts finds its Node worker entry from its own URL when it loads; the browser starts none.
    define: { 'import.meta.url': '"file:///caseload/app/bundle.js"' },
    metafile: true,
  });
  // Quiet when all is well (npm start prints the projection right after the build); CASELOAD_BUILD_VERBOSE=1 gives the sizes.
  if (process.env['CASELOAD_BUILD_VERBOSE'] === '1') {
    const bytes = Object.values(result.metafile.outputs).reduce((n, output) => n + output.bytes, 0);
    console.log(`build-app: ${out} (${(bytes / 1000).toFixed(0)} kB)`);
  }
}

await bundle('src/app/worker.ts', 'dist/app/worker.js');
await bundle('src/app/page/main.ts', 'dist/app/page.js');
