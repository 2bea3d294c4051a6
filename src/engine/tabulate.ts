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

/** What tabulate needs: units, their pennies and people, and the budget (an Allocation, or pots summed). */
export type Tabulatable = Pick<Allocation, 'dataset' | 'pennies' | 'populations' | 'budget'>;

/**
 * Add the unit amounts up into districts (each district is exactly the sum of its LSOAs' pennies),
 * with share of the budget and £ per person. Rows are sorted by district code, then name.
 */
export function tabulate(allocation: Tabulatable): DistrictTable {
  const { dataset, pennies, populations, budget } = allocation;
  // Sum whole pennies and people per district first; pounds are made once per district.
  const groups = new Map<string, { code: string; name: string; lsoas: number; people: number[]; pennies: bigint }>();
  dataset.units.forEach((unit, i) => {
    const key = `${unit.districtCode}\u0000${unit.districtName}`;
    let group = groups.get(key);
    if (!group) {
      group = { code: unit.districtCode, name: unit.districtName, lsoas: 0, people: [], pennies: 0n };
      groups.set(key, group);
    }
    group.lsoas += 1;
    group.people.push(populations[i] as number);
    group.pennies += pennies[i] as bigint;
  });
  const sorted = [...groups.values()].sort((a, b) => compare(a.code, b.code) || compare(a.name, b.name));
  const rows = sorted.map((g) => tableRow(g.code, g.name, g.lsoas, sumExact(g.people), pounds(g.pennies), budget));
  const total = tableRow(
    '',
    'Total',
    dataset.units.length,
    rows.reduce((sum, r) => sum.plus(r.population), new Exact(0)),
    rows.reduce((sum, r) => sum.plus(r.allocation), new Exact(0)),
    budget,
  );
  return { rows, total };
}

/**
 * The same districts with new amounts (e.g. damped ones), in whole pennies, one per row in row order:
 * allocation, share of the budget and £ per person are worked out again; the share is of the table's
 * original total, the budget.
 *
 * @example withAllocations(tabulate(allocation), [142664949n, …]).rows[0].allocation // => 1426649.49
 */
export function withAllocations(table: DistrictTable, pennies: readonly bigint[]): DistrictTable {
  if (pennies.length !== table.rows.length) throw new RangeError('withAllocations: one amount per row is needed');
  const budget = table.total.allocation;
  const rows = table.rows.map((r, i) => tableRow(r.code, r.name, r.lsoas, r.population, pounds(pennies[i] as bigint), budget));
  const total = tableRow('', 'Total', table.total.lsoas, table.total.population, pounds(pennies.reduce((sum, p) => sum + p, 0n)), budget);
  return { rows, total };
}

/** Whole pennies as exact pounds. */
export function pounds(pennies: bigint): Decimal {
  return new Exact(pennies.toString()).dividedBy(100);
}

/** Sum people exactly: whole numbers add exactly as doubles; fractional ones (a --data file) go through Decimal. */
function sumExact(values: readonly number[]): Decimal {
  if (values.every(Number.isInteger)) {
    const sum = values.reduce((s, v) => s + v, 0);
    if (Number.isSafeInteger(sum)) return new Exact(sum);
  }
  return values.reduce((s, v) => s.plus(v), new Exact(0));
}

/** One table row: share of the budget and £ per person worked out from the amount, half-up to 2 places. */
export function tableRow(code: string, name: string, lsoas: number, population: Decimal, allocation: Decimal, budget: Decimal): DistrictRow {
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
