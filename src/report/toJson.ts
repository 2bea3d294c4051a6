import type { ColumnKind, Table } from './table.js';

/**
 * The table rows as JSON objects keyed by column, with `meta` alongside. How each column kind is
 * written:
 * - `money`: a string with exactly 2 decimals (`"12700000.00"`, `"-1234.50"`), so no reader's float
 *   parser can lose or invent a penny;
 * - `pct` and `index`: the exact decimal text as well (`"60.00"`, `"0.90"`): percentages and need
 *   indices are rounded half-up to 2 places from exact money, and a string keeps them as printed;
 * - `int` and `number` (counts, population, need ranks, figures, weights, correlations): JSON numbers;
 * - `text`: strings, exactly as they are.
 * An empty cell ("not applicable") is `null` whatever the kind. JSON.stringify writes C0 controls as
 * `\u` escapes; DEL, C1 controls, bidirectional controls and U+2028/U+2029 are escaped the same way
 * here, so the file can be shown on a terminal or in an editor without acting, and parses back to
 * exactly the same text.
 *
 * @example JSON.parse(toJson(districtTable(tabulate(allocation)), {})).rows[0].allocation // => '1632769.35'
 */
export function toJson(table: Table, meta: Readonly<Record<string, unknown>>): string {
  const total = table.total ? rowObject(table, table.total) : undefined;
  return jsonText({ ...meta, rows: jsonRows(table), ...(total ? { total } : {}) });
}

/**
 * The table's rows as the objects {@link toJson} writes, for a JSON document that holds several tables
 * (write it with {@link jsonText}).
 */
export function jsonRows(table: Table): Record<string, string | number | null>[] {
  return table.rows.map((row) => rowObject(table, row));
}

/**
 * Any value as the JSON text fairshare writes: indented by 2, ending in a newline, with DEL, C1
 * controls, bidirectional controls and U+2028/U+2029 written as `\u` escapes (JSON.stringify already
 * escapes C0 controls), so names from inputs cannot act where the file is shown. For documents that
 * hold rows from {@link toJson} (parse them back and write the whole document with this).
 *
 * @example jsonText({ name: 'a\u202eb' }) // => '{\n  "name": "a\\u202eb"\n}\n'
 */
export function jsonText(value: unknown): string {
  return `${escapeUnsafe(JSON.stringify(value, null, 2))}\n`;
}

// Outside strings JSON.stringify writes only ASCII, so these can only be inside a string, where a
// `\u` escape means the same character.
const UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeUnsafe(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
  if (kind === 'pct' || kind === 'index') return cell;
  if (kind === 'money') return pennies(cell, key);
  return Number(cell);
}

/** A money cell with exactly 2 decimals; a cell with more places, or not a number, is a bug upstream. */
function pennies(cell: string, key: string): string {
  const match = /^(-?\d+)(?:\.(\d{1,2}))?$/.exec(cell);
  if (!match) throw new RangeError(`toJson: money column "${key}" holds "${cell}", not pounds to the penny`);
  return `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
}
