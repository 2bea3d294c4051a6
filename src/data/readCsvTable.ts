/**
 * The one reader of a user's CSV table (`--data`, `--lookup`, `--points`, `--previous`, `--replace`, and
 * workbooks, which src/data/workbookText.ts turns into CSV text first): records with their lines, a
 * header whose columns the caller checks, and at least one row under it, with every later message able
 * to point at a cell. Pure.
 */
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import { shown } from '../engine/shown.js';
import { cellLine, readCsvRecords, type CsvRecord, type ReadCsvRecordsOptions } from './readCsvRecords.js';

/** A table's header row: its names as written (trimmed), lower-cased as keys, and where it is. */
export interface CsvHeader {
  readonly file: string;
  readonly line: number;
  readonly names: readonly string[];
  readonly keys: readonly string[];
}

/** A message and hint for a file that fails one of the table's own checks. */
export interface TableMessage {
  readonly message: string;
  readonly hint: string;
}

export interface CsvTableSpec<C> {
  /** How the CSV text is split (see {@link readCsvRecords}). */
  readonly csv?: ReadCsvRecordsOptions;
  /** The failure for a file with no header (`empty-file`). */
  readonly empty: TableMessage;
  /** Check the header and find the caller's columns; runs before the check for rows. */
  readonly columns: (header: CsvHeader) => Result<C>;
  /** The failure for a header with no rows under it (`no-rows`). */
  readonly noRows: TableMessage;
}

export interface CsvTable<C> {
  readonly header: CsvHeader;
  /** What the spec's `columns` found. */
  readonly columns: C;
  /** The rows under the header, at least one. */
  readonly records: readonly CsvRecord[];
  /** Where a record's cell is, by its column index (from 0), named by its header. */
  at(record: CsvRecord, index: number): Location;
  /** Where a column is, by its index (from 0), on the header line or on `line`. */
  column(index: number, line?: number): Location;
}

/**
 * Read a user's CSV table: split it (any failure of {@link readCsvRecords}), refuse an empty file
 * (`empty-file`), check its header with `spec.columns`, and refuse a header with no rows (`no-rows`).
 *
 * @example
 * readCsvTable('code,value\nA,1\n', 'mine.csv', {
 *   empty: { message: 'the file is empty', hint: 'Start with the header code,value' },
 *   columns: (header) => ok({ value: header.keys.indexOf('value') }),
 *   noRows: { message: 'the file has a header row but no rows of data', hint: 'Add one row per area' },
 * }) // => ok({ header: { names: ['code', 'value'], line: 1, … }, columns: { value: 1 }, records: [{ cells: ['A', '1'], line: 2 }], … })
 */
export function readCsvTable<C>(text: string, file: string, spec: CsvTableSpec<C>): Result<CsvTable<C>> {
  const read = readCsvRecords(text, file, spec.csv);
  if (!read.ok) return read;
  const [first, ...records] = read.value;
  if (first === undefined) return fail('data', 'empty-file', spec.empty.message, { hint: spec.empty.hint, location: { file } });
  const names = first.cells.map((cell) => cell.trim());
  const header: CsvHeader = { file, line: first.line, names, keys: names.map((name) => name.toLowerCase()) };
  const columns = spec.columns(header);
  if (!columns.ok) return columns;
  if (records.length === 0) return fail('data', 'no-rows', spec.noRows.message, { hint: spec.noRows.hint, location: { file, line: header.line } });
  const column = (index: number, line = header.line): Location => ({ file, line, column: index + 1, columnName: shown(names[index] ?? '') });
  return ok({
    header,
    columns: columns.value,
    records,
    at: (record, index) => column(index, cellLine(record, index)),
    column,
  });
}
