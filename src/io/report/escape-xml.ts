/**
 * Text made safe for XML and HTML element content and attribute values:
 * `&`, `<`, `>`, `"` and `'` become entities.
 *
 * @example escapeXml('a<b&"c"') // 'a&lt;b&amp;&quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
