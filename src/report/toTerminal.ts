import type { ChalkInstance } from 'chalk';
import { plain } from '../engine/shown.js';
import { display, isNumeric } from './display.js';
import type { Table } from './table.js';

export interface TerminalOptions {
  /** Styles to use; pass a chalk instance with level 0 for plain text. */
  readonly chalk: ChalkInstance;
}

/**
 * The table as aligned columns for a terminal: human titles, £ and thousands separators, numbers
 * right-aligned, a rule under the header and above the total row. Colour (bold header and total) comes
 * only from the chalk instance passed in, so the same text is readable without colour. Every cell and
 * title goes through {@link plain}, so a name from an input cannot send escape sequences to the
 * terminal (clear the screen, set the window title) or show a row reversed; `?` stands in for each
 * such character, one for one, so the columns still line up.
 */
export function toTerminal(table: Table, options: TerminalOptions): string {
  const { chalk } = options;
  const kinds = table.columns.map((c) => c.kind);
  const body = table.rows.map((row) => row.map((cell, i) => plain(display(cell, kinds[i] ?? 'text'))));
  const total = table.total?.map((cell, i) => plain(display(cell, kinds[i] ?? 'text')));
  const header = table.columns.map((c) => plain(c.title));
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((r) => (r[i] ?? '').length), (total?.[i] ?? '').length));
  const pad = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const padded = isNumeric(kinds[i] ?? 'text') ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
        if (!table.columns[i]?.signed || cell === '') return padded;
        return cell.startsWith('-') ? chalk.red(padded) : /[1-9]/.test(cell) ? chalk.green(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const lines = [chalk.bold(pad(header)), chalk.dim(rule), ...body.map(pad)];
  if (total) lines.push(chalk.dim(rule), chalk.bold(pad(total)));
  return `${lines.join('\n')}\n`;
}
