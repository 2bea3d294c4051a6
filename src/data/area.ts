import { fail, ok, type Result } from '../engine/errors.js';
import { nearest } from '../engine/nearest.js';
import type { Dataset } from '../engine/dataset.js';

/**
 * What `--area` can select: all of England (or all rows of a `--data` file), a two-tier county, a
 * district within a county, or a single-tier authority, which is its own county: a unitary authority
 * (E06), a metropolitan borough (E08) or a London borough (E09).
 */
export type AreaKind = 'england' | 'all' | 'county' | 'district' | 'unitary' | 'metropolitan' | 'london';

export interface Area {
  readonly kind: AreaKind;
  readonly code: string;
  readonly name: string;
  /** Indices into the dataset's units, ascending. */
  readonly indices: readonly number[];
}

/** The shipped data's default area: Northamptonshire (county E10000021). */
export const DEFAULT_AREA = 'E10000021';

/**
 * Every area the dataset offers, counties and unitaries first by code, then districts by code. The
 * whole dataset comes first, as `england` for the shipped pack and `all` for a `--data` file.
 */
export function listAreas(dataset: Dataset): Area[] {
  const everything: Area = {
    kind: dataset.kind === 'pack' ? 'england' : 'all',
    code: dataset.kind === 'pack' ? 'england' : 'all',
    name: dataset.kind === 'pack' ? 'England' : `All rows of ${dataset.file}`,
    indices: dataset.units.map((_, i) => i),
  };
  const counties = new Map<string, { name: string; indices: number[]; unitary: boolean }>();
  const districts = new Map<string, { name: string; indices: number[] }>();
  dataset.units.forEach((unit, i) => {
    const districtKey = unit.districtCode || unit.districtName;
    const district = districts.get(districtKey) ?? { name: unit.districtName, indices: [] };
    district.indices.push(i);
    districts.set(districtKey, district);
    if (unit.countyCode) {
      const county = counties.get(unit.countyCode) ?? { name: unit.countyName, indices: [], unitary: unit.countyCode === unit.districtCode };
      county.indices.push(i);
      counties.set(unit.countyCode, county);
    }
  });
  const areas: Area[] = [everything];
  for (const [code, c] of sortByKey(counties)) {
    areas.push({ kind: c.unitary ? singleTierKind(code) : 'county', code, name: c.name, indices: c.indices });
  }
  for (const [code, d] of sortByKey(districts)) {
    if (counties.get(code)?.unitary) continue;
    areas.push({ kind: 'district', code: code === d.name ? '' : code, name: d.name, indices: d.indices });
  }
  return areas;
}

/** The area used when none is named: Northamptonshire for the shipped pack, every row of a `--data` file. */
export function defaultArea(dataset: Dataset): string {
  return dataset.kind === 'pack' ? DEFAULT_AREA : 'all';
}

/**
 * Find the area a user named, by code or name (case and surrounding spaces ignored). An unknown
 * name is refused with the nearest match as a suggestion.
 *
 * @example findArea(pack, 'Northamptonshire') // => the county E10000021 with its 422 LSOAs
 */
export function findArea(dataset: Dataset, query: string): Result<Area> {
  const areas = listAreas(dataset);
  const wanted = query.trim().toLowerCase();
  const found = areas.find((a) => a.code.toLowerCase() === wanted) ?? areas.find((a) => a.name.toLowerCase() === wanted);
  if (found) return ok(found);
  const guess = nearest(query.trim(), areas.map((a) => a.name));
  return fail('usage', 'unknown-area', `unknown area "${query}"`, {
    hint: guess
      ? `Did you mean "${guess}"? Run "fairshare areas --search ${guess.split(' ')[0]}" to list areas`
      : `Run "fairshare areas --search TEXT" to list the districts and counties --area accepts`,
  });
}

/** The part of a dataset inside an area, as a dataset of its own (units and every field). */
export function subset(dataset: Dataset, area: Area): Dataset {
  if (area.indices.length === dataset.units.length) return dataset;
  const fields = new Map<string, Float64Array>();
  for (const [name, values] of dataset.fields) {
    const picked = new Float64Array(area.indices.length);
    area.indices.forEach((from, to) => {
      picked[to] = values[from] as number;
    });
    fields.set(name, picked);
  }
  return { ...dataset, units: area.indices.map((i) => dataset.units[i]!), fields };
}

function singleTierKind(code: string): AreaKind {
  return code.startsWith('E08') ? 'metropolitan' : code.startsWith('E09') ? 'london' : 'unitary';
}

function sortByKey<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
