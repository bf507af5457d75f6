/** A field's path: mapping keys and list indexes. */
export type FieldPath = readonly (string | number)[];

/**
 * The dotted name of a field, with list indexes in brackets.
 *
 * @example fieldName(['lanes', 'regular', 'share']) // 'lanes.regular.share'
 * @example fieldName(['calendar', 0, 'to']) // 'calendar[0].to'
 */
export function fieldName(path: FieldPath): string {
  let name = '';
  for (const segment of path) {
    if (typeof segment === 'number') name += `[${segment}]`;
    else name += name === '' ? segment : `.${segment}`;
  }
  return name;
}
