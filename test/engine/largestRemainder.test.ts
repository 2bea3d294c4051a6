import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestRemainder, largestRemainderOfNumbers } from '../../src/engine/largestRemainder.js';

describe('largestRemainder', () => {
  it('floors each share, then gives the leftover units to the largest remainders', () => {
    // Exact shares of 10 by 1:2:4 are 1.43, 2.86, 5.71: floors 1+2+5 = 8, leftover 2 go to .86 and .71.
    expect(largestRemainder(10n, [1n, 2n, 4n], ['a', 'b', 'c'])).toEqual([1n, 3n, 6n]);
  });

  it('breaks equal remainders by the lower key first', () => {
    expect(largestRemainder(10n, [1n, 1n, 1n], ['c', 'a', 'b'])).toEqual([3n, 4n, 3n]);
    expect(largestRemainder(2n, [1n, 1n, 1n], ['c', 'a', 'b'])).toEqual([0n, 1n, 1n]);
  });

  it('gives nothing to a zero weight', () => {
    expect(largestRemainder(7n, [0n, 1n, 0n], ['a', 'b', 'c'])).toEqual([0n, 7n, 0n]);
  });

  it('shares a total of zero as all zeros', () => {
    expect(largestRemainder(0n, [1n, 2n], ['a', 'b'])).toEqual([0n, 0n]);
  });

  it('is exact with weights far beyond floating point', () => {
    const big = 10n ** 40n;
    expect(largestRemainder(3n, [big, 2n * big + 1n], ['a', 'b'])).toEqual([1n, 2n]);
  });

  it('orders remainders that differ below floating-point precision exactly', () => {
    // 1 unit by weights 10^30 and 10^30 + 1: remainders ½ − 1/(4·10^30 + 2) and ½ + …; the second wins.
    const big = 10n ** 30n;
    expect(largestRemainder(1n, [big, big + 1n], ['a', 'b'])).toEqual([0n, 1n]);
    expect(largestRemainder(1n, [big + 1n, big], ['a', 'b'])).toEqual([1n, 0n]);
  });

  it('throws on a negative total, a negative weight or all-zero weights (bugs, not user errors)', () => {
    expect(() => largestRemainder(-1n, [1n], ['a'])).toThrow(RangeError);
    expect(() => largestRemainder(1n, [-1n, 2n], ['a', 'b'])).toThrow(RangeError);
    expect(() => largestRemainder(1n, [0n, 0n], ['a', 'b'])).toThrow(RangeError);
    expect(() => largestRemainder(1n, [1n], ['a', 'b'])).toThrow(RangeError);
  });

  it('always adds up exactly to the total, each part within 1 of its exact share, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const keys = weights.map((_, i) => `k${String(i).padStart(3, '0')}`);
          const parts = largestRemainder(total, weights, keys);
          expect(parts.reduce((s, p) => s + p, 0n)).toBe(total);
          const sum = weights.reduce((s, w) => s + w, 0n);
          parts.forEach((p, i) => {
            // |p − total × w / sum| < 1  ⇔  |p × sum − total × w| < sum
            const diff = p * sum - total * (weights[i] as bigint);
            expect(diff < sum && -diff < sum).toBe(true);
          });
          const reversed = largestRemainder(total, [...weights].reverse(), [...keys].reverse());
          expect([...reversed].reverse()).toEqual(parts);
        },
      ),
    );
  });
});

describe('largestRemainderOfNumbers', () => {
  const bigints = (parts: Float64Array | undefined) => (parts === undefined ? undefined : Array.from(parts, (p) => BigInt(p)));

  it('gives exactly the parts of largestRemainder, ties and near-ties included', () => {
    const check = (total: number, weights: number[], keys: string[] = weights.map((_, i) => `k${String(i).padStart(3, '0')}`)) => {
      expect(bigints(largestRemainderOfNumbers(total, new Float64Array(weights), keys))).toEqual(largestRemainder(BigInt(total), weights.map(BigInt), keys));
    };
    check(10, [1, 1, 1]);
    check(10, [1, 1, 1], ['c', 'a', 'b']);
    check(0, [3, 4]);
    check(7, [0, 5, 0, 5]);
    // Remainders that differ by one part in 2^52 of the sum, and shares past 2^51 (worked out exactly).
    check(2 ** 52, [2 ** 50 - 1, 1, 1, 2 ** 50 - 3]);
    check(2 ** 52 - 1, [2 ** 51, 3, 2 ** 51 - 7]);
    // Shares whose double rounds up past a whole number (found by search): floors worked out exactly.
    check(9007199254740573, [2753094834065144, 749]);
    check(9007199254740196, [1608108821115285, 193]);
    check(Number.MAX_SAFE_INTEGER, [1, 2, 3, 4, 5]);
    check(123_456_789_01, [3, 3, 3, 3, 3, 3, 3]);
  });

  it('agrees with largestRemainder on any whole numbers that fit a double, whatever the order', () => {
    const safe = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(
        fc.oneof(safe, fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 1, 2 ** 52, 120_000_000_000)),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(0, 1, 7, 2 ** 45)), {
          minLength: 1,
          maxLength: 40,
        }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0) && weights.reduce((s, w) => s + w, 0) <= Number.MAX_SAFE_INTEGER);
          const keys = weights.map((_, i) => `k${String((i * 7) % 40).padStart(3, '0')}${i}`);
          expect(bigints(largestRemainderOfNumbers(total, new Float64Array(weights), keys))).toEqual(
            largestRemainder(BigInt(total), weights.map(BigInt), keys),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('declines numbers that do not fit a double exactly', () => {
    expect(largestRemainderOfNumbers(2 ** 53, new Float64Array([1]), ['a'])).toBeUndefined();
    expect(largestRemainderOfNumbers(10, new Float64Array([2 ** 52, 2 ** 52]), ['a', 'b'])).toBeUndefined();
    expect(largestRemainderOfNumbers(10, new Float64Array([0.5, 1]), ['a', 'b'])).toBeUndefined();
  });
});
