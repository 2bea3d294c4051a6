import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { fairShare, type Allocation } from '../../src/engine/fairShare.js';
import { GROUP_LEVELS, hasLevel, tabulate, unitGroup, withAllocations, type GroupLevel } from '../../src/engine/tabulate.js';
import { weigh } from '../../src/engine/weigh.js';
import type { Dataset } from '../../src/engine/dataset.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula, fixturePack2025 } from '../helpers/fixtureDataset.js';

function allocate(dataset: Dataset, budget: string): Allocation {
  const weighted = weigh(fixtureFormula(['need_a', 'need_b']));
  if (!weighted.ok) throw new Error('weigh');
  const result = fairShare(dataset, weighted.value, new Exact(budget));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const pack2025 = fixturePack2025();
const lsoaPennies = (a: Allocation) => new Map(a.dataset.units.map((u, i) => [u.code, a.pennies[i] as bigint]));
const pennies = (amount: { toFixed(n: number): string }) => BigInt(amount.toFixed(2).replace('.', ''));

describe('tabulate by level', () => {
  it('adds LSOAs up into former districts, one row per district before reorganisation', () => {
    const a = allocate(pack2025, '1000');
    const t = tabulate(a, { level: 'former-district' });
    expect(t.level).toBe('former-district');
    expect(t.rows.map((r) => [r.code, r.name, r.lsoas, r.population.toString()])).toEqual([
      ['E06000903', 'Portcity, City of', 1, '80'],
      ['E07000901', 'Oldtown', 2, '300'],
      ['E07000902', 'Newtown', 1, '150'],
      ['E07000903', 'Southtown', 2, '150'],
      ['E07000905', 'Farfield', 1, '120'],
      ['E09000901', 'Riverside', 1, '90'],
    ]);
    const lsoa = lsoaPennies(a);
    // Southtown is F04 (now West Fakeshire) and F05 (now Borderdale): exactly their pennies.
    expect(pennies(t.rows[3]!.allocation)).toBe((lsoa.get('F04') as bigint) + (lsoa.get('F05') as bigint));
    expect(t.total.allocation.toFixed(2)).toBe('1000.00');
  });

  it('adds LSOAs up into counties and regions', () => {
    const a = allocate(pack2025, '1000');
    expect(tabulate(a, { level: 'county' }).rows.map((r) => [r.code, r.lsoas])).toEqual([
      ['E06000901', 3],
      ['E06000902', 1],
      ['E06000903', 1],
      ['E09000901', 1],
      ['E10000902', 2],
    ]);
    expect(tabulate(a, { level: 'region' }).rows.map((r) => [r.code, r.name, r.lsoas])).toEqual([
      ['E12000901', 'Midlandia', 6],
      ['E12000902', 'Southlands', 2],
    ]);
  });

  it('groups whole LSOAs into the wards the units carry, marking a ward derived when any of its LSOAs is', () => {
    const t = tabulate(allocate(pack2025, '1000'), { level: 'ward' });
    expect(t.rows.map((r) => [r.code, r.name, r.lsoas, r.derived])).toEqual([
      ['E05000901', 'Oldtown Central', 2, true],
      ['E05000902', 'Newtown East', 1, true],
      ['E05000903', 'Southtown Vale', 1, true],
      ['E05000904', 'Border Hills', 1, false],
      ['E05000905', 'Farfield Town', 1, false],
      ['E05000906', 'Harbour', 1, false],
      ['E05000907', 'Bankside', 1, false],
    ]);
    expect(t.total.derived).toBeUndefined();
  });

  it('marks no ward derived when the data has no ward_derived field', () => {
    const plain = { ...pack2025, fields: new Map([...pack2025.fields].filter(([name]) => name !== 'ward_derived')) };
    expect(tabulate(allocate(plain, '1000'), { level: 'ward' }).rows.every((r) => r.derived === false)).toBe(true);
  });

  it('gives the district table as before when no level is named, and the same rows for level district', () => {
    const a = allocate(fixtureDataset(FIVE_LSOAS), '1000');
    const t = tabulate(a);
    expect(t).not.toHaveProperty('level');
    expect(t.rows[0]).not.toHaveProperty('derived');
    expect(tabulate(a, { level: 'district' })).toEqual(t);
  });

  it('makes each former district its district where units have no former district (2019, --data)', () => {
    const a = allocate(fixtureDataset(FIVE_LSOAS), '1000');
    expect(tabulate(a, { level: 'former-district' }).rows).toEqual(tabulate(a).rows);
  });

  it('throws (a bug) when a unit has no area at the level; hasLevel says so first', () => {
    const five = fixtureDataset(FIVE_LSOAS);
    expect(hasLevel(five, 'region')).toBe(false);
    expect(hasLevel(five, 'county')).toBe(false);
    expect(hasLevel(five, 'former-district')).toBe(true);
    expect(GROUP_LEVELS.every((level) => hasLevel(pack2025, level))).toBe(true);
    expect(() => tabulate(allocate(five, '10'), { level: 'region' })).toThrow('tabulate: unit F01 has no region');
  });

  it('keeps the level and the derived marks through withAllocations', () => {
    const t = tabulate(allocate(pack2025, '1000'), { level: 'ward' });
    const again = withAllocations(
      t,
      t.rows.map((r) => pennies(r.allocation)),
    );
    expect(again.level).toBe('ward');
    expect(again.rows.map((r) => r.derived)).toEqual(t.rows.map((r) => r.derived));
  });

  it('makes every level add up to the budget, each area exactly the sum of its LSOAs, whatever the row order (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GROUP_LEVELS), fc.integer({ min: 1, max: 10_000_000 }), fc.boolean(), (level: GroupLevel, budgetPennies, reversed) => {
        const units = reversed ? [...pack2025.units].reverse() : pack2025.units;
        const fields = new Map([...pack2025.fields].map(([name, values]) => [name, reversed ? Float64Array.from(values).reverse() : values]));
        const a = allocate({ ...pack2025, units, fields }, (budgetPennies / 100).toFixed(2));
        const t = tabulate(a, { level });
        const lsoa = lsoaPennies(a);
        for (const row of t.rows) {
          const members = a.dataset.units.filter((u) => unitGroup(u, level)?.code === row.code);
          expect(pennies(row.allocation)).toBe(members.reduce((sum, u) => sum + (lsoa.get(u.code) as bigint), 0n));
        }
        expect(pennies(t.total.allocation)).toBe(BigInt(budgetPennies));
        expect(t.rows.map((r) => r.code)).toEqual([...t.rows.map((r) => r.code)].sort());
      }),
      { numRuns: 60 },
    );
  });
});
