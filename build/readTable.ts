/**
 * Reading a published source file for the data build (the IoD 2019 files, the ONS geography lookups)
 * into a header and rows with their line numbers. Pure: the build script reads the files and passes their
 * text in. Users' own CSV files are read by readCsvRecords, which trims cells, drops empty rows and counts
 * lines inside quoted values; these files need none of that.
 */
import { parse } from 'csv-parse/sync';
import { fail, ok, type Location, type Result } from '../src/engine/errors.js';

export interface Row {
  readonly cells: readonly string[];
  /** Line in the file, from 1 (the header is line 1). */
  readonly line: number;
}

export interface Table {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly Row[];
}

/**
 * Parse a source file's text into its header (the first record, as written) and rows. A byte-order mark
 * and blank lines are skipped. Invalid CSV is a `bad-csv` data failure, an empty file `empty-file`.
 *
 * @example readTable({ file: 'geography/x.csv', text: 'WD19CD,WD19NM\nE05000001,One\n' })
 * // => ok({ file: 'geography/x.csv', header: ['WD19CD', 'WD19NM'], rows: [{ cells: ['E05000001', 'One'], line: 2 }] })
 */
export function readTable(source: { readonly file: string; readonly text: string }): Result<Table> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns { record, info } objects; its typings do not model that option.
    // `info.lines` is the line a record ends on: the published files have no line breaks inside values.
    records = parse(source.text, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    const location: Location = e.lines === undefined ? { file: source.file } : { file: source.file, line: e.lines };
    return fail('data', 'bad-csv', `not a valid CSV file: ${e.message ?? String(error)}`, { location });
  }
  const [first, ...rest] = records;
  if (first === undefined) return fail('data', 'empty-file', 'the file is empty; expected a header row', { location: { file: source.file } });
  return ok({
    file: source.file,
    header: first.record,
    rows: rest.map(({ record, info }) => ({ cells: record, line: info.lines })),
  });
}

/**
 * A row's cell, trimmed ('' where the row is short).
 *
 * @example cellText({ cells: [' E05000001 '], line: 2 }, 0) // => 'E05000001'
 */
export function cellText(row: Row, column: number): string {
  return (row.cells[column] ?? '').trim();
}

/**
 * Where a cell is, for a message: the file, the row's line, the column (from 1) and its header.
 *
 * @example cellLocation(table, row, 0) // => { file: 'geography/x.csv', line: 2, column: 1, columnName: 'WD19CD' }
 */
export function cellLocation(table: Table, row: Row, column: number): Location {
  return { file: table.file, line: row.line, column: column + 1, columnName: table.header[column] ?? '' };
}
