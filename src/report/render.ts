import type { ChalkInstance } from 'chalk';
import { plain } from '../engine/shown.js';
import type { Table } from './table.js';
import { toCsv } from './toCsv.js';
import { toHtml } from './toHtml.js';
import { toJson } from './toJson.js';
import { markdownLines, toMarkdown } from './toMarkdown.js';
import { toTerminal } from './toTerminal.js';

export interface RenderOptions {
  /** Lines describing the run, shown above terminal and Markdown tables. */
  readonly header?: readonly string[];
  /** Metadata placed beside the rows in JSON. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Colour for the terminal table (level 0 for none). */
  readonly chalk: ChalkInstance;
}

/**
 * A table in one of the output formats: `table` (aligned, for terminals), `csv` (for spreadsheets:
 * no header lines, no total row), `json`, `md` (a Markdown table with a caption, for committee papers),
 * or `html` (a small document whose table pastes into Word as a table).
 * The header lines quote names from inputs (the area, the data file), so they are made inert as the
 * cells are: {@link plain} for the terminal, {@link markdownLines} for Markdown.
 */
export function render(table: Table, format: 'table' | 'csv' | 'json' | 'md' | 'html', options: RenderOptions): string {
  const header = options.header ?? [];
  switch (format) {
    case 'csv':
      return toCsv(table);
    case 'json':
      return toJson(table, options.meta ?? {});
    case 'html':
      return toHtml(table, { header });
    case 'md':
      return header.length ? `${markdownLines(header)}\n\n${toMarkdown(table)}` : toMarkdown(table);
    case 'table': {
      const lines = header.map((line) => options.chalk.dim(plain(line)));
      return `${lines.length ? `${lines.join('\n')}\n\n` : ''}${toTerminal(table, { chalk: options.chalk })}`;
    }
  }
}
