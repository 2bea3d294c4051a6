/**
 * Builds the shipped data pack from the published English Indices of Deprivation 2019 files and the ONS
 * geography lookups. Pure: it takes the files' text and returns the pack document, so the build script
 * (scripts/build-data.js) only reads, hashes, gzips and writes. Every transformation made here is listed
 * in data/README.md.
 *
 * Sources: MHCLG, "English Indices of Deprivation 2019", File 2 (domains), File 6 (population
 * denominators), the sub-domain ranks and the underlying indicators; ONS ward to district to county
 * lookup (May 2019).
 */
import { fail, ok, type Result } from '../engine/errors.js';
import { PACK_COLUMNS, PACK_FORMAT, PACK_VERSION, type PackDocument, type PackRow, type PackSource } from './packFormat.js';
import { cellLocation, cellText, readTable, type Row, type Table } from './readTable.js';

/** One source file: its path relative to the shared data folder (for messages and provenance), hash and text. */
export interface SourceText {
  /** E.g. `iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv`. */
  readonly file: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  readonly text: string;
}

/** The source files a pack is built from. */
export interface PackInputs {
  /** `iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv`: names, districts, IMD and domain ranks. */
  readonly domains: SourceText;
  /** `iod2019/File_6_-_IoD2019_Population_Denominators.csv`: mid-2015 populations. */
  readonly population: SourceText;
  /** `iod2019/iod2019_subdomain_ranks.csv`. */
  readonly subdomains: SourceText;
  /** `iod2019/iod2019_indicators.csv`: IDACI and IDAOPI numerators. */
  readonly indicators: SourceText;
  /** `geography/ward19_to_lad19_county19_ced19.csv`: district to two-tier county. */
  readonly countyLookup: SourceText;
  /**
   * `geography/lsoa11_to_ward19_lad19.csv` (optional): when given, every LSOA's district in the IoD must
   * agree with this ONS lookup, and the file is listed among the pack's sources.
   */
  readonly lsoaLookup?: SourceText;
}

/** The pack document, how many suppressed values were filled per column, and lines for the build log. */
export interface BuiltPack {
  readonly json: PackDocument;
  readonly fills: Readonly<Record<string, number>>;
  readonly summary: readonly string[];
}

/** Title, vintage and licence written into every pack. */
export const PACK_TITLE = 'English Indices of Deprivation 2019 by LSOA (2011), with mid-2015 population';
export const PACK_VINTAGE = 'IoD2019 (MHCLG, September 2019); population mid-2015; districts 2019; counties May 2019';
export const PACK_LICENCE = 'Contains public sector information licensed under the Open Government Licence v3.0';

/**
 * The value put in place of a suppressed (blank) IDACI or IDAOPI numerator. MHCLG round numerators to
 * the nearest 5 and blank them when below 10, so a blank is 0 or 5 as published; 5 is the midpoint of
 * "fewer than 10" on that grid.
 */
export const SUPPRESSED_FILL = 5;

/**
 * Builds the data pack document from the source files' text; fails with a `data` error naming the file,
 * line and column of the first problem.
 * @example
 * const built = buildPack({ domains, population, subdomains, indicators, countyLookup });
 * if (built.ok) writeFileSync(out, gzipSync(JSON.stringify(built.value.json)));
 */
export function buildPack(inputs: PackInputs): Result<BuiltPack> {
  const domains = readTable(inputs.domains);
  if (!domains.ok) return domains;
  const population = readTable(inputs.population);
  if (!population.ok) return population;
  const subdomains = readTable(inputs.subdomains);
  if (!subdomains.ok) return subdomains;
  const indicators = readTable(inputs.indicators);
  if (!indicators.ok) return indicators;
  const countyLookup = readTable(inputs.countyLookup);
  if (!countyLookup.ok) return countyLookup;
  const lsoaLookup = inputs.lsoaLookup === undefined ? undefined : readTable(inputs.lsoaLookup);
  if (lsoaLookup !== undefined && !lsoaLookup.ok) return lsoaLookup;

  const dCols = findColumns(domains.value, DOMAIN_COLUMNS);
  if (!dCols.ok) return dCols;
  const pCols = findColumns(population.value, POPULATION_COLUMNS);
  if (!pCols.ok) return pCols;
  const sCols = findColumns(subdomains.value, SUBDOMAIN_COLUMNS);
  if (!sCols.ok) return sCols;
  const iCols = findColumns(indicators.value, INDICATOR_COLUMNS);
  if (!iCols.ok) return iCols;
  const cCols = findColumns(countyLookup.value, COUNTY_LOOKUP_COLUMNS);
  if (!cCols.ok) return cCols;

  const dRows = indexByCode(domains.value, dCols.value.code);
  if (!dRows.ok) return dRows;
  const pRows = indexByCode(population.value, pCols.value.code);
  if (!pRows.ok) return pRows;
  const sRows = indexByCode(subdomains.value, sCols.value.code);
  if (!sRows.ok) return sRows;
  const iRows = indexByCode(indicators.value, iCols.value.code);
  if (!iRows.ok) return iRows;

  // Plain code-unit order (not locale order), so the sort is the same on every machine.
  const codes = [...dRows.value.keys()].sort(compareCodes);
  for (const [table, rows] of [
    [population.value, pRows.value],
    [subdomains.value, sRows.value],
    [indicators.value, iRows.value],
  ] as const) {
    const same = sameCodes(codes, domains.value, table, rows);
    if (!same.ok) return same;
  }

  const districts = new Map<string, string>();
  for (const code of codes) {
    const row = dRows.value.get(code) as Row;
    const district = cellText(row, dCols.value.districtCode);
    const name = cellText(row, dCols.value.districtName);
    const earlier = districts.get(district);
    if (earlier !== undefined && earlier !== name) {
      return fail('data', 'inconsistent-source', `district ${district} is called "${earlier}" for one LSOA and "${name}" for ${code}`, {
        location: cellLocation(domains.value, row, dCols.value.districtName),
      });
    }
    districts.set(district, name);
  }

  const counties = countiesByDistrict(countyLookup.value, cCols.value, districts);
  if (!counties.ok) return counties;

  if (lsoaLookup !== undefined) {
    const agreed = checkLsoaLookup(lsoaLookup.value, codes, dRows.value, dCols.value.districtCode, domains.value.file);
    if (!agreed.ok) return agreed;
  }

  const fills = { idaci_numerator: 0, idaopi_numerator: 0 };
  let ratesAboveOne = 0;
  const rows: PackRow[] = [];
  for (const code of codes) {
    const d = dRows.value.get(code) as Row;
    const p = pRows.value.get(code) as Row;
    const s = sRows.value.get(code) as Row;
    const i = iRows.value.get(code) as Row;
    const dc = dCols.value;
    const pc = pCols.value;

    const name = cellText(d, dc.name);
    const districtCode = cellText(d, dc.districtCode);
    const districtName = cellText(d, dc.districtName);
    const consistent = sameArea(population.value, p, pc, name, districtCode, domains.value.file);
    if (!consistent.ok) return consistent;
    const county = counties.value.get(districtCode) ?? { code: districtCode, name: districtName };

    const numbers: number[] = [];
    for (const column of [pc.total, pc.age0to15, pc.age16to59, pc.age60plus]) {
      const n = readCount(population.value, p, column);
      if (!n.ok) return n;
      numbers.push(n.value);
    }
    for (const [table, row, column] of [
      [domains.value, d, dc.imd],
      [domains.value, d, dc.income],
      [domains.value, d, dc.employment],
      [domains.value, d, dc.education],
      [domains.value, d, dc.health],
      [domains.value, d, dc.crime],
      [domains.value, d, dc.barriers],
      [domains.value, d, dc.livingEnvironment],
      [subdomains.value, s, sCols.value.childrenYoungPeople],
      [subdomains.value, s, sCols.value.adultSkills],
      [subdomains.value, s, sCols.value.geographicalBarriers],
      [subdomains.value, s, sCols.value.widerBarriers],
      [subdomains.value, s, sCols.value.indoors],
      [subdomains.value, s, sCols.value.outdoors],
    ] as const) {
      const rank = readRank(table, row, column);
      if (!rank.ok) return rank;
      numbers.push(rank.value);
    }
    for (const [key, column, denominatorColumn, label] of [
      ['idaci_numerator', iCols.value.idaci, pc.age0to15, 'idaci_rate'],
      ['idaopi_numerator', iCols.value.idaopi, pc.age60plus, 'idaopi_rate'],
    ] as const) {
      const rate = readRate(indicators.value, i, column, population.value, p, denominatorColumn, `${label} of LSOA ${code}`);
      if (!rate.ok) return rate;
      if (rate.value.suppressed) fills[key] += 1;
      if (rate.value.rate > 1) ratesAboveOne += 1;
      numbers.push(rate.value.numerator, rate.value.suppressed ? 1 : 0, rate.value.rate);
    }
    rows.push([code, name, districtCode, districtName, county.code, county.name, ...numbers]);
  }

  const sources: PackSource[] = [inputs.domains, inputs.population, inputs.subdomains, inputs.indicators];
  if (inputs.lsoaLookup !== undefined) sources.push(inputs.lsoaLookup);
  sources.push(inputs.countyLookup);

  const json: PackDocument = {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    title: PACK_TITLE,
    vintage: PACK_VINTAGE,
    licence: PACK_LICENCE,
    sources: sources.map((source) => ({ file: source.file, sha256: source.sha256 })),
    fills,
    fields: PACK_COLUMNS,
    rows,
  };

  const countyCodes = new Set(rows.map((row) => row[4]));
  const twoTier = new Set([...counties.value.values()].map((county) => county.code));
  const summary = [
    `${thousands(rows.length)} LSOAs, ${thousands(districts.size)} districts, ${thousands(countyCodes.size)} counties ` +
      `(${thousands(twoTier.size)} two-tier; every other district is its own county)`,
    `suppressed numerators filled with ${SUPPRESSED_FILL}: ` +
      Object.entries(fills)
        .map(([column, count]) => `${column} ${thousands(count)}`)
        .join(', '),
  ];
  if (ratesAboveOne > 0) {
    // As published: the numerators come from benefit records, the denominators from population estimates.
    summary.push(`${thousands(ratesAboveOne)} IDACI/IDAOPI rates above 1 (numerator larger than its published denominator)`);
  }
  return ok({ json, fills, summary });
}

// ---------------------------------------------------------------------------------------------------
// Finding columns

/** Header prefixes to look for, in normalised form (lower case, single spaces); the first that matches wins. */
type ColumnSpec = readonly string[];

const CODE_COLUMN: ColumnSpec = ['lsoa code', 'lsoa11_code', 'lsoa11cd'];

const DOMAIN_COLUMNS = {
  code: CODE_COLUMN,
  name: ['lsoa name', 'lsoa11_name', 'lsoa11nm'],
  districtCode: ['local authority district code'],
  districtName: ['local authority district name'],
  imd: ['index of multiple deprivation (imd) rank'],
  income: ['income rank'],
  employment: ['employment rank'],
  education: ['education, skills and training rank'],
  health: ['health deprivation and disability rank'],
  crime: ['crime rank'],
  barriers: ['barriers to housing and services rank'],
  livingEnvironment: ['living environment rank'],
} satisfies Record<string, ColumnSpec>;

const POPULATION_COLUMNS = {
  code: CODE_COLUMN,
  name: ['lsoa name', 'lsoa11_name', 'lsoa11nm'],
  districtCode: ['local authority district code'],
  total: ['total population'],
  age0to15: ['dependent children aged 0-15'],
  age16to59: ['population aged 16-59'],
  age60plus: ['older population aged 60 and over'],
} satisfies Record<string, ColumnSpec>;

const SUBDOMAIN_COLUMNS = {
  code: CODE_COLUMN,
  childrenYoungPeople: ['children_and_young_people_rank'],
  adultSkills: ['adult_skills_rank'],
  geographicalBarriers: ['geographical_barriers_rank'],
  widerBarriers: ['wider_barriers_rank'],
  indoors: ['indoors_rank'],
  outdoors: ['outdoors_rank'],
} satisfies Record<string, ColumnSpec>;

const INDICATOR_COLUMNS = {
  code: CODE_COLUMN,
  idaci: ['income_deprivation_affecting_children_index'],
  idaopi: ['income_deprivation_affecting_older_people'],
} satisfies Record<string, ColumnSpec>;

const COUNTY_LOOKUP_COLUMNS = {
  districtCode: ['lad19cd'],
  countyCode: ['cty19cd'],
  countyName: ['cty19nm'],
} satisfies Record<string, ColumnSpec>;

const LSOA_LOOKUP_COLUMNS = {
  code: ['lsoa11cd'],
  districtCode: ['lad19cd'],
} satisfies Record<string, ColumnSpec>;

function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Finds each wanted column by the start of its header, so the files' column order does not matter. */
function findColumns<K extends string>(table: Table, specs: Record<K, ColumnSpec>): Result<Record<K, number>> {
  const headers = table.header.map(normaliseHeader);
  const found = {} as Record<K, number>;
  for (const key of Object.keys(specs) as K[]) {
    const prefixes = specs[key];
    let index = -1;
    for (const prefix of prefixes) {
      const matches = headers.flatMap((header, i) => (header.startsWith(prefix) ? [i] : []));
      if (matches.length > 1) {
        const names = matches.map((i) => `"${table.header[i] ?? ''}"`).join(' and ');
        return fail('data', 'ambiguous-column', `more than one column header starts with "${prefix}": ${names}`, {
          hint: 'Rename one of the columns',
          location: { file: table.file, line: 1 },
        });
      }
      if (matches[0] !== undefined) {
        index = matches[0];
        break;
      }
    }
    if (index < 0) {
      const wanted = prefixes.map((prefix) => `"${prefix}"`).join(' or ');
      return fail('data', 'missing-column', `no column header starts with ${wanted} (case-insensitive)`, {
        hint: 'Check that this is the published file and that its header row is intact',
        location: { file: table.file, line: 1 },
      });
    }
    found[key] = index;
  }
  return ok(found);
}

function indexByCode(table: Table, column: number): Result<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for (const row of table.rows) {
    const code = cellText(row, column);
    if (code === '') return fail('data', 'missing-code', 'the LSOA code is blank', { location: cellLocation(table, row, column) });
    const earlier = rows.get(code);
    if (earlier !== undefined) {
      return fail('data', 'duplicate-code', `LSOA ${code} appears twice (also on line ${earlier.line})`, {
        location: cellLocation(table, row, column),
      });
    }
    rows.set(code, row);
  }
  return ok(rows);
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every IoD file must cover exactly the same LSOAs as File 2. */
function sameCodes(codes: readonly string[], reference: Table, table: Table, rows: ReadonlyMap<string, Row>): Result<true> {
  for (const code of codes) {
    if (!rows.has(code)) {
      return fail('data', 'missing-lsoa', `LSOA ${code} is in ${reference.file} but missing from this file`, {
        hint: 'All IoD 2019 files must cover the same 32,844 LSOAs; re-download the file',
        location: { file: table.file },
      });
    }
  }
  if (rows.size !== codes.length) {
    const known = new Set(codes);
    const extra = [...rows.keys()].filter((code) => !known.has(code)).sort(compareCodes)[0] ?? '';
    return fail('data', 'unknown-lsoa', `LSOA ${extra} is in this file but not in ${reference.file}`, {
      hint: 'All IoD 2019 files must cover the same 32,844 LSOAs; re-download the file',
      location: { file: table.file, line: rows.get(extra)?.line ?? 1 },
    });
  }
  return ok(true);
}

/** File 6 repeats each LSOA's name and district; they must agree with File 2. */
function sameArea(
  table: Table,
  row: Row,
  columns: { readonly name: number; readonly districtCode: number },
  name: string,
  districtCode: string,
  reference: string,
): Result<true> {
  for (const [column, expected] of [
    [columns.name, name],
    [columns.districtCode, districtCode],
  ] as const) {
    const actual = cellText(row, column);
    if (actual !== expected) {
      return fail('data', 'inconsistent-source', `"${actual}" disagrees with "${expected}" in ${reference}`, {
        location: cellLocation(table, row, column),
      });
    }
  }
  return ok(true);
}

/** District code → two-tier county. Districts absent from the lookup are their own county (decided by the caller). */
function countiesByDistrict(
  table: Table,
  columns: Record<keyof typeof COUNTY_LOOKUP_COLUMNS, number>,
  districts: ReadonlyMap<string, string>,
): Result<Map<string, { readonly code: string; readonly name: string }>> {
  const counties = new Map<string, { readonly code: string; readonly name: string }>();
  // A ward split between county electoral divisions appears once per division: same county, so fine.
  for (const row of table.rows) {
    const district = cellText(row, columns.districtCode);
    const code = cellText(row, columns.countyCode);
    const name = cellText(row, columns.countyName);
    // ONS lookups mark "no county" with a blank or the E99999999 pseudo-code.
    if (code === '' || code === 'E99999999') continue;
    if (!districts.has(district)) {
      return fail('data', 'unknown-district', `district ${district} is not in the IoD 2019 files`, {
        hint: 'Use the May 2019 lookup, which matches the IoD 2019 districts',
        location: cellLocation(table, row, columns.districtCode),
      });
    }
    const earlier = counties.get(district);
    if (earlier !== undefined && (earlier.code !== code || earlier.name !== name)) {
      return fail('data', 'inconsistent-source', `district ${district} is in county ${earlier.code} on an earlier line and ${code} here`, {
        location: cellLocation(table, row, columns.countyCode),
      });
    }
    counties.set(district, { code, name });
  }
  return ok(counties);
}

function checkLsoaLookup(
  table: Table,
  codes: readonly string[],
  domainRows: ReadonlyMap<string, Row>,
  districtColumn: number,
  reference: string,
): Result<true> {
  const columns = findColumns(table, LSOA_LOOKUP_COLUMNS);
  if (!columns.ok) return columns;
  const districtOf = new Map<string, string>();
  for (const row of table.rows) districtOf.set(cellText(row, columns.value.code), cellText(row, columns.value.districtCode));
  for (const code of codes) {
    const expected = cellText(domainRows.get(code) as Row, districtColumn);
    const actual = districtOf.get(code);
    if (actual !== expected) {
      const message =
        actual === undefined
          ? `LSOA ${code} is missing from this lookup`
          : `LSOA ${code} is in district ${actual} here but ${expected} in ${reference}`;
      return fail('data', 'inconsistent-source', message, { location: { file: table.file } });
    }
  }
  return ok(true);
}

// ---------------------------------------------------------------------------------------------------
// Numbers

/** A whole number, possibly written with thousands separators inside quotes ("1,296"). */
const COUNT = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;

function readCount(table: Table, row: Row, column: number): Result<number> {
  const text = cellText(row, column);
  if (!COUNT.test(text)) {
    return fail('data', 'bad-number', `expected a whole number of people, found "${text}"`, {
      location: cellLocation(table, row, column),
    });
  }
  return ok(Number(text.replaceAll(',', '')));
}

function readRank(table: Table, row: Row, column: number): Result<number> {
  const text = cellText(row, column);
  const rank = Number(text.replaceAll(',', ''));
  if (!COUNT.test(text) || rank < 1) {
    return fail('data', 'bad-number', `expected a national rank (a whole number from 1), found "${text}"`, {
      location: cellLocation(table, row, column),
    });
  }
  return ok(rank);
}

interface Rate {
  readonly numerator: number;
  readonly suppressed: boolean;
  readonly rate: number;
}

function readRate(
  table: Table,
  row: Row,
  column: number,
  denominatorTable: Table,
  denominatorRow: Row,
  denominatorColumn: number,
  label: string,
): Result<Rate> {
  const suppressed = cellText(row, column) === '';
  let numerator = SUPPRESSED_FILL;
  if (!suppressed) {
    const n = readCount(table, row, column);
    if (!n.ok) return n;
    numerator = n.value;
  }
  const denominator = readCount(denominatorTable, denominatorRow, denominatorColumn);
  if (!denominator.ok) return denominator;
  if (denominator.value === 0) {
    return fail('data', 'zero-denominator', `the denominator is 0, so the ${label} is undefined`, {
      location: cellLocation(denominatorTable, denominatorRow, denominatorColumn),
    });
  }
  return ok({ numerator, suppressed, rate: numerator / denominator.value });
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
