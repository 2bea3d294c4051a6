/**
 * The English LSOAs that changed between the 2011 geography (the 2019 vintage) and the 2021 one (the 2025
 * vintage): `data/lookups/lsoa-2011-2021-changes.csv`, built from the ONS LSOA 2011 → 2021 lookup by
 * `npm run build:data`. Used to say which codes of one vintage replaced a code of the other. Pure.
 */
import { parse } from 'csv-parse/sync';
import type { Vintage } from './vintage.js';
import { andList } from '../engine/wording.js';

/** The file inside the package's `data/` folder. */
export const LSOA_CHANGES_FILE = 'lookups/lsoa-2011-2021-changes.csv';

/** One row: a 2011 LSOA, how it changed (S split, M merged, X redesigned), and one 2021 LSOA it became. */
export interface LsoaChange {
  readonly lsoa11: string;
  readonly lsoa11Name: string;
  readonly change: string;
  readonly lsoa21: string;
  readonly lsoa21Name: string;
}

/** Read the shipped changes file (a CSV the build wrote; names with commas are quoted). */
export function parseLsoaChanges(text: string): LsoaChange[] {
  const records = parse(text, { from_line: 2, skip_empty_lines: true }) as string[][];
  return records.map(([lsoa11 = '', lsoa11Name = '', change = '', lsoa21 = '', lsoa21Name = '']) => ({ lsoa11, lsoa11Name, change, lsoa21, lsoa21Name }));
}

const VERB: Readonly<Record<string, string>> = { S: 'split into', M: 'merged into', X: 'redesigned as' };

/**
 * When `code` is an LSOA of the other vintage's geography, a sentence saying so and which codes of this
 * vintage replaced it (and a hint); else undefined.
 *
 * @example describeOtherVintage('E01027014', '2025', changes)
 * // => { message: 'E01027014 (Daventry 006E) is an LSOA of 2011, in the 2019 vintage; in 2021 it was split into E01035404 and E01035405', hint: 'Give one of those codes, or add --vintage 2019' }
 */
export function describeOtherVintage(code: string, vintage: Vintage, changes: readonly LsoaChange[]): { message: string; hint: string } | undefined {
  if (vintage === '2025') {
    const rows = changes.filter((c) => c.lsoa11 === code);
    const first = rows[0];
    if (first === undefined) return undefined;
    const into = list(rows.map((r) => r.lsoa21));
    return {
      message: `${code} (${first.lsoa11Name}) is an LSOA of 2011, in the 2019 vintage; in 2021 it was ${VERB[first.change] ?? 'replaced by'} ${into}`,
      hint: `Give ${rows.length === 1 ? 'that code' : 'one of those codes'}, or add --vintage 2019`,
    };
  }
  const rows = changes.filter((c) => c.lsoa21 === code);
  const first = rows[0];
  if (first === undefined) return undefined;
  const from = list(rows.map((r) => r.lsoa11));
  const how = first.change === 'S' ? 'split from' : first.change === 'M' ? 'made by merging' : 'redesigned from';
  return {
    message: `${code} (${first.lsoa21Name}) is an LSOA of 2021, in the 2025 vintage; it was ${how} ${from} of 2011`,
    hint: `Add --vintage 2025, or give ${rows.length === 1 ? from : `one of ${from}`}`,
  };
}

function list(codes: readonly string[]): string {
  return andList([...new Set(codes)]);
}
