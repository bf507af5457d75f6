/**
 * Stage resolve. In: the documents read (a file's and its bases', or one
 * given in code), the variant asked for and the overrides. Out: one document
 * node, each value still with where it was written, or the problems found
 * on the way (a calendar file that cannot be read, a variant that is not
 * there). Nothing is checked against the schema yet.
 */
import type { Checked } from '../errors.js';
import type { Stages } from '../read/file-requests.js';
import type { SourceNode } from '../read/source-node.js';
import { includeCalendars } from './calendars.js';
import { mergeChain } from './merge-nodes.js';
import { applyOverrides } from './overrides.js';
import type { ScenarioOverrides } from './overrides.js';
import { chooseVariant } from './variants.js';

/** The resolved document. */
export interface ResolvedDocument {
  readonly node: SourceNode;
  /** The variant's name when the scenario is named after it, else null (see `chooseVariant`). */
  readonly nameSuffix: string | null;
}

/**
 * Merges the bases (base first), chooses the variant, adds the periods of the
 * calendar files and applies the overrides, in that order: a variant's
 * `calendars:` replaces the file's list as a file that extends it would.
 *
 * @example yield* resolveDocument([child, base], 'scenarios/plan-30-40.yaml', null, { horizonWeeks: 26 })
 */
export function* resolveDocument(
  documents: readonly SourceNode[],
  file: string,
  variant: string | null,
  overrides: ScenarioOverrides,
): Stages<Checked<ResolvedDocument>> {
  const chosen = chooseVariant(mergeChain(documents), file, variant);
  if (!chosen.ok) return chosen;
  const withCalendars = yield* includeCalendars(chosen.value.root, file);
  if (!withCalendars.ok) return withCalendars;
  return {
    ok: true,
    value: { node: applyOverrides(withCalendars.value, overrides), nameSuffix: chosen.value.nameSuffix },
  };
}
