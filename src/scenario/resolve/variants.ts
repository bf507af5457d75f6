import type { InputIssue } from '../errors.js';
import { issueAtOrigin } from '../read/source-node.js';
import type { SourceEntry, SourceNode } from '../read/source-node.js';

/** A document without its `variants`, and the variants by name. */
export interface SplitDocument {
  readonly root: SourceNode;
  readonly variants: ReadonlyMap<string, SourceEntry>;
  readonly issues: readonly InputIssue[];
}

/**
 * Takes the `variants` mapping out of a merged document: the scenario itself
 * is the document without it, and each variant sets fields on top of it as a
 * file that extends it would. A variant that is not a mapping is an issue.
 *
 * @example splitVariants(root, 'scenarios/options.yaml').variants.keys()
 */
export function splitVariants(root: SourceNode, scenarioFile: string): SplitDocument {
  if (root.kind !== 'map' || !root.entries.has('variants')) return { root, variants: new Map(), issues: [] };
  const entries = new Map(root.entries);
  const node = entries.get('variants')!.value;
  entries.delete('variants');
  const issues: InputIssue[] = [];
  const variants = new Map<string, SourceEntry>();
  if (node.kind !== 'map') {
    issues.push(
      issueAtOrigin(
        node.at,
        scenarioFile,
        'variants',
        'must be a mapping of variants by name',
        'variants: { name: { field: value, ... } }',
      ),
    );
  } else {
    for (const [name, entry] of node.entries) {
      if (entry.value.kind === 'map') variants.set(name, entry);
      else
        issues.push(
          issueAtOrigin(
            entry.value.at,
            scenarioFile,
            `variants.${name}`,
            'must be a mapping of the fields the variant sets',
            null,
          ),
        );
    }
  }
  return { root: { kind: 'map', at: root.at, entries }, variants, issues };
}
