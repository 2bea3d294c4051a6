import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { largestRemainder } from '../../src/engine/largestRemainder.js';

const ints = (xs: number[]) => xs.map((x) => new Exact(x));
const plain = (xs: { toNumber(): number }[]) => xs.map((x) => x.toNumber());

describe('largestRemainder', () => {
  it('floors each share, then gives the leftover units to the largest remainders', () => {
    // Exact shares of 10 by 1:2:4 are 1.43, 2.86, 5.71: floors 1+2+5 = 8, leftover 2 go to .86 and .71.
    expect(plain(largestRemainder(new Exact(10), ints([1, 2, 4]), ['a', 'b', 'c']))).toEqual([1, 3, 6]);
  });

  it('breaks equal remainders by the lower key first', () => {
    expect(plain(largestRemainder(new Exact(10), ints([1, 1, 1]), ['c', 'a', 'b']))).toEqual([3, 4, 3]);
    expect(plain(largestRemainder(new Exact(2), ints([1, 1, 1]), ['c', 'a', 'b']))).toEqual([0, 1, 1]);
  });

  it('gives nothing to a zero weight', () => {
    expect(plain(largestRemainder(new Exact(7), ints([0, 1, 0]), ['a', 'b', 'c']))).toEqual([0, 7, 0]);
  });

  it('shares a total of zero as all zeros', () => {
    expect(plain(largestRemainder(new Exact(0), ints([1, 2]), ['a', 'b']))).toEqual([0, 0]);
  });

  it('is exact where floating point would not be', () => {
    // 0.1 + 0.2 style weights: decimal weights stay exact.
    const parts = largestRemainder(new Exact(3), [new Exact('0.1'), new Exact('0.2')], ['a', 'b']);
    expect(plain(parts)).toEqual([1, 2]);
  });

  it('throws on a negative total, a negative weight or all-zero weights (bugs, not user errors)', () => {
    expect(() => largestRemainder(new Exact(-1), ints([1]), ['a'])).toThrow(RangeError);
    expect(() => largestRemainder(new Exact(1), ints([-1, 2]), ['a', 'b'])).toThrow(RangeError);
    expect(() => largestRemainder(new Exact(1), ints([0, 0]), ['a', 'b'])).toThrow(RangeError);
    expect(() => largestRemainder(new Exact('1.5'), ints([1]), ['a'])).toThrow(RangeError);
  });

  it('always adds up exactly to the total, and each part is within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = largestRemainder(new Exact(total), ints(weights), weights.map((_, i) => `k${String(i).padStart(3, '0')}`));
          expect(parts.reduce((s, p) => s.plus(p), new Exact(0)).toNumber()).toBe(total);
          const sum = weights.reduce((s, w) => s + w, 0);
          parts.forEach((p, i) => {
            const exact = new Exact(total).times(weights[i] as number).dividedBy(sum);
            expect(p.minus(exact).abs().lt(1)).toBe(true);
          });
        },
      ),
    );
  });
});
