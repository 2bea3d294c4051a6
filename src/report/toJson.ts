import type { Table } from './table.js';

/**
 * The table rows as JSON objects keyed by column, numbers as JSON numbers (money with its exact
 * 2-decimal text, e.g. 1234.5 for £1,234.50) and empty cells as null; `meta` goes alongside.
 */
export function toJson(table: Table, meta: Readonly<Record<string, unknown>>): string {
  const rows = table.rows.map((row) => rowObject(table, row));
  const total = table.total ? rowObject(table, table.total) : undefined;
  return `${JSON.stringify({ ...meta, rows, ...(total ? { total } : {}) }, null, 2)}\n`;
}

function rowObject(table: Table, row: readonly string[]): Record<string, string | number | null> {
  const object: Record<string, string | number | null> = {};
  table.columns.forEach((column, i) => {
    const cell = row[i] ?? '';
    object[column.key] = column.kind === 'text' ? cell : cell === '' ? null : Number(cell);
  });
  return object;
}
