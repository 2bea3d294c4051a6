import { oneLine } from '../../engine/shown.js';

/**
 * Escape text for HTML element content and attribute values: `&`, `<`, `>`, `"` and `'` become
 * entities. Names from inputs may also hold control or bidirectional characters, which would show the
 * rest of a sentence reversed (an override runs to the end of its paragraph), so those become `?` and
 * line breaks become spaces ({@link oneLine}), as on a terminal.
 *
 * @example escapeHtml('<b>"Corby"\u202e</b>') // => '&lt;b&gt;&quot;Corby&quot;?&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
