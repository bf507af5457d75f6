import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { pagePreset } from '../app/page-preset.js';
import { collectAppFiles } from '../app/collect-app-files.js';
import { pageHtml } from '../app/page/page-html.js';
import type { AppData } from '../app/protocol.js';
import { InputError, printable } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { claimOutputs, filesInputs, scenarioInputs, writeOutputs } from './claim-outputs.js';
import type { CliIo } from './io.js';
import { noter } from './io.js';
import { loadComparison } from './load-comparison.js';
import { countFlag, LANG_OPTION, langFlag } from './options.js';
import { checkOutputFile, FORCE_OPTION } from './output-guard.js';
import { caseloadVersion } from './version.js';
import { reportWarnings, STRICT_OPTION } from './warnings.js';

export const command = 'app <scenario> [options..]';
export const describe =
  'Write a self-contained HTML what-if page: change inflow, capacity, lanes and target with sliders and see the answers at once (the engine runs in the browser)';

export function builder(yargs: Argv) {
  return yargs
    .positional('scenario', {
      type: 'string',
      describe: 'Scenario file (.yaml, .yml or .json), or file.yaml#variant',
      demandOption: true,
    })
    .positional('options', {
      type: 'string',
      array: true,
      describe: 'More scenarios the page can switch to (files or file.yaml#variant)',
    })
    .option('out', {
      type: 'string',
      describe: 'The HTML file to write',
      demandOption: 'Name the file: --out what-if.html',
    })
    .option('lang', {
      ...LANG_OPTION,
      describe:
        'The language the page opens in: en (English) or nl (Dutch: 1.440, 31 december 2024); the page can switch',
    })
    .option('reps', { type: 'string', describe: "Replications the page starts with (default: the scenario's)" })
    .option('seed', { type: 'string', describe: "Master seed the page starts with (default: the scenario's)" })
    .option('force', { ...FORCE_OPTION, describe: 'Replace an earlier page (or report) caseload wrote to --out' })
    .option('quiet', { type: 'boolean', default: false, describe: 'No notes on stderr' })
    .option('strict', STRICT_OPTION);
}

/**
 * The browser code of the page, built by `npm run build` into dist/app/
 * under caseload's package folder (found from this file, source or built).
 */
async function appBundle(name: 'page.js' | 'worker.js'): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'caseload') break;
    } catch {
      // no package.json here: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`the what-if page's code (dist/app/${name}) is not found`);
    dir = parent;
  }
  try {
    return await readFile(join(dir, 'dist', 'app', name), 'utf8');
  } catch {
    throw new Error(`the what-if page's code (dist/app/${name}) is not built: run npm run build`);
  }
}

export async function handler(argv: ArgumentsCamelCase<Record<string, unknown>>): Promise<void> {
  const io = argv.io as CliIo;
  const note = noter(io, argv.quiet === true);
  const issues: InputIssue[] = [];
  const replications = countFlag(argv.reps, '--reps', issues);
  const seed = countFlag(argv.seed, '--seed', issues);
  const lang = langFlag(argv.lang, true, '', issues);
  const out = String(argv.out);
  const file = String(argv.scenario);
  const named = ((argv.options as unknown[] | undefined) ?? []).map(String);
  await checkOutputFile(out, argv.force === true, '--out', issues, await filesInputs([file, ...named]));
  if (issues.length > 0) throw new InputError(issues);

  const comparison = await loadComparison(file, named, { replications, seed }, false);
  reportWarnings(
    comparison.loaded.flatMap((l) => l.warnings),
    io,
    argv.strict === true,
  );
  const collected = await collectAppFiles(comparison.files);
  if (!collected.ok) throw new InputError(collected.issues);
  await claimOutputs([{ path: out, flag: '--out' }], scenarioInputs(comparison.loaded), note);
  const presets = comparison.files.map((path, i) => ({ label: comparison.labels[i]!, path }));
  const page = {
    presets: await Promise.all(comparison.files.map((path, i) => pagePreset(path, comparison.loaded[i]!))),
  };
  const data: AppData = {
    caseloadVersion: caseloadVersion(),
    lang,
    files: collected.value.files,
    cwd: collected.value.cwd,
    presets,
    replications: comparison.replications,
    seed: comparison.seed,
  };
  const html = pageHtml(data, page, await appBundle('page.js'), await appBundle('worker.js'));
  await writeOutputs([{ path: out, text: html, flag: '--out' }]);
  note(
    `caseload: ${printable(presets[0]!.label)}${presets.length > 1 ? ` and ${presets.length - 1} more` : ''}: ${comparison.replications} replications, seed ${comparison.seed}, ${(html.length / 1000).toFixed(0)} kB`,
  );
  io.out(`wrote the what-if page to ${out}\n`);
}
