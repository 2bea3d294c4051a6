import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { fairShare, type Allocation } from '../../src/engine/fairShare.js';
import { mulberry32 } from '../../src/engine/random.js';
import { MIN_CONCENTRATION, percentile, sensitivity } from '../../src/engine/sensitivity.js';
import { weigh } from '../../src/engine/weigh.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

function allocation(options: Parameters<typeof weigh>[1] = {}): Allocation {
  const weighted = weigh(fixtureFormula(['need_a', 'need_b']), options);
  if (!weighted.ok) throw new Error(weighted.error.message);
  const result = fairShare(fixtureDataset(FIVE_LSOAS), weighted.value, new Exact('1000'));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('sensitivity', () => {
  it('gives the same result for the same seed', () => {
    const a = sensitivity(allocation(), { draws: 500, random: mulberry32(3) });
    const b = sensitivity(allocation(), { draws: 500, random: mulberry32(3) });
    expect(a).toEqual(b);
    const c = sensitivity(allocation(), { draws: 500, random: mulberry32(4) });
    expect(c.districts[0]!.allocationBand).not.toEqual(a.districts[0]!.allocationBand);
  });

  it('works the bands out a block of areas at a time, to the same numbers, in bounded memory', () => {
    for (const method of ['uniform', 'dirichlet'] as const) {
      const whole = sensitivity(allocation(), { draws: 700, method, random: mulberry32(9) });
      const blocks = sensitivity(allocation(), { draws: 700, method, random: mulberry32(9), blockValues: 1 });
      expect(blocks).toEqual(whole);
    }
  });

  it('keeps the unperturbed allocation exact and inside its band, and every draw adds up to the budget', () => {
    const result = sensitivity(allocation(), { draws: 2000, spread: 0.25, random: mulberry32(1) });
    const [north, south] = result.districts;
    expect(north!.allocation.toFixed(2)).toBe('496.24');
    expect(south!.allocation.toFixed(2)).toBe('503.76');
    for (const d of result.districts) {
      expect(d.allocationBand.p5).toBeLessThanOrEqual(d.allocationBand.median);
      expect(d.allocationBand.median).toBeLessThanOrEqual(d.allocationBand.p95);
      expect(d.allocationBand.p5).toBeLessThanOrEqual(d.allocation.toNumber() + 0.01);
      expect(d.allocationBand.p95).toBeGreaterThanOrEqual(d.allocation.toNumber() - 0.01);
    }
    // Two districts: whatever one gains the other loses, so their medians add up to the budget.
    expect(north!.allocationBand.median + south!.allocationBand.median).toBeCloseTo(1000, 6);
  });

  it('moves nothing when the spread is tiny', () => {
    const result = sensitivity(allocation(), { draws: 200, spread: 1e-9, random: mulberry32(1) });
    for (const d of result.districts) {
      expect(d.allocationBand.p5).toBeCloseTo(d.allocation.toNumber(), 1);
      expect(d.allocationBand.p95).toBeCloseTo(d.allocation.toNumber(), 1);
    }
  });

  it('counts the draws in which the rank by £ per person changes', () => {
    // North £1.65 and South £1.68 per person are close: perturbed weights swap them in some draws.
    const result = sensitivity(allocation(), { draws: 2000, spread: 0.5, random: mulberry32(9) });
    const [north, south] = result.districts;
    expect(north!.rank).toBe(2);
    expect(south!.rank).toBe(1);
    expect(north!.rankChanged).toBeGreaterThan(0);
    expect(north!.rankChanged).toBe(south!.rankChanged);
  });

  it('leaves each counted domain out in turn, exactly: the changes add up to zero', () => {
    const result = sensitivity(allocation(), { draws: 10, random: mulberry32(1) });
    expect(result.domains).toEqual(['need_a', 'need_b']);
    for (const id of result.domains) {
      const total = result.districts.reduce((s, d) => s.plus(d.withoutDomain.get(id)!), new Exact(0));
      expect(total.toFixed(2)).toBe('0.00');
    }
    // Without need_b only need_a counts: figures 1, 4, 2.5, 5, 2.5 × population.
    const onlyA = allocation({ exclude: ['need_b'] });
    const north = onlyA.amounts.slice(0, 2).reduce((s, a) => s.plus(a), new Exact(0));
    expect(result.districts[0]!.withoutDomain.get('need_b')!.toFixed(2)).toBe(north.minus('496.24').toFixed(2));
  });

  it('draws Dirichlet weight shares around the formula’s, tighter with a larger concentration', () => {
    const loose = sensitivity(allocation(), { draws: 3000, method: 'dirichlet', concentration: 5, random: mulberry32(2) });
    const tight = sensitivity(allocation(), { draws: 3000, method: 'dirichlet', concentration: 500, random: mulberry32(2) });
    const width = (r: typeof loose) => r.districts[0]!.allocationBand.p95 - r.districts[0]!.allocationBand.p5;
    expect(width(tight)).toBeLessThan(width(loose));
    expect(tight.districts[0]!.allocationBand.median).toBeCloseTo(496.24, 0);
  });

  it('refuses a Dirichlet concentration below the minimum, where draws underflow to all-zero weights', () => {
    expect(MIN_CONCENTRATION).toBe(1);
    for (const concentration of [0.999, 0.01, 0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sensitivity(allocation(), { draws: 10, method: 'dirichlet', concentration, random: mulberry32(1) })).toThrow(RangeError);
    }
    expect(() => sensitivity(allocation(), { draws: 10, method: 'dirichlet', concentration: 0.5, random: mulberry32(1) })).toThrow(/at least 1/);
  });

  it('gives finite bands and sound rank counts at the minimum concentration with 7 domains of unequal weight', () => {
    const ids = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'];
    const rows = FIVE_LSOAS.map((r, i) => ({ ...r, ...Object.fromEntries(ids.map((id, j) => [id, ((i + 1) * (j + 3)) % 7])) }));
    const weighted = weigh(fixtureFormula(ids), { weights: { d1: '10', d7: '0.05' } });
    if (!weighted.ok) throw new Error(weighted.error.message);
    const base = fairShare(fixtureDataset(rows), weighted.value, new Exact('1000'));
    if (!base.ok) throw new Error(base.error.message);
    const result = sensitivity(base.value, { draws: 20000, method: 'dirichlet', concentration: MIN_CONCENTRATION, random: mulberry32(1) });
    for (const d of result.districts) {
      for (const band of [d.allocationBand, d.perPersonBand]) for (const value of [band.p5, band.median, band.p95]) expect(Number.isFinite(value)).toBe(true);
      expect(d.rankChanged).toBeLessThan(1);
    }
    const medians = result.districts.reduce((s, d) => s + d.allocationBand.median, 0);
    expect(medians).toBeGreaterThan(900);
  });

  it('reports progress', () => {
    const seen: number[] = [];
    sensitivity(allocation(), { draws: 300, random: mulberry32(1), onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(300);
    expect(seen.length).toBeGreaterThan(1);
  });
});

describe('percentile', () => {
  it('interpolates between order statistics like PERCENTILE.INC', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 5]);
    expect(percentile(sorted, 0.5)).toBe(3);
    expect(percentile(sorted, 0.05)).toBeCloseTo(1.2, 12);
    expect(percentile(sorted, 0.95)).toBeCloseTo(4.8, 12);
    expect(percentile(Float64Array.from([7]), 0.95)).toBe(7);
  });
});
