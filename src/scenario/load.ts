import { createHash } from 'node:crypto';
import type { ScenarioOverrides } from './apply-overrides.js';
import { canonicalJson } from './canonical-json.js';
import { checkScenarioNode } from './check-scenario-node.js';
import type { Checked } from './errors.js';
import { readScenarioChain } from './read-scenario-chain.js';
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
  const chain = await readScenarioChain(path);
  if (!chain.ok) return chain;
  const checked = checkScenarioNode(chain.value.root, path, overrides);
  if (!checked.ok) return checked;
  const scenario = checked.value;
  const hash = createHash('sha256').update(canonicalJson(scenario)).digest('hex');
  return { ok: true, value: Object.freeze({ scenario, files: Object.freeze([...chain.value.files]), hash }) };
}
