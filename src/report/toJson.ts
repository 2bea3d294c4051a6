import type { ColumnKind, Table } from './table.js';

/**
 * The table rows as JSON objects keyed by column, with `meta` alongside. How each column kind is
 * written:
 * - `money`: a string with exactly 2 decimals (`"12700000.00"`, `"-1234.50"`), so no reader's float
 *   parser can lose or invent a penny;
 * - `pct`: the exact decimal text as well (`"60.00"`): percentages are rounded half-up to 2 places
 *   from exact money, and a string keeps them as printed;
 * - `int` and `number` (counts, population, need ranks, figures, weights, correlations): JSON numbers;
 * - `text`: strings, as they are (JSON escapes control characters itself).
 * An empty cell ("not applicable") is `null` whatever the kind.
 *
 * @example JSON.parse(toJson(districtTable(tabulate(allocation)), {})).rows[0].allocation // => '1632769.35'
 */
export function toJson(table: Table, meta: Readonly<Record<string, unknown>>): string {
  const rows = table.rows.map((row) => rowObject(table, row));
  const total = table.total ? rowObject(table, table.total) : undefined;
  return `${JSON.stringify({ ...meta, rows, ...(total ? { total } : {}) }, null, 2)}\n`;
}

function rowObject(table: Table, row: readonly string[]): Record<string, string | number | null> {
  const object: Record<string, string | number | null> = {};
  table.columns.forEach((column, i) => {
    object[column.key] = jsonCell(row[i] ?? '', column.kind, column.key);
  });
  return object;
}

function jsonCell(cell: string, kind: ColumnKind, key: string): string | number | null {
  if (kind === 'text') return cell;
  if (cell === '') return null;
  if (kind === 'pct') return cell;
  if (kind === 'money') return pennies(cell, key);
  return Number(cell);
}

/** A money cell with exactly 2 decimals; a cell with more places, or not a number, is a bug upstream. */
function pennies(cell: string, key: string): string {
  const match = /^(-?\d+)(?:\.(\d{1,2}))?$/.exec(cell);
  if (!match) throw new RangeError(`toJson: money column "${key}" holds "${cell}", not pounds to the penny`);
  return `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
}
