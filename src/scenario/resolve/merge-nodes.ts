import type { TSchema } from '@sinclair/typebox';
import { ScenarioDocumentSchema } from '../schema/schema.js';
import { alternativesOf, childSchema, companionsOf, kindOf } from '../schema/schema-parts.js';
import type { SourceEntry, SourceNode } from '../read/source-node.js';

/**
 * `extends` merging: mappings merge key by key, recursively; anything else
 * (values, lists) is replaced by the child's. Two refinements keep a child
 * short and unambiguous, both read from the schema:
 * - where a mapping takes exactly one of several keys (`capacity.perYear` or
 *   `capacity.inflowPlusMargin`, ...), a child that sets one drops the base's,
 *   and the base's keys that go only with other alternatives (`x-only-with`:
 *   a `capacity.conversion` when the child sets `staff`);
 * - a value that can take several shapes (an initial backlog entry) is
 *   replaced as a whole.
 * Base keys keep their order; the child's new keys follow. Every value keeps
 * the origin of the file it came from.
 *
 * @example mergeNodes(base, child, ScenarioDocumentSchema)
 */
export function mergeNodes(base: SourceNode, child: SourceNode, schema: TSchema | undefined): SourceNode {
  if (base.kind !== 'map' || child.kind !== 'map') return child;
  if (schema !== undefined && kindOf(schema) === 'Union') return child;
  const alternatives = schema === undefined ? [] : alternativesOf(schema);
  const chosen = alternatives.filter((key) => child.entries.has(key));
  const childChoosesOne = chosen.length > 0;
  const companions = schema === undefined || !childChoosesOne ? new Map() : companionsOf(schema);
  const entries = new Map<string, SourceEntry>();
  for (const [key, entry] of base.entries) {
    if (childChoosesOne && alternatives.includes(key) && !child.entries.has(key)) continue;
    const onlyWith = companions.get(key);
    if (onlyWith !== undefined && !child.entries.has(key) && !chosen.some((c) => onlyWith.includes(c))) continue;
    entries.set(key, entry);
  }
  for (const [key, entry] of child.entries) {
    const inBase = entries.get(key);
    entries.set(
      key,
      inBase === undefined
        ? entry
        : { keyAt: entry.keyAt, value: mergeNodes(inBase.value, entry.value, childSchema(schema, key)) },
    );
  }
  // A mapping that a command-line setting only adds to stays where the file wrote it, so that
  // a problem with the mapping as a whole (a missing field) points there, not at the flag.
  return { kind: 'map', at: child.at.kind === 'flag' ? base.at : child.at, entries };
}

/**
 * A file's document merged onto its bases', base first (`mergeNodes` with
 * the scenario schema).
 *
 * @example mergeChain([child, base])
 */
export function mergeChain(documents: readonly SourceNode[]): SourceNode {
  return documents.reduceRight((merged, child) => mergeNodes(merged, child, ScenarioDocumentSchema));
}
