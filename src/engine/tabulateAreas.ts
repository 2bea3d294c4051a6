import type { Decimal } from 'decimal.js';
import { apportion, shareFractions } from './apportion.js';
import { ok, type Result } from './errors.js';
import { coveredShares } from './coveredShares.js';
import { Exact } from './exact.js';
import type { Lookup } from './lookup.js';
import { tableRow, type DistrictRow, type Tabulatable } from './tabulate.js';
import { compareText } from './compareText.js';
import { pounds } from './money.js';

/** One row of a ward or division table: a district row's columns, and whether it rests on estimates. */
export interface AreaRow extends DistrictRow {
  /** LSOAs with a share above 0 in the area; people are apportioned by the same shares (not always whole). */
  readonly lsoas: number;
  /** True when any of the area's shares is an estimate. */
  readonly estimated: boolean;
}

export interface LookupTabulation {
  /** What the areas are, e.g. `ward`. */
  readonly level: string;
  readonly rows: readonly AreaRow[];
  readonly total: AreaRow;
}

/**
 * Whether a table is a share lookup's (wards, divisions or localities, its rows {@link AreaRow}s with
 * `estimated`) rather than a whole-LSOA level's.
 */
export function isLookupTabulation<T extends { readonly total: object }>(table: T | LookupTabulation): table is LookupTabulation {
  return 'estimated' in table.total;
}

/**
 * Share each LSOA's whole pennies out to wards, divisions or any other areas through a share lookup,
 * so that the area totals are whole pennies adding up exactly to the budget (see `apportion`), with
 * the people apportioned by the same shares. Every LSOA of the allocation must be in the lookup; rows
 * for other LSOAs are ignored. Rows are sorted by area code.
 */
export function tabulateAreas(allocation: Tabulatable, lookup: Lookup): Result<LookupTabulation> {
  const { dataset, pennies, populations, budget } = allocation;
  const covered = coveredShares(dataset, lookup);
  if (!covered.ok) return covered;
  const { rows, shares } = covered.value;
  const index = new Map(dataset.units.map((u, i) => [u.code, i]));
  const areaPennies = apportion(pennies, shares);
  const fractions = shareFractions(shares);

  const areas = new Map<string, { name: string; lsoas: number; population: Decimal; estimated: boolean }>();
  rows.forEach((r, i) => {
    const area = areas.get(r.areaCode) ?? { name: r.areaName, lsoas: 0, population: new Exact(0), estimated: false };
    const fraction = fractions[i] as Decimal;
    areas.set(r.areaCode, {
      name: area.name,
      lsoas: area.lsoas + (fraction.gt(0) ? 1 : 0),
      population: area.population.plus(fraction.times(populations[index.get(r.lsoaCode) as number] as number)),
      estimated: area.estimated || r.estimated,
    });
  });
  const people = Array.from(populations).reduce((sum, p) => sum.plus(p), new Exact(0));
  const table = [...areas.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([code, a]) => row(code, a.name, a.lsoas, a.population, pounds(areaPennies.get(code) ?? 0n), budget, people, a.estimated));
  const total = row(
    '',
    'Total',
    dataset.units.length,
    people,
    pounds(pennies.reduce((s, p) => s + p, 0n)),
    budget,
    people,
    table.some((r) => r.estimated),
  );
  return ok({ level: lookup.level, rows: table, total });
}

function row(
  code: string,
  name: string,
  lsoas: number,
  population: Decimal,
  allocation: Decimal,
  budget: Decimal,
  everyone: Decimal,
  estimated: boolean,
): AreaRow {
  return { ...tableRow(code, name, lsoas, population, allocation, budget, everyone), estimated };
}
