/**
 * Escaping for text and attribute values in the SVG strings this folder builds (inline SVG in HTML).
 */

/**
 * Escapes `&`, `<`, `>`, `"` and `'`, so text is safe both as element content and inside a quoted attribute.
 * @example escapeXml('Barnes & "Sons" <Ltd>') // => 'Barnes &amp; &quot;Sons&quot; &lt;Ltd&gt;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
