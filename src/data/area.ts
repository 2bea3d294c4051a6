import { fail, ok, type Result } from '../engine/errors.js';
import { nearest } from '../engine/nearest.js';
import { shown } from '../engine/shown.js';
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

/** How many candidates an ambiguous-area message lists before "and N more". */
const LISTED = 5;

/**
 * Find the area a user named, by code or name (case and surrounding spaces ignored). A code written
 * exactly as listed always selects its area, so every area with a code can be selected uniquely. A
 * query that matches several areas (two districts with the same name, a district called "All") is
 * refused with the candidates and their codes; an unknown name is refused with the nearest match as a
 * suggestion. Both are usage failures.
 *
 * @example findArea(pack, 'Northamptonshire') // => the county E10000021 with its 422 LSOAs
 */
export function findArea(dataset: Dataset, query: string): Result<Area> {
  const areas = listAreas(dataset);
  const trimmed = query.trim();
  const exact = areas.find((a) => a.code !== '' && a.code === trimmed);
  if (exact) return ok(exact);
  const wanted = trimmed.toLowerCase();
  const matches = areas.filter((a) => (a.code !== '' && a.code.toLowerCase() === wanted) || a.name.toLowerCase() === wanted);
  const [only] = matches;
  if (only !== undefined && matches.length === 1) return ok(only);
  if (matches.length > 1) return ambiguous(query, matches);
  const guess = nearest(trimmed, areas.map((a) => a.name));
  return fail('usage', 'unknown-area', `unknown area "${shown(query)}"`, {
    hint: guess
      ? `Did you mean "${shown(guess)}"? Run "fairshare areas --search ${shown(guess.split(' ')[0] ?? '')}" to list areas`
      : `Run "fairshare areas --search TEXT" to list the districts and counties --area accepts`,
  });
}

/** The refusal of a query that matches several areas: each candidate with its kind and code. */
function ambiguous(query: string, matches: readonly Area[]): Result<never> {
  const described = matches.slice(0, LISTED).map((a) => `${describe(a)} (${a.code === '' ? 'no code' : `code ${shown(a.code)}`})`);
  const more = matches.length > LISTED ? ` and ${matches.length - LISTED} more` : '';
  const coded = matches.filter((a) => a.code !== '');
  const byCode = coded.length === 0 ? '' : `Give the code instead, like --area ${shown(coded.find((a) => a.kind !== 'all' && a.kind !== 'england')?.code ?? coded[0]?.code ?? '')}`;
  const uncoded = coded.length < matches.length ? 'give each district its own code in a district_code column of the --data file' : '';
  return fail('usage', 'ambiguous-area', `area "${shown(query)}" matches ${matches.length} areas: ${described.join(', ')}${more}`, {
    hint: byCode && uncoded ? `${byCode}, or ${uncoded}` : byCode || uncoded.charAt(0).toUpperCase() + uncoded.slice(1),
  });
}

/** An area as a message names it: `the district North`, `England`, `all rows of mine.csv`. */
function describe(area: Area): string {
  const name = shown(area.name);
  switch (area.kind) {
    case 'england':
      return name;
    case 'all':
      return name.charAt(0).toLowerCase() + name.slice(1);
    case 'unitary':
      return `the unitary authority ${name}`;
    case 'metropolitan':
      return `the metropolitan borough ${name}`;
    case 'london':
      return `the London borough ${name}`;
    default:
      return `the ${area.kind} ${name}`;
  }
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
