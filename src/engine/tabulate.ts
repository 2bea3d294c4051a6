import type { Decimal } from 'decimal.js';
import { Exact, round2 } from './exact.js';
import type { Dataset, GroupField, Unit } from './dataset.js';
import type { Allocation } from './fairShare.js';
import { compareText } from './compareText.js';
import { pounds } from './money.js';
import { areaKey } from './areaKey.js';

/** One row of a district table. Money and ratios are exact decimal strings, ready to print. */
export interface DistrictRow {
  readonly code: string;
  readonly name: string;
  readonly lsoas: number;
  readonly population: Decimal;
  readonly allocation: Decimal;
  /** allocation / budget × 100, half-up to 2 places. */
  readonly sharePct: string;
  /** allocation / population, half-up to 2 places; empty when no one lives there. */
  readonly perPerson: string;
  /**
   * The need index: the area's share of the allocation ÷ its share of the population, half-up to 2 places
   * (1.00 = the average of the whole table; 1.32 = 1.32 times it, NHS England's "need index"). Empty when
   * no one lives there.
   */
  readonly needIndex: string;
  /** Ward level only: true when the ward is a derived one (see {@link WARD_DERIVED_FIELD}). */
  readonly derived?: boolean;
}

/** A table of whole-LSOA groups: districts unless `level` says otherwise. */
export interface Tabulation {
  /** What the rows are; absent means `district`. */
  readonly level?: GroupLevel;
  readonly rows: readonly DistrictRow[];
  readonly total: DistrictRow;
}

/**
 * The levels whose areas are made of whole LSOAs, named by a field of every unit: `district` (the
 * council of the vintage), `former-district` (the district before any reorganisation since 2019; a
 * unit without one, 2019 and `--data`, is in its district), `county` (the upper tier; a single-tier
 * council is its own), `region` and `ward` (2025 pack).
 */
export const GROUP_LEVELS = ['district', 'former-district', 'county', 'region', 'ward'] as const;
export type GroupLevel = (typeof GROUP_LEVELS)[number];

/**
 * The numeric field that marks a unit's ward as derived rather than an ONS best fit (1 = derived): the
 * 2025 pack sets it for North and West Northamptonshire, whose May 2025 wards ONS has no lookup for.
 */
export const WARD_DERIVED_FIELD = 'ward_derived';

/**
 * The area of a level a unit is in, or undefined when the unit does not say (no region or ward in the
 * 2019 pack, no county in a `--data` file).
 *
 * @example unitGroup(unit, 'former-district') // => { code: 'E07000153', name: 'Kettering' } for a 2025 unit
 */
export function unitGroup(unit: Unit, level: GroupLevel): { code: string; name: string } | undefined {
  switch (level) {
    case 'district':
      return { code: unit.districtCode, name: unit.districtName };
    case 'former-district':
      return unit.formerDistrictCode === undefined
        ? { code: unit.districtCode, name: unit.districtName }
        : { code: unit.formerDistrictCode, name: unit.formerDistrictName ?? '' };
    case 'county':
      return unit.countyCode === '' ? undefined : { code: unit.countyCode, name: unit.countyName };
    case 'region':
      return unit.regionCode === undefined ? undefined : { code: unit.regionCode, name: unit.regionName ?? '' };
    case 'ward':
      return unit.wardCode === undefined ? undefined : { code: unit.wardCode, name: unit.wardName ?? '' };
  }
}

/**
 * Whether every unit of a dataset is in an area of the level, so the dataset can be tabulated by it (an empty
 * one can).
 */
export function hasLevel(dataset: Dataset, level: GroupLevel): boolean {
  const index = dataset.index;
  if (index === undefined) return dataset.units.every((unit) => unitGroup(unit, level) !== undefined);
  // A dataset in columns: the rows of a group share the field, so its first row speaks for all of them.
  const groups = index.groups(LEVEL_FIELDS[level]);
  if (groups === undefined) return index.rows > 0 && unitGroup(index.unit(0), level) !== undefined;
  return groups.every((group) => unitGroup(index.unit(group.first), level) !== undefined);
}

/** The unit field each level groups by. */
const LEVEL_FIELDS: Readonly<Record<GroupLevel, GroupField>> = {
  district: 'districtCode',
  'former-district': 'formerDistrictCode',
  county: 'countyCode',
  region: 'regionCode',
  ward: 'wardCode',
};

export interface TabulateOptions {
  /** What to add the LSOAs up into; default `district`. The dataset must have it ({@link hasLevel}). */
  readonly level?: GroupLevel;
}

/** What tabulate needs: units, their pennies and people, and the budget (an Allocation, or pots summed). */
export type Tabulatable = Pick<Allocation, 'dataset' | 'pennies' | 'populations' | 'budget'>;

/**
 * Add the unit amounts up into districts, or into the areas of another level made of whole LSOAs
 * (each area is exactly the sum of its LSOAs' pennies), with share of the budget and £ per person.
 * Rows are sorted by area code, then name. At the ward level a row is marked `derived` when any of its
 * LSOAs has {@link WARD_DERIVED_FIELD} set. Throws a RangeError when a unit has no area at the level
 * (check with {@link hasLevel} first).
 *
 * @example tabulate(allocation, { level: 'former-district' }).rows.map((r) => r.name) // => ['Corby', 'Daventry', …]
 */
export function tabulate(allocation: Tabulatable, options: TabulateOptions = {}): Tabulation {
  const { dataset, pennies, populations, budget } = allocation;
  const level = options.level ?? 'district';
  const derivedField = level === 'ward' ? dataset.fields.get(WARD_DERIVED_FIELD) : undefined;
  // Sum whole pennies and people per area first; pounds are made once per area.
  const groups = new Map<string, { code: string; name: string; lsoas: number; people: number[]; pennies: bigint; derived: boolean }>();
  dataset.units.forEach((unit, i) => {
    const area = unitGroup(unit, level);
    if (area === undefined) throw new RangeError(`tabulate: unit ${unit.code} has no ${level}`);
    const key = areaKey(area);
    let group = groups.get(key);
    if (!group) {
      group = { code: area.code, name: area.name, lsoas: 0, people: [], pennies: 0n, derived: false };
      groups.set(key, group);
    }
    group.lsoas += 1;
    group.people.push(populations[i] as number);
    group.pennies += pennies[i] as bigint;
    if (derivedField !== undefined && derivedField[i] === 1) group.derived = true;
  });
  const sorted = [...groups.values()].sort((a, b) => compareText(a.code, b.code) || compareText(a.name, b.name));
  const people = sorted.map((g) => sumExact(g.people));
  const everyone = people.reduce((sum, p) => sum.plus(p), new Exact(0));
  const rows = sorted.map((g, i) => {
    const row = tableRow(g.code, g.name, g.lsoas, people[i] as Decimal, pounds(g.pennies), budget, everyone);
    return level === 'ward' ? { ...row, derived: g.derived } : row;
  });
  const total = tableRow(
    '',
    'Total',
    dataset.units.length,
    everyone,
    rows.reduce((sum, r) => sum.plus(r.allocation), new Exact(0)),
    budget,
    everyone,
  );
  return level === 'district' ? { rows, total } : { level, rows, total };
}

/**
 * The same districts with new amounts (e.g. damped ones), in whole pennies, one per row in row order:
 * allocation, share of the budget and £ per person are worked out again; the share is of the table's
 * original total, the budget.
 *
 * @example withAllocations(tabulate(allocation), [142664949n, …]).rows[0].allocation // => 1426649.49
 */
export function withAllocations(table: Tabulation, pennies: readonly bigint[]): Tabulation {
  if (pennies.length !== table.rows.length) throw new RangeError('withAllocations: one amount per row is needed');
  const budget = table.total.allocation;
  const rows = table.rows.map((r, i) => {
    const row = tableRow(r.code, r.name, r.lsoas, r.population, pounds(pennies[i] as bigint), budget, table.total.population);
    return r.derived === undefined ? row : { ...row, derived: r.derived };
  });
  const total = tableRow(
    '',
    'Total',
    table.total.lsoas,
    table.total.population,
    pounds(pennies.reduce((sum, p) => sum + p, 0n)),
    budget,
    table.total.population,
  );
  return table.level === undefined ? { rows, total } : { level: table.level, rows, total };
}

/**
 * Sum people exactly: whole numbers add exactly as doubles; fractional ones (a --data file) go through
 * Decimal.
 */
function sumExact(values: readonly number[]): Decimal {
  if (values.every(Number.isInteger)) {
    const sum = values.reduce((s, v) => s + v, 0);
    if (Number.isSafeInteger(sum)) return new Exact(sum);
  }
  return values.reduce((s, v) => s.plus(v), new Exact(0));
}

/**
 * One table row: share of the budget, £ per person and the need index worked out from the amount,
 * half-up to 2 places. `everyone` is the whole table's population, for the need index.
 */
export function tableRow(code: string, name: string, lsoas: number, population: Decimal, allocation: Decimal, budget: Decimal, everyone: Decimal): DistrictRow {
  return {
    code,
    name,
    lsoas,
    population,
    allocation,
    sharePct: round2(allocation.dividedBy(budget).times(100)),
    perPerson: population.isZero() ? '' : round2(allocation.dividedBy(population)),
    needIndex: needIndex(allocation, population, budget, everyone),
  };
}

/**
 * The need index of an area: its share of the money ÷ its share of the people, half-up to 2 places,
 * worked out exactly as allocation × everyone ÷ (budget × population); '' when the area, the whole or the
 * budget is empty.
 *
 * @example needIndex(new Exact(2000), new Exact(50), new Exact(10000), new Exact(1000)) // => '4.00' (20% of the money, 5% of the people)
 */
export function needIndex(allocation: Decimal, population: Decimal, budget: Decimal, everyone: Decimal): string {
  if (population.isZero() || everyone.isZero() || budget.isZero()) return '';
  return round2(allocation.times(everyone).dividedBy(budget.times(population)));
}
