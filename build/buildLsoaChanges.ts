/**
 * The English LSOAs that changed between the 2011 and 2021 geographies (split, merged or redesigned),
 * from the ONS LSOA 2011 → LSOA 2021 lookup: the bridge between the 2019 and 2025 vintages, so the tool
 * can say which codes replaced a code of the other vintage. Unchanged LSOAs (change code U) keep their
 * code and are left out. Pure: the build script reads the file and writes the CSV.
 */
import { csvText } from '../src/data/csvText.js';
import { fail, ok, type Result } from '../src/engine/errors.js';
import { cellText, readTable } from './readTable.js';

/** The columns of the changes file, in order. */
export const LSOA_CHANGE_COLUMNS = ['lsoa11_code', 'lsoa11_name', 'change', 'lsoa21_code', 'lsoa21_name'] as const;

export interface LsoaChanges {
  readonly csv: string;
  /** Rows by change code (S split, M merged, X redesigned). */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * @example buildLsoaChanges({ file: 'l.csv', text: 'lsoa11_name,lsoa11_code,change_code,lsoa21_name,lsoa21_code\nA 001A,E01000001,S,A 001F,E01033701\n' })
 * // => ok({ csv: 'lsoa11_code,lsoa11_name,change,lsoa21_code,lsoa21_name\nE01000001,A 001A,S,E01033701,A 001F\n', counts: { S: 1 } })
 */
export function buildLsoaChanges(source: { readonly file: string; readonly text: string }): Result<LsoaChanges> {
  const table = readTable(source);
  if (!table.ok) return table;
  const at = (name: string): number => table.value.header.indexOf(name);
  const columns = ['lsoa11_code', 'lsoa11_name', 'change_code', 'lsoa21_code', 'lsoa21_name'].map(at);
  const missing = columns.findIndex((c) => c < 0);
  if (missing >= 0)
    return fail('data', 'missing-columns', `the lookup has no column ${['lsoa11_code', 'lsoa11_name', 'change_code', 'lsoa21_code', 'lsoa21_name'][missing]}`, {
      location: { file: source.file, line: 1 },
    });
  const [code11, name11, change, code21, name21] = columns as [number, number, number, number, number];
  const rows: string[][] = [];
  const counts: Record<string, number> = {};
  for (const row of table.value.rows) {
    const from = cellText(row, code11);
    const kind = cellText(row, change);
    if (!from.startsWith('E01') || kind === 'U') continue;
    rows.push([from, cellText(row, name11), kind, cellText(row, code21), cellText(row, name21)]);
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  // Code-unit order: the same file on every machine.
  rows.sort((a, b) => compare(a[0] as string, b[0] as string) || compare(a[3] as string, b[3] as string));
  return ok({ csv: csvText([[...LSOA_CHANGE_COLUMNS], ...rows]), counts });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
