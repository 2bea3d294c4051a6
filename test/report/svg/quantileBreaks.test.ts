import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classOf, quantileBreaks } from '../../../src/report/svg/quantileBreaks.js';

const classesOf = (values: readonly number[], k = 5): number[] => {
  const breaks = quantileBreaks(values, k);
  return values.map((v) => classOf(v, breaks));
};

describe('quantileBreaks', () => {
  it('puts the quintile breaks at the 20th, 40th, 60th and 80th percentiles by nearest rank', () => {
    // n = 10: ranks ⌈2⌉, ⌈4⌉, ⌈6⌉, ⌈8⌉.
    expect(quantileBreaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([2, 4, 6, 8]);
    // n = 7: ranks ⌈1.4⌉ = 2, ⌈2.8⌉ = 3, ⌈4.2⌉ = 5, ⌈5.6⌉ = 6.
    expect(quantileBreaks([70, 10, 60, 20, 50, 30, 40])).toEqual([20, 30, 50, 60]);
  });

  it('gives each of five distinct values its own class', () => {
    expect(quantileBreaks([5, 4, 3, 2, 1])).toEqual([1, 2, 3, 4]);
    expect(classesOf([5, 4, 3, 2, 1])).toEqual([4, 3, 2, 1, 0]);
  });

  it('splits values into classes of two for ten values', () => {
    expect(classesOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('keeps tied values in one class and leaves the class between equal breaks empty', () => {
    const values = [1, 2, 2, 2, 2, 3, 4, 5, 6, 7];
    // ranks 2, 4, 6, 8 of the sorted values.
    expect(quantileBreaks(values)).toEqual([2, 2, 3, 5]);
    expect(classesOf(values)).toEqual([0, 0, 0, 0, 0, 2, 3, 3, 4, 4]);
  });

  it('uses fewer classes when there are fewer than five distinct values', () => {
    // n = 4: ranks ⌈0.8⌉ = 1, ⌈1.6⌉ = 2, ⌈2.4⌉ = 3, ⌈3.2⌉ = 4.
    expect(quantileBreaks([9, 5, 5, 5])).toEqual([5, 5, 5, 9]);
    expect(classesOf([9, 5, 5, 5])).toEqual([3, 0, 0, 0]);
    expect(classesOf([7, 7, 7])).toEqual([0, 0, 0]);
  });

  it('has no breaks for no values, and ignores values that are not finite numbers', () => {
    expect(quantileBreaks([])).toEqual([]);
    expect(classOf(3, [])).toBe(0);
    expect(quantileBreaks([Number.NaN, 1, 2, 3, 4, 5, Number.POSITIVE_INFINITY])).toEqual([1, 2, 3, 4]);
  });

  it('makes k − 1 breaks for k classes', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([2, 4, 6]);
    expect(quantileBreaks([1, 2, 3], 1)).toEqual([]);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    quantileBreaks(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('orders classes like values, and each class holds at most its share plus the ties', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }), (values) => {
        const breaks = quantileBreaks(values);
        for (const a of values) {
          for (const b of values) {
            if (a < b) expect(classOf(a, breaks)).toBeLessThanOrEqual(classOf(b, breaks));
          }
        }
        // Nearest rank: at least j/5 of the values are at or below break j.
        breaks.forEach((b, i) => {
          expect(values.filter((v) => v <= b).length * 5).toBeGreaterThanOrEqual((i + 1) * values.length);
        });
        // Order of the input does not matter.
        expect(quantileBreaks([...values].reverse())).toEqual(breaks);
      }),
    );
  });
});
