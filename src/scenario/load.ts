import { createHash } from 'node:crypto';
import type { ScenarioOverrides } from './apply-overrides.js';
import { canonicalJson } from './canonical-json.js';
import { checkScenarioNode } from './check-scenario-node.js';
import type { Checked } from './errors.js';
import { deepFreeze } from './deep-freeze.js';
import { didYouMean } from './did-you-mean.js';
import { issueAt } from './errors.js';
import { mergeNodes } from './merge-nodes.js';
import { readScenarioChain } from './read-scenario-chain.js';
import { ScenarioDocumentSchema } from './schema.js';
import type { SourceNode } from './source-node.js';
import { splitVariants } from './split-variants.js';
import type { Scenario } from './types.js';

export type { ScenarioOverrides } from './apply-overrides.js';

/** A scenario loaded from a file, with where it came from. */
export interface LoadedScenario {
  /** Resolved, checked and deeply frozen. */
  readonly scenario: Scenario;
  /** The file and its `extends` chain, base last. */
  readonly files: readonly string[];
  /** sha256 (hex) of the scenario as JSON with sorted keys: equal scenarios, equal hashes. */
  readonly hash: string;
}

/**
 * Loads a scenario file (YAML or JSON) in stages: read, parse with
 * positions, follow `extends`, apply the overrides, check everything, fill
 * the defaults, freeze. Returns every problem found, each with its file,
 * line and column; never throws for bad input.
 *
 * @example
 * const loaded = await loadScenario('scenarios/baseline-2024.yaml', { replications: 100 });
 * if (!loaded.ok) console.error(loaded.issues.map(formatIssue).join('\n'));
 */
export async function loadScenario(path: string, overrides: ScenarioOverrides = {}): Promise<Checked<LoadedScenario>> {
  const { file, variant } = splitVariantName(path);
  const chain = await readScenarioChain(file);
  if (!chain.ok) return chain;
  const split = splitVariants(chain.value.root, file);
  if (split.issues.length > 0) return { ok: false, issues: split.issues };
  let root = split.root;
  if (variant !== null) {
    const chosen = split.variants.get(variant);
    if (chosen === undefined) {
      const names = [...split.variants.keys()];
      const hint = didYouMean(variant, names);
      return {
        ok: false,
        issues: [issueAt(file, `#${variant}`, `no variant named "${variant}"${hint === null ? '' : ` (did you mean "${hint}"?)`}`, names.length === 0 ? 'the file has no variants' : `one of: ${names.join(', ')}`)],
      };
    }
    root = mergeNodes(root, chosen.value, ScenarioDocumentSchema);
  }
  const checked = checkScenarioNode(root, file, overrides);
  if (!checked.ok) return checked;
  const named = variant !== null && !(chosenSetsName(split.variants.get(variant)!.value)) ? deepFreeze({ ...checked.value, name: `${checked.value.name}: ${variant}` }) : checked.value;
  const scenario = named;
  const hash = createHash('sha256').update(canonicalJson(scenario)).digest('hex');
  return { ok: true, value: Object.freeze({ scenario, files: Object.freeze([...chain.value.files]), hash }) };
}

/** `file.yaml#name` names a variant of a file; a plain path none. */
export function splitVariantName(path: string): { file: string; variant: string | null } {
  const at = path.lastIndexOf('#');
  return at > 0 ? { file: path.slice(0, at), variant: path.slice(at + 1) } : { file: path, variant: null };
}

function chosenSetsName(node: SourceNode): boolean {
  return node.kind === 'map' && node.entries.has('name');
}

/**
 * The names of the variants a scenario file defines (with those of the files
 * it extends), in file order; empty when it has none or cannot be read.
 *
 * @example await scenarioVariants('scenarios/options-2024/variants.yaml') // ['30-per-week', ...]
 */
export async function scenarioVariants(file: string): Promise<string[]> {
  const chain = await readScenarioChain(file);
  return chain.ok ? [...splitVariants(chain.value.root, file).variants.keys()] : [];
}
