import type { Checked, InputIssue, TextSource } from '../scenario/index.js';
import { DISK_TEXTS, loadScenarioFrom } from '../scenario/index.js';

/** What `caseload app` embeds of the scenarios (`AppData.files` and `AppData.cwd`). */
export interface AppFiles {
  /** Every file the loader read for the scenarios, by the path it read it under. */
  readonly files: Readonly<Record<string, string>>;
  /** The working directory they were read in: calendar paths resolve against it (see AppData.cwd). */
  readonly cwd: string;
}

/**
 * Loads each scenario path (a file, or `file#variant`) as `caseload run`
 * would, and returns the text of every file the loader read for them (the
 * scenario, the bases it extends, its calendar and CSV files) by the path it
 * read it under: what the what-if page needs to load the same scenarios with
 * the same loader (`embeddedTexts`). A scenario that does not load gives its
 * issues, every scenario's at once.
 *
 * @example await collectAppFiles(['scenarios/baseline-2024.yaml', 'scenarios/options-2024/variants.yaml#30-per-week'])
 */
export async function collectAppFiles(
  paths: readonly string[],
  source: TextSource = DISK_TEXTS,
): Promise<Checked<AppFiles>> {
  const files: Record<string, string> = {};
  const recording: TextSource = {
    readText: async (path, kind) => {
      const read = await source.readText(path, kind);
      if (read.ok) files[path] = read.text;
      return read;
    },
    pathExists: source.pathExists,
  };
  const issues: InputIssue[] = [];
  for (const path of paths) {
    const loaded = await loadScenarioFrom(recording, path);
    if (!loaded.ok) issues.push(...loaded.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { files, cwd: process.cwd() } };
}
