/**
 * A capacity pool in words: `the shared capacity`, or `incomplete's own capacity`.
 *
 * @example poolName('incomplete') // "incomplete's own capacity"
 */
export function poolName(pool: string): string {
  return pool === 'shared' ? 'the shared capacity' : `${pool}'s own capacity`;
}
