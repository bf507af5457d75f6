import { InputError, issueAt } from '../scenario/errors.js';
import type { InputIssue } from '../scenario/errors.js';
import { loadScenario, variantPaths } from '../scenario/index.js';
import type { LoadedScenario, ScenarioOverrides } from '../scenario/index.js';

/** A base scenario and its options, loaded for a comparison. */
export interface LoadedComparison {
  /** The base file, then the option files (or `file#variant`). */
  readonly files: readonly string[];
  /** Loaded in the same order; the options with the base's seed and replications. */
  readonly loaded: readonly LoadedScenario[];
  /** Option labels (scenario names, numbered where two share one). */
  readonly labels: readonly string[];
  readonly replications: number;
  readonly seed: number;
}

/**
 * Loads the base and the options of `compare` and `report`: options named
 * after the base, else the base's own variants (when `variantsByDefault`).
 * Every option runs with the base's seed and replications and must cover the
 * same weeks; every problem of every file is reported at once.
 *
 * @example await loadComparison('scenarios/options-2024/plan-2024.yaml', ['scenarios/options-2024/40-per-week.yaml'], {}, true)
 */
export async function loadComparison(
  baseFile: string,
  named: readonly string[],
  overrides: ScenarioOverrides,
  variantsByDefault: boolean,
): Promise<LoadedComparison> {
  const options = named.length > 0 || !variantsByDefault ? [...named] : await variantPaths(baseFile);
  if (options.length === 0 && variantsByDefault) {
    throw new InputError([
      issueAt(
        baseFile,
        'variants',
        'there is nothing to compare: no options named and no variants in the file',
        'option files after the base, or variants: in the base file',
      ),
    ]);
  }
  const files = [baseFile, ...options];
  const base = await loadScenario(files[0]!, overrides);
  if (!base.ok) throw new InputError(base.issues);
  const shared = {
    replications: base.value.scenario.replications,
    seed: base.value.scenario.seed,
    ...(overrides.uncertainty === false ? { uncertainty: false as const } : {}),
  };
  const issues: InputIssue[] = [];
  const loaded = [base.value];
  for (const file of files.slice(1)) {
    const option = await loadScenario(file, shared);
    if (!option.ok) issues.push(...option.issues);
    else {
      const { start, horizonWeeks } = option.value.scenario;
      if (start !== base.value.scenario.start || horizonWeeks !== base.value.scenario.horizonWeeks) {
        issues.push(
          issueAt(
            file,
            'horizonWeeks',
            `covers ${horizonWeeks} weeks from ${start}, the base ${base.value.scenario.horizonWeeks} weeks from ${base.value.scenario.start}`,
            'the same start and horizonWeeks as the base',
          ),
        );
      }
      loaded.push(option.value);
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return { files, loaded, labels: uniqueLabels(loaded.map((l, i) => l.scenario.name || files[i]!)), ...shared };
}

/** Option labels, numbered where two scenarios share a name. */
function uniqueLabels(names: readonly string[]): string[] {
  return names.map((name, i) => (names.indexOf(name) === names.lastIndexOf(name) ? name : `${name} #${i + 1}`));
}
