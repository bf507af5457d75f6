/**
 * `node:os` in the browser bundle: the worker is one thread, and runs the job there (`workers: 1`).
 *
 * @example availableParallelism() // 1
 */
export function availableParallelism(): number {
  return 1;
}
