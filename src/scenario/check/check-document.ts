/**
 * Stage check. In: the resolved document node. Out: the typed document
 * (`ScenarioDocument`), or every problem in it at once, each where it was
 * written: the schema's, found by one walk (check-schema.ts), and the
 * cross-field rules' (cross-fields.ts, conversions.ts, capacity-rules.ts).
 */
import type { Checked, InputIssue } from '../errors.js';
import { nodeToPlain } from '../read/plain.js';
import { fieldName, issueAtOrigin } from '../read/source-node.js';
import type { SourceNode } from '../read/source-node.js';
import { TOO_DEEP, TOO_DEEP_ALLOWED, tooDeepNode } from '../read/nesting.js';
import { ScenarioDocumentSchema } from '../schema/schema.js';
import type { ScenarioDocument } from '../schema/schema.js';
import { checkCapacityRules } from './capacity-rules.js';
import { checkConversions } from './conversions.js';
import { checkCrossFields } from './cross-fields.js';
import { checkSchema } from './check-schema.js';
import { misspeltLanes } from './lane-names.js';

/**
 * Checks the resolved document node (bases, calendars, variant and overrides
 * merged) against the schema and the cross-field rules; the problems come in
 * the order of the files and their lines.
 *
 * @example checkDocument(node, 'scenarios/x.yaml')
 */
export function checkDocument(node: SourceNode, file: string): Checked<ScenarioDocument> {
  // Every check below walks the node recursively: a node nested too deep (a `--set` of a long path) stops here.
  const deep = tooDeepNode(node);
  if (deep !== null) {
    const issue = issueAtOrigin(deep.node.at, file, fieldName(deep.path), TOO_DEEP, TOO_DEEP_ALLOWED);
    return { ok: false, issues: [issue] };
  }
  const schemaCheck = checkSchema(ScenarioDocumentSchema, node, file);
  // A misspelt lane name gives one issue with the name it likely means, not "share is missing" and the rules it breaks.
  const misspelt = misspeltLanes(node, file);
  const missingInMisspelt = (issue: InputIssue) =>
    issue.problem === 'is missing' && misspelt.lanes.some((lane) => issue.field.startsWith(`lanes.${lane}.`));
  const flagged = [...schemaCheck.flagged, ...misspelt.lanes.map((lane) => ['lanes', lane])];
  const issues = [
    ...misspelt.issues,
    ...schemaCheck.issues.filter((issue) => !missingInMisspelt(issue)),
    ...checkCrossFields(node, file, flagged),
    ...checkConversions(node, file, flagged),
    ...checkCapacityRules(node, file, flagged),
  ];
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues, file) };
  // checkSchema reads every keyword the schema uses (test/scenario/check-schema.test.ts holds it to that and
  // to TypeBox's Value.Check), so a node it passes is a ScenarioDocument.
  return { ok: true, value: nodeToPlain(node) as ScenarioDocument };
}

/** By file (the scenario's own first, then bases as they appear), then line and column; issues without a line first. Stable. */
export function sortIssues(issues: readonly InputIssue[], file: string): InputIssue[] {
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
