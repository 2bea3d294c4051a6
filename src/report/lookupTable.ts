import type { LookupRow } from '../engine/lookup.js';
import type { Column, Table } from './table.js';
import { toCsv } from './toCsv.js';

/**
 * The columns of a share lookup, as `--lookup` reads them. Their titles are their keys, so a lookup
 * workbook's header is the CSV's and reads back as it is.
 */
const LOOKUP_COLUMNS: readonly Column[] = [
  { key: 'lsoa_code', title: 'lsoa_code', kind: 'text' },
  { key: 'area_code', title: 'area_code', kind: 'text' },
  { key: 'area_name', title: 'area_name', kind: 'text' },
  { key: 'share', title: 'share', kind: 'number' },
  { key: 'estimated', title: 'estimated', kind: 'text' },
];

/**
 * A share lookup as a table: `lsoa_code,area_code,area_name,share,estimated`, one row per LSOA and area
 * in the order given, the share as its exact decimal text and estimated `yes` or `no`; no total row
 * (shares add up per LSOA, not down the column). As CSV it is the lookup file `lookup build` writes; in
 * a workbook the shares are numbers (at most 12 decimal places, which a double holds exactly enough to
 * read back as written).
 *
 * @example lookupTable([{ lsoaCode: 'A', areaCode: 'X', areaName: 'Ex', share: '0.5', estimated: false }]).rows
 * // => [['A', 'X', 'Ex', '0.5', 'no']]
 */
export function lookupTable(rows: readonly Omit<LookupRow, 'line'>[]): Table {
  return { columns: LOOKUP_COLUMNS, rows: rows.map((r) => [r.lsoaCode, r.areaCode, r.areaName, r.share, r.estimated ? 'yes' : 'no']) };
}

/**
 * A share lookup as the CSV file `lookup build` writes and `--lookup` reads: {@link lookupTable} as CSV,
 * text cells a spreadsheet would run as formulas defused.
 *
 * @example lookupCsv([{ lsoaCode: 'A', areaCode: 'X', areaName: 'Ex', share: '0.5', estimated: false }])
 * // => 'lsoa_code,area_code,area_name,share,estimated\nA,X,Ex,0.5,no\n'
 */
export function lookupCsv(rows: readonly Omit<LookupRow, 'line'>[]): string {
  return toCsv(lookupTable(rows));
}
