import { display, isNumeric } from '../display.js';
import type { Table } from '../table.js';
import { escapeHtml } from './escape.js';

/**
 * A table as an HTML `<table>`: human titles, £ and thousands separators, numbers right-aligned, a
 * bold total row in `<tfoot>`, and an optional caption.
 */
export function htmlTable(table: Table, options: { caption?: string; id?: string } = {}): string {
  const kinds = table.columns.map((c) => c.kind);
  const cell = (tag: 'td' | 'th', text: string, i: number): string => {
    const kind = kinds[i] ?? 'text';
    const cls = isNumeric(kind) ? ' class="num"' : '';
    return `<${tag}${cls}>${escapeHtml(display(text, kind))}</${tag}>`;
  };
  const head = `<tr>${table.columns.map((c, i) => `<th scope="col"${isNumeric(kinds[i] ?? 'text') ? ' class="num"' : ''}>${escapeHtml(c.title)}</th>`).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((text, i) => cell('td', text, i)).join('')}</tr>`).join('\n');
  const foot = table.total ? `<tfoot><tr>${table.total.map((text, i) => cell('td', text, i)).join('')}</tr></tfoot>` : '';
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  const id = options.id ? ` id="${escapeHtml(options.id)}"` : '';
  return `<table${id}>${caption}<thead>${head}</thead><tbody>\n${body}\n</tbody>${foot}</table>`;
}
