import { Value } from '@sinclair/typebox/value';
import { applyOverrides } from '../resolve/overrides.js';
import type { ScenarioOverrides } from '../resolve/overrides.js';
import { buildScenario } from '../fill-defaults.js';
import { checkCrossFields } from './cross-fields.js';
import { checkSchema } from './check-schema.js';
import { deepFreeze } from '../deep-freeze.js';
import type { Checked, InputIssue } from '../errors.js';
import { nodeToPlain } from '../read/node-to-plain.js';
import { ScenarioDocumentSchema } from '../schema/schema.js';
import type { ScenarioDocument } from '../schema/schema.js';
import { issueAtOrigin, nodeAt } from '../read/source-node.js';
import type { SourceNode } from '../read/source-node.js';
import type { Scenario } from '../types.js';

/**
 * The stages after parsing and `extends`: apply the overrides, check the
 * document against the schema and the cross-field rules (every problem, in
 * the order of the files and their lines), then fill the defaults and freeze.
 *
 * @example checkScenarioNode(root, 'scenarios/x.yaml', { seed: 7 })
 */
export function checkScenarioNode(
  root: SourceNode,
  file: string,
  overrides: ScenarioOverrides = {},
): Checked<Scenario> {
  const checked = checkScenarioDocument(root, file, overrides);
  if (!checked.ok) return checked;
  const { document, node } = checked.value;
  if (document.inflow.observed !== undefined) {
    const at = nodeAt(node, ['inflow', 'observed', 'file'])?.at ?? node.at;
    return {
      ok: false,
      issues: [
        issueAtOrigin(
          at,
          file,
          'inflow.observed.file',
          'cannot be read for a document given in code',
          'loadScenario(path) for an inflow from a CSV file',
        ),
      ],
    };
  }
  for (const [name, entry] of Object.entries(document.initialBacklog?.lanes ?? {})) {
    if (typeof entry !== 'object' || !('file' in entry)) continue;
    const at = nodeAt(node, ['initialBacklog', 'lanes', name, 'file'])?.at ?? node.at;
    return {
      ok: false,
      issues: [
        issueAtOrigin(
          at,
          file,
          `initialBacklog.lanes.${name}.file`,
          'cannot be read for a document given in code',
          'loadScenario(path) for a backlog from a CSV file',
        ),
      ],
    };
  }
  return { ok: true, value: deepFreeze(buildScenario(document, file)) };
}

/**
 * The checks of `checkScenarioNode` without building: the checked document
 * (overrides applied) and its source node, for a caller that still has files
 * to read (an observed inflow's CSV).
 */
export function checkScenarioDocument(
  root: SourceNode,
  file: string,
  overrides: ScenarioOverrides = {},
): Checked<{ document: ScenarioDocument; node: SourceNode }> {
  const node = applyOverrides(root, overrides);
  const schemaCheck = checkSchema(ScenarioDocumentSchema, node, file);
  const issues = [...schemaCheck.issues, ...checkCrossFields(node, file, schemaCheck.flagged)];
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues, file) };
  const plain = nodeToPlain(node);
  if (!Value.Check(ScenarioDocumentSchema, plain)) {
    const first = Value.Errors(ScenarioDocumentSchema, plain).First();
    throw new Error(
      `checkSchema passed a document the schema rejects at ${first?.path ?? '?'}: ${first?.message ?? '?'}`,
    );
  }
  return { ok: true, value: { document: plain, node } };
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
