import { didYouMean } from '../check/did-you-mean.js';
import { issueAt } from '../errors.js';
import type { Checked, InputIssue } from '../errors.js';
import { issueAtOrigin } from '../read/source-node.js';
import type { SourceEntry, SourceNode } from '../read/source-node.js';
import { NOT_IN_VARIANTS, ScenarioDocumentSchema } from '../schema/schema.js';
import { mergeNodes } from './merge-nodes.js';

/** A document without its `variants`, and the variants by name. */
export interface SplitDocument {
  readonly root: SourceNode;
  readonly variants: ReadonlyMap<string, SourceEntry>;
  readonly issues: readonly InputIssue[];
}

/**
 * Takes the `variants` mapping out of a merged document: the scenario itself
 * is the document without it, and each variant sets fields on top of it as a
 * file that extends it would. A variant that is not a mapping is an issue,
 * and so is one that sets `extends` or `variants`: a variant is chosen inside
 * its file's chain, so it has neither of its own.
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
      if (entry.value.kind === 'map') {
        variants.set(name, entry);
        issues.push(...notInVariant(name, entry.value, scenarioFile));
      } else
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

/** An issue for each field a variant cannot set, at its key. */
function notInVariant(name: string, variant: SourceNode & { kind: 'map' }, scenarioFile: string): InputIssue[] {
  return NOT_IN_VARIANTS.filter((field) => variant.entries.has(field)).map((field) =>
    issueAtOrigin(
      variant.entries.get(field)!.keyAt,
      scenarioFile,
      `variants.${name}.${field}`,
      field === 'extends'
        ? 'a variant cannot extend a file: it sets fields on top of the scenario it is part of'
        : 'a variant cannot have variants of its own',
      field === 'extends'
        ? '`extends` at the top of the file, or a file of its own that extends this one'
        : 'the variants side by side under the top-level variants',
    ),
  );
}

/** A document with its variant chosen. */
export interface ChosenVariant {
  readonly root: SourceNode;
  /** The variant's name when its scenario is named after it (the variant sets no name of its own), else null. */
  readonly nameSuffix: string | null;
}

/**
 * The document without its `variants`, and with the chosen one (if any) merged on top as a file that extends it would. A
 * variant that is not there is an issue naming the ones that are.
 *
 * @example chooseVariant(root, 'scenarios/options-2024/variants.yaml', '30-per-week')
 */
export function chooseVariant(root: SourceNode, scenarioFile: string, variant: string | null): Checked<ChosenVariant> {
  const split = splitVariants(root, scenarioFile);
  if (split.issues.length > 0) return { ok: false, issues: split.issues };
  if (variant === null) return { ok: true, value: { root: split.root, nameSuffix: null } };
  const chosen = split.variants.get(variant);
  if (chosen === undefined) {
    const names = [...split.variants.keys()];
    const hint = didYouMean(variant, names);
    return {
      ok: false,
      issues: [
        issueAt(
          scenarioFile,
          `#${variant}`,
          `no variant named "${variant}"${hint === null ? '' : ` (did you mean "${hint}"?)`}`,
          names.length === 0 ? 'the file has no variants' : `one of: ${names.join(', ')}`,
        ),
      ],
    };
  }
  const setsName = chosen.value.kind === 'map' && chosen.value.entries.has('name');
  return {
    ok: true,
    value: {
      root: mergeNodes(split.root, chosen.value, ScenarioDocumentSchema),
      nameSuffix: setsName ? null : variant,
    },
  };
}

/**
 * `file.yaml#name` names a variant of a file; a plain path none.
 *
 * @example splitVariantName('scenarios/options-2024/variants.yaml#30-per-week') // { file: 'scenarios/options-2024/variants.yaml', variant: '30-per-week' }
 */
export function splitVariantName(path: string): { file: string; variant: string | null } {
  const at = path.lastIndexOf('#');
  return at > 0 ? { file: path.slice(0, at), variant: path.slice(at + 1) } : { file: path, variant: null };
}
