import { display, isNumeric } from '../display.js';
import type { Table } from '../table.js';
import { escapeHtml } from './escape.js';

/**
 * A table as an HTML `<table>`: human titles, £ and thousands separators, numbers right-aligned, a
 * bold total row in `<tfoot>`, and an optional caption. `inline` puts the styles on each cell (borders,
 * padding, alignment, bold header and total), for a table pasted into Word.
 */
export function htmlTable(table: Table, options: { caption?: string; id?: string; inline?: boolean } = {}): string {
  const kinds = table.columns.map((c) => c.kind);
  // Inline styles for a table pasted into Word, which keeps a cell's own style but not a stylesheet's.
  const style = (numeric: boolean, head: boolean, total: boolean): string =>
    options.inline
      ? ` style="border:1px solid #808080;padding:2pt 5pt;text-align:${numeric ? 'right' : 'left'}${head || total ? ';font-weight:bold' : ''}${head ? ';background:#e7e6e6' : ''}"`
      : numeric
        ? ' class="num"'
        : '';
  const cell = (text: string, i: number, total: boolean): string => {
    const kind = kinds[i] ?? 'text';
    return `<td${style(isNumeric(kind), false, total)}>${escapeHtml(display(text, kind))}</td>`;
  };
  const head = `<tr>${table.columns.map((c, i) => `<th scope="col"${style(isNumeric(kinds[i] ?? 'text'), true, false)}>${escapeHtml(c.title)}</th>`).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((text, i) => cell(text, i, false)).join('')}</tr>`).join('\n');
  const foot = table.total ? `<tfoot><tr>${table.total.map((text, i) => cell(text, i, true)).join('')}</tr></tfoot>` : '';
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  const id = options.id ? ` id="${escapeHtml(options.id)}"` : '';
  const frame = options.inline ? ' style="border-collapse:collapse;font-family:Arial,sans-serif;font-size:10pt"' : '';
  return `<table${id}${frame}>${caption}<thead>${head}</thead><tbody>\n${body}\n</tbody>${foot}</table>`;
}
