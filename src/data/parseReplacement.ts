/**
 * Reading an officer's own figures for one source of the formula (`--replace SOURCE=FILE`): a CSV (or a
 * workbook's first sheet, as text) with an `lsoa_code` column and either a `value` column (higher = more
 * need, like a rate) or a `national_rank` column (lower = more need, like the IoD ranks). Pure: the CLI
 * reads the file and passes its text in.
 */
import { wholeText } from '../engine/wording.js';
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import type { Direction } from '../engine/formula.js';
import { shown } from '../engine/shown.js';
import type { LsoaCodeHints } from './lsoaCodeHints.js';
import { oversizedNumber, plainDecimal } from './plainDecimal.js';
import { cellLine } from './readCsvRecords.js';
import { readCsvTable, type CsvHeader } from './readCsvTable.js';
import { repeatedColumn } from './requireColumns.js';
import { firstFew, sentence } from '../engine/wording.js';

/** The value columns a replacement may have, exactly one of them, and which way each points. */
export const REPLACEMENT_COLUMNS: Readonly<Record<'value' | 'national_rank', Direction>> = {
  value: 'more-need',
  national_rank: 'less-need',
};

export type ReplacementColumn = keyof typeof REPLACEMENT_COLUMNS;

export interface Replacement {
  /** Which column the figures came from, and so which way they point. */
  readonly column: ReplacementColumn;
  readonly higherMeans: Direction;
  /** One value per LSOA of the area, in the order of the `area` codes given. */
  readonly values: Float64Array;
  /** Rows for LSOAs of the data outside the area: read, checked and not used. */
  readonly outside: number;
}


const HEADER_NEEDS = 'the header needs lsoa_code and one of value (higher = more need, like a rate) or national_rank (1 = most need, like the IoD ranks)';

/**
 * Parse and check a replacement against the LSOAs of the area (`area`: their codes, in the dataset's
 * order) and of the whole data (`known`). Every LSOA of the area must have exactly one row; a row for an
 * LSOA of the data outside the area is ignored (a county file serves a district run); a code the data
 * does not have, a duplicate, a blank or a value that is not a number is a `data` failure naming the
 * file, the line (from 1) and the column. A `national_rank` is a whole number of 1 or more.
 *
 * @example
 * parseReplacement('lsoa_code,value\nE01027013,0.25\nE01027014,0.5\n', 'my.csv', ['E01027013', 'E01027014'], known)
 * // => ok({ column: 'value', higherMeans: 'more-need', values: Float64Array [0.25, 0.5], outside: 0 })
 */
export function parseReplacement(
  text: string,
  file: string,
  area: readonly string[],
  known: ReadonlySet<string>,
  options: { readonly codes?: LsoaCodeHints; readonly areaName?: string } = {},
): Result<Replacement> {
  const table = readCsvTable(text, file, {
    csv: { commaExample: '"1,296"' },
    empty: { message: 'the replacement file is empty', hint: `${sentence(HEADER_NEEDS)}, then one row per LSOA` },
    columns: findColumns,
    noRows: { message: 'the replacement file has a header row but no LSOAs', hint: 'Add one row per LSOA of the area under the header' },
  });
  if (!table.ok) return table;
  const { records, at } = table.value;
  const { code: codeIndex, value: valueIndex, column } = table.value.columns;

  const position = new Map<string, number>();
  for (const [i, code] of area.entries()) position.set(code, i);
  const values = new Float64Array(area.length);
  const lines = new Map<string, number>();
  const unknown: { code: string; line: number }[] = [];
  let outside = 0;
  for (const record of records) {
    const code = (record.cells[codeIndex] ?? '').trim();
    if (code === '') {
      return fail('data', 'blank-code', 'the LSOA code is blank', { hint: "Give every row its LSOA's code, or delete the row", location: at(record, codeIndex) });
    }
    const first = lines.get(code);
    if (first !== undefined) {
      return fail('data', 'duplicate-lsoa', `LSOA ${shown(code)} appears twice, on lines ${first} and ${record.line}`, {
        hint: 'Keep one row per LSOA',
        location: at(record, codeIndex),
      });
    }
    lines.set(code, record.line);
    const value = readValue((record.cells[valueIndex] ?? '').trim(), column, code, at(record, valueIndex));
    if (!value.ok) return value;
    const i = position.get(code);
    if (i !== undefined) values[i] = value.value;
    else if (known.has(code)) outside++;
    else unknown.push({ code, line: cellLine(record, codeIndex) });
  }

  const firstUnknown = unknown[0];
  if (firstUnknown !== undefined) {
    const message =
      unknown.length === 1
        ? `LSOA code "${shown(firstUnknown.code)}" on line ${firstUnknown.line} is not in the data`
        : `${unknown.length} LSOA codes are not in the data: ${firstFew(unknown.map((u) => `"${shown(u.code)}" (line ${u.line})`))}`;
    const upper = unknown.map((u) => u.code.toUpperCase()).find((code) => known.has(code));
    const codes = options.codes;
    return fail('data', 'unknown-lsoa', message, {
      hint: upper
        ? `LSOA codes are upper case, e.g. "${upper}"`
        : (codes?.otherVintage?.(firstUnknown.code) ??
          `Use the ${codes?.geography ?? 'LSOA'} codes of the data, such as ${codes?.example ?? area[0] ?? 'E01027013'}${codes?.listing === undefined ? '' : ` (${codes.listing} lists them)`}, or delete those rows`),
      location: table.value.column(codeIndex, firstUnknown.line),
    });
  }
  const missing = area.filter((code) => !lines.has(code));
  if (missing.length > 0) {
    const of = `${area.length === 1 ? 'LSOA' : `${count(area.length)} LSOAs`} of ${options.areaName === undefined ? 'the area' : shown(options.areaName)}`;
    const which = missing.length === area.length ? `any of the ${of}` : `${count(missing.length)} of the ${of}: ${firstFew(missing)}`;
    return fail('data', 'missing-lsoas', `the replacement file has no row for ${area.length === 1 ? `the ${of}, ${area[0]}` : which}`, {
      hint: 'Give every LSOA of the area a value: the formula ranks all of them',
      location: { file },
    });
  }
  return ok({ column, higherMeans: REPLACEMENT_COLUMNS[column], values, outside });
}

function findColumns(header: CsvHeader): Result<{ code: number; value: number; column: ReplacementColumn }> {
  const { names, keys, file, line } = header;
  const repeated = repeatedColumn(names, ['lsoa_code', ...Object.keys(REPLACEMENT_COLUMNS)], header);
  if (!repeated.ok) return repeated;
  const code = keys.indexOf('lsoa_code');
  if (code < 0) {
    return fail('data', 'missing-columns', 'the replacement file has no lsoa_code column', { hint: sentence(HEADER_NEEDS), location: { file, line } });
  }
  const value = keys.indexOf('value');
  const rank = keys.indexOf('national_rank');
  if (value >= 0 && rank >= 0) {
    const other = Math.max(value, rank);
    return fail('data', 'two-value-columns', `the header has both value (column ${value + 1}) and national_rank (column ${rank + 1}), so it is not clear which way the figures point`, {
      hint: 'Keep one: value when a higher figure means more need (a rate), national_rank when 1 means most need (an IoD rank)',
      location: { file, line, column: other + 1, columnName: shown(names[other] ?? '') },
    });
  }
  if (value < 0 && rank < 0) {
    return fail('data', 'missing-columns', 'the replacement file has neither a value nor a national_rank column', { hint: sentence(HEADER_NEEDS), location: { file, line } });
  }
  return ok(value >= 0 ? { code, value, column: 'value' } : { code, value: rank, column: 'national_rank' });
}

/** A cell as a finite number; a national rank as a whole number of 1 or more. */
function readValue(raw: string, column: ReplacementColumn, rawCode: string, location: Location): Result<number> {
  const of = `of LSOA ${shown(rawCode)}`;
  const hint = column === 'value' ? 'Write a number, like 0.125 or 1,296, where a higher figure means more need' : 'Write a whole number of 1 or more, like 1,296, where 1 is the most need in England';
  if (raw === '') return fail('data', 'blank-value', `the ${column} ${of} is blank`, { hint, location });
  const oversized = oversizedNumber(raw);
  if (oversized !== undefined) return fail('data', 'number-too-long', `${column} "${shown(raw)}" ${of} is too long to read: ${oversized}`, { hint, location });
  const plain = plainDecimal(raw);
  const value = plain === undefined ? Number.NaN : Number(plain);
  if (!Number.isFinite(value)) return fail('data', 'bad-value', `${column} "${shown(raw)}" ${of} is not a number`, { hint, location });
  if (column === 'national_rank' && !(Number.isInteger(value) && value >= 1)) {
    return fail('data', 'bad-rank', `national_rank ${shown(raw)} ${of} is not a whole number of 1 or more`, { hint, location });
  }
  return ok(value === 0 ? 0 : value); // -0 as 0
}

function count(n: number): string {
  return wholeText(n);
}
