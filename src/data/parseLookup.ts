/**
 * Reading a share lookup CSV (`--lookup FILE`, or the shipped data/lookups/*.csv): how each LSOA is
 * shared between wards, divisions or other areas. Columns `lsoa_code,area_code,area_name,share` and an
 * optional `estimated`; the format is described in data/README.md, "Lookups". Pure: the CLI reads the
 * file and passes its text in.
 */
import { LSOA_2011_HINTS, type LsoaCodeHints } from './lsoaCodeHints.js';
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import { Exact } from '../engine/exact.js';
import type { Lookup, LookupRow } from '../engine/lookup.js';
import { shown } from '../engine/shown.js';
import { oneNamePerCode } from './oneNamePerCode.js';
import { oversizedNumber, plainDecimal } from './plainDecimal.js';
import { readCsvTable, type CsvHeader } from './readCsvTable.js';
import { repeatedColumn, requireColumns } from './requireColumns.js';
import { firstFew, sentence } from '../engine/wording.js';

/** The columns every lookup must have (matched ignoring case and surrounding spaces). */
export const LOOKUP_REQUIRED_COLUMNS: readonly string[] = ['lsoa_code', 'area_code', 'area_name', 'share'];

/** The optional column: `yes`/`no`, `true`/`false`, `1`/`0` or blank (= no), in any case. */
export const LOOKUP_OPTIONAL_COLUMNS: readonly string[] = ['estimated'];

/** How far an LSOA's shares may be from 1: room for shares such as 1/3 written to 12 decimal places. */
export const SHARE_SUM_TOLERANCE = '1e-9';


const YES = new Set(['yes', 'true', '1']);
const NO = new Set(['no', 'false', '0', '']);

const HEADER_NEEDS = 'the header needs lsoa_code, area_code, area_name and share, and may have estimated';

/**
 * Parse and check the text of a share lookup CSV. Headers are matched ignoring case and surrounding
 * spaces; a byte-order mark, blank lines, any line ends (LF, CRLF, CR), quoted values (even with line breaks)
 * and extra
 * columns are accepted. Every LSOA must be in `known`, every share a decimal from 0 to 1, each LSOA and
 * area pair may appear once, and each LSOA's shares must add up to 1 within 1e-9 (summed exactly).
 * Problems come back as `data` failures naming the file, the physical line (from 1) and the column.
 * Rows keep the file's order; `share` is the text as written (trimmed), `line` the line the row starts on.
 *
 * @example
 * parseLookup('lsoa_code,area_code,area_name,share\nE01000001,W1,Ward One,1\n', 'mine.csv', 'ward', new Set(['E01000001']))
 * // => ok({ file: 'mine.csv', level: 'ward', rows: [{ lsoaCode: 'E01000001', areaCode: 'W1', areaName: 'Ward One', share: '1', estimated: false, line: 2 }] })
 */
export function parseLookup(text: string, file: string, level: string, known: ReadonlySet<string>, options: { codes?: LsoaCodeHints } = {}): Result<Lookup> {
  const codes = options.codes ?? LSOA_2011_HINTS;
  const table = readCsvTable(text, file, {
    csv: { commaExample: '"Brixworth, Ward"' },
    empty: { message: 'the file is empty', hint: sentence(`${HEADER_NEEDS}, then one row per LSOA and area`) },
    columns: findColumns,
    noRows: { message: 'the file has a header row but no rows of data', hint: 'Add one row per LSOA and area under the header' },
  });
  if (!table.ok) return table;
  const { records, at, column } = table.value;
  const { lsoa, area, name, share, estimated } = table.value.columns;

  const rows: LookupRow[] = [];
  const pairs = new Map<string, number>();
  const checkName = oneNamePerCode({ noun: level, file });
  for (const record of records) {
    const cell = (index: number): string => (record.cells[index] ?? '').trim();
    const lsoaCode = cell(lsoa);
    const areaCode = cell(area);
    const shareText = cell(share);

    if (lsoaCode === '') {
      return fail('data', 'blank-code', 'the LSOA code is blank', {
        hint: `Give every row its ${codes.geography} code, like ${codes.example}, or delete the row`,
        location: at(record, lsoa),
      });
    }
    if (areaCode === '') {
      return fail('data', 'blank-code', `the ${level} code of LSOA ${shown(lsoaCode)} is blank`, {
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
        return fail('data', 'bad-estimated', `estimated "${shown(cell(estimated))}" is not yes or no`, {
          hint: 'Write yes, no, true, false, 1 or 0, or leave it blank for no',
          location: at(record, estimated),
        });
      }
      isEstimated = YES.has(flag);
    }
    const pair = `${lsoaCode}\u0000${areaCode}`;
    const first = pairs.get(pair);
    if (first !== undefined) {
      return fail('data', 'duplicate-row', `LSOA ${shown(lsoaCode)} and ${level} ${shown(areaCode)} appear together twice, on lines ${first} and ${record.line}`, {
        hint: 'Keep one row for the pair, with the two shares added together',
        location: at(record, area),
      });
    }
    pairs.set(pair, record.line);
    const named = checkName({ code: areaCode, name: cell(name), line: record.line });
    if (!named.ok) return named;
    rows.push({ lsoaCode, areaCode, areaName: cell(name), share: shareText, estimated: isEstimated, line: record.line });
  }

  const unknown = unknownLsoas(rows, known);
  if (unknown.length > 0) {
    const firstRow = unknown[0] as LookupRow;
    const message =
      unknown.length === 1
        ? `LSOA ${shown(firstRow.lsoaCode)} on line ${firstRow.line} is not in the data`
        : `${unknown.length} LSOA codes are not in the data, the first on line ${firstRow.line}: ${firstFew(unknown.map((r) => shown(r.lsoaCode)))}`;
    return fail('data', 'unknown-lsoa', message, {
      hint: codes.otherVintage?.(firstRow.lsoaCode) ?? `Use the ${codes.geography} codes of the data, like ${codes.example}: check for typos, or remove the rows of LSOAs outside it`,
      location: column(lsoa, firstRow.line),
    });
  }

  const sums = badSums(rows);
  if (sums.length > 0) {
    const firstBad = sums[0] as BadSum;
    const message =
      sums.length === 1
        ? `the shares of LSOA ${shown(firstBad.lsoaCode)} add up to ${shown(firstBad.sum)}, not 1`
        : `the shares of ${sums.length} LSOAs do not add up to 1: ${firstFew(sums.map((s) => `${shown(s.lsoaCode)} (${shown(s.sum)})`))}`;
    return fail('data', 'shares-not-one', message, {
      hint: `Each LSOA's shares must add up to 1 (within ${new Exact(SHARE_SUM_TOLERANCE).toFixed()}); correct the shares or add the LSOA's missing rows`,
      location: column(share, firstBad.line),
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

function findColumns(header: CsvHeader): Result<LookupColumns> {
  const { names, keys } = header;
  const repeated = repeatedColumn(names, [...LOOKUP_REQUIRED_COLUMNS, ...LOOKUP_OPTIONAL_COLUMNS], header);
  if (!repeated.ok) return repeated;

  const required = requireColumns(names, LOOKUP_REQUIRED_COLUMNS, HEADER_NEEDS, header, { optional: LOOKUP_OPTIONAL_COLUMNS });
  if (!required.ok) return required;
  const index = (column: string): number => keys.indexOf(column);
  return ok({
    lsoa: index('lsoa_code'),
    area: index('area_code'),
    name: index('area_name'),
    share: index('share'),
    estimated: keys.includes('estimated') ? keys.indexOf('estimated') : undefined,
  });
}

/** Whether a share is a decimal from 0 to 1; a failure names the code it belongs to (`LSOA E01…`). */
export function checkShare(text: string, lsoaCode: string, location: Location, noun = 'LSOA'): Result<true> {
  const hint = `Write the share of the ${noun} as a decimal from 0 to 1, like 1, 0.5 or 0.333333333333`;
  const lsoa = shown(lsoaCode);
  if (text === '') return fail('data', 'bad-share', `the share of ${noun} ${lsoa} is blank`, { hint, location });
  const oversized = oversizedNumber(text);
  if (oversized !== undefined) return fail('data', 'number-too-long', `share "${shown(text)}" of ${noun} ${lsoa} is too long to read: ${oversized}`, { hint, location });
  if (plainDecimal(text, { thousands: false }) === undefined) return fail('data', 'bad-share', `share "${shown(text)}" of ${noun} ${lsoa} is not a number`, { hint, location });
  const value = new Exact(text);
  if (value.lt(0)) return fail('data', 'negative-share', `share ${shown(text)} of ${noun} ${lsoa} is negative`, { hint, location });
  if (value.gt(1)) return fail('data', 'share-above-one', `share ${shown(text)} of ${noun} ${lsoa} is above 1`, { hint, location });
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

export interface BadSum {
  readonly lsoaCode: string;
  /** The exact sum, in plain decimal notation. */
  readonly sum: string;
  /** The line of the LSOA's first row. */
  readonly line: number;
}

/** Codes whose shares, summed exactly, are more than `tolerance` from 1, in order of their first row. */
export function badSums(rows: readonly Pick<LookupRow, 'lsoaCode' | 'share' | 'line'>[], tolerance: string = SHARE_SUM_TOLERANCE): BadSum[] {
  const sums = new Map<string, { sum: Exact; line: number }>();
  for (const row of rows) {
    const entry = sums.get(row.lsoaCode);
    if (entry === undefined) sums.set(row.lsoaCode, { sum: new Exact(row.share), line: row.line });
    else entry.sum = entry.sum.plus(row.share);
  }
  const most = new Exact(tolerance);
  const bad: BadSum[] = [];
  for (const [lsoaCode, { sum, line }] of sums) {
    if (sum.minus(1).abs().gt(most)) bad.push({ lsoaCode, sum: sum.toFixed(), line });
  }
  return bad;
}
