import { describe, expect, it } from 'vitest';
import { Exact, round2, scaledText } from '../../src/engine/exact.js';
import { percentOf, perPersonPlain, pounds, poundsPlain } from '../../src/engine/money.js';

describe('money', () => {
  it('turns whole pennies into exact pounds, beyond what a double holds', () => {
    expect(pounds(142664949n).toFixed(2)).toBe('1426649.49');
    expect(poundsPlain(12345678901234567890n)).toBe('123456789012345678.90');
    expect(poundsPlain(-150n)).toBe('-1.50');
    expect(poundsPlain(0n)).toBe('0.00');
  });

  it('writes a part of a whole as a percentage rounded half-up to 2 decimals', () => {
    expect(percentOf(new Exact(1), new Exact(3))).toBe('33.33');
    expect(percentOf('1', '8')).toBe('12.50');
    expect(percentOf('1', '800')).toBe('0.13'); // 0.125 rounds up
    expect(percentOf('-1', '800')).toBe('-0.13');
  });

  it('never writes -0.00 for a fall too small to show, and nothing for a whole of 0', () => {
    expect(percentOf('-1', '1000000')).toBe('0.00');
    expect(percentOf('5', '0')).toBe('');
  });
});

describe('money from integers, as decimal.js would write it', () => {
  it('writes pennies as pounds exactly as Decimal.toFixed(2) does, for any whole number of pennies', async () => {
    const fc = (await import('fast-check')).default;
    // Past 2^53 the digits are the BigInt's; up to it (every real amount) they are worked out in doubles.
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    const amounts = fc.oneof(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
      fc.bigInt({ min: -safe, max: safe }),
      fc.bigInt({ min: -10_000n, max: 10_000n }),
      fc.constantFrom(safe, -safe, safe + 1n, -safe - 1n, 99n, -99n, 100n, -1n),
    );
    fc.assert(
      fc.property(amounts, (pennies) => {
        expect(poundsPlain(pennies)).toBe(new Exact(pennies.toString()).dividedBy(100).toFixed(2));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives £ per person exactly as round2(pounds ÷ people), for whole and fractional people', async () => {
    const fc = (await import('fast-check')).default;
    const people = fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.double({ min: 0.5, max: 5000, noNaN: true }), fc.constantFrom(1, 2, 3, 8, 400, 1296));
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.bigInt({ min: 0n, max: 10n ** 18n })), people, (pennies, population) => {
        expect(perPersonPlain(pennies, population)).toBe(round2(new Exact(pennies.toString()).dividedBy(100).dividedBy(population)));
      }),
      { numRuns: 3000 },
    );
    expect(perPersonPlain(5n, 0)).toBe('');
    expect(perPersonPlain(1n, 2)).toBe('0.01'); // half a penny rounds up
  });

  it('writes pennies held as a double exactly as the same pennies as a BigInt, and refuses a double that is not whole', async () => {
    const fc = (await import('fast-check')).default;
    const people = fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.double({ min: 0.5, max: 5000, noNaN: true }));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.maxSafeNat()), people, (pennies, population) => {
        expect(poundsPlain(pennies)).toBe(poundsPlain(BigInt(pennies)));
        expect(perPersonPlain(pennies, population)).toBe(perPersonPlain(BigInt(pennies), population));
      }),
      { numRuns: 3000 },
    );
    for (const bad of [0.5, 2 ** 53, Number.NaN, Infinity]) {
      expect(() => poundsPlain(bad)).toThrow(RangeError);
      expect(() => perPersonPlain(bad, 3)).toThrow(RangeError);
    }
  });
});

describe('scaledText', () => {
  it('writes units ÷ 10^places exactly as Decimal.toString() does, exponents included', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 16 }), (units, places) => {
        expect(scaledText(units, places)).toBe(new Exact(units.toString()).dividedBy(new Exact(10).pow(places)).toString());
      }),
      { numRuns: 3000 },
    );
    expect(scaledText(9805n, 1)).toBe('980.5');
    expect(scaledText(5n, 11)).toBe('5e-11');
  });
});
