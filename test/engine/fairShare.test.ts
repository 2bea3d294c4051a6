import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { fairShare, type Allocation } from '../../src/engine/fairShare.js';
import type { Formula } from '../../src/engine/formula.js';
import { weigh, type WeighOptions } from '../../src/engine/weigh.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

function run(rows: Parameters<typeof fixtureDataset>[0], formula: Formula, budget: string, options: WeighOptions = {}): Allocation {
  const weighted = weigh(formula, options);
  if (!weighted.ok) throw new Error(weighted.error.message);
  const result = fairShare(fixtureDataset(rows), weighted.value, new Exact(budget));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
const byCode = (a: Allocation) => Object.fromEntries(a.dataset.units.map((u, i) => [u.code, a.amounts[i]!.toFixed(2)]));

describe('fairShare', () => {
  const formula = fixtureFormula(['need_a', 'need_b']);

  it('reproduces the hand-worked five-LSOA example to the penny', () => {
    const a = run(FIVE_LSOAS, formula, '1000');
    // need_a 10,30,20,40,20 → ranks 1, 4, 2.5, 5, 2.5; need_b 5,5,1,9,7 → ranks 2.5, 2.5, 1, 5, 4.
    expect([...a.domains[0]!.ranks]).toEqual([1, 4, 2.5, 5, 2.5]);
    expect([...a.domains[1]!.ranks]).toEqual([2.5, 2.5, 1, 5, 4]);
    expect(a.figures.map(String)).toEqual(['3.5', '6.5', '3.5', '10', '6.5']);
    expect(a.figures.map((f, i) => f.times(a.populations[i]!).toString())).toEqual(['350', '1300', '525', '500', '650']);
    expect(a.totalWeighted.toString()).toBe('3325');
    // Floors 10526 + 39097 + 15789 + 15037 + 19548 = 99,997 pennies; the 3 left over go to the
    // largest remainders F05 (.872), F02 (.744) and F04 (.594).
    expect(byCode(a)).toEqual({ F01: '105.26', F02: '390.98', F03: '157.89', F04: '150.38', F05: '195.49' });
  });

  it('combines a multi-source domain by ranking the mean of its source ranks', () => {
    const two: Formula = {
      id: 'f',
      name: 'f',
      description: '',
      domains: [
        {
          id: 'both',
          label: 'both',
          weight: '1',
          sources: [
            { field: 'need_a', label: 'a', higherMeans: 'more-need' },
            { field: 'need_b', label: 'b', higherMeans: 'more-need' },
          ],
        },
      ],
    };
    const a = run(FIVE_LSOAS, two, '1000');
    // Means: F01 1.75, F02 3.25, F03 1.75, F04 5, F05 3.25 → ranks 1.5, 3.5, 1.5, 5, 3.5.
    expect([...a.domains[0]!.ranks]).toEqual([1.5, 3.5, 1.5, 5, 3.5]);
  });

  it('flips a less-need source (national IoD rank, 1 = most deprived)', () => {
    const f: Formula = {
      ...formula,
      domains: [{ id: 'imd', label: 'imd', weight: '1', sources: [{ field: 'need_a', label: 'a', higherMeans: 'less-need' }] }],
    };
    const a = run(FIVE_LSOAS, f, '1000');
    expect([...a.domains[0]!.ranks]).toEqual([5, 2, 3.5, 1, 3.5]);
  });

  it('shares exactly by fractional populations, as if they were scaled to whole numbers', () => {
    const fractional = FIVE_LSOAS.map((r, i) => ({ ...r, population: [1.5, 2.25, 0.1, 3, 0.75][i]! }));
    const scaled = fractional.map((r) => ({ ...r, population: Math.round(r.population * 100) }));
    expect(byCode(run(fractional, formula, '1000'))).toEqual(byCode(run(scaled, formula, '1000')));
  });

  it('refuses a zero budget, fractions of a penny, no units and a zero total population', () => {
    const weighted = weigh(formula);
    if (!weighted.ok) throw new Error('weigh');
    const ds = fixtureDataset(FIVE_LSOAS);
    expect(fairShare(ds, weighted.value, new Exact(0))).toMatchObject({ ok: false, error: { code: 'bad-budget' } });
    expect(fairShare(ds, weighted.value, new Exact('1.001'))).toMatchObject({ ok: false, error: { code: 'bad-budget' } });
    expect(fairShare({ ...ds, units: [], fields: new Map() }, weighted.value, new Exact(1))).toMatchObject({ ok: false, error: { code: 'empty-area' } });
    const zero = fixtureDataset(FIVE_LSOAS.map((r) => ({ ...r, population: 0 })));
    expect(fairShare(zero, weighted.value, new Exact(1))).toMatchObject({ ok: false, error: { code: 'zero-population' } });
  });

  it('refuses a formula source the data does not have', () => {
    const weighted = weigh(fixtureFormula(['need_c']));
    if (!weighted.ok) throw new Error('weigh');
    const result = fairShare(fixtureDataset(FIVE_LSOAS), weighted.value, new Exact(1));
    expect(result).toMatchObject({ ok: false, error: { kind: 'data', code: 'missing-field' } });
  });

  describe('properties', () => {
    const rowsArb = fc
      .uniqueArray(
        fc.record({
          code: fc.stringMatching(/^E0[0-9]{4}$/),
          district: fc.constantFrom('North', 'South', 'East'),
          population: fc.integer({ min: 0, max: 3000 }),
          need_a: fc.integer({ min: 0, max: 20 }),
          need_b: fc.double({ min: 0, max: 1, noNaN: true }),
          need_c: fc.integer({ min: -5, max: 5 }),
        }),
        { minLength: 1, maxLength: 25, selector: (r) => r.code },
      )
      .filter((rows) => rows.some((r) => r.population > 0));
    const budgetArb = fc.integer({ min: 1, max: 5_000_000_000 }).map((p) => new Exact(p).dividedBy(100).toFixed(2));
    const threeDomains = fixtureFormula(['need_a', 'need_b', 'need_c']);

    it('adds up to the budget to the penny', () => {
      fc.assert(
        fc.property(rowsArb, budgetArb, (rows, budget) => {
          const a = run(rows, threeDomains, budget);
          expect(a.amounts.reduce((s, x) => s.plus(x), new Exact(0)).toFixed(2)).toBe(new Exact(budget).toFixed(2));
          for (const x of a.amounts) expect(x.times(100).isInteger()).toBe(true);
        }),
      );
    });

    it('gives the same amounts whatever the row order', () => {
      fc.assert(
        fc.property(rowsArb, budgetArb, fc.integer(), (rows, budget, seed) => {
          const shuffled = [...rows].sort((x, y) => ((x.code.charCodeAt(4) * seed) % 7) - ((y.code.charCodeAt(4) * seed) % 7) || (x.code < y.code ? 1 : -1));
          expect(byCode(run(shuffled, threeDomains, budget))).toEqual(byCode(run(rows, threeDomains, budget)));
        }),
      );
    });

    // The last constant pushes the exact figure arithmetic past 2^53, onto its BigInt path.
    it('does not change when every weight is multiplied by the same constant', () => {
      fc.assert(
        fc.property(rowsArb, budgetArb, fc.constantFrom('2', '3', '0.5', '7.25', '100', '1234567890123.25'), (rows, budget, k) => {
          const base = run(rows, threeDomains, budget, { weights: { need_a: '1', need_b: '2', need_c: '0.5' } });
          const kk = new Exact(k);
          const scaled = run(rows, threeDomains, budget, {
            weights: { need_a: kk.times(1).toString(), need_b: kk.times(2).toString(), need_c: kk.times('0.5').toString() },
          });
          expect(byCode(scaled)).toEqual(byCode(base));
        }),
      );
    });

    it('excluding a domain equals giving it weight 0', () => {
      fc.assert(
        fc.property(rowsArb, budgetArb, fc.constantFrom('need_a', 'need_b', 'need_c'), (rows, budget, id) => {
          expect(byCode(run(rows, threeDomains, budget, { exclude: [id] }))).toEqual(byCode(run(rows, threeDomains, budget, { weights: { [id]: '0' } })));
        }),
      );
    });
  });
});
