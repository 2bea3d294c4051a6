/**
 * Finding a source file's columns by header, so the files' column order does not matter. Pure.
 */
import { fail, ok, type Result } from '../src/engine/errors.js';
import type { Table } from './readTable.js';
import type { Header } from './vintageSpec.js';

/**
 * A header as compared: byte-order mark dropped, trimmed, spaces collapsed, lower case.
 * @example normaliseHeader(' Income  Rank ') // 'income rank'
 */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * The index of the column whose header is, or else starts with, one of `names` (tried in order); fails
 * naming the file when none matches, or when one name starts two headers and is neither of them.
 * @example findColumn(table, ['lsoa code', 'lsoa11_code']) // ok(0)
 */
export function findColumn(table: Table, names: Header): Result<number> {
  const prefixes = (typeof names === 'string' ? [names] : names).map(normaliseHeader);
  const headers = table.header.map(normaliseHeader);
  for (const prefix of prefixes) {
    const exact = headers.indexOf(prefix);
    if (exact >= 0 && headers.lastIndexOf(prefix) === exact) return ok(exact);
    const matches = headers.flatMap((header, i) => (header.startsWith(prefix) ? [i] : []));
    if (matches.length > 1) {
      const found = matches.map((i) => `"${table.header[i] ?? ''}"`).join(' and ');
      return fail('data', 'ambiguous-column', `more than one column header starts with "${prefix}": ${found}`, {
        hint: 'Rename one of the columns',
        location: { file: table.file, line: 1 },
      });
    }
    if (matches[0] !== undefined) return ok(matches[0]);
  }
  const wanted = prefixes.map((prefix) => `"${prefix}"`).join(' or ');
  return fail('data', 'missing-columns', `no column header starts with ${wanted} (case-insensitive)`, {
    hint: 'Check that this is the published file and that its header row is intact',
    location: { file: table.file, line: 1 },
  });
}

/** Plain code-unit order (not locale order), so sorting is the same on every machine. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** @example thousands(32844) // '32,844' */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
