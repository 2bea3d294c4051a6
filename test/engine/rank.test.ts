import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rank } from '../../src/engine/rank.js';

describe('rank', () => {
  it('gives 1 to the least need and N to the most need', () => {
    expect([...rank([10, 40, 20, 30])]).toEqual([1, 4, 2, 3]);
  });

  it('gives tied values the mean of the ranks they span, like RANK.AVG', () => {
    expect([...rank([10, 30, 20, 20])]).toEqual([1, 4, 2.5, 2.5]);
    expect([...rank([5, 5, 5])]).toEqual([2, 2, 2]);
    expect([...rank([1, 2, 2, 2, 3])]).toEqual([1, 3, 3, 3, 5]);
  });

  it('reads a national IoD rank as less need the larger it is', () => {
    // National rank 1 = most deprived in England, so it gets the highest need rank.
    expect([...rank([1, 32844, 100], { higherMeans: 'less-need' })]).toEqual([3, 1, 2]);
  });

  it('reads a rate as more need the larger it is', () => {
    expect([...rank([0.05, 0.3, 0.1], { higherMeans: 'more-need' })]).toEqual([1, 3, 2]);
  });

  it('treats 0 and -0 as a tie', () => {
    expect([...rank([0, -0])]).toEqual([1.5, 1.5]);
  });

  it('returns nothing for no values', () => {
    expect(rank([]).length).toBe(0);
  });

  it('refuses values that are not finite numbers', () => {
    expect(() => rank([1, Number.NaN])).toThrow(RangeError);
  });

  it('agrees with the definition (count below + half the ties) on whole numbers and on fractions', () => {
    const reference = (values: number[]) => values.map((v) => values.filter((w) => w < v).length + (values.filter((w) => w === v).length + 1) / 2);
    const check = (values: number[]): void => {
      expect([...rank(values)]).toEqual(reference(values));
    };
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 60 }), check));
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 }), check));
    fc.assert(
      fc.property(
        fc.array(
          fc.double({ min: -1, max: 1, noNaN: true }).map((x) => x + 0),
          { maxLength: 60 },
        ),
        check,
      ),
    );
    fc.assert(fc.property(fc.array(fc.constantFrom(0.1, 0.2, 0.30000000000000004, 0.3), { maxLength: 60 }), check));
  });

  it('ranks more units than fit the packed fast path, and huge whole numbers, correctly', () => {
    const many = Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 1000);
    const ranks = rank(many);
    // 70 of each value 0..999: value v spans ranks 70v+1..70v+70, mean 70v + 35.5.
    expect(ranks[0]).toBe(35.5);
    expect(ranks[1]).toBe(70 * 919 + 35.5);
    expect([...rank([2 ** 52, -(2 ** 52), 0])]).toEqual([3, 1, 2]);
  });

  it('always sums to N(N+1)/2 and does not depend on input order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 }), (values) => {
        const ranks = rank(values);
        const n = values.length;
        expect(ranks.reduce((s, r) => s + r, 0)).toBe((n * (n + 1)) / 2);
        const reversed = rank([...values].reverse());
        expect([...reversed].reverse()).toEqual([...ranks]);
      }),
    );
  });
});
