import { stringify } from 'csv-stringify/sync';
import type { Table } from './table.js';

/**
 * The table as CSV for spreadsheets: a header of column keys, plain numbers (no £, no separators), no
 * total row. Text that came from inputs and starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a leading apostrophe, so a spreadsheet shows it instead of running it as a formula (OWASP's
 * advice on CSV injection).
 */
export function toCsv(table: Table): string {
  const rows = table.rows.map((row) => row.map((cell, i) => (table.columns[i]?.kind === 'text' ? defuse(cell) : cell)));
  return stringify([table.columns.map((c) => c.key), ...rows]);
}

/** Neutralise a text cell a spreadsheet would read as a formula. */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
