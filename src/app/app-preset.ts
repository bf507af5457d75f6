import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { readText, splitVariantName } from '../scenario/index.js';
import type { LoadedScenario } from '../scenario/index.js';
import type { AppPreset } from './protocol.js';

/**
 * A preset of the what-if page: the scenario argument as loaded, with the
 * file name a downloaded scenario extends and, for `file#variant`, the
 * variant's fields as written (read from the file again, as plain data).
 *
 * @example await appPreset('scenarios/options-2024/variants.yaml#35-per-week', loaded, 'Plan 2024')
 */
export async function appPreset(argument: string, loaded: LoadedScenario, label: string): Promise<AppPreset> {
  const file = loaded.files[0]!;
  // As the loader reads it: a path that exists is that file, `#` and all.
  const variantName = existsSync(argument) ? null : splitVariantName(argument).variant;
  let variant: AppPreset['variant'] = null;
  if (variantName !== null) {
    const read = await readText(file);
    const document = (read.ok ? parse(read.text) : null) as {
      variants?: Record<string, Record<string, unknown>>;
    } | null;
    variant = { name: variantName, fields: document?.variants?.[variantName] ?? {} };
  }
  return { label, path: argument, scenario: loaded.scenario, fileName: basename(file), variant };
}
