import type { Dataset } from '../engine/dataset.js';
import { fail, ok, type Result } from '../engine/errors.js';
import type { Lookup, LookupRow } from '../engine/lookup.js';
import { shown } from '../engine/shown.js';
import { firstFew } from '../engine/wording.js';
import type { Localities, LocalityRow } from './parseLocalities.js';

/**
 * A localities file as a share lookup over the LSOAs of the area (level `locality`, each locality its own
 * code and name), so that the locality table is shared out exactly as the ward and division tables are.
 * A ward stands for every LSOA of the area in it, with the ward's share. Refused, naming the line: a code
 * the data does not have, a code outside the area, and an area LSOA in no locality (all of them listed).
 *
 * @example localityLookup(localities, pack, westNorthamptonshire).value.rows[0] // => { lsoaCode: 'E01027012', areaCode: 'Daventry area', … }
 */
export function localityLookup(localities: Localities, all: Dataset, area: Dataset, areaName: string): Result<Lookup> {
  const { file, by } = localities;
  const noun = by === 'lsoa' ? 'LSOA' : 'ward';
  const codeOf = by === 'lsoa' ? (u: Dataset['units'][number]) => u.code : (u: Dataset['units'][number]) => u.wardCode;
  const location = (row: LocalityRow) => ({ file, line: row.line, column: localities.codeColumn.number, columnName: localities.codeColumn.name });
  const inData = new Set(all.units.map(codeOf).filter((c): c is string => c !== undefined));
  if (by === 'ward' && inData.size === 0) {
    return fail('data', 'unknown-ward', 'the data has no wards, so a localities file cannot group wards', {
      hint: 'Group LSOAs instead (an lsoa_code column), or use the shipped 2025 data (--vintage 2025), which has wards',
      location: location(localities.rows[0] as LocalityRow),
    });
  }
  const unknown = firstRows(localities.rows.filter((r) => !inData.has(r.code)));
  if (unknown.length > 0) {
    const first = unknown[0] as LocalityRow;
    return fail('data', by === 'lsoa' ? 'unknown-lsoa' : 'unknown-ward', listed(unknown, `${noun} codes are not in the data`, `${noun} ${shown(first.code)} is not in the data`), {
      hint: `Use the ${noun} codes of the data (fairshare allocate --level ${by} lists them): check for typos, or remove the rows`,
      location: location(first),
    });
  }
  // Which LSOAs of the area each code stands for.
  const members = new Map<string, string[]>();
  for (const unit of area.units) {
    const code = codeOf(unit);
    if (code === undefined) continue;
    const list = members.get(code) ?? [];
    list.push(unit.code);
    members.set(code, list);
  }
  const outside = firstRows(localities.rows.filter((r) => !members.has(r.code)));
  if (outside.length > 0) {
    const first = outside[0] as LocalityRow;
    return fail('data', 'outside-area', listed(outside, `${noun}s are outside ${shown(areaName)}`, `${noun} ${shown(first.code)} is outside ${shown(areaName)}`), {
      hint: `Choose the area the file covers with --area, or remove the rows of ${noun}s outside it`,
      location: location(first),
    });
  }
  const rows: LookupRow[] = localities.rows.flatMap((r) =>
    (members.get(r.code) ?? []).map((lsoaCode) => ({ lsoaCode, areaCode: r.locality, areaName: r.locality, share: r.share, estimated: false, line: r.line })),
  );
  const covered = new Set(rows.map((r) => r.lsoaCode));
  const missing = area.units.filter((u) => !covered.has(u.code)).map((u) => u.code);
  if (missing.length > 0) {
    return fail('data', 'lookup-not-covering', `${missing.length} of the ${area.units.length} LSOAs of ${shown(areaName)} are in no locality: ${missing.join(', ')}`, {
      hint: by === 'lsoa' ? 'Give every LSOA of the area a locality' : 'Give every ward of the area a locality',
      location: { file },
    });
  }
  return ok({ file, level: 'locality', rows });
}

/** The first row of each code, in file order. */
function firstRows(rows: readonly LocalityRow[]): LocalityRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code) !== undefined);
}

/** A message about one code, or about several (counted, the first few named, the first line given). */
function listed(rows: readonly LocalityRow[], many: string, one: string): string {
  const first = rows[0] as LocalityRow;
  return rows.length === 1 ? `${one} (line ${first.line})` : `${rows.length} ${many}, the first on line ${first.line}: ${firstFew(rows.map((r) => shown(r.code)))}`;
}
