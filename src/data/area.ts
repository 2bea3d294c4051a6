import { fail, ok, type Result } from '../engine/errors.js';
import { nearest } from '../engine/nearest.js';
import { shown } from '../engine/shown.js';
import type { Dataset, GroupField, Place, Unit } from '../engine/dataset.js';
import { FORMER_COUNTIES, type FormerCounty } from './formerCounties.js';
import { compareText } from '../engine/compareText.js';

/**
 * What `--area` can select: all of England (or all rows of a `--data` file), a region (2025 vintage), a
 * two-tier county, a district within a county, a single-tier authority, which is its own county (a
 * unitary authority E06, a metropolitan borough E08 or a London borough E09), a former county (a 2019
 * county now shared between new single-tier councils, see formerCounties.ts) or a former district (a
 * district of 2019 or before that has since been merged into a new council; 2025 vintage).
 */
export type AreaKind = 'england' | 'all' | 'region' | 'county' | 'former-county' | 'district' | 'former-district' | 'unitary' | 'metropolitan' | 'london';

export interface Area {
  readonly kind: AreaKind;
  readonly code: string;
  readonly name: string;
  /** Indices into the dataset's units, ascending. */
  readonly indices: readonly number[];
  /**
   * What the area is made of, when its name alone could mislead (a former county): one or two sentences for
   * run headers.
   */
  readonly note?: string;
}

/**
 * The shipped data's default area in every vintage: Northamptonshire (county E10000021 in 2019, former county
 * since 2021).
 */
export const DEFAULT_AREA = 'E10000021';

export interface ListAreasOptions {
  /** The former counties to offer where the data has their councils; default {@link FORMER_COUNTIES}. */
  readonly formerCounties?: readonly FormerCounty[];
}

/**
 * Every area the dataset offers: the whole dataset first (`england` for the shipped pack, `all` for a
 * `--data` file), then regions, then counties, single-tier authorities and former counties by code,
 * then districts by code, then former districts by code. The 2019 pack and `--data` files have no
 * regions, former counties or former districts, so their list is as it always was.
 *
 * A former county is listed when every council that replaced it is a single-tier council of the data
 * and the data has no county with its code; a shipped pack that has some of those councils but not all
 * is a bug in the table or the pack, and throws.
 *
 * @example listAreas(pack2025).find((a) => a.code === 'E10000021') // => the former county: North + West Northamptonshire
 */
export function listAreas(dataset: Dataset, options: ListAreasOptions = {}): Area[] {
  const everything = lazyArea(
    {
      kind: dataset.kind === 'pack' ? 'england' : 'all',
      code: dataset.kind === 'pack' ? 'england' : 'all',
      // The file's name without its folder: the same file gives the same header from any folder.
      name: dataset.kind === 'pack' ? 'England' : `All rows of ${dataset.file.split(/[\\/]/).pop() ?? dataset.file}`,
    },
    () => Array.from({ length: dataset.index?.rows ?? dataset.units.length }, (_, i) => i),
  );
  const { regions, counties, districts, formerDistricts } = groupsOf(dataset);
  const upper: Area[] = [];
  for (const [code, c] of counties) upper.push(lazyArea({ kind: c.unitary ? singleTierKind(code) : 'county', code, name: c.name }, c.indices));
  for (const former of options.formerCounties ?? FORMER_COUNTIES) {
    const area = formerCounty(dataset, former, counties, formerDistricts);
    if (area !== undefined) upper.push(area);
  }
  const areas: Area[] = [everything];
  for (const [code, r] of sortByKey(regions)) areas.push(lazyArea({ kind: 'region', code, name: r.name }, r.indices));
  areas.push(...upper.sort((a, b) => compareText(a.code, b.code)));
  for (const [code, d] of sortByKey(districts)) {
    if (counties.get(code)?.unitary) continue;
    areas.push(lazyArea({ kind: 'district', code: code === d.name ? '' : code, name: d.name }, d.indices));
  }
  for (const [code, d] of sortByKey(formerDistricts)) {
    // A council never reorganised is its own former district: it is listed once, as itself.
    if (districts.has(code) || counties.has(code)) continue;
    areas.push(lazyArea({ kind: 'former-district', code, name: d.name }, d.indices));
  }
  return areas;
}

/** A group of units: its name, and its indices (made when asked for). */
interface Group {
  readonly name: string;
  readonly indices: () => readonly number[];
}

/** The groupings of a dataset's units that areas are made of. */
interface Groupings {
  readonly regions: ReadonlyMap<string, Group>;
  readonly counties: ReadonlyMap<string, Group & { readonly unitary: boolean }>;
  /** By district code, or by name where the data has no codes (a `--data` file). */
  readonly districts: ReadonlyMap<string, Group>;
  readonly formerDistricts: ReadonlyMap<string, Group>;
}

/**
 * The regions, counties, districts and former districts of a dataset, each with its units: from the
 * dataset's index where it has one (the shipped pack, without building a unit per row), else from one pass
 * over its units.
 */
function groupsOf(dataset: Dataset): Groupings {
  const index = dataset.index;
  if (index !== undefined) {
    const by = <G>(field: GroupField, make: (first: Place, rows: () => readonly number[]) => [string, G] | undefined): Map<string, G> => {
      const map = new Map<string, G>();
      for (const group of index.groups(field) ?? []) {
        const entry = make(index.place(group.first), () => group.rows());
        if (entry !== undefined) map.set(entry[0], entry[1]);
      }
      return map;
    };
    return {
      regions: by('regionCode', (u, indices) => (u.regionCode ? [u.regionCode, { name: u.regionName ?? '', indices }] : undefined)),
      counties: by('countyCode', (u, indices) => (u.countyCode ? [u.countyCode, { name: u.countyName, indices, unitary: u.countyCode === u.districtCode }] : undefined)),
      districts: by('districtCode', (u, indices) => [u.districtCode || u.districtName, { name: u.districtName, indices }]),
      formerDistricts: by('formerDistrictCode', (u, indices) => (u.formerDistrictCode ? [u.formerDistrictCode, { name: u.formerDistrictName ?? '', indices }] : undefined)),
    };
  }
  const regions = new Map<string, { name: string; list: number[] }>();
  const counties = new Map<string, { name: string; list: number[]; unitary: boolean }>();
  const districts = new Map<string, { name: string; list: number[] }>();
  const formerDistricts = new Map<string, { name: string; list: number[] }>();
  const add = (map: Map<string, { name: string; list: number[] }>, key: string, name: string, i: number): void => {
    const group = map.get(key) ?? { name, list: [] };
    group.list.push(i);
    map.set(key, group);
  };
  dataset.units.forEach((unit, i) => {
    add(districts, unit.districtCode || unit.districtName, unit.districtName, i);
    if (unit.countyCode) {
      const county = counties.get(unit.countyCode) ?? { name: unit.countyName, list: [], unitary: unit.countyCode === unit.districtCode };
      county.list.push(i);
      counties.set(unit.countyCode, county);
    }
    if (unit.regionCode) add(regions, unit.regionCode, unit.regionName ?? '', i);
    if (unit.formerDistrictCode) add(formerDistricts, unit.formerDistrictCode, unit.formerDistrictName ?? '', i);
  });
  const made = <G extends { name: string; list: number[] }>(map: Map<string, G>): Map<string, Omit<G, 'list'> & Group> =>
    new Map([...map].map(([key, { list, ...rest }]) => [key, { ...rest, name: rest.name, indices: () => list }]));
  return { regions: made(regions), counties: made(counties), districts: made(districts), formerDistricts: made(formerDistricts) };
}

/**
 * An area whose `indices` are made the first time they are read: listing every area of England must not
 * build the index lists of the 300 it does not use. (Spreading such an area reads them.)
 */
function lazyArea(area: Omit<Area, 'indices'>, make: () => readonly number[]): Area {
  let made: readonly number[] | undefined;
  return {
    ...area,
    get indices(): readonly number[] {
      made ??= make();
      return made;
    },
  };
}

/** Where the unit of an index lies: through the dataset's index where it has one (no unit built). */
function placeOf(dataset: Dataset, i: number): Place | undefined {
  return dataset.index !== undefined ? dataset.index.place(i) : dataset.units[i];
}

/** The unit of an index: through the dataset's index where it has one, without building every unit. */
function unitAt(dataset: Dataset, i: number): Unit | undefined {
  return dataset.index !== undefined ? dataset.index.unit(i) : dataset.units[i];
}

/**
 * A former county as an area: the LSOAs of the councils that replaced it, with a note naming them and
 * any LSOA of its former districts that now lies in another council (E01027305, once in South
 * Northamptonshire, is in Cherwell in the 2024 lookups). Undefined where the data does not have it.
 */
function formerCounty(
  dataset: Dataset,
  former: FormerCounty,
  counties: Groupings['counties'],
  formerDistricts: Groupings['formerDistricts'],
): Area | undefined {
  if (counties.has(former.code)) return undefined;
  const present = former.councils.filter((code) => counties.get(code)?.unitary === true);
  if (present.length === 0) return undefined;
  if (present.length < former.councils.length) {
    if (dataset.kind !== 'pack') return undefined;
    const missing = former.councils.filter((code) => !present.includes(code));
    throw new Error(`former county ${former.name} (${former.code}): the data pack has no single-tier council ${missing.join(', ')} (src/data/formerCounties.ts)`);
  }
  const councils = new Set(former.councils);
  const indices = former.councils.flatMap((code) => counties.get(code)?.indices() ?? []).sort((a, b) => a - b);
  // The former districts of the councils' LSOAs (the seven of 2019 for Northamptonshire), and their LSOAs
  // that went elsewhere.
  const formerCodes = new Set(indices.map((i) => placeOf(dataset, i)?.formerDistrictCode).filter((c): c is string => c !== undefined && !councils.has(c)));
  const strays = [...formerCodes].flatMap((code) => (formerDistricts.get(code)?.indices() ?? []).filter((i) => !councils.has(placeOf(dataset, i)?.districtCode ?? '')));
  const named = former.councils.map((code) => `${counties.get(code)?.name ?? code} (${code})`);
  const moved = strays.map((i) => unitAt(dataset, i)).map((u) => `${u?.code ?? ''} of the former ${u?.formerDistrictName ?? ''} now lies in ${u?.districtName ?? ''} (${u?.districtCode ?? ''})`);
  const note =
    `${former.name} (${former.code}) is the area of ${named.join(' and ')}, which replaced its county and districts in ${former.replaced}.` +
    (moved.length === 0 ? '' : ` Not included: LSOA ${moved.join('; LSOA ')}.`);
  return { kind: 'former-county', code: former.code, name: former.name, indices, note };
}

/** The area used when none is named: Northamptonshire for the shipped pack, every row of a `--data` file. */
export function defaultArea(dataset: Dataset): string {
  return dataset.kind === 'pack' ? DEFAULT_AREA : 'all';
}

/** How many candidates an ambiguous-area message lists before "and N more". */
const LISTED = 5;

/**
 * Short forms officers write for county names, one word each (Northants → Northamptonshire), and Hull.
 * A query is read with these expanded only when it matches no area as written.
 */
const SHORT_WORDS: Readonly<Record<string, string>> = {
  beds: 'bedfordshire',
  bucks: 'buckinghamshire',
  cambs: 'cambridgeshire',
  derbys: 'derbyshire',
  glos: 'gloucestershire',
  hants: 'hampshire',
  herts: 'hertfordshire',
  hull: 'kingston upon hull',
  lancs: 'lancashire',
  leics: 'leicestershire',
  lincs: 'lincolnshire',
  northants: 'northamptonshire',
  notts: 'nottinghamshire',
  oxon: 'oxfordshire',
  staffs: 'staffordshire',
  warks: 'warwickshire',
  wilts: 'wiltshire',
  worcs: 'worcestershire',
  yorks: 'yorkshire',
};

/** A name or query in the form names are compared in: lower case, single spaces, `&` as `and`. */
function folded(text: string): string {
  return text.toLowerCase().replace(/&/g, ' and ').replace(/\s+/g, ' ').trim();
}

/** A folded query with its short words expanded: `west northants` → `west northamptonshire`. */
function expanded(query: string): string {
  return folded(query)
    .split(' ')
    .map((word) => SHORT_WORDS[word] ?? word)
    .join(' ');
}

/**
 * The other names an area goes by: ONS writes three councils as `Bristol, City of`, `Kingston upon
 * Hull, City of` and `Herefordshire, County of`; people write `Bristol` or `City of Bristol`.
 */
function otherNames(name: string): string[] {
  const match = /^(.+), (city of|county of)$/.exec(folded(name));
  return match ? [match[1] as string, `${match[2] as string} ${match[1] as string}`] : [];
}

/**
 * A name with its long words written short, to suggest from typos of short forms: `west northamptonshire` →
 * `west northants`.
 */
function contracted(name: string): string {
  return Object.entries(SHORT_WORDS).reduce((text, [short, long]) => text.replace(new RegExp(`\\b${long}\\b`, 'g'), short), folded(name));
}

/**
 * Whether an area is one `fairshare areas --search TEXT` lists: its name, other names or code contain the
 * text (short words expanded).
 */
export function matchesSearch(area: Area, text: string): boolean {
  const wanted = [folded(text), expanded(text)].filter((w) => w !== '');
  if (wanted.length === 0) return true;
  const haystacks = [folded(area.name), ...otherNames(area.name), area.code.toLowerCase()];
  return wanted.some((w) => haystacks.some((h) => h.includes(w)));
}

/**
 * Find the area a user named, by code or name (case and surrounding spaces ignored). A code written
 * exactly as listed always selects its area, so every area with a code can be selected uniquely. A
 * name that matches no area as written is tried in the forms people use: `Bristol` or `City of Bristol`
 * for `Bristol, City of`, `Hull` for `Kingston upon Hull, City of`, county short forms (`Northants`,
 * `West Northants`, `Notts`) and `&` for `and`. A query that matches several areas (two districts with
 * the same name, a district called "All") is refused with the candidates and their codes; an unknown
 * name is refused with the nearest names (or the names whose initials it is, for `NNC`) as
 * suggestions. Both are usage failures.
 *
 * @example findArea(pack, 'Northamptonshire') // => the county E10000021 with its 422 LSOAs
 * @example findArea(pack2025, 'West Northants') // => the unitary authority E06000062
 */
export function findArea(dataset: Dataset, query: string, options: ListAreasOptions = {}): Result<Area> {
  const areas = listAreas(dataset, options);
  const trimmed = query.trim();
  const exact = areas.find((a) => a.code !== '' && a.code === trimmed);
  if (exact) return ok(exact);
  const wanted = trimmed.toLowerCase();
  const matches = areas.filter((a) => (a.code !== '' && a.code.toLowerCase() === wanted) || a.name.toLowerCase() === wanted);
  const [only] = matches;
  if (only !== undefined && matches.length === 1) return ok(only);
  if (matches.length > 1) return ambiguous(query, matches);
  const long = expanded(trimmed);
  const alike = areas.filter((a) => folded(a.name) === long || otherNames(a.name).includes(long));
  const [one] = alike;
  if (one !== undefined && alike.length === 1) return ok(one);
  if (alike.length > 1) return ambiguous(query, alike);
  const guesses = suggestions(trimmed, areas);
  const search = guesses[0]?.split(/[ ,]/)[0] ?? '';
  return fail('usage', 'unknown-area', `unknown area "${shown(query)}"`, {
    hint:
      guesses.length > 0
        ? `Did you mean ${guesses.map((g) => `"${shown(g)}"`).join(' or ')}? Run "fairshare areas --search ${shown(search)}" to list areas`
        : `Run "fairshare areas" to list the areas --area accepts, or fairshare areas --search TEXT to search them`,
  });
}

/** How many names an unknown-area message suggests at most. */
const SUGGESTED = 3;

/**
 * Names to suggest for an unknown area: the nearest name (by edit distance, short forms expanded), else
 * the names whose initials the query is, with or without a trailing C for "council" (`NNC` → North
 * Norfolk, North Northamptonshire), in list order.
 */
function suggestions(query: string, areas: readonly Area[]): string[] {
  const names = areas.map((a) => a.name);
  // Each area under every name it goes by, so a typo of any of them finds it.
  const known = areas.flatMap((a) => [a.name, ...otherNames(a.name), contracted(a.name)].map((alias) => [alias, a.name] as const));
  const near = nearest(expanded(query), known.map(([alias]) => alias)) ?? nearest(folded(query), known.map(([alias]) => alias));
  if (near !== undefined) return [known.find(([alias]) => alias === near)?.[1] ?? near];
  const letters = folded(query).replace(/[^a-z]/g, '');
  if (letters.length < 2) return [];
  const initials = (name: string): string =>
    folded(name)
      .split(/[\s-]+/)
      .map((w) => w.charAt(0))
      .join('');
  const wanted = new Set([letters, ...(letters.endsWith('c') && letters.length > 2 ? [letters.slice(0, -1)] : [])]);
  return [...new Set(names.filter((n) => wanted.has(initials(n))))].slice(0, SUGGESTED);
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
    case 'former-county':
      return `the former county ${name}`;
    case 'former-district':
      return `the former district ${name}`;
    default:
      return `the ${area.kind} ${name}`;
  }
}

/**
 * The part of a dataset inside an area, as a dataset of its own (units and every field): picked from the
 * columns by the dataset's index where it has one.
 */
export function subset(dataset: Dataset, area: Area): Dataset {
  if (area.kind === 'england' || area.kind === 'all') return dataset;
  if (dataset.index !== undefined) return dataset.index.pick(area.indices);
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

function sortByKey<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => compareText(a, b));
}

