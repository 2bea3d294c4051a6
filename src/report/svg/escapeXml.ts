import { oneLine } from '../../engine/shown.js';

/**
 * Escaping for text and attribute values in the SVG strings this folder builds (inline SVG in HTML).
 */

/**
 * Escapes `&`, `<`, `>`, `"` and `'`, so text is safe both as element content and inside a quoted attribute.
 * Control characters (not allowed in XML 1.0) and bidirectional controls (which would show a label
 * reversed) become `?`, and line breaks become spaces ({@link oneLine}).
 * @example escapeXml('Barnes & "Sons" <Ltd>') // => 'Barnes &amp; &quot;Sons&quot; &lt;Ltd&gt;'
 */
export function escapeXml(text: string): string {
  return oneLine(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
