import type { TextRead, TextSource } from '../scenario/index.js';

/** What `readText` says of a path with a NUL byte, which no file (and so no embedded text) can have. */
const NUL_REASON = 'its name holds a NUL byte (\\0), which no file name can hold';

/**
 * The files `caseload app` embedded in the what-if page, as the loader reads
 * them: a path in the map reads as its text; any other path does not exist,
 * and reads as the CLI's missing file does (`no such file`), so that every
 * message is the one the CLI would give on the machine that made the page.
 *
 * @example await loadScenarioFrom(embeddedTexts({ 'a.yaml': 'name: A\n...' }), 'a.yaml')
 */
export function embeddedTexts(files: Readonly<Record<string, string>>): TextSource {
  const has = (path: string) => Object.hasOwn(files, path);
  return {
    readText: async (path): Promise<TextRead> => {
      if (path.includes('\0')) return { ok: false, reason: NUL_REASON };
      return has(path) ? { ok: true, text: files[path]! } : { ok: false, reason: 'no such file' };
    },
    pathExists: async (path) => has(path),
  };
}
