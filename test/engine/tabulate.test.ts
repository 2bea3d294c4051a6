import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { fairShare } from '../../src/engine/fairShare.js';
import { tabulate, withAllocations } from '../../src/engine/tabulate.js';
import { weigh } from '../../src/engine/weigh.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

function table(rows: Parameters<typeof fixtureDataset>[0], budget: string) {
  const weighted = weigh(fixtureFormula(['need_a', 'need_b']));
  if (!weighted.ok) throw new Error('weigh');
  const result = fairShare(fixtureDataset(rows), weighted.value, new Exact(budget));
  if (!result.ok) throw new Error(result.error.message);
  return tabulate(result.value);
}

describe('tabulate', () => {
  it('adds LSOA pennies up into districts with share and £ per person rounded half-up', () => {
    const t = table(FIVE_LSOAS, '1000');
    const plain = t.rows.map((r) => [r.code, r.name, r.lsoas, r.population.toString(), r.allocation.toFixed(2), r.sharePct, r.perPerson]);
    // North = 105.26 + 390.98; South = 157.89 + 150.38 + 195.49. South per person 503.76/300 = 1.6792 → 1.68.
    expect(plain).toEqual([
      ['D-North', 'North', 2, '300', '496.24', '49.62', '1.65'],
      ['D-South', 'South', 3, '300', '503.76', '50.38', '1.68'],
    ]);
    expect(t.total.allocation.toFixed(2)).toBe('1000.00');
    expect(t.total.sharePct).toBe('100.00');
    expect(t.total.lsoas).toBe(5);
  });

  it('sorts districts by code whatever the row order', () => {
    const t = table([...FIVE_LSOAS].reverse(), '1000');
    expect(t.rows.map((r) => r.name)).toEqual(['North', 'South']);
  });

  it('leaves £ per person empty for a district where no one lives', () => {
    const rows = [...FIVE_LSOAS, { code: 'F06', district: 'Empty', population: 0, need_a: 1, need_b: 1 }];
    const empty = table(rows, '1000').rows.find((r) => r.name === 'Empty');
    expect(empty).toMatchObject({ perPerson: '', sharePct: '0.00' });
    expect(empty?.allocation.toFixed(2)).toBe('0.00');
  });

  it('rounds a share of exactly half a hundredth up', () => {
    // £0.03 over three equal LSOAs: a penny each, 33.333…% → 33.33.
    const three = [
      { code: 'A', district: 'A', population: 1, need_a: 1, need_b: 1 },
      { code: 'B', district: 'B', population: 1, need_a: 1, need_b: 1 },
      { code: 'C', district: 'C', population: 1, need_a: 1, need_b: 1 },
    ];
    expect(table(three, '0.03').rows.map((r) => r.sharePct)).toEqual(['33.33', '33.33', '33.33']);
    const two = three.slice(0, 2);
    // £0.01 over two equal LSOAs: the penny goes to the lower code, A: 100.00% and £0.01 per person.
    expect(table(two, '0.01').rows.map((r) => [r.sharePct, r.perPerson])).toEqual([
      ['100.00', '0.01'],
      ['0.00', '0.00'],
    ]);
    // £0.08 for 16 people in one LSOA: 0.005 per person rounds half-up to 0.01.
    expect(table([{ code: 'A', district: 'A', population: 16, need_a: 1, need_b: 1 }], '0.08').rows[0]?.perPerson).toBe('0.01');
  });
});

describe('withAllocations', () => {
  it('puts new amounts into the same districts, working out share and £ per person again against the budget', () => {
    const t = withAllocations(table(FIVE_LSOAS, '1000'), [40000n, 60000n]);
    expect(t.rows.map((r) => [r.code, r.allocation.toFixed(2), r.sharePct, r.perPerson])).toEqual([
      ['D-North', '400.00', '40.00', '1.33'],
      ['D-South', '600.00', '60.00', '2.00'],
    ]);
    expect(t.total).toMatchObject({ name: 'Total', lsoas: 5, sharePct: '100.00' });
    expect(t.total.allocation.toFixed(2)).toBe('1000.00');
  });

  it('throws unless there is one amount per district (a bug)', () => {
    expect(() => withAllocations(table(FIVE_LSOAS, '1000'), [1n])).toThrow(RangeError);
  });
});
