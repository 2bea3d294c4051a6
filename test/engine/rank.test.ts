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
