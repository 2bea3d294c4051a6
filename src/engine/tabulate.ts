import type { Decimal } from 'decimal.js';
import { Exact, round2 } from './exact.js';
import type { Allocation } from './fairShare.js';

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
}

export interface DistrictTable {
  readonly rows: readonly DistrictRow[];
  readonly total: DistrictRow;
}

/**
 * Add the unit amounts up into districts (each district is exactly the sum of its LSOAs' pennies),
 * with share of the budget and £ per person. Rows are sorted by district code, then name.
 */
export function tabulate(allocation: Allocation): DistrictTable {
  const groups = new Map<string, { code: string; name: string; lsoas: number; population: Decimal; allocation: Decimal }>();
  const { dataset, amounts, populations, budget } = allocation;
  dataset.units.forEach((unit, i) => {
    const key = `${unit.districtCode}\u0000${unit.districtName}`;
    const group = groups.get(key) ?? { code: unit.districtCode, name: unit.districtName, lsoas: 0, population: new Exact(0), allocation: new Exact(0) };
    groups.set(key, {
      ...group,
      lsoas: group.lsoas + 1,
      population: group.population.plus(populations[i] as number),
      allocation: group.allocation.plus(amounts[i] as Decimal),
    });
  });
  const sorted = [...groups.values()].sort((a, b) => compare(a.code, b.code) || compare(a.name, b.name));
  const rows = sorted.map((g) => row(g.code, g.name, g.lsoas, g.population, g.allocation, budget));
  const total = row(
    '',
    'Total',
    dataset.units.length,
    rows.reduce((sum, r) => sum.plus(r.population), new Exact(0)),
    rows.reduce((sum, r) => sum.plus(r.allocation), new Exact(0)),
    budget,
  );
  return { rows, total };
}

function row(code: string, name: string, lsoas: number, population: Decimal, allocation: Decimal, budget: Decimal): DistrictRow {
  return {
    code,
    name,
    lsoas,
    population,
    allocation,
    sharePct: round2(allocation.dividedBy(budget).times(100)),
    perPerson: population.isZero() ? '' : round2(allocation.dividedBy(population)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
