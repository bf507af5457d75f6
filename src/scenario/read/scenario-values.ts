import type { Origin, SourceNode } from './source-node.js';

/** One value of a scenario document as written: its field, its text and where it was written. */
export interface ScenarioValue {
  /** Dotted field path, e.g. `lanes.regular.share` or `capacity.changes[0].from`. */
  readonly field: string;
  /** The value as written; a list of plain values is one entry, e.g. `[25, 26, 24] (3 values)`. */
  readonly value: string;
  readonly at: Origin;
  /** Where the key of the enclosing mapping was written (a comment there may explain the value); null at the top. */
  readonly parentAt: Origin | null;
}

/** Lists of plain values longer than this show their first values and a count. */
const SHOWN_LIST_VALUES = 6;

/**
 * Every value of a checked scenario document (extends, calendars, variant and
 * overrides merged), in document order, each with the file and line it was
 * written on: the assumptions table of the report.
 *
 * @example scenarioValues(loaded.node).find((v) => v.field === 'inflow.meanPerWeek') // { value: '25', at: { kind: 'file', line: 16, ... } }
 */
export function scenarioValues(root: SourceNode): ScenarioValue[] {
  const values: ScenarioValue[] = [];
  const visit = (node: SourceNode, field: string, parentAt: Origin | null): void => {
    if (node.kind === 'scalar') {
      values.push({ field, value: scalarText(node), at: node.at, parentAt });
    } else if (node.kind === 'seq') {
      if (node.items.every((item) => item.kind === 'scalar')) {
        const shown = node.items
          .slice(0, SHOWN_LIST_VALUES)
          .map((item) => scalarText(item as Extract<SourceNode, { kind: 'scalar' }>));
        const more = node.items.length > SHOWN_LIST_VALUES ? `, ... (${node.items.length} values)` : '';
        values.push({ field, value: `[${shown.join(', ')}${more}]`, at: node.items[0]?.at ?? node.at, parentAt });
      } else {
        node.items.forEach((item, i) => {
          visit(item, `${field}[${i}]`, parentAt);
        });
      }
    } else {
      for (const [key, entry] of node.entries) {
        const child = field === '' ? key : `${field}.${key}`;
        // A scalar's own key is on its line; the enclosing key is the one above.
        visit(entry.value, child, entry.value.kind === 'scalar' ? parentAt : entry.keyAt);
      }
    }
  };
  visit(root, '', null);
  return values;
}

function scalarText(node: Extract<SourceNode, { kind: 'scalar' }>): string {
  if (node.text !== null) return node.text;
  return typeof node.value === 'string' ? node.value : (JSON.stringify(node.value) ?? String(node.value));
}
