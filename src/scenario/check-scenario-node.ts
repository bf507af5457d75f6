import { Value } from '@sinclair/typebox/value';
import { applyOverrides } from './apply-overrides.js';
import type { ScenarioOverrides } from './apply-overrides.js';
import { buildScenario } from './build-scenario.js';
import { checkCrossFields } from './check-cross-fields.js';
import { checkSchema } from './check-schema.js';
import { deepFreeze } from './deep-freeze.js';
import type { Checked, InputIssue } from './errors.js';
import { nodeToPlain } from './node-to-plain.js';
import { ScenarioDocumentSchema } from './schema.js';
import type { SourceNode } from './source-node.js';
import type { Scenario } from './types.js';

/**
 * The stages after parsing and `extends`: apply the overrides, check the
 * document against the schema and the cross-field rules (every problem, in
 * the order of the files and their lines), then fill the defaults and freeze.
 *
 * @example checkScenarioNode(root, 'scenarios/x.yaml', { seed: 7 })
 */
export function checkScenarioNode(root: SourceNode, file: string, overrides: ScenarioOverrides = {}): Checked<Scenario> {
  const document = applyOverrides(root, overrides);
  const schemaCheck = checkSchema(ScenarioDocumentSchema, document, file);
  const issues = [...schemaCheck.issues, ...checkCrossFields(document, file, schemaCheck.flagged)];
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues, file) };
  const plain = nodeToPlain(document);
  if (!Value.Check(ScenarioDocumentSchema, plain)) {
    const first = Value.Errors(ScenarioDocumentSchema, plain).First();
    throw new Error(`checkSchema passed a document the schema rejects at ${first?.path ?? '?'}: ${first?.message ?? '?'}`);
  }
  return { ok: true, value: deepFreeze(buildScenario(plain, file)) };
}

/** By file (the scenario's own first, then bases as they appear), then line and column; issues without a line first. Stable. */
function sortIssues(issues: readonly InputIssue[], file: string): InputIssue[] {
  const fileOrder = [...new Set([file, ...issues.map((issue) => issue.file)])];
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        fileOrder.indexOf(a.issue.file) - fileOrder.indexOf(b.issue.file) ||
        (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
        (a.issue.column ?? 0) - (b.issue.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ issue }) => issue);
}
