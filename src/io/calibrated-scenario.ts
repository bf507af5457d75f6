import { dirname, relative } from 'node:path';
import { stringify } from 'yaml';
import type { CalibrationResult } from '../experiment/calibrate.js';

/**
 * The calibrated scenario as YAML: a file that `extends` the original
 * (relative to where it is written) and sets the fitted fields, with the
 * values calibrate ran (so the file reproduces the fitted error and loads).
 *
 * @example calibratedScenarioYaml(result, 'scenarios/backtest-2023.yaml', 'scenarios/backtest-2023.calibrated.yaml')
 */
export function calibratedScenarioYaml(result: CalibrationResult, original: string, target: string): string {
  const document: Record<string, unknown> = {
    extends: relative(dirname(target), original) || original,
    name: `${result.scenario} (calibrated)`,
  };
  for (const setting of result.settings) {
    const keys = setting.path.split('.');
    let node = document;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    // As calibrate ran them: rounding here again could break what it kept (shares that sum to 1, a value within its bounds).
    node[keys.at(-1)!] = setting.value;
  }
  const header = [
    `# Calibrated by caseload calibrate against the observed: block of ${original}`,
    `# (${result.reps} replications, seed ${result.seed}, ${result.evaluations} evaluations).`,
    `# Sum of squared relative errors: ${result.before.loss.toPrecision(4)} before, ${result.after.loss.toPrecision(4)} after.`,
    ...result.parameters.map(
      (p) => `#   ${p.path}: ${p.before} -> ${p.after}${p.onBound === null ? '' : ` (on a bound: see the warning)`}`,
    ),
  ];
  return `${header.join('\n')}\n${stringify(document)}`;
}
