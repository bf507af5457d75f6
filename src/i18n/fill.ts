/**
 * A message of a catalog with its `{name}` placeholders filled in; a
 * placeholder without a value stays as it is written, so that a missing
 * value shows instead of vanishing.
 *
 * @example fill('{count} cases by {date}', { count: '1.100', date: '31 december 2024' }) // '1.100 cases by 31 december 2024'
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
