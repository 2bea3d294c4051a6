import { csvLine, csvText } from '../data/csvText.js';
import type { Allocation } from '../engine/fairShare.js';
import { lsoaCells, lsoaColumns, type Table } from './table.js';

/**
 * The table as CSV for spreadsheets: a header of column keys, plain numbers (no £, no separators), no
 * total row. Only `text` columns (names and codes from inputs) go through {@link defuse}; number,
 * money and percentage columns are written as they are, so `-1234.50` stays a number.
 */
export function toCsv(table: Table): string {
  const rows = table.rows.map((row) => row.map((cell, i) => (table.columns[i]?.kind === 'text' ? defuse(cell) : cell)));
  return csvText([table.columns.map((c) => c.key), ...rows]);
}

/**
 * The LSOA table as CSV, exactly `toCsv(lsoaTable(allocation))`, written row by row so that no table of
 * 33,755 rows of cells is held at once (each row's cells are garbage as soon as its line is written).
 */
export function lsoaCsv(allocation: Allocation): string {
  const columns = lsoaColumns(allocation);
  const text = columns.map((c) => c.kind === 'text');
  const cells = lsoaCells(allocation);
  const n = allocation.dataset.units.length;
  const lines = new Array<string>(n + 1);
  lines[0] = csvLine(columns.map((c) => c.key));
  for (let i = 0; i < n; i++) {
    const row = cells(i);
    for (let c = 0; c < row.length; c++) if (text[c]) row[c] = defuse(row[c] as string);
    lines[i + 1] = csvLine(row);
  }
  return `${lines.join('\n')}\n`;
}

// A formula character at the start of the cell, or after a character some spreadsheet may split the
// cell at: `,` and `;` (the list separator in many European locales), tab, and line breaks. Spaces
// between the separator and the formula character do not make it safe.
const FORMULA = /^[=+\-@\t\r]|[,;\t\r\n]\s*[=+\-@]/;

/**
 * Neutralise a text cell a spreadsheet would read as a formula (OWASP's advice on CSV injection): when
 * the cell starts with `=`, `+`, `-`, `@`, a tab or a carriage return, or when `=`, `+`, `-` or `@`
 * follows a `,`, `;`, tab or line break anywhere in it (optionally after spaces), the whole cell gets
 * one leading apostrophe. Excel in a locale whose list separator is `;` may split a cell there and
 * run what follows; one apostrophe at the front keeps the cell whole text in every spreadsheet, and
 * leaves the rest of the value exactly as it was. Use it only on text, never on numbers.
 *
 * @example defuse('=HYPERLINK("http://x")') // => `'=HYPERLINK("http://x")`
 * @example defuse('North; =1+1') // => `'North; =1+1`
 * @example defuse('Kettering, Rural') // => 'Kettering, Rural'
 */
export function defuse(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}
