import { DISK_TEXTS } from '../../scenario/index.js';
import type { ScenarioValue, TextSource } from '../../scenario/index.js';
import { trailingComment } from './trailing-comment.js';
import { valueBasis } from './value-basis.js';
import type { ValueBasis } from './value-basis.js';

/** Fields that set up the run rather than describe the work: never an assumption about it. */
const SETTINGS = new Set([
  'name',
  'description',
  'start',
  'horizonWeeks',
  'seed',
  'replications',
  'extends',
  'capacity.unit',
]);

/** A scenario value with the comment that explains it and what it rests on. */
export interface NotedValue extends ScenarioValue {
  /** `file:line` where the value was written, or the command-line flag that set it. */
  readonly where: string;
  /** The comment on the value's line, else on its enclosing key's line; null when there is none. */
  readonly note: string | null;
  readonly basis: ValueBasis;
}

/**
 * Reads the comments written beside scenario values in their files (a
 * value's own line first, then the line of the key that encloses it) and
 * classifies each value as sourced, an assumption, a run setting (or a
 * command-line override) or not stated. A file that
 * cannot be read again gives no notes, not an error: the report still shows
 * the values. The files are read from `source`: the file system by default,
 * the files embedded in the what-if page there (embeddedTexts).
 *
 * @example await readValueNotes(scenarioValues(loaded.node))
 */
export async function readValueNotes(
  values: readonly ScenarioValue[],
  source: TextSource = DISK_TEXTS,
): Promise<NotedValue[]> {
  const lines = new Map<string, readonly string[]>();
  for (const value of values) {
    for (const at of [value.at, value.parentAt]) {
      if (at === null || at.kind !== 'file' || lines.has(at.file)) continue;
      const read = await source.readText(at.file, 'scenario');
      lines.set(at.file, read.ok ? read.text.split(/\r?\n/) : []);
    }
  }
  const commentAt = (at: ScenarioValue['at'] | null): string | null => {
    if (at === null || at.kind !== 'file' || at.line === null) return null;
    const line = lines.get(at.file)?.[at.line - 1];
    return line === undefined ? null : trailingComment(line);
  };
  return values.map((value) => {
    const note = commentAt(value.at) ?? commentAt(value.parentAt);
    const where =
      value.at.kind === 'flag' ? value.at.flag : `${value.at.file}${value.at.line === null ? '' : `:${value.at.line}`}`;
    const basis: ValueBasis = value.at.kind === 'flag' || SETTINGS.has(value.field) ? 'setting' : valueBasis(note);
    return { ...value, where, note, basis };
  });
}
