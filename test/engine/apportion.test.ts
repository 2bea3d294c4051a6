import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, shareFractions } from '../../src/engine/apportion.js';

const asObject = (m: Map<string, bigint>) => Object.fromEntries([...m].map(([k, v]) => [k, Number(v)]));

describe('apportion', () => {
  it('gives a unit shared 1 to one area all of its pennies', () => {
    const shares = [
      { unit: 0, area: 'W1', share: '1' },
      { unit: 1, area: 'W1', share: '1' },
      { unit: 2, area: 'W2', share: '1' },
    ];
    expect(asObject(apportion([100n, 50n, 7n], shares))).toEqual({ W1: 150, W2: 7 });
  });

  it('splits a unit by its shares and gives the leftover penny to the largest remainder', () => {
    // 101p split 0.5 / 0.5: 50.5 each; the leftover penny goes to the lower area code on a tie.
    expect(
      asObject(
        apportion(
          [101n],
          [
            { unit: 0, area: 'B', share: '0.5' },
            { unit: 0, area: 'A', share: '0.5' },
          ],
        ),
      ),
    ).toEqual({ A: 51, B: 50 });
  });

  it('treats 0.333333333333 three times as exactly a third', () => {
    const thirds = ['D1', 'D2', 'D3'].map((area) => ({ unit: 0, area, share: '0.333333333333' }));
    expect(asObject(apportion([300n], thirds))).toEqual({ D1: 100, D2: 100, D3: 100 });
  });

  it('rounds over the whole of each area, not unit by unit', () => {
    // Three units of 1p, each split half and half: exact amounts 1.5p each, not 0+0+0 or 1+1+1.
    const shares = [0, 1, 2].flatMap((unit) => [
      { unit, area: 'X', share: '0.5' },
      { unit, area: 'Y', share: '0.5' },
    ]);
    expect(asObject(apportion([1n, 1n, 1n], shares))).toEqual({ X: 2, Y: 1 });
  });

  it('adds up exactly to the units’ pennies, each area within a penny of its exact amount', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ pennies: fc.bigInt({ min: 0n, max: 10n ** 9n }), shares: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 4 }) }),
          { minLength: 1, maxLength: 12 },
        ),
        (units) => {
          const shares = units.flatMap((u, unit) => {
            const sum = u.shares.reduce((s, x) => s + x, 0);
            return u.shares.map((x, k) => ({ unit, area: `A${(unit + k) % 5}`, share: (x / sum).toFixed(12) }));
          });
          const result = apportion(
            units.map((u) => u.pennies),
            shares,
          );
          const total = [...result.values()].reduce((s, p) => s + p, 0n);
          expect(total).toBe(units.reduce((s, u) => s + u.pennies, 0n));
          const fractions = shareFractions(shares);
          const exact = new Map<string, number>();
          shares.forEach((s, i) => exact.set(s.area, (exact.get(s.area) ?? 0) + Number(units[s.unit]!.pennies) * fractions[i]!.toNumber()));
          for (const [area, p] of result) expect(Math.abs(Number(p) - (exact.get(area) ?? 0))).toBeLessThan(1 + 1e-6 * Number(total));
        },
      ),
    );
  });
});
