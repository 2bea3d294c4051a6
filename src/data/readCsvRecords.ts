/**
 * Reading the text of a user's CSV file (`--data`, `--lookup`, `--points`, `--previous`) into records that
 * know the physical line they start on, so every later message can name the line a spreadsheet user sees.
 * Pure: the CLI reads the file (src/data/decodeText.ts turns its bytes into text) and the readers pass
 * its text in.
 */
import { wholeText } from '../engine/wording.js';
import { Buffer } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import { shown } from '../engine/shown.js';
import { MAX_ROW_CHARS, MAX_ROWS } from './limits.js';

/** One CSV record with the physical line (from 1) it starts on. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

export interface ReadCsvRecordsOptions {
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
  /** The most records to read before refusing the file (default {@link MAX_ROWS}). */
  readonly maxRows?: number;
}

/** Thrown from csv-parse's record callback to stop at the row limit without reading further. */
class TooManyRows extends Error {}

/**
 * Split CSV text into records, dropping blank lines and rows whose cells are all empty (as spreadsheets
 * export trailing rows). A byte-order mark and a first line `sep=,` (which Excel writes) are ignored,
 * cells are trimmed, and LF, CRLF and a lone CR all end a line, even mixed in one file. Each record's
 * line comes from the byte offset at which the one before it ends (csv-parse's `bytes`), not from its
 * `lines`, which is the line a record ends on. Failures are `data` failures naming the file and line:
 * malformed CSV (`malformed-csv`, with the column where csv-parse knows it), a file that is not text
 * (`not-text`), values separated by semicolons, tabs or bars (`wrong-separator`), and a file over the
 * row or row-length limits of src/data/limits.ts (`too-many-rows`, `row-too-long`).
 *
 * @example readCsvRecords('a,b\n"x\ny",z\n', 'mine.csv')
 * // => ok([{ cells: ['a', 'b'], line: 1 }, { cells: ['x\ny', 'z'], line: 2 }])
 */
export function readCsvRecords(text: string, file: string, options: ReadCsvRecordsOptions = {}): Result<CsvRecord[]> {
  const notText = checkText(text, file);
  if (!notText.ok) return notText;
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const sep = /^sep=(.?)[ \t]*(?:\r\n|\r|\n|$)/i.exec(withoutBom);
  // The `sep=,` line is skipped; lines are still counted from the top of the file.
  const firstLine = sep ? 2 : 1;
  const body = sep ? withoutBom.slice(sep[0].length) : withoutBom;
  if (sep && sep[1] !== ',') return separatorFailure(sep[1] ?? '', file, 1, sep[1] === ';' && hasDecimalCommas(body), true);
  const separator = checkSeparator(body, file, firstLine);
  if (!separator.ok) return separator;

  const bytes = Buffer.from(body, 'utf8');
  const lines = lineCounter(bytes, firstLine);
  const lineAfter = (offset: number): number => lines(skipBlank(bytes, offset));
  const parsed: { cells: string[]; end: number }[] = [];
  const maxRows = options.maxRows ?? MAX_ROWS;
  try {
    parse(bytes, {
      trim: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_ROW_CHARS,
      on_record: (cells, context) => {
        if (parsed.length >= maxRows) throw new TooManyRows();
        parsed.push({ cells, end: context.bytes });
        return null;
      },
    });
  } catch (error) {
    // The bad record starts after the last good one.
    const line = lineAfter(parsed.at(-1)?.end ?? 0);
    if (error instanceof TooManyRows) {
      return fail('data', 'too-many-rows', `the file has more than ${wholeText(maxRows)} rows, the most fairshare reads`, {
        hint: 'Check that it is the right file; split a larger one by area',
        location: { file, line },
      });
    }
    if (!(error instanceof CsvError)) throw error;
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
    const safeName = name === undefined ? undefined : shown(name);
    return {
      file,
      line,
      ...(column === undefined ? {} : { column: column + 1 }),
      ...(safeName === undefined ? {} : { columnName: safeName }),
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
    case 'CSV_MAX_RECORD_SIZE':
      return fail('data', 'row-too-long', `the row is longer than ${wholeText(MAX_ROW_CHARS)} characters, the most fairshare reads in one row`, {
        hint: 'Check that it is the right file, and that every quoted value has its closing double quote',
        location: { file, line },
      });
    default:
      return fail('data', 'malformed-csv', `the file is not valid CSV (${shown(error.message, 200)})`, {
        hint: 'Save it from your spreadsheet as "CSV (comma delimited)"',
        location: where(index),
      });
  }
}

/**
 * The line (from 1, counting from `first`) of a byte offset. Offsets must come in order: the counter
 * walks forward from the last one, so finding every record's line costs one pass and no memory.
 */
function lineCounter(bytes: Uint8Array, first: number): (offset: number) => number {
  let at = 0;
  let line = first;
  return (offset) => {
    for (; at < offset && at < bytes.length; at++) {
      const byte = bytes[at];
      if (byte === 0x0a || (byte === 0x0d && bytes[at + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

/** The line (from 1) and column (from 1) of a character offset in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const breaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line: breaks + 1, column: offset - lastBreak };
}

/**
 * A file with NUL characters is not a CSV saved as text: a workbook (.xlsx is a zip archive), a UTF-16
 * file without its byte-order mark, or something else entirely.
 */
function checkText(text: string, file: string): Result<void> {
  const nul = text.indexOf('\u0000');
  if (text.startsWith('PK\u0003\u0004')) {
    return fail('data', 'not-text', 'the file is a zip archive, probably an Excel workbook (.xlsx), not a CSV file', {
      hint: 'Open it in your spreadsheet and save it as "CSV UTF-8 (Comma delimited)"',
      location: { file, line: 1 },
    });
  }
  if (nul < 0) return ok(undefined);
  return fail('data', 'not-text', 'the file has NUL bytes, so it is not a CSV text file', {
    hint: 'Save it from your spreadsheet as "CSV UTF-8 (Comma delimited)"; a UTF-16 file needs its byte-order mark',
    location: { file, ...position(text, nul) },
  });
}

/**
 * A value written with a decimal comma, like `1,5` or `-0,25` (a thousands separator has 3 digits after it,
 * so `1,500` is not counted).
 */
const DECIMAL_COMMA = /^\s*[+-]?\d+,(?:\d{1,2}|\d{4,})\s*$/;

/** How many lines are looked at for decimal commas. */
const SNIFFED_LINES = 200;

/**
 * The header of every reader's file has several columns, so a header line with no comma but with
 * semicolons, tabs or bars was saved with another separator (spreadsheets in many European settings
 * use semicolons, and a comma as the decimal mark).
 */
function checkSeparator(body: string, file: string, firstLine: number): Result<void> {
  const start = body.search(/[^\s]/);
  if (start < 0) return ok(undefined);
  const lineEnd = body.slice(start, start + MAX_ROW_CHARS).search(/\r|\n/);
  const header = lineEnd < 0 ? body.slice(start, start + MAX_ROW_CHARS) : body.slice(start, start + lineEnd);
  if (header.includes(',')) return ok(undefined);
  const separator = [';', '\t', '|'].find((s) => header.includes(s));
  if (separator === undefined) return ok(undefined);
  const line = firstLine + (body.slice(0, start).match(/\r\n|\r|\n/g)?.length ?? 0);
  return separatorFailure(separator, file, line, separator === ';' && hasDecimalCommas(body), false);
}

/** Whether the first lines of a semicolon-separated text have a value with a decimal comma. */
function hasDecimalCommas(body: string): boolean {
  const sample = body.slice(0, SNIFFED_LINES * 200).split(/\r\n|\r|\n/, SNIFFED_LINES);
  return sample.some((row) => row.split(';').some((cell) => DECIMAL_COMMA.test(cell)));
}

function separatorFailure(separator: string, file: string, line: number, decimalComma: boolean, sepLine: boolean): Result<never> {
  const name = separator === '\t' ? 'tabs' : separator === ';' ? 'semicolons (;)' : separator === '|' ? 'bars (|)' : `"${shown(separator)}"`;
  const hint = 'Save it from your spreadsheet as "CSV UTF-8 (Comma delimited)", with commas between values';
  if (decimalComma) {
    return fail('data', 'wrong-separator', 'the file uses ; between values and , as the decimal mark, as Excel does in some locales; fairshare reads commas between values and . as the decimal mark', {
      hint: `${hint} and . as the decimal mark (in Excel: File > Options > Advanced, untick "Use system separators" and set the decimal separator to ".")`,
      location: { file, line },
    });
  }
  const what = sepLine ? `the first line (sep=${shown(separator)}) says the values are separated by ${name}` : `the values are separated by ${name}`;
  return fail('data', 'wrong-separator', `${what}; fairshare reads commas between values`, { hint, location: { file, line } });
}

/** Skip the blank lines and leading spaces between one record and the next. */
function skipBlank(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i;
}
