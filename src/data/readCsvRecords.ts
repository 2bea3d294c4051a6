/**
 * Reading the text of a user's CSV file (`--data`, `--lookup`, `--points`) into records that know the
 * physical line they start on, so every later message can name the line a spreadsheet user sees. Pure:
 * the CLI reads the file and the readers pass its text in.
 */
import { Buffer } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { fail, ok, type Location, type Result } from '../engine/errors.js';

/** One CSV record with the physical line (from 1) it starts on. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

export interface ReadCsvRecordsOptions {
  /**
   * Which line ends split records. `first` (the default): csv-parse's own choice, the first line end it
   * meets. `any`: LF, CRLF and a lone CR, even mixed in one file (rows appended in another editor).
   */
  readonly lineEnds?: 'first' | 'any';
  /**
   * A quoted value with a comma in it, as the caller's users would write one (e.g. `"1,296"`), shown in
   * the hint when a row has the wrong number of values. Without it the hint gives no example.
   */
  readonly commaExample?: string;
  /**
   * How to report a double quote in the wrong place. `by-kind` (the default): a quote followed by other
   * characters and a quote inside an unquoted value each get their own message. `combined`: one message
   * for both.
   */
  readonly quoteErrors?: 'by-kind' | 'combined';
}

/**
 * Split CSV text into records, dropping blank lines and rows whose cells are all empty (as spreadsheets
 * export trailing rows). A byte-order mark is ignored and cells are trimmed. Each record's line comes from
 * the byte offset at which the one before it ends (csv-parse's `bytes`), not from its `lines`, which is the
 * line a record ends on and counts a CRLF inside a quoted value as two. Malformed CSV comes back as a
 * `malformed-csv` data failure naming the file, the line the bad record starts on and, where csv-parse
 * knows it, the column.
 *
 * @example readCsvRecords('a,b\n"x\ny",z\n', 'mine.csv')
 * // => ok([{ cells: ['a', 'b'], line: 1 }, { cells: ['x\ny', 'z'], line: 2 }])
 */
export function readCsvRecords(text: string, file: string, options: ReadCsvRecordsOptions = {}): Result<CsvRecord[]> {
  const bytes = Buffer.from(text, 'utf8');
  const starts = lineStarts(bytes);
  const lineAfter = (offset: number): number => lineAt(starts, skipBlank(bytes, offset));
  const parsed: { cells: string[]; end: number }[] = [];
  try {
    parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      // As lineStarts counts them.
      ...(options.lineEnds === 'any' ? { record_delimiter: ['\r\n', '\n', '\r'] } : {}),
      on_record: (cells, context) => {
        parsed.push({ cells, end: context.bytes });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The bad record starts after the last good one.
    const line = lineAfter(parsed.at(-1)?.end ?? 0);
    return csvFailure(error, file, line, parsed[0]?.cells.map((c) => c.trim()) ?? [], options);
  }
  const records: CsvRecord[] = [];
  let previousEnd = 0;
  for (const { cells, end } of parsed) {
    if (cells.some((cell) => cell.trim() !== '')) records.push({ cells, line: lineAfter(previousEnd) });
    previousEnd = end;
  }
  return ok(records);
}

/**
 * The physical line a cell starts on: the record's line plus the line breaks inside earlier (quoted) cells.
 *
 * @example cellLine({ cells: ['x\ny', 'z'], line: 2 }, 1) // => 3
 */
export function cellLine(record: CsvRecord, index: number): number {
  let line = record.line;
  for (const cell of record.cells.slice(0, index)) line += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return line;
}

/** Turn csv-parse's error into one that says where, what was expected and how to fix it. */
function csvFailure(error: CsvError, file: string, line: number, header: readonly string[], options: ReadCsvRecordsOptions): Result<never> {
  const index = typeof error['column'] === 'number' ? error['column'] : undefined;
  const where = (column: number | undefined): Location => {
    const name = column === undefined ? undefined : header[column];
    return {
      file,
      line,
      ...(column === undefined ? {} : { column: column + 1 }),
      ...(name === undefined ? {} : { columnName: name }),
    };
  };
  const misplacedQuote = (): Result<never> =>
    fail('data', 'malformed-csv', 'a double quote is in the wrong place', {
      hint: 'Quote the whole value and write any quote inside it twice, like "The ""Old"" Town"',
      location: where(index),
    });
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = Array.isArray(error['record']) ? error['record'].length : 0;
      const expected = header.length;
      const values = (n: number): string => `${n} value${n === 1 ? '' : 's'}`;
      const example = options.commaExample === undefined ? '' : `, like ${options.commaExample}`;
      return fail('data', 'malformed-csv', `the row has ${values(got)} but the header has ${expected} columns`, {
        hint: `Check for a missing or extra comma, and put quotes round values that contain commas${example}`,
        location: where(got < expected ? got : expected),
      });
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return fail('data', 'malformed-csv', 'a quoted value is never closed', {
        hint: 'Add the closing double quote; a quote inside a quoted value is written twice ("")',
        location: where(index),
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
      if (options.quoteErrors === 'combined') return misplacedQuote();
      return fail('data', 'malformed-csv', 'a quoted value is followed by other characters instead of a comma', {
        hint: 'Put the whole value inside the quotes and write any quote inside it twice, like "The ""Old"" Town"',
        location: where(index),
      });
    case 'INVALID_OPENING_QUOTE':
      if (options.quoteErrors === 'combined') return misplacedQuote();
      return fail('data', 'malformed-csv', 'a double quote appears inside an unquoted value', {
        hint: 'Quote the whole value and write the quote inside it twice, like "The ""Old"" Town"',
        location: where(index),
      });
    default:
      return fail('data', 'malformed-csv', `the file is not valid CSV (${error.message})`, {
        hint: 'Save it from your spreadsheet as "CSV (comma delimited)"',
        location: where(index),
      });
  }
}

/** Byte offsets at which each physical line starts (a line ends at \n, \r\n or a lone \r). */
function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** The line (from 1) that contains the byte at `offset`. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** Skip the blank lines and leading spaces between one record and the next. */
function skipBlank(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i;
}
