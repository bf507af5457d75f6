import { printableLines } from '../../scenario/errors.js';

/**
 * Text made safe for XML and HTML element content and attribute values:
 * `&`, `<`, `>`, `"` and `'` become entities, and control characters other
 * than line breaks (which XML does not allow, and a browser would hide) are
 * written out as `printableLines` does, `\u001b` for an escape.
 *
 * @example escapeXml('a<b&"c"') // 'a&lt;b&amp;&quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return printableLines(text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char));
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
