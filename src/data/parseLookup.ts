/**
 * Reading a share lookup CSV (`--lookup FILE`, or the shipped data/lookups/*.csv): how each LSOA is
 * shared between wards, divisions or other areas. Columns `lsoa_code,area_code,area_name,share` and an
 * optional `estimated`; the format is described in data/README.md, "Lookups". Pure: the CLI reads the
 * file and passes its text in.
 */
import { Buffer } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import { Exact } from '../engine/exact.js';
import type { Lookup, LookupRow } from '../engine/lookup.js';
import { nearest } from '../engine/nearest.js';

/** The columns every lookup must have (matched ignoring case and surrounding spaces). */
export const LOOKUP_REQUIRED_COLUMNS: readonly string[] = ['lsoa_code', 'area_code', 'area_name', 'share'];

/** The optional column: `yes`/`no`, `true`/`false`, `1`/`0` or blank (= no), in any case. */
export const LOOKUP_OPTIONAL_COLUMNS: readonly string[] = ['estimated'];

/** How far an LSOA's shares may be from 1: room for shares such as 1/3 written to 12 decimal places. */
export const SHARE_SUM_TOLERANCE = '1e-9';

/** How many codes a message lists before saying "and N more". */
const LISTED = 5;

/** A plain decimal, optionally signed and with an exponent; no thousands separators, no hex, no Infinity. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

const YES = new Set(['yes', 'true', '1']);
const NO = new Set(['no', 'false', '0', '']);

const HEADER_NEEDS = 'the header needs lsoa_code, area_code, area_name and share, and may have estimated';

/**
 * Parse and check the text of a share lookup CSV. Headers are matched ignoring case and surrounding
 * spaces; a byte-order mark, blank lines, any line ends (LF, CRLF, CR), quoted values (even with line breaks) and extra
 * columns are accepted. Every LSOA must be in `known`, every share a decimal from 0 to 1, each LSOA and
 * area pair may appear once, and each LSOA's shares must add up to 1 within 1e-9 (summed exactly).
 * Problems come back as `data` failures naming the file, the physical line (from 1) and the column.
 * Rows keep the file's order; `share` is the text as written (trimmed), `line` the line the row starts on.
 *
 * @example
 * parseLookup('lsoa_code,area_code,area_name,share\nE01000001,W1,Ward One,1\n', 'mine.csv', 'ward', new Set(['E01000001']))
 * // => ok({ file: 'mine.csv', level: 'ward', rows: [{ lsoaCode: 'E01000001', areaCode: 'W1', areaName: 'Ward One', share: '1', estimated: false, line: 2 }] })
 */
export function parseLookup(text: string, file: string, level: string, known: ReadonlySet<string>): Result<Lookup> {
  const read = readRecords(text, file);
  if (!read.ok) return read;
  const [header, ...records] = read.value;
  if (header === undefined) {
    return fail('data', 'empty-file', 'the file is empty', {
      hint: sentence(`${HEADER_NEEDS}, then one row per LSOA and area`),
      location: { file },
    });
  }

  const names = header.cells.map((cell) => cell.trim());
  const columns = findColumns(names, header.line, file);
  if (!columns.ok) return columns;
  if (records.length === 0) {
    return fail('data', 'no-rows', 'the file has a header row but no rows of data', {
      hint: 'Add one row per LSOA and area under the header',
      location: { file, line: header.line },
    });
  }

  const { lsoa, area, name, share, estimated } = columns.value;
  const at = (record: CsvRecord, index: number): Location => ({
    file,
    line: cellLine(record, index),
    column: index + 1,
    columnName: names[index] ?? '',
  });

  const rows: LookupRow[] = [];
  const pairs = new Map<string, number>();
  for (const record of records) {
    const cell = (index: number): string => (record.cells[index] ?? '').trim();
    const lsoaCode = cell(lsoa);
    const areaCode = cell(area);
    const shareText = cell(share);

    if (lsoaCode === '') {
      return fail('data', 'blank-lsoa-code', 'the LSOA code is blank', {
        hint: 'Give every row its LSOA (2011) code, like E01027315, or delete the row',
        location: at(record, lsoa),
      });
    }
    if (areaCode === '') {
      return fail('data', 'blank-area-code', `the ${level} code of LSOA ${lsoaCode} is blank`, {
        hint: `Give every row the code of the ${level} the LSOA is shared with, or delete the row`,
        location: at(record, area),
      });
    }
    const checked = checkShare(shareText, lsoaCode, at(record, share));
    if (!checked.ok) return checked;
    let isEstimated = false;
    if (estimated !== undefined) {
      const flag = cell(estimated).toLowerCase();
      if (!YES.has(flag) && !NO.has(flag)) {
        return fail('data', 'bad-estimated', `estimated "${cell(estimated)}" is not yes or no`, {
          hint: 'Write yes, no, true, false, 1 or 0, or leave it blank for no',
          location: at(record, estimated),
        });
      }
      isEstimated = YES.has(flag);
    }
    const pair = `${lsoaCode}\u0000${areaCode}`;
    const first = pairs.get(pair);
    if (first !== undefined) {
      return fail('data', 'duplicate-row', `LSOA ${lsoaCode} and ${level} ${areaCode} appear together twice, on lines ${first} and ${record.line}`, {
        hint: 'Keep one row for the pair, with the two shares added together',
        location: at(record, area),
      });
    }
    pairs.set(pair, record.line);
    rows.push({ lsoaCode, areaCode, areaName: cell(name), share: shareText, estimated: isEstimated, line: record.line });
  }

  const unknown = unknownLsoas(rows, known);
  if (unknown.length > 0) {
    const firstRow = unknown[0] as LookupRow;
    const message =
      unknown.length === 1
        ? `LSOA ${firstRow.lsoaCode} on line ${firstRow.line} is not in the data`
        : `${unknown.length} LSOA codes are not in the data, the first on line ${firstRow.line}: ${listed(unknown.map((r) => r.lsoaCode))}`;
    return fail('data', 'unknown-lsoa', message, {
      hint: 'Use the LSOA (2011) codes of the data, like E01027315: check for typos, or remove the rows of LSOAs outside it',
      location: { file, line: firstRow.line, column: lsoa + 1, columnName: names[lsoa] ?? '' },
    });
  }

  const sums = badSums(rows);
  if (sums.length > 0) {
    const firstBad = sums[0] as BadSum;
    const message =
      sums.length === 1
        ? `the shares of LSOA ${firstBad.lsoaCode} add up to ${firstBad.sum}, not 1`
        : `the shares of ${sums.length} LSOAs do not add up to 1: ${listed(sums.map((s) => `${s.lsoaCode} (${s.sum})`))}`;
    return fail('data', 'shares-not-one', message, {
      hint: `Each LSOA's shares must add up to 1 (within ${new Exact(SHARE_SUM_TOLERANCE).toFixed()}); correct the shares or add the LSOA's missing rows`,
      location: { file, line: firstBad.line, column: share + 1, columnName: names[share] ?? '' },
    });
  }

  return ok({ file, level, rows });
}

// ---------------------------------------------------------------------------------------------------
// Checks

interface LookupColumns {
  readonly lsoa: number;
  readonly area: number;
  readonly name: number;
  readonly share: number;
  readonly estimated: number | undefined;
}

function findColumns(names: readonly string[], line: number, file: string): Result<LookupColumns> {
  const keys = names.map((n) => n.toLowerCase());
  const firstIndex = new Map<string, number>();
  for (const [index, key] of keys.entries()) {
    const first = firstIndex.get(key);
    // Only the columns read matter: a repeated extra column is harmless.
    if (first !== undefined && (LOOKUP_REQUIRED_COLUMNS.includes(key) || LOOKUP_OPTIONAL_COLUMNS.includes(key))) {
      return fail('data', 'duplicate-column', `column "${names[index] ?? key}" appears twice in the header, as columns ${first + 1} and ${index + 1}`, {
        hint: 'Rename or remove one of them',
        location: { file, line, column: index + 1, columnName: names[index] ?? '' },
      });
    }
    firstIndex.set(key, first ?? index);
  }

  const missing = LOOKUP_REQUIRED_COLUMNS.filter((column) => !firstIndex.has(column));
  if (missing.length > 0) {
    // Only unrecognised columns can be typos of a required one.
    const known = new Set([...LOOKUP_REQUIRED_COLUMNS, ...LOOKUP_OPTIONAL_COLUMNS]);
    const unknown = names.filter((n, i) => n !== '' && !known.has(keys[i] ?? ''));
    const renames: string[] = [];
    const adds: string[] = [];
    const used = new Set<string>();
    let firstGuess: number | undefined;
    for (const column of missing) {
      const guess = nearest(column, unknown.filter((n) => !used.has(n)));
      if (guess === undefined) {
        adds.push(`"${column}"`);
      } else {
        used.add(guess);
        renames.push(`rename column "${guess}" to "${column}"`);
        firstGuess ??= names.indexOf(guess);
      }
    }
    const steps = [...renames];
    if (adds.length > 0) steps.push(`add ${adds.length === 1 ? 'a column' : 'columns'} ${joinList(adds)}`);
    const quoted = missing.map((column) => `"${column}"`);
    return fail('data', 'missing-columns', `missing required column${missing.length === 1 ? '' : 's'} ${joinList(quoted)}`, {
      hint: sentence(`${steps.join('; ')} (${HEADER_NEEDS})`),
      location: firstGuess === undefined ? { file, line } : { file, line, column: firstGuess + 1, columnName: names[firstGuess] ?? '' },
    });
  }
  const index = (column: string): number => firstIndex.get(column) as number;
  return ok({
    lsoa: index('lsoa_code'),
    area: index('area_code'),
    name: index('area_name'),
    share: index('share'),
    estimated: firstIndex.get('estimated'),
  });
}

function checkShare(text: string, lsoaCode: string, location: Location): Result<true> {
  const hint = 'Write the share of the LSOA as a decimal from 0 to 1, like 1, 0.5 or 0.333333333333';
  if (text === '') return fail('data', 'bad-share', `the share of LSOA ${lsoaCode} is blank`, { hint, location });
  if (!NUMBER.test(text)) return fail('data', 'bad-share', `share "${text}" of LSOA ${lsoaCode} is not a number`, { hint, location });
  const value = new Exact(text);
  if (value.lt(0)) return fail('data', 'negative-share', `share ${text} of LSOA ${lsoaCode} is negative`, { hint, location });
  if (value.gt(1)) return fail('data', 'share-above-one', `share ${text} of LSOA ${lsoaCode} is above 1`, { hint, location });
  return ok(true);
}

/** The first row of each LSOA not in `known`, in file order. */
function unknownLsoas(rows: readonly LookupRow[], known: ReadonlySet<string>): LookupRow[] {
  const seen = new Set<string>();
  const unknown: LookupRow[] = [];
  for (const row of rows) {
    if (known.has(row.lsoaCode) || seen.has(row.lsoaCode)) continue;
    seen.add(row.lsoaCode);
    unknown.push(row);
  }
  return unknown;
}

interface BadSum {
  readonly lsoaCode: string;
  /** The exact sum, in plain decimal notation. */
  readonly sum: string;
  /** The line of the LSOA's first row. */
  readonly line: number;
}

/** LSOAs whose shares, summed exactly, are more than 1e-9 from 1, in order of their first row. */
function badSums(rows: readonly LookupRow[]): BadSum[] {
  const sums = new Map<string, { sum: Exact; line: number }>();
  for (const row of rows) {
    const entry = sums.get(row.lsoaCode);
    if (entry === undefined) sums.set(row.lsoaCode, { sum: new Exact(row.share), line: row.line });
    else entry.sum = entry.sum.plus(row.share);
  }
  const tolerance = new Exact(SHARE_SUM_TOLERANCE);
  const bad: BadSum[] = [];
  for (const [lsoaCode, { sum, line }] of sums) {
    if (sum.minus(1).abs().gt(tolerance)) bad.push({ lsoaCode, sum: sum.toFixed(), line });
  }
  return bad;
}

// ---------------------------------------------------------------------------------------------------
// Reading CSV records with their physical lines

/** One CSV record with the physical line (from 1) it starts on. */
interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/**
 * Split the text into records, dropping blank lines and rows whose cells are all empty (as spreadsheets
 * export trailing rows). A record's line comes from the byte offset at which the one before it ends
 * (csv-parse's `bytes`), not from its `lines`, which is the line a record ends on and counts a CRLF inside
 * a quoted value as two.
 */
function readRecords(text: string, file: string): Result<CsvRecord[]> {
  const bytes = Buffer.from(text, 'utf8');
  const starts = lineStarts(bytes);
  const lineAfter = (offset: number): number => lineAt(starts, skipBlank(bytes, offset));
  const parsed: { cells: string[]; end: number }[] = [];
  try {
    parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      // Any line end, even mixed in one file (rows appended in another editor), as lineStarts counts them.
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (cells, context) => {
        parsed.push({ cells, end: context.bytes });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The bad record starts after the last good one.
    const line = lineAfter(parsed.at(-1)?.end ?? 0);
    return csvFailure(error, file, line, parsed[0]?.cells.map((c) => c.trim()) ?? []);
  }
  const records: CsvRecord[] = [];
  let previousEnd = 0;
  for (const { cells, end } of parsed) {
    if (cells.some((cell) => cell.trim() !== '')) records.push({ cells, line: lineAfter(previousEnd) });
    previousEnd = end;
  }
  return ok(records);
}

/** Turn csv-parse's error into one that says where, what was expected and how to fix it. */
function csvFailure(error: CsvError, file: string, line: number, header: readonly string[]): Result<never> {
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
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = Array.isArray(error['record']) ? error['record'].length : 0;
      const expected = header.length;
      const values = (n: number): string => `${n} value${n === 1 ? '' : 's'}`;
      return fail('data', 'malformed-csv', `the row has ${values(got)} but the header has ${expected} columns`, {
        hint: 'Check for a missing or extra comma, and put quotes round values that contain commas, like "Brixworth, Ward"',
        location: where(got < expected ? got : expected),
      });
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return fail('data', 'malformed-csv', 'a quoted value is never closed', {
        hint: 'Add the closing double quote; a quote inside a quoted value is written twice ("")',
        location: where(index),
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
      return fail('data', 'malformed-csv', 'a quoted value is followed by other characters instead of a comma', {
        hint: 'Put the whole value inside the quotes and write any quote inside it twice, like "The ""Old"" Town"',
        location: where(index),
      });
    case 'INVALID_OPENING_QUOTE':
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

/** The physical line a cell starts on: the record's line plus the line breaks inside earlier (quoted) cells. */
function cellLine(record: CsvRecord, index: number): number {
  let line = record.line;
  for (const cell of record.cells.slice(0, index)) line += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return line;
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

/** Skip the blank lines and spaces between one record and the next. */
function skipBlank(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i;
}

function listed(items: readonly string[]): string {
  return items.slice(0, LISTED).join(', ') + (items.length > LISTED ? ` and ${items.length - LISTED} more` : '');
}

/** `items` joined as English: "a", "a and b", "a, b and c". */
function joinList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
