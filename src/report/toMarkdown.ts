import { oneLine } from '../engine/shown.js';
import { display, isNumeric } from './display.js';
import type { Table } from './table.js';

/**
 * The table as a GitHub-flavoured Markdown table for a committee paper: human titles, £ and thousands
 * separators, numbers right-aligned, and a bold total row. Every cell and title goes through
 * {@link markdownText}, so text from inputs shows as typed and cannot act.
 */
export function toMarkdown(table: Table): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const lines = [
    line(table.columns.map((c) => markdownText(c.title))),
    line(table.columns.map((c) => (isNumeric(c.kind) ? '---:' : '---'))),
    ...table.rows.map((row) => line(row.map((cell, i) => markdownText(display(cell, table.columns[i]?.kind ?? 'text'))))),
  ];
  if (table.total) {
    lines.push(line(table.total.map((cell, i) => (cell === '' ? '' : `**${markdownText(display(cell, table.columns[i]?.kind ?? 'text'))}**`))));
  }
  return `${lines.join('\n')}\n`;
}

// Characters that start or end inline Markdown: emphasis and strikethrough (* _ ~), code spans (`),
// link and image text ([ ]), GitHub's maths ($), the escape itself (\) and the table's cell separator (|).
const INLINE = /[\\`*_~[\]$|]/g;

/**
 * Text from inputs made inert inside Markdown (a table cell or a caption line) and shown as typed:
 * - line breaks and tabs become spaces, so the text cannot end its cell, row or line;
 * - other control characters and the bidirectional controls become `?` (as on a terminal), so a row
 *   cannot be shown reversed;
 * - `&`, `<` and `>` become `&amp;`, `&lt;` and `&gt;`, so there is no raw HTML, autolink or entity;
 * - `\`, `|`, `` ` ``, `*`, `_`, `~`, `[`, `]` and `$` get a backslash, so there is no cell break,
 *   emphasis, code span, link, image or maths.
 * Bare URLs are left as they are: GitHub may still make `http://…` clickable, but its text is the
 * address itself, so it cannot disguise where it goes.
 *
 * @example markdownText('a|b <script>') // => 'a\\|b &lt;script&gt;'
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE, (c) => `\\${c}`);
}

/**
 * Lines of text (a run's description) as a Markdown caption: each line made inert by
 * {@link markdownText}, with a backslash before anything at its start that would make a block (a
 * heading `#`, a list `-`, `+` or `1.`, a heading underline `=`), and the lines joined by hard
 * line breaks.
 *
 * @example markdownLines(['# Big', 'Budget £1.00.']) // => '\\# Big  \nBudget £1.00.'
 */
export function markdownLines(lines: readonly string[]): string {
  return lines
    .map((line) =>
      markdownText(line)
        .replace(/^\s+/, '')
        .replace(/^[#+\-=]/, (c) => `\\${c}`)
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('  \n');
}
