import type { InputIssue } from '../errors.js';
import type { InputKind, TextRead } from './read-text.js';
import { issueAtOrigin } from './source-node.js';
import type { Origin } from './source-node.js';

/**
 * The stages after the first read never touch the file system themselves:
 * a stage that needs a file the scenario names (a calendar, a CSV) yields a
 * request and gets the answer back, so that one sequence of stages serves a
 * file (`loadScenario` answers by reading it) and a document given in code
 * (`resolveScenario` cannot read files: its answer is null).
 */

/** A file a stage needs: its path, resolved against the file that names it. */
export interface FileRequest {
  readonly path: string;
  /** What the file holds, for the most that is read of it (see INPUT_SIZE_CAPS). */
  readonly kind: InputKind;
}

/** The file's text, or why it cannot be read; null when there are no files to read (a document given in code). */
export type FileAnswer = TextRead | null;

/** A stage that may ask for files: yields requests, returns T. Run it with `runStages` or `runStagesAsync`. */
export type Stages<T> = Generator<FileRequest, T, FileAnswer>;

/**
 * Asks for one file, within a stage: `const answer = yield* requestFile(path)`;
 * `kind` says what it holds (a calendar is read as a scenario file is).
 */
export function* requestFile(path: string, kind: InputKind = 'scenario'): Stages<FileAnswer> {
  return yield { path, kind };
}

/** Runs stages, answering each request at once. */
export function runStages<T>(stages: Stages<T>, answer: (request: FileRequest) => FileAnswer): T {
  let step = stages.next();
  while (step.done !== true) step = stages.next(answer(step.value));
  return step.value;
}

/** Runs stages, answering each request when it is read. */
export async function runStagesAsync<T>(
  stages: Stages<T>,
  answer: (request: FileRequest) => Promise<FileAnswer>,
): Promise<T> {
  let step = stages.next();
  while (step.done !== true) step = stages.next(await answer(step.value));
  return step.value;
}

/**
 * The one issue for a file that a document given in code names: it cannot
 * be read; `what` says what the file holds.
 *
 * @example givenInCode(fileNode.at, 'inline', 'inflow.observed.file', 'an inflow from a CSV file')
 */
export function givenInCode(at: Origin, scenarioFile: string, field: string, what: string): InputIssue {
  return issueAtOrigin(
    at,
    scenarioFile,
    field,
    'cannot be read for a document given in code',
    `loadScenario(path) for ${what}`,
  );
}
