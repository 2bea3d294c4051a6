import { display, isNumeric } from './display.js';
import type { Table } from './table.js';

/**
 * The table as a GitHub-flavoured Markdown table for a committee paper: human titles, £ and thousands
 * separators, numbers right-aligned, and a bold total row.
 */
export function toMarkdown(table: Table): string {
  const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const lines = [
    line(table.columns.map((c) => escape(c.title))),
    line(table.columns.map((c) => (isNumeric(c.kind) ? '---:' : '---'))),
    ...table.rows.map((row) => line(row.map((cell, i) => escape(display(cell, table.columns[i]?.kind ?? 'text'))))),
  ];
  if (table.total) {
    lines.push(line(table.total.map((cell, i) => (cell === '' ? '' : `**${escape(display(cell, table.columns[i]?.kind ?? 'text'))}**`))));
  }
  return `${lines.join('\n')}\n`;
}
