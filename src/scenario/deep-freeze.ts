/**
 * Freezes a value and everything reachable from it, so that a resolved
 * scenario cannot be changed by a caller. Returns the same value.
 *
 * @example Object.isFrozen(deepFreeze({ lanes: [{}] }).lanes[0]) // true
 */
export function deepFreeze<T>(value: T): T {
  const seen = new Set<object>();
  const freeze = (item: unknown) => {
    if (item === null || typeof item !== 'object' || seen.has(item)) return;
    seen.add(item);
    Object.freeze(item);
    for (const child of Object.values(item)) freeze(child);
  };
  freeze(value);
  return value;
}
