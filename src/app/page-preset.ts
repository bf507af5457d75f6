import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { readText, splitVariantName } from '../scenario/index.js';
import type { LoadedScenario } from '../scenario/index.js';
import type { PagePreset } from './page/page-data.js';

/**
 * What the what-if page needs of a preset: the scenario argument as loaded,
 * the file name a downloaded scenario extends and, for `file#variant`, the
 * variant's fields as written (read from the file again, as plain data).
 *
 * @example await pagePreset('scenarios/options-2024/variants.yaml#35-per-week', loaded)
 */
export async function pagePreset(argument: string, loaded: LoadedScenario): Promise<PagePreset> {
  const file = loaded.files[0]!;
  // As the loader reads it: a path that exists is that file, `#` and all.
  const variantName = existsSync(argument) ? null : splitVariantName(argument).variant;
  let variant: PagePreset['variant'] = null;
  if (variantName !== null) {
    const read = await readText(file);
    const document = (read.ok ? parse(read.text) : null) as {
      variants?: Record<string, Record<string, unknown>>;
    } | null;
    variant = { name: variantName, fields: document?.variants?.[variantName] ?? {} };
  }
  return { scenario: loaded.scenario, fileName: basename(file), variant };
}
