/**
 * Builds the shipped share lookups (data/lookups/*.csv) for one two-tier county from the ONS geography
 * lookups: LSOA (2011) → ward (December 2019), and ward → county electoral division (May 2019). Pure: it
 * takes the files' text and returns the lookups as CSV text, so the build script (build/buildData.ts)
 * only reads and writes. Every rule applied here is listed in data/README.md, "Lookups".
 *
 * Sources: ONS, "LSOA (2011) to Ward to Local Authority District (December 2019) Lookup in England and
 * Wales" (best fit); ONS, "Ward to Local Authority District to County to County Electoral Division
 * (May 2019) Lookup in England".
 */
import { csvText } from '../src/data/csvText.js';
import { fail, ok, type Result } from '../src/engine/errors.js';
import { Exact } from '../src/engine/exact.js';
import { nearest } from '../src/engine/nearest.js';
import { cellLocation, cellText, readTable, type Table } from './readTable.js';

/** One source file: its path relative to the shared data folder (for messages) and its text. */
export interface LookupSource {
  /** E.g. `geography/lsoa11_to_ward19_lad19.csv`. */
  readonly file: string;
  readonly text: string;
}

/** The two ONS lookups the share lookups are built from. */
export interface LookupInputs {
  /** `geography/lsoa11_to_ward19_lad19.csv`: columns LSOA11CD, WD19CD, WD19NM, LAD19CD. */
  readonly lsoaToWard: LookupSource;
  /** `geography/ward19_to_lad19_county19_ced19.csv`: columns WD19CD, LAD19CD, CTY19CD, CED19CD, CED19NM. */
  readonly wardToDivision: LookupSource;
}

export interface BuildLookupsOptions {
  /**
   * The LSOAs the lookups must cover, exactly (e.g. the data pack's LSOAs in the county). By default,
   * every LSOA that the LSOA → ward file puts in one of the county's districts.
   */
  readonly lsoas?: Iterable<string>;
}

/** What one built lookup holds. */
export interface LookupCounts {
  readonly rows: number;
  readonly lsoas: number;
  /** Distinct areas (wards or divisions). */
  readonly areas: number;
  readonly estimatedRows: number;
  /** LSOAs with at least one estimated row. */
  readonly estimatedLsoas: number;
}

/**
 * One lookup as CSV text (header `lsoa_code,area_code,area_name,share,estimated`, LF line ends) and its
 * counts.
 */
export interface BuiltLookup {
  readonly csv: string;
  readonly counts: LookupCounts;
}

export interface BuiltLookups {
  /** The county's districts, as the ward → division file gives them, sorted. */
  readonly districts: readonly string[];
  /** LSOA → ward (December 2019): the ONS best fit, one row per LSOA, share 1. */
  readonly wards: BuiltLookup;
  /** LSOA → county electoral division (May 2019) through each LSOA's ward. */
  readonly divisions: BuiltLookup;
  /** Wards of the county's LSOAs that are split between divisions (and so shared equally). */
  readonly splitWards: number;
  /** Lines for the build log. */
  readonly summary: readonly string[];
}

/** The columns of every shipped lookup, in order. */
export const LOOKUP_COLUMNS = ['lsoa_code', 'area_code', 'area_name', 'share', 'estimated'] as const;

/** Decimal places of an equal share 1/n before trailing zeros are trimmed. */
export const SHARE_DECIMALS = 12;

/**
 * The equal share 1/n of a ward split between n divisions, to 12 decimal places (half up) with trailing
 * zeros trimmed. The n shares of an LSOA then add up to 1 within n × 5e-13, well inside the 1e-9 that
 * parseLookup allows.
 * @example equalShare(1) // '1'
 * @example equalShare(2) // '0.5'
 * @example equalShare(3) // '0.333333333333'
 */
export function equalShare(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`equalShare needs a whole number from 1, got ${n}`);
  const fixed = new Exact(1).div(n).toFixed(SHARE_DECIMALS, Exact.ROUND_HALF_UP);
  return fixed.replace(/\.?0+$/, '');
}

/**
 * Builds the ward and division share lookups of one two-tier county (e.g. Northamptonshire, E10000021)
 * from the text of the two ONS lookups; fails with a `data` error naming the file, the code and, where one
 * row is at fault, its line.
 *
 * The county's districts are those the ward → division file puts in the county. Each of their LSOAs gets
 * its best-fit ward with share 1; a ward that appears once per division for n divisions gives each of
 * its LSOAs n division rows with share 1/n, marked estimated (an equal split stands in for the unknown
 * share of the LSOA's people in each division). Rows are sorted by LSOA code, then area code.
 * @example
 * const built = buildLookups({ lsoaToWard, wardToDivision }, 'E10000021', { lsoas: packLsoas });
 * if (built.ok) writeFileSync('northamptonshire-divisions-2019.csv', built.value.divisions.csv);
 */
export function buildLookups(inputs: LookupInputs, county: string, options: BuildLookupsOptions = {}): Result<BuiltLookups> {
  const lsoaTable = readTable(inputs.lsoaToWard);
  if (!lsoaTable.ok) return lsoaTable;
  const wardTable = readTable(inputs.wardToDivision);
  if (!wardTable.ok) return wardTable;
  const lCols = findColumns(lsoaTable.value, LSOA_TO_WARD_COLUMNS);
  if (!lCols.ok) return lCols;
  const wCols = findColumns(wardTable.value, WARD_TO_DIVISION_COLUMNS);
  if (!wCols.ok) return wCols;

  const divisionsOf = divisionsByWard(wardTable.value, wCols.value, county);
  if (!divisionsOf.ok) return divisionsOf;
  const districts = divisionsOf.value.districts;

  const lsoas = lsoaWards(lsoaTable.value, lCols.value, districts);
  if (!lsoas.ok) return lsoas;
  if (options.lsoas !== undefined) {
    const same = coversExactly(lsoaTable.value, lCols.value, lsoas.value, new Set(options.lsoas), county);
    if (!same.ok) return same;
  }

  const wardRows: OutRow[] = [];
  const divisionRows: OutRow[] = [];
  const splitWards = new Set<string>();
  for (const lsoa of lsoas.value.values()) {
    wardRows.push({ lsoa: lsoa.code, area: lsoa.ward, name: lsoa.wardName, share: '1', estimated: false });
    const divisions = divisionsOf.value.byWard.get(lsoa.ward);
    if (divisions === undefined) {
      const whose = `the ward of LSOA ${lsoa.code} on line ${lsoa.line} of ${lsoaTable.value.file}`;
      return fail('data', 'ward-without-division', `ward ${lsoa.ward} (${lsoa.wardName}), ${whose}, has no county electoral division in county ${county}`, {
        hint: 'Use the May 2019 ward → division lookup, which matches the December 2019 wards',
        location: { file: wardTable.value.file },
      });
    }
    const split = divisions.length > 1;
    if (split) splitWards.add(lsoa.ward);
    const share = equalShare(divisions.length);
    for (const division of divisions) {
      divisionRows.push({ lsoa: lsoa.code, area: division.code, name: division.name, share, estimated: split });
    }
  }

  const wards = toLookup(wardRows);
  const divisions = toLookup(divisionRows);
  const wardCount = wards.counts.areas;
  const summary = [
    `wards (December 2019): ${thousands(wards.counts.rows)} rows, ${thousands(wards.counts.lsoas)} LSOAs, ${thousands(wardCount)} wards`,
    `divisions (May 2019): ${thousands(divisions.counts.rows)} rows, ${thousands(divisions.counts.lsoas)} LSOAs, ` +
      `${thousands(divisions.counts.areas)} divisions; ${thousands(splitWards.size)} of ${thousands(wardCount)} wards split equally, ` +
      `so ${thousands(divisions.counts.estimatedLsoas)} LSOAs have estimated rows`,
  ];
  return ok({ districts: [...districts].sort(compareCodes), wards, divisions, splitWards: splitWards.size, summary });
}

// ---------------------------------------------------------------------------------------------------
// Output

interface OutRow {
  readonly lsoa: string;
  readonly area: string;
  readonly name: string;
  readonly share: string;
  readonly estimated: boolean;
}

function toLookup(rows: readonly OutRow[]): BuiltLookup {
  // Code-unit order (not locale order), so the file is the same on every machine.
  const sorted = [...rows].sort((a, b) => compareCodes(a.lsoa, b.lsoa) || compareCodes(a.area, b.area));
  const records = sorted.map((r) => [r.lsoa, r.area, r.name, r.share, r.estimated ? 'yes' : 'no']);
  const csv = csvText([[...LOOKUP_COLUMNS], ...records]);
  const estimated = sorted.filter((r) => r.estimated);
  return {
    csv,
    counts: {
      rows: sorted.length,
      lsoas: new Set(sorted.map((r) => r.lsoa)).size,
      areas: new Set(sorted.map((r) => r.area)).size,
      estimatedRows: estimated.length,
      estimatedLsoas: new Set(estimated.map((r) => r.lsoa)).size,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading the ONS lookups

/** Header names to look for, matched ignoring case and surrounding spaces; the first that matches wins. */
const LSOA_TO_WARD_COLUMNS = {
  lsoa: ['lsoa11cd'],
  ward: ['wd19cd'],
  wardName: ['wd19nm'],
  district: ['lad19cd'],
} satisfies Record<string, readonly string[]>;

const WARD_TO_DIVISION_COLUMNS = {
  ward: ['wd19cd'],
  district: ['lad19cd'],
  county: ['cty19cd'],
  division: ['ced19cd'],
  divisionName: ['ced19nm'],
} satisfies Record<string, readonly string[]>;

type Columns<T> = Record<keyof T, number>;

function findColumns<T extends Record<string, readonly string[]>>(table: Table, specs: T): Result<Columns<T>> {
  const headers = table.header.map((header) =>
    header
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const found = {} as Columns<T>;
  for (const key of Object.keys(specs) as (keyof T & string)[]) {
    const names = specs[key] as readonly string[];
    const index = headers.findIndex((header) => names.includes(header));
    if (index < 0) {
      const wanted = (names[0] ?? '').toUpperCase();
      const guess = nearest(wanted, table.header);
      return fail('data', 'missing-columns', `no column is headed ${names.map((name) => `"${name.toUpperCase()}"`).join(' or ')} (case-insensitive)`, {
        hint: guess === undefined ? 'Check that this is the published ONS file and that its header row is intact' : `Rename column "${guess}" to "${wanted}"`,
        location: { file: table.file, line: 1 },
      });
    }
    found[key] = index;
  }
  return ok(found);
}

interface Division {
  readonly code: string;
  readonly name: string;
}

/** The county's districts, and each of its wards' divisions in file order (a split ward has several). */
function divisionsByWard(
  table: Table,
  columns: Columns<typeof WARD_TO_DIVISION_COLUMNS>,
  county: string,
): Result<{ districts: Set<string>; byWard: Map<string, Division[]> }> {
  const districts = new Set<string>();
  const byWard = new Map<string, Division[]>();
  const lineOf = new Map<string, number>();
  const nameOf = new Map<string, string>();
  for (const row of table.rows) {
    if (cellText(row, columns.county) !== county) continue;
    const ward = cellText(row, columns.ward);
    const code = cellText(row, columns.division);
    const name = cellText(row, columns.divisionName);
    if (ward === '') {
      return fail('data', 'missing-code', 'the ward code is blank', { location: cellLocation(table, row, columns.ward) });
    }
    if (code === '') {
      return fail('data', 'ward-without-division', `ward ${ward} has a blank county electoral division code`, {
        hint: 'Every ward of a two-tier county is in at least one division; re-download the lookup',
        location: cellLocation(table, row, columns.division),
      });
    }
    const pair = `${ward} ${code}`;
    const earlier = lineOf.get(pair);
    if (earlier !== undefined) {
      return fail('data', 'duplicate-row', `ward ${ward} is listed in division ${code} twice (also on line ${earlier})`, {
        hint: 'A split ward appears once per division; remove the repeated row',
        location: cellLocation(table, row, columns.division),
      });
    }
    lineOf.set(pair, row.line);
    const earlierName = nameOf.get(code);
    if (earlierName !== undefined && earlierName !== name) {
      return fail('data', 'inconsistent-source', `division ${code} is called "${earlierName}" on an earlier line and "${name}" here`, {
        location: cellLocation(table, row, columns.divisionName),
      });
    }
    nameOf.set(code, name);
    districts.add(cellText(row, columns.district));
    byWard.set(ward, [...(byWard.get(ward) ?? []), { code, name }]);
  }
  if (districts.size === 0) {
    return fail('data', 'unknown-county', `no ward is in county ${county}`, {
      hint: 'Give a two-tier county code (E10…), e.g. E10000021 for Northamptonshire',
      location: { file: table.file },
    });
  }
  return ok({ districts, byWard });
}

interface LsoaWard {
  readonly code: string;
  readonly ward: string;
  readonly wardName: string;
  readonly line: number;
}

/** Each LSOA of the districts and its best-fit ward, sorted by LSOA code. */
function lsoaWards(table: Table, columns: Columns<typeof LSOA_TO_WARD_COLUMNS>, districts: ReadonlySet<string>): Result<Map<string, LsoaWard>> {
  const found: LsoaWard[] = [];
  const seen = new Map<string, number>();
  const wardNames = new Map<string, string>();
  for (const row of table.rows) {
    if (!districts.has(cellText(row, columns.district))) continue;
    const code = cellText(row, columns.lsoa);
    const ward = cellText(row, columns.ward);
    const wardName = cellText(row, columns.wardName);
    if (code === '') return fail('data', 'missing-code', 'the LSOA code is blank', { location: cellLocation(table, row, columns.lsoa) });
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      return fail('data', 'duplicate-code', `LSOA ${code} appears twice (also on line ${earlier})`, {
        hint: 'A best-fit lookup puts each LSOA in exactly one ward; re-download the lookup',
        location: cellLocation(table, row, columns.lsoa),
      });
    }
    seen.set(code, row.line);
    if (ward === '') {
      return fail('data', 'lsoa-without-ward', `LSOA ${code} has no ward`, {
        hint: 'A best-fit lookup puts each LSOA in exactly one ward; re-download the lookup',
        location: cellLocation(table, row, columns.ward),
      });
    }
    const earlierName = wardNames.get(ward);
    if (earlierName !== undefined && earlierName !== wardName) {
      return fail('data', 'inconsistent-source', `ward ${ward} is called "${earlierName}" on an earlier line and "${wardName}" here`, {
        location: cellLocation(table, row, columns.wardName),
      });
    }
    wardNames.set(ward, wardName);
    found.push({ code, ward, wardName, line: row.line });
  }
  found.sort((a, b) => compareCodes(a.code, b.code));
  return ok(new Map(found.map((lsoa) => [lsoa.code, lsoa])));
}

/** The LSOA → ward file must put exactly the expected LSOAs in the county's districts. */
function coversExactly(
  table: Table,
  columns: Columns<typeof LSOA_TO_WARD_COLUMNS>,
  found: ReadonlyMap<string, LsoaWard>,
  expected: ReadonlySet<string>,
  county: string,
): Result<true> {
  const missing = [...expected].filter((code) => !found.has(code)).sort(compareCodes);
  const first = missing[0];
  if (first !== undefined) {
    const row = table.rows.find((r) => cellText(r, columns.lsoa) === first);
    const why =
      row === undefined ? 'it is not in this lookup' : `this lookup puts it in district ${cellText(row, columns.district)}, which is not in county ${county}`;
    const message =
      missing.length === 1
        ? `LSOA ${first} has no ward: ${why}`
        : `${missing.length} LSOAs have no ward in county ${county} (${listed(missing)}); the first, ${first}: ${why}`;
    return fail('data', 'lsoa-without-ward', message, {
      hint: 'Use the December 2019 LSOA → ward lookup, which matches the data pack',
      location: row === undefined ? { file: table.file } : cellLocation(table, row, columns.lsoa),
    });
  }
  const extra = [...found.values()].find((lsoa) => !expected.has(lsoa.code));
  if (extra !== undefined) {
    return fail('data', 'inconsistent-source', `LSOA ${extra.code} is in county ${county} here but not among the expected LSOAs`, {
      hint: 'Use the December 2019 LSOA → ward lookup, which matches the data pack',
      location: { file: table.file, line: extra.line },
    });
  }
  return ok(true);
}

/** How many codes a message lists before saying "and N more". */
const LISTED = 5;

function listed(codes: readonly string[]): string {
  return codes.slice(0, LISTED).join(', ') + (codes.length > LISTED ? ` and ${codes.length - LISTED} more` : '');
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
