import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveWeights } from '../../src/engine/effectiveWeights.js';
import { rankDomains } from '../../src/engine/rankDomains.js';
import { weigh } from '../../src/engine/weigh.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

/** The effective weights of a fixture: rows of need values, weights by id. */
function weightsOf(rows: typeof FIVE_LSOAS, weights: Record<string, string> = {}, exclude: string[] = []) {
  const ids = Object.keys(rows[0] ?? {}).filter((k) => k.startsWith('need_'));
  const weighed = weigh(fixtureFormula(ids), { weights: new Map(Object.entries(weights)), exclude });
  if (!weighed.ok) throw new Error(weighed.error.message);
  const ranked = rankDomains(fixtureDataset(rows), weighed.value.domains);
  if (!ranked.ok) throw new Error(ranked.error.message);
  return effectiveWeights(ranked.value);
}

describe('effectiveWeights', () => {
  it('shares the variance of the figure out by cov(weight × rank, figure) ÷ var(figure), worked by hand', () => {
    // need_a ranks 1, 4, 2.5, 5, 2.5 (mean 3); need_b ranks 2.5, 2.5, 1, 5, 4 (mean 3). need_a weighted 2:
    // centred 2a = -4, 2, -1, 4, -1; b = -0.5, -0.5, -2, 2, 1; figure = 2a + b = -4.5, 1.5, -3, 6, 0.
    // cov(2a, F) = 18 + 3 + 3 + 24 + 0 = 48; cov(b, F) = 2.25 - 0.75 + 6 + 12 + 0 = 19.5; var(F) = 67.5.
    const [a, b] = weightsOf(FIVE_LSOAS, { need_a: '2' });
    expect(a?.nominalPct).toBeCloseTo(200 / 3, 12);
    expect(a?.effectivePct).toBeCloseTo((100 * 48) / 67.5, 10);
    expect(b?.effectivePct).toBeCloseTo((100 * 19.5) / 67.5, 10);
  });

  it('lists only the counted domains, with their weights as set and as a share of the counted weights', () => {
    const weights = weightsOf(FIVE_LSOAS, { need_a: '3' });
    expect(weights.map((w) => [w.id, w.weight, w.nominalPct])).toEqual([
      ['need_a', '3', 75],
      ['need_b', '1', 25],
    ]);
    expect(weightsOf(FIVE_LSOAS, {}, ['need_b']).map((w) => [w.id, w.nominalPct, w.effectivePct])).toEqual([['need_a', 100, 100]]);
  });

  it('adds up to 100 in both columns, and scaling every weight changes nothing', () => {
    const row = fc.record({
      population: fc.integer({ min: 1, max: 100 }),
      need_a: fc.integer({ min: 0, max: 9 }),
      need_b: fc.integer({ min: 0, max: 9 }),
      need_c: fc.integer({ min: 0, max: 9 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 3, maxLength: 20 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 7 }), (values, wa, scale) => {
        const rows = values.map((v, i) => ({ code: `F${String(i).padStart(2, '0')}`, district: 'D', ...v }));
        const weights = weightsOf(rows, { need_a: String(wa) });
        if (weights.some((w) => Number.isNaN(w.effectivePct))) return;
        expect(weights.reduce((s, w) => s + w.nominalPct, 0)).toBeCloseTo(100, 9);
        expect(weights.reduce((s, w) => s + w.effectivePct, 0)).toBeCloseTo(100, 9);
        const scaled = weightsOf(rows, { need_a: String(wa * scale), need_b: String(scale), need_c: String(scale) });
        scaled.forEach((w, i) => expect(w.effectivePct).toBeCloseTo(weights[i]?.effectivePct as number, 9));
      }),
    );
  });

  it('gives a domain whose ranks never vary no share, and NaN to all when no figure differs', () => {
    const flatB = FIVE_LSOAS.map((r) => ({ ...r, need_b: 4 }));
    const [a, b] = weightsOf(flatB);
    expect(b?.effectivePct).toBeCloseTo(0, 12);
    expect(a?.effectivePct).toBeCloseTo(100, 12);
    const flat = FIVE_LSOAS.map((r) => ({ ...r, need_a: 1, need_b: 4 }));
    expect(weightsOf(flat).every((w) => Number.isNaN(w.effectivePct))).toBe(true);
  });
});
