import type { InputIssue } from '../errors.js';
import { fieldName, issueAtOrigin, nodeAt } from '../read/source-node.js';
import type { FieldPath, Origin, SourceNode } from '../read/source-node.js';
import { didYouMean } from './did-you-mean.js';

/**
 * The rules of capacity that follows lanes and of trigger rules, after the
 * schema: the lanes they name exist; a trigger's `below` is at most its
 * `above`; trigger names are unique in the scenario; and a pool with
 * triggers can count an FTE in its units (a staff policy, or a conversion).
 * A rule is skipped where the schema already found a problem in its inputs
 * (`flagged`).
 *
 * @example checkCapacityRules(root, 'scenarios/x.yaml', schemaCheck.flagged)
 */
export function checkCapacityRules(
  root: SourceNode,
  scenarioFile: string,
  flagged: readonly FieldPath[],
): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (at: Origin, path: FieldPath, problem: string, allowed: string | null) => {
    issues.push(issueAtOrigin(at, scenarioFile, fieldName(path), problem, allowed));
  };
  const valid = (path: FieldPath) => !flagged.some((bad) => isPrefix(bad, path) || isPrefix(path, bad));
  const lanes = nodeAt(root, ['lanes']);
  const laneNames = lanes?.kind === 'map' ? [...lanes.entries.keys()] : [];
  const allowedLanes = `one of ${laneNames.join(', ')}`;

  /** Each item of a list of lane names names a lane. */
  const checkLanes = (path: FieldPath) => {
    const list = nodeAt(root, path);
    if (list?.kind !== 'seq' || !valid(path)) return;
    list.items.forEach((item, i) => {
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || laneNames.includes(item.value)) return;
      const guess = didYouMean(item.value, laneNames);
      const meant = guess === null ? '' : `; did you mean "${guess}"?`;
      report(item.at, [...path, i], `names no lane: "${item.value}"${meant}`, allowedLanes);
    });
  };

  const pools: FieldPath[] = [['capacity'], ...laneNames.map((name) => ['lanes', name, 'capacity'])];
  const names = new Map<string, FieldPath>();
  for (const path of pools) {
    const pool = nodeAt(root, path);
    if (pool?.kind !== 'map') continue;
    checkLanes([...path, 'inflowPlusMargin', 'lanes']);
    const triggersPath = [...path, 'triggers'];
    const triggers = nodeAt(root, triggersPath);
    // Each rule's fields are checked where the schema found nothing wrong with them, whatever their neighbours.
    if (triggers?.kind !== 'seq' || flagged.some((bad) => isPrefix(bad, triggersPath))) continue;
    if (!pool.entries.has('staff') && !pool.entries.has('conversion'))
      report(
        pool.entries.get('triggers')!.keyAt,
        triggersPath,
        "cannot count an FTE in this pool's units: the pool has no staff figures",
        "a staff policy or a conversion on the pool, whose hoursPerFteWeek x productiveShare are an FTE's hours",
      );
    triggers.items.forEach((item, i) => {
      const at = [...triggersPath, i];
      if (item.kind !== 'map') return;
      checkLanes([...at, 'lanes']);
      const above = valid([...at, 'above']) ? number(item, 'above') : undefined;
      const below = valid([...at, 'below']) ? number(item, 'below') : undefined;
      if (above !== undefined && below !== undefined && below > above)
        report(
          item.entries.get('below')!.value.at,
          [...at, 'below'],
          `must be at most above = ${above}, got ${below}`,
          'a number <= above',
        );
      const name = ruleName(item);
      if (name === undefined) return;
      const first = names.get(name);
      if (first === undefined) names.set(name, at);
      else
        report(
          (item.entries.get('name')?.value ?? item).at,
          [...at, 'name'],
          `repeats the name "${name}" of ${fieldName(first)}${item.entries.has('name') ? '' : ' (a rule without a name is named by its lanes joined by +)'}`,
          'a name no other trigger has',
        );
    });
  }
  return issues;
}

/** A rule's name as written, or its default (the lanes joined by +); undefined when either is malformed. */
function ruleName(rule: SourceNode & { kind: 'map' }): string | undefined {
  const written = rule.entries.get('name')?.value;
  if (written !== undefined)
    return written.kind === 'scalar' && typeof written.value === 'string' ? written.value : undefined;
  const lanes = rule.entries.get('lanes')?.value;
  if (lanes?.kind !== 'seq') return undefined;
  const parts = lanes.items.map((item) => (item.kind === 'scalar' ? String(item.value) : ''));
  return parts.join('+');
}

function number(rule: SourceNode & { kind: 'map' }, key: string): number | undefined {
  const node = rule.entries.get(key)?.value;
  return node?.kind === 'scalar' && typeof node.value === 'number' ? node.value : undefined;
}

function isPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}
