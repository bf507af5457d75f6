import type { InputIssue } from '../errors.js';
import { issueAtOrigin } from '../read/source-node.js';
import type { Origin, SourceNode } from '../read/source-node.js';
import { didYouMean } from './did-you-mean.js';

/** Fields a lane must have; a lane without them is new (or a misspelt name of one that is there). */
const REQUIRED = ['share', 'grantRate'];

/**
 * Lanes that look like a misspelt name of another lane: a lane without share
 * or grantRate (so not meant as a new lane) whose name is close to that of a
 * lane that has both. Typically a file that extends another, or a variant,
 * changes a lane of the base under a misspelt name (`reguler`), which would
 * otherwise be taken as a new lane and fail with "share is missing". One issue
 * at the misspelt key, with the name it likely means; `lanes` names them, so
 * that the check can leave out their "is missing" issues.
 *
 * @example misspeltLanes(root, 'options/x.yaml').issues // ['options/x.yaml:4:3: lanes.reguler: names no lane of the base baseline.yaml, ... (did you mean "regular"?)']
 */
export function misspeltLanes(root: SourceNode, scenarioFile: string): { issues: InputIssue[]; lanes: string[] } {
  const lanes = root.kind === 'map' ? root.entries.get('lanes')?.value : undefined;
  if (lanes?.kind !== 'map') return { issues: [], lanes: [] };
  const complete = (node: SourceNode) => node.kind === 'map' && REQUIRED.every((key) => node.entries.has(key));
  const known = [...lanes.entries].filter(([, entry]) => complete(entry.value)).map(([name]) => name);
  const issues: InputIssue[] = [];
  const misspelt: string[] = [];
  for (const [name, entry] of lanes.entries) {
    const lane = entry.value;
    if (lane.kind !== 'map' || complete(lane)) continue;
    const meant = didYouMean(
      name,
      known.filter((other) => other !== name),
    );
    if (meant === null) continue;
    const base = fileOf(lanes.entries.get(meant)!.keyAt);
    const here = fileOf(entry.keyAt);
    const missing = REQUIRED.filter((key) => !lane.entries.has(key));
    const problem =
      base !== null && base !== here
        ? `names no lane of the base ${base}; as a new lane it would need ${missing.join(' and ')}`
        : `is a lane without ${missing.join(' and ')}`;
    issues.push(issueAtOrigin(entry.keyAt, scenarioFile, `lanes.${name}`, problem, `did you mean "${meant}"?`));
    misspelt.push(name);
  }
  return { issues, lanes: misspelt };
}

function fileOf(at: Origin): string | null {
  return at.kind === 'file' ? at.file : null;
}
