import { Exact, scaledText } from '../engine/exact.js';
import { largestRemainder } from '../engine/largestRemainder.js';
import type { Damping, DampedDistrict } from '../engine/damp.js';
import type { Allocation } from '../engine/fairShare.js';
import type { Unit } from '../engine/dataset.js';
import { GROUP_LEVELS, type DistrictRow, type Tabulation, type GroupLevel } from '../engine/tabulate.js';
import { isLookupTabulation, type LookupTabulation } from '../engine/tabulateAreas.js';
import type { ComparisonRow } from '../scenario/compare.js';
import { percentOf, perPersonPlain, poundsPlain } from '../engine/money.js';

/**
 * How a column's cells are shown: `text` as is; `int` and `number` as plain numbers (`int` with
 * thousands separators for people); `money` as pounds with 2 decimals (£ and separators for people);
 * `pct` as a percentage with 2 decimals; `delta` as a whole-number change with its sign (`+2`, `-1`,
 * `0`), such as a change of rank. Cells stay plain numbers (`2`, `-1`) in CSV and JSON.
 */
/** `index`: a ratio to 2 decimals, such as the need index (`1.32`), kept as its exact text in JSON. */
export type ColumnKind = 'text' | 'int' | 'number' | 'money' | 'pct' | 'delta' | 'index';

export interface Column {
  /** Machine name: the CSV header and JSON key, e.g. `per_person`. */
  readonly key: string;
  /** Human title for terminal and Markdown tables, e.g. `£ per person`. */
  readonly title: string;
  readonly kind: ColumnKind;
  /** Colour the cell by its sign on a terminal: green above zero, red below (for changes). */
  readonly signed?: boolean;
}

/**
 * A table ready to render in any format. Cells are exact plain strings (`12700000.00`, `211.5`),
 * empty for "not applicable"; renderers only add presentation (separators, £, alignment).
 */
export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly string[])[];
  /** A total row for human formats (terminal, Markdown); CSV and JSON leave it out. */
  readonly total?: readonly string[];
}

const DISTRICT_COLUMNS: readonly Column[] = [
  { key: 'district_code', title: 'Code', kind: 'text' },
  { key: 'district_name', title: 'District', kind: 'text' },
  { key: 'lsoas', title: 'LSOAs', kind: 'int' },
  { key: 'population', title: 'Population', kind: 'int' },
  { key: 'allocation', title: 'Allocation', kind: 'money' },
  { key: 'share_pct', title: '% of total', kind: 'pct' },
  { key: 'per_person', title: '£ per person', kind: 'money' },
  { key: 'need_index', title: 'Need index', kind: 'index' },
];

/** The district table: `district_code,district_name,lsoas,population,allocation,share_pct,per_person`. */
export function districtTable(table: Tabulation): Table {
  return { columns: DISTRICT_COLUMNS, rows: table.rows.map((r) => rowCells(r)), total: rowCells(table.total) };
}

/**
 * A row's cells in the district table's order: code, name, lsoas, population, allocation, share_pct,
 * per_person.
 */
function rowCells(r: DistrictRow): string[] {
  return [r.code, r.name, String(r.lsoas), r.population.toString(), r.allocation.toFixed(2), r.sharePct, r.perPerson, r.needIndex];
}

/** The first two columns of each level's table: its code and name keys, and the name's title. */
const LEVEL_COLUMNS: Readonly<Record<GroupLevel, readonly [string, string, string]>> = {
  district: ['district_code', 'district_name', 'District'],
  'former-district': ['former_district_code', 'former_district_name', 'Former district'],
  county: ['county_code', 'county_name', 'County'],
  region: ['region_code', 'region_name', 'Region'],
  ward: ['ward_code', 'ward_name', 'Ward'],
};

/**
 * The first two columns of a level's tables: its code and its name.
 *
 * @example levelColumns('former-district') // => [{ key: 'former_district_code', title: 'Code', … }, { key: 'former_district_name', title: 'Former district', … }]
 */
export function levelColumns(level: GroupLevel): [Column, Column] {
  const [codeKey, nameKey, title] = LEVEL_COLUMNS[level];
  return [
    { key: codeKey, title: 'Code', kind: 'text' },
    { key: nameKey, title, kind: 'text' },
  ];
}

/**
 * The table of a level made of whole LSOAs (see `tabulate`): `<level>_code,<level>_name,lsoas,population,
 * allocation,share_pct,per_person` (`former_district_code`, `county_code`, `region_code`, `ward_code`, …),
 * and at the ward level a last column `derived`, `yes` for a ward derived by area rather than an ONS
 * best fit. A district table is exactly {@link districtTable}'s.
 *
 * At the ward level the total row has only the columns that add up: LSOAs, people and pounds. Its
 * `share_pct` and `per_person` cells are empty, because dozens of percentages each rounded half-up need
 * not add up to 100.00, and an area's £ per person is an average, not a sum (see {@link RATIO_KEYS}).
 *
 * @example levelTable(tabulate(allocation, { level: 'region' })).columns[0].key // => 'region_code'
 */
export function levelTable(table: Tabulation): Table {
  const level = table.level ?? 'district';
  if (level === 'district') return districtTable(table);
  const derived = level === 'ward';
  const cells = (r: DistrictRow, total = false): string[] => [...rowCells(r), ...(derived ? [total ? '' : r.derived === true ? 'yes' : 'no'] : [])];
  const columns: Column[] = [
    ...levelColumns(level),
    ...DISTRICT_COLUMNS.slice(2),
    ...(derived ? [{ key: 'derived', title: 'Derived', kind: 'text' } as const] : []),
  ];
  const total = cells(table.total, true);
  return { columns, rows: table.rows.map((r) => cells(r)), total: level === 'ward' ? withoutRatios(columns, total) : total };
}

/**
 * A table of either kind: a whole-LSOA level's ({@link levelTable}) or a share lookup's ({@link areaTable}),
 * such as a scenario's by locality.
 */
export function anyLevelTable(table: Tabulation | LookupTabulation): Table {
  return isLookupTabulation(table) ? areaTable(table) : levelTable(table);
}

/**
 * The columns of a ward or division table that are each row's own ratio, not a part of a sum: the share
 * of the budget, rounded half-up per row, and £ per person. Their cells are left empty on the total row,
 * so that every figure there is the exact sum of the column above it.
 */
export const RATIO_KEYS: ReadonlySet<string> = new Set(['share_pct', 'per_person', 'need_index']);

/** A total row with the cells of {@link RATIO_KEYS} columns emptied. */
function withoutRatios(columns: readonly Column[], total: readonly string[]): string[] {
  return total.map((cell, i) => (RATIO_KEYS.has(columns[i]?.key ?? '') ? '' : cell));
}

const DAMPING_COLUMNS: readonly Column[] = [
  { key: 'previous', title: 'Previous', kind: 'money' },
  { key: 'change_pct', title: 'Change %', kind: 'pct', signed: true },
  { key: 'held', title: 'Held', kind: 'text' },
];

/**
 * The code columns a damped table's rows are matched by: a district table's, or a former-district table's.
 */
const DAMPED_CODE_KEYS: readonly string[] = ['district_code', 'former_district_code'];

/**
 * A district (or former-district) table with the damping columns added after its own:
 * `previous,change_pct,held`. Rows are matched by `district_code` (or `former_district_code`).
 * `change_pct` is (allocation − previous) / previous × 100, half-up to 2 places, empty when the
 * previous allocation was £0; `held` is `floor`, `ceiling` or empty. The total row
 * has the previous total and the overall change.
 *
 * @example withDampingColumns(districtTable(tabulate(damped)), damping).columns.map((c) => c.key).slice(-3)
 * // => ['previous', 'change_pct', 'held']
 */
export function withDampingColumns(table: Table, damping: Damping): Table {
  const codeIndex = table.columns.findIndex((c) => DAMPED_CODE_KEYS.includes(c.key));
  const allocationIndex = table.columns.findIndex((c) => c.key === 'allocation');
  const byCode = new Map(damping.districts.map((d) => [d.code, d]));
  const rows = table.rows.map((row) => {
    const district = byCode.get(row[codeIndex] ?? '');
    if (district === undefined) throw new RangeError(`withDampingColumns: no damping for district "${row[codeIndex] ?? ''}"`);
    return [...row, ...dampingCells(district.amount, district.previous, district.held)];
  });
  const previous = damping.districts.reduce((sum, d) => sum + d.previous, 0n);
  const amount = damping.districts.reduce((sum, d) => sum + d.amount, 0n);
  const total = table.total && [...table.total, ...dampingCells(amount, previous, '')];
  // The allocation column must be the damped one, or the change would be against the wrong figure.
  for (const row of rows) {
    const district = byCode.get(row[codeIndex] ?? '') as DampedDistrict;
    if (row[allocationIndex] !== poundsPlain(district.amount))
      throw new RangeError(`withDampingColumns: ${district.code}'s allocation is not its damped amount`);
  }
  return { columns: [...table.columns, ...DAMPING_COLUMNS], rows, ...(total ? { total } : {}) };
}

/**
 * The machine keys of fairshare's own tables, by their titles, for reading its workbooks back (a
 * workbook's header shows titles: `Code`, `District`, `Allocation`). For each level, the titles of its
 * table and of the damped table, in order, with their keys (`head`); and the LSOA table's first and last
 * columns (`head`, `tail`), its domain columns between them being titled by their keys.
 *
 * @example ownTableHeaders()[0].head.map((c) => c.title).slice(0, 2) // => ['Code', 'District']
 */
export function ownTableHeaders(): readonly { readonly head: readonly Column[]; readonly tail?: readonly Column[] }[] {
  // Workbooks written before the need index (last year's) have the same columns without it.
  const before = DISTRICT_COLUMNS.filter((c) => c.key !== 'need_index');
  return [
    ...[DISTRICT_COLUMNS, before].flatMap((columns) =>
      GROUP_LEVELS.map((level) => ({
        head: [
          ...levelColumns(level),
          ...columns.slice(2),
          ...(level === 'ward' ? [{ key: 'derived', title: 'Derived', kind: 'text' } as const] : DAMPING_COLUMNS),
        ],
      })),
    ),
    // The LSOA table: its domain columns, between, are titled by their ids.
    { head: LSOA_HEAD, tail: LSOA_TAIL },
  ];
}

function dampingCells(amount: bigint, previous: bigint, held: string): string[] {
  return [poundsPlain(previous), percentOf((amount - previous).toString(), previous.toString()), held];
}

/**
 * A ward or division table shared out through a lookup:
 * `area_code,area_name,lsoas_touching,population,allocation,share_pct,per_person,estimated`.
 *
 * Every cell of the total row is the exact sum of its column, and a column that is not a sum has none:
 * - `lsoas_touching` ("LSOAs (touching)") counts the LSOAs with a share above 0 in the area, so an LSOA
 *   split between areas is counted in each of them: the column has no total;
 * - `population` is the people apportioned by the lookup's shares (not always whole), rounded to whole
 *   people by the largest remainder so that the areas add up exactly to the total, as pennies do;
 * - `allocation` adds up to the budget (see `tabulateAreas`);
 * - `share_pct` and `per_person` are each area's own ratio ({@link RATIO_KEYS}), half-up to 2 places,
 *   £ per person from the exact people: no total;
 * - `estimated` is `yes` when any share behind the area is an estimate.
 *
 * @example areaTable(tabulateAreas(allocation, divisions).value).total // => ['', 'Total', '', '720913', '12700000.00', '', '', '']
 */
export function areaTable(table: LookupTabulation): Table {
  const title = table.level.charAt(0).toUpperCase() + table.level.slice(1);
  const people = apportionedPeople(table);
  // A locality is named by the user, and is its own code; no share of it is an estimate.
  const locality = table.level === 'locality';
  const columns: Column[] = [
    ...(locality ? [] : [{ key: 'area_code', title: 'Code', kind: 'text' } as const]),
    locality ? { key: 'locality', title, kind: 'text' } : { key: 'area_name', title, kind: 'text' },
    { key: 'lsoas_touching', title: 'LSOAs (touching)', kind: 'int' },
    { key: 'population', title: 'Population', kind: 'int' },
    { key: 'allocation', title: 'Allocation', kind: 'money' },
    { key: 'share_pct', title: '% of total', kind: 'pct' },
    { key: 'per_person', title: '£ per person', kind: 'money' },
    { key: 'need_index', title: 'Need index', kind: 'index' },
    ...(locality ? [] : [{ key: 'estimated', title: 'Estimated', kind: 'text' } as const]),
  ];
  const { total } = table;
  const cells = (cellsOf: readonly string[]): string[] => (locality ? cellsOf.slice(1, -1) : [...cellsOf]);
  return {
    columns,
    rows: table.rows.map((r, i) =>
      cells([
        r.code,
        r.name,
        String(r.lsoas),
        people.rows[i] as string,
        r.allocation.toFixed(2),
        r.sharePct,
        r.perPerson,
        r.needIndex,
        r.estimated ? 'yes' : 'no',
      ]),
    ),
    total: cells([total.code, total.name, '', people.total, total.allocation.toFixed(2), '', '', '', '']),
  };
}

/**
 * Decimal places the apportioned people are compared to before rounding: far below any real difference
 * between two areas' people, and far above the last digits of Exact's quotients (100 significant digits),
 * so that a third plus two thirds counts as exactly 1.
 */
const PEOPLE_PLACES = 50;

/**
 * The areas' apportioned people rounded so that they add up exactly to the total: to whole people (or, for
 * a `--data` file with fractional people, to the total's decimal places), floors first, then one each to
 * the largest remainders, ties to the lower area code (the Hamilton method, as for pennies).
 */
function apportionedPeople(table: LookupTabulation): { rows: string[]; total: string } {
  const places = table.total.population.decimalPlaces();
  const total = table.total.population.toFixed(places);
  const scale = new Exact(10).pow(PEOPLE_PLACES);
  const weights = table.rows.map((r) => BigInt(r.population.toDecimalPlaces(PEOPLE_PLACES).times(scale).toFixed(0)));
  const units = BigInt(table.total.population.times(new Exact(10).pow(places)).toFixed(0));
  if (weights.every((w) => w === 0n)) return { rows: table.rows.map(() => new Exact(0).toFixed(places)), total };
  const parts = largestRemainder(
    units,
    weights,
    table.rows.map((r) => r.code),
  );
  return { rows: parts.map((p) => new Exact(p.toString()).dividedBy(new Exact(10).pow(places)).toFixed(places)), total };
}

/** The LSOA table's columns before its domains' need ranks, and after them. */
const LSOA_HEAD: readonly Column[] = [
  { key: 'lsoa_code', title: 'LSOA code', kind: 'text' },
  { key: 'lsoa_name', title: 'LSOA', kind: 'text' },
  { key: 'district_code', title: 'District code', kind: 'text' },
  { key: 'district_name', title: 'District', kind: 'text' },
  { key: 'population', title: 'Population', kind: 'int' },
];
const LSOA_TAIL: readonly Column[] = [
  { key: 'figure', title: 'Figure', kind: 'number' },
  { key: 'allocation', title: 'Allocation', kind: 'money' },
  { key: 'per_person', title: '£ per person', kind: 'money' },
];

/** The LSOA table's columns: the head, one need-rank column per domain id, then the tail. */
export function lsoaColumns(allocation: Allocation): Column[] {
  return [...LSOA_HEAD, ...allocation.domains.map((d): Column => ({ key: d.domain.id, title: d.domain.id, kind: 'number' })), ...LSOA_TAIL];
}

/**
 * The cells of the LSOA table's row `i`, from the integers the engine has (pennies, figure units): no
 * decimal arithmetic for 33,755 rows. A figure unit is the figure × 2 × 10^places, so the figure is
 * units × 5 ÷ 10^(places + 1).
 */
export function lsoaCells(allocation: Allocation): (i: number) => string[] {
  const { dataset, domains, populations, figureScale, pennyNumbers, figureNumbers } = allocation;
  const places = figureScale.toString().length - 1;
  // The engine's doubles where it has them (every run on the shipped data): no BigInt per row.
  const pennyOf = (i: number): bigint | number => (pennyNumbers === undefined ? (allocation.pennies[i] as bigint) : (pennyNumbers[i] as number));
  const halves = figureScale === 2n ? wholeHalves(allocation) : undefined;
  return (i) => {
    const unit = dataset.units[i] as Unit;
    const population = populations[i] as number;
    const penny = pennyOf(i);
    const cells = [unit.code, unit.name, unit.districtCode, unit.districtName, String(population)];
    for (const d of domains) cells.push(String(d.ranks[i]));
    // Whole-number weights (scale 2): the figure is a whole number or a half, from a double exactly.
    const half = halves === undefined ? Number.NaN : (halves[i] as number);
    const figure =
      halves !== undefined
        ? half % 2 === 0
          ? String(half / 2)
          : `${(half - 1) / 2}.5`
        : scaledText((figureNumbers === undefined ? (allocation.figureUnits[i] as bigint) : BigInt(figureNumbers[i] as number)) * 5n, places + 1);
    cells.push(figure, poundsPlain(penny), perPersonPlain(penny, population));
    return cells;
  };
}

/** Twice each figure as a double, when every one is a whole number from 0 to 2^52; else undefined. */
function wholeHalves(allocation: Allocation): ArrayLike<number> | undefined {
  const doubles = allocation.figureNumbers;
  if (doubles !== undefined) {
    for (let i = 0; i < doubles.length; i++) if (!((doubles[i] as number) >= 0 && (doubles[i] as number) <= 2 ** 52)) return undefined;
    return doubles;
  }
  const units = allocation.figureUnits;
  return units.every((u) => u >= 0n && u <= 2n ** 52n) ? units.map(Number) : undefined;
}

/**
 * The LSOA table: code, name, district, population, one need-rank column per domain id (every domain
 * of the formula, counted or not), then figure, allocation and £ per person. Rows in code order.
 */
export function lsoaTable(allocation: Allocation): Table {
  const { dataset, domains, populations, pennies } = allocation;
  const columns = lsoaColumns(allocation);
  const cells = lsoaCells(allocation);
  const rows = dataset.units.map((_, i) => cells(i));
  const totalPopulation = populations.reduce((sum, p) => sum + p, 0);
  const totalPennies = pennies.reduce((sum, p) => sum + p, 0n);
  const total = [
    '',
    'Total',
    '',
    '',
    String(totalPopulation),
    ...domains.map(() => ''),
    '',
    poundsPlain(totalPennies),
    perPersonPlain(totalPennies, totalPopulation),
  ];
  return { columns, rows, total };
}

const COMPARISON_COLUMNS: readonly Column[] = [
  { key: 'scenario', title: 'Scenario', kind: 'text' },
  { key: 'district_code', title: 'Code', kind: 'text' },
  { key: 'district_name', title: 'District', kind: 'text' },
  { key: 'allocation', title: 'Allocation', kind: 'money' },
  { key: 'per_person', title: '£ per person', kind: 'money' },
  { key: 'change', title: 'Change', kind: 'money' },
  { key: 'change_pct', title: 'Change %', kind: 'pct' },
  { key: 'per_person_rank', title: 'Rank (£/person)', kind: 'int' },
  { key: 'rank_change', title: 'Rank change', kind: 'delta', signed: true },
];

/**
 * The comparison with the baseline: one row per scenario and district, with
 * `scenario,district_code,district_name,allocation,per_person,change,change_pct,per_person_rank,rank_change`
 * (`rank_change`: places up the table by £ per person against the baseline, +2 = two places nearer rank 1);
 * at another level the code and name columns are named for it (`former_district_code,former_district_name`),
 * and by locality one column, `locality`, stands for both.
 */
export function comparisonTable(rows: readonly ComparisonRow[], level: GroupLevel | 'locality' = 'district'): Table {
  // A locality is named by the user and is its own code: one column, as in its own table.
  const locality = level === 'locality';
  const areaColumns: readonly Column[] =
    level === 'district' ? COMPARISON_COLUMNS.slice(1, 3) : locality ? [{ key: 'locality', title: 'Locality', kind: 'text' }] : levelColumns(level);
  return {
    columns: [COMPARISON_COLUMNS[0] as Column, ...areaColumns, ...COMPARISON_COLUMNS.slice(3)],
    rows: rows.map((r) => [
      r.scenario,
      ...(locality ? [] : [r.districtCode]),
      r.districtName,
      r.allocation.toFixed(2),
      r.perPerson,
      r.change === undefined ? '' : r.change.toFixed(2),
      r.changePct,
      r.perPersonRank === undefined ? '' : String(r.perPersonRank),
      r.rankChange === undefined ? '' : String(r.rankChange),
    ]),
  };
}
