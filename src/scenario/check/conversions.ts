import type { InputIssue } from '../errors.js';
import { fieldName, issueAtOrigin, nodeAt } from '../read/source-node.js';
import type { FieldPath, Origin, SourceNode } from '../read/source-node.js';

/**
 * The rules of a pool's `conversion` (the staff its capacity takes): not
 * beside `staff`, which states its FTE itself; and on a pool counted in
 * decisions, every lane the pool serves has `hoursPerDecision` (the shared
 * pool serves every lane, a lane's own pool only that lane), since the
 * conversion counts a decision's hours from them. A rule is skipped where
 * the schema already found a problem in its inputs (`flagged`).
 *
 * @example checkConversions(root, 'scenarios/x.yaml', schemaCheck.flagged)
 */
export function checkConversions(root: SourceNode, scenarioFile: string, flagged: readonly FieldPath[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (at: Origin, path: FieldPath, problem: string, allowed: string | null) => {
    issues.push(issueAtOrigin(at, scenarioFile, fieldName(path), problem, allowed));
  };
  const valid = (path: FieldPath) => !flagged.some((bad) => isPrefix(bad, path) || isPrefix(path, bad));
  const lanes = nodeAt(root, ['lanes']);
  const laneNames = lanes?.kind === 'map' ? [...lanes.entries.keys()] : [];

  const pools: { path: FieldPath; serves: readonly string[]; what: string }[] = [
    { path: ['capacity'], serves: laneNames, what: "the shared capacity's conversion" },
    ...laneNames.map((name) => ({
      path: ['lanes', name, 'capacity'],
      serves: [name],
      what: "this lane's own capacity's conversion",
    })),
  ];
  for (const { path, serves, what } of pools) {
    const pool = nodeAt(root, path);
    const conversion = nodeAt(root, [...path, 'conversion']);
    if (pool?.kind !== 'map' || conversion === undefined || !valid([...path, 'conversion'])) continue;
    if (pool.entries.has('staff')) {
      report(
        pool.entries.get('conversion')!.keyAt,
        [...path, 'conversion'],
        'does not go with staff: a staff pool states its FTE, hours and cost itself',
        'conversion beside perWeek, perYear or inflowPlusMargin; with staff, its hoursPerFteWeek, productiveShare and costPerFteYear',
      );
      continue;
    }
    const unit = nodeAt(root, [...path, 'unit']);
    const hours = unit?.kind === 'scalar' && unit.value === 'hours';
    if (hours || !valid([...path, 'unit'])) continue;
    for (const name of serves) {
      const lane = nodeAt(root, ['lanes', name]);
      if (lane?.kind !== 'map' || lane.entries.has('hoursPerDecision') || ownPoolCountsHours(lane)) continue;
      report(
        lane.at,
        ['lanes', name, 'hoursPerDecision'],
        `is missing; it is needed because ${what} counts a decision's hours from it`,
        'a number > 0',
      );
    }
  }
  return issues;
}

/** Whether a lane's own pool counts hours: then the cross-field rules report a missing hoursPerDecision already. */
function ownPoolCountsHours(lane: SourceNode): boolean {
  const own = lane.kind === 'map' ? lane.entries.get('capacity')?.value : undefined;
  if (own?.kind !== 'map') return false;
  const unit = own.entries.get('unit')?.value;
  return unit?.kind === 'scalar' ? unit.value === 'hours' : own.entries.has('staff');
}

function isPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}
