/**
 * `process` in the browser bundle (scripts/build-app.ts injects it for the
 * global): the few parts the bundled code reads. `cwd()` is the working
 * directory the page was made in (AppData.cwd, set by the worker), so that
 * the loader resolves a calendar's path as the CLI did there.
 */
let workingDirectory = '/';

/**
 * Sets what `process.cwd()` gives in the browser bundle.
 *
 * @example setWorkingDirectory('/home/planner/scenarios')
 */
export function setWorkingDirectory(directory: string): void {
  workingDirectory = directory;
}

/** The browser's stand-in for Node's `process`. */
export const process = {
  cwd: (): string => workingDirectory,
  env: {} as Record<string, string | undefined>,
  platform: 'browser',
  argv: [] as string[],
  versions: {} as Record<string, string>,
};
