import { dirname, resolve } from 'node:path';
import type { Checked, InputIssue } from '../errors.js';
import { givenInCode, requestFile } from '../read/file-requests.js';
import type { Stages } from '../read/file-requests.js';
import { shownPath } from '../read/read-text.js';
import { parseScenarioText } from '../read/parse-text.js';
import { issueAtOrigin } from '../read/source-node.js';
import type { SourceEntry, SourceNode } from '../read/source-node.js';

const ALLOWED =
  'a list of calendar files, each a YAML list of { from, to, scale, label } or a mapping with such a calendar: list';

/**
 * Adds the periods of the calendar files a scenario names in `calendars:`
 * (paths relative to the file that names them) to its `calendar:` list, so
 * that a planner keeps one holiday calendar per year and scenarios name it.
 * The periods keep their own file positions, so a problem in one is reported
 * in the calendar file, and are checked like the scenario's own. A document
 * given in code cannot have calendar files read: each is an issue.
 *
 * @example yield* includeCalendars(root, 'scenarios/baseline-2024.yaml') // calendar: [...own, ...nl-2024.yaml]
 */
export function* includeCalendars(root: SourceNode, scenarioFile: string): Stages<Checked<SourceNode>> {
  if (root.kind !== 'map' || !root.entries.has('calendars')) return { ok: true, value: root };
  const named = root.entries.get('calendars')!;
  const entries = new Map<string, SourceEntry>(root.entries);
  entries.delete('calendars');
  const issues: InputIssue[] = [];
  if (named.value.kind !== 'seq') {
    return {
      ok: false,
      issues: [issueAtOrigin(named.value.at, scenarioFile, 'calendars', 'must be a list of file names', ALLOWED)],
    };
  }
  const own = entries.get('calendar');
  const periods: SourceNode[] = own?.value.kind === 'seq' ? [...own.value.items] : [];
  for (const [i, item] of named.value.items.entries()) {
    const field = `calendars[${i}]`;
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '') {
      issues.push(issueAtOrigin(item.at, scenarioFile, field, 'must be the name of a calendar file', ALLOWED));
      continue;
    }
    const base = item.at.kind === 'file' ? dirname(item.at.file) : dirname(scenarioFile);
    const path = resolve(base, item.value);
    const read = yield* requestFile(path);
    if (read === null) {
      issues.push(givenInCode(item.at, scenarioFile, field, 'calendar files'));
      continue;
    }
    if (!read.ok) {
      issues.push(
        issueAtOrigin(
          item.at,
          scenarioFile,
          field,
          `cannot read the calendar file "${shownPath(item.value)}": ${read.reason}`,
          ALLOWED,
        ),
      );
      continue;
    }
    const parsed = parseScenarioText(read.text, displayPath(path));
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const list = parsed.value.kind === 'map' ? parsed.value.entries.get('calendar')?.value : parsed.value;
    if (list?.kind !== 'seq') {
      issues.push(
        issueAtOrigin(parsed.value.at, scenarioFile, '', 'is not a calendar: it holds no list of periods', ALLOWED),
      );
      continue;
    }
    // One by one: a spread of a long list (200,000 periods) overflows the call stack.
    for (const item of list.items) periods.push(item);
  }
  if (issues.length > 0) return { ok: false, issues };
  entries.set('calendar', {
    keyAt: own?.keyAt ?? named.keyAt,
    value: { kind: 'seq', at: own?.value.at ?? named.value.at, items: periods },
  });
  return { ok: true, value: { kind: 'map', at: root.at, entries } };
}

/** A path for messages: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const cwd = `${process.cwd()}/`;
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}
