/**
 * Reading point data for `fairshare lookup build`: one row per point (e.g. a postcode) with the LSOA it is
 * in, the area (ward, electoral division) it is in, and an optional weight (addresses or residents at the
 * point; 1 per row when there is no `weight` column). Other columns, such as `postcode`, are ignored.
 * Pure: the CLI reads the file and passes its text in.
 */
import type { LsoaCodeHints } from './lsoaCodeHints.js';
import { fail, ok, type ErrorCode, type Location, type Result } from '../engine/errors.js';
import { Exact } from '../engine/exact.js';
import { shown } from '../engine/shown.js';
import { oneNamePerCode } from './oneNamePerCode.js';
import { oversizedNumber, plainDecimal } from './plainDecimal.js';
import { cellLine } from './readCsvRecords.js';
import { readCsvTable, type CsvHeader } from './readCsvTable.js';
import { repeatedColumn, requireColumns } from './requireColumns.js';

/** One point: where it is, in both geographies, and how much it counts. */
export interface Point {
  readonly lsoaCode: string;
  readonly areaCode: string;
  readonly areaName: string;
  /** The weight as a plain decimal of 0 or more, e.g. `1`, `12`, `0.5` (thousands separators removed). */
  readonly weight: string;
  /** The line of the file the point came from (from 1), for messages. */
  readonly line: number;
}

/** The columns every points file must have (matched ignoring case and surrounding spaces). */
export const POINTS_REQUIRED_COLUMNS: readonly string[] = ['lsoa_code', 'area_code', 'area_name'];

/** The optional weight column; without it every point weighs 1. */
export const POINTS_WEIGHT_COLUMN = 'weight';

const USED: readonly string[] = [...POINTS_REQUIRED_COLUMNS, POINTS_WEIGHT_COLUMN];

const HEADER_NEEDS = 'the header needs lsoa_code, area_code and area_name, and optionally weight';

/** How many unknown codes a message lists before "and N more". */
const LISTED = 5;

/**
 * Parse and validate the text of a points CSV. Every LSOA code must be in `known` (the data pack's
 * codes). Headers are matched ignoring case and surrounding spaces; a byte-order mark, blank lines and
 * spaces around values are accepted. Problems come back as `data` failures naming the file, the
 * physical line and the column; unknown LSOA codes are reported together (the first few and a count).
 *
 * @example parsePoints('lsoa_code,area_code,area_name\nE01027013,W1,Ward One\n', 'points.csv', new Set(['E01027013']))
 * // => ok([{ lsoaCode: 'E01027013', areaCode: 'W1', areaName: 'Ward One', weight: '1', line: 2 }])
 */
export function parsePoints(text: string, file: string, known: ReadonlySet<string>, options: { codes?: LsoaCodeHints } = {}): Result<Point[]> {
  const table = readCsvTable(text, file, {
    csv: { quoteErrors: 'combined' },
    empty: { message: 'the points file is empty', hint: 'Start with the header lsoa_code,area_code,area_name (and optionally weight), then one row per point' },
    columns: checkHeader,
    noRows: { message: 'the points file has a header row but no points', hint: 'Add one row per point (e.g. per postcode) under the header' },
  });
  if (!table.ok) return table;
  const { header, records, at: cellAt } = table.value;
  const { names, keys } = header;

  const lsoaIndex = keys.indexOf('lsoa_code');
  const areaCodeIndex = keys.indexOf('area_code');
  const areaNameIndex = keys.indexOf('area_name');
  const weightIndex = keys.indexOf(POINTS_WEIGHT_COLUMN);
  const points: Point[] = [];
  const unknown: { code: string; line: number }[] = [];
  const checkName = oneNamePerCode({ file });

  for (const row of records) {
    const cell = (index: number): string => (row.cells[index] ?? '').trim();
    const at = (index: number): Location => cellAt(row, index);

    const lsoaCode = cell(lsoaIndex);
    if (lsoaCode === '') {
      return fail('data', 'blank-code', 'the LSOA code is blank', {
        hint: "Give every point its LSOA's code (e.g. E01027013), or delete the row",
        location: at(lsoaIndex),
      });
    }
    const areaCode = cell(areaCodeIndex);
    if (areaCode === '') {
      return fail('data', 'blank-code', 'the area code is blank', {
        hint: "Give every point its area's code (e.g. the ward or division code), or delete the row",
        location: at(areaCodeIndex),
      });
    }
    const areaName = cell(areaNameIndex);
    if (areaName === '') {
      return fail('data', 'blank-name', 'the area name is blank', {
        hint: "Give every point its area's name, the same on every row with that area code",
        location: at(areaNameIndex),
      });
    }
    let weight = '1';
    if (weightIndex >= 0) {
      const read = readWeight(cell(weightIndex));
      if (!read.ok) return fail('data', read.code, read.message, { hint: read.hint, location: at(weightIndex) });
      weight = read.weight;
    }
    const named = checkName({ code: areaCode, name: areaName, line: row.line });
    if (!named.ok) return named;
    if (!known.has(lsoaCode)) unknown.push({ code: lsoaCode, line: cellLine(row, lsoaIndex) });
    points.push({ lsoaCode, areaCode, areaName, weight, line: row.line });
  }

  if (unknown.length > 0) return unknownCodes(unknown, known, file, lsoaIndex, names[lsoaIndex] ?? 'lsoa_code', options.codes ?? LSOA_POINTS_HINTS);
  return ok(points);
}

/** One failure for every point whose LSOA is not in the data: the first few, then a count. */
/** The hints these messages gave before they named the data's vintage. */
const LSOA_POINTS_HINTS: LsoaCodeHints = { geography: 'LSOA (2011)', example: 'E01027013' };

function unknownCodes(
  unknown: readonly { code: string; line: number }[],
  known: ReadonlySet<string>,
  file: string,
  index: number,
  name: string,
  codes: LsoaCodeHints,
): Result<never> {
  const first = unknown[0] as { code: string; line: number };
  const listed = unknown.slice(0, LISTED).map((u) => `"${shown(u.code)}" (line ${u.line})`);
  const more = unknown.length > LISTED ? ` and ${unknown.length - LISTED} more` : '';
  const message =
    unknown.length === 1
      ? `LSOA code "${shown(first.code)}" is not in the data pack`
      : `${unknown.length} points have LSOA codes that are not in the data pack: ${listed.join(', ')}${more}`;
  const upper = unknown.map((u) => u.code.toUpperCase()).find((code) => known.has(code));
  return fail('data', 'unknown-lsoa', message, {
    hint: upper
      ? `LSOA codes are upper case, e.g. "${upper}"`
      : (codes.otherVintage?.(first.code) ?? `Use England ${codes.geography} codes such as ${codes.example}, as listed by "${codes.listing ?? 'fairshare allocate --budget 1 --level lsoa --format csv --vintage 2019'}"`),
    location: { file, line: first.line, column: index + 1, columnName: shown(name) },
  });
}

/** A weight cell as a plain decimal of 0 or more, or why it is not one. */
function readWeight(text: string): { ok: true; weight: string } | { ok: false; code: ErrorCode; message: string; hint: string } {
  const hint = 'Write the number of addresses or residents at the point, like 12 or 0.5, or leave out the weight column to count each point once';
  if (text === '') return { ok: false, code: 'bad-weight', message: 'the weight is blank', hint };
  const oversized = oversizedNumber(text);
  if (oversized !== undefined) return { ok: false, code: 'number-too-long', message: `the weight "${shown(text)}" is too long to read: ${oversized}`, hint };
  const plain = plainDecimal(text);
  if (plain === undefined) return { ok: false, code: 'bad-weight', message: `the weight "${shown(text)}" is not a number`, hint };
  const value = new Exact(plain);
  if (!value.isFinite()) return { ok: false, code: 'bad-weight', message: `the weight "${shown(text)}" is not a finite number`, hint };
  if (value.isZero()) return { ok: true, weight: '0' }; // also turns -0 into 0
  if (value.isNegative()) {
    return { ok: false, code: 'negative-weight', message: `the weight ${shown(text)} is negative`, hint: 'Weights must be 0 or more' };
  }
  return { ok: true, weight: value.toFixed() };
}

/** Check the header: no required column missing or given twice. */
function checkHeader(header: CsvHeader): Result<void> {
  const repeated = repeatedColumn(header.names, USED, header);
  if (!repeated.ok) return repeated;
  return requireColumns(header.names, POINTS_REQUIRED_COLUMNS, HEADER_NEEDS, header, { optional: [POINTS_WEIGHT_COLUMN] });
}
