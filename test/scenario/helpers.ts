import type { ScenarioOverrides } from '../../src/scenario/index.js';
import { formatIssue } from '../../src/scenario/errors.js';
import type { Checked } from '../../src/scenario/errors.js';
import { loadScenario, resolveSourceNode } from '../../src/scenario/pipeline.js';
import { parseScenarioText } from '../../src/scenario/read/parse-text.js';
import type { Scenario } from '../../src/scenario/types.js';

/** A valid scenario whose line numbers the tests rely on: change a line with `edit`. */
export const VALID = `name: Test
start: 2024-01-01
horizonWeeks: 52
inflow:
  meanPerWeek: 25
capacity:
  perYear: 1600
lanes:
  incomplete:
    share: 0.2
    grantRate: 0
  regular:
    share: 0.8
    grantRate: 0.4
initialBacklog:
  lanes:
    regular: 100
`;

/** VALID with one exact piece of text replaced (which must be there). */
export function edit(from: string, to: string, text = VALID): string {
  if (!text.includes(from)) throw new Error(`the text has no ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** Parses a scenario text and resolves it as the loader would, without reading files (extends and CSV files are issues). */
export function checkText(text: string, file = 'x.yaml', overrides: ScenarioOverrides = {}): Checked<Scenario> {
  const parsed = parseScenarioText(text, file);
  return parsed.ok ? resolveSourceNode(parsed.value, file, overrides) : parsed;
}

/** The formatted issues of a scenario text: [] when it is valid. */
export function messages(text: string, file = 'x.yaml', overrides: ScenarioOverrides = {}): string[] {
  const checked = checkText(text, file, overrides);
  return checked.ok ? [] : checked.issues.map(formatIssue);
}

/** The formatted issues of loading a file: [] when it is valid. */
export async function loadMessages(path: string, overrides: ScenarioOverrides = {}): Promise<string[]> {
  const loaded = await loadScenario(path, overrides);
  return loaded.ok ? [] : loaded.issues.map(formatIssue);
}

/** The scenario of a valid text; fails the test with the issues otherwise. */
export function scenarioOf(text: string, file = 'x.yaml', overrides: ScenarioOverrides = {}): Scenario {
  const checked = checkText(text, file, overrides);
  if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join('\n'));
  return checked.value;
}

export const FIXTURES = 'test/fixtures/scenarios';
