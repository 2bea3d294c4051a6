import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findArea, subset } from '../../src/data/area.js';
import { parseFormula } from '../../src/data/parseFormula.js';
import { defaultPackPath, readPack } from '../../src/data/readPack.js';
import type { Vintage } from '../../src/data/vintage.js';
import type { Dataset } from '../../src/engine/dataset.js';
import type { Formula, Source } from '../../src/engine/formula.js';
import { overlap, type OverlapPair } from '../../src/engine/overlap.js';
import { rankDomains } from '../../src/engine/rankDomains.js';
import { FIVE_LSOAS, fixtureDataset, fixtureFormula } from '../helpers/fixtureDataset.js';

describe('overlap', () => {
  it('correlates every pair of domains and the sources inside a multi-source domain, flagging |ρ| ≥ 0.8', () => {
    const dataset = fixtureDataset(FIVE_LSOAS);
    const formula = {
      ...fixtureFormula(['need_a']),
      domains: [
        ...fixtureFormula(['need_a']).domains,
        {
          id: 'both',
          label: 'both',
          weight: '1',
          sources: [
            { field: 'need_a', label: 'a', higherMeans: 'more-need' as const },
            { field: 'need_b', label: 'b', higherMeans: 'more-need' as const },
          ],
        },
      ],
    };
    const r = rankDomains(dataset, formula.domains);
    if (!r.ok) throw new Error(r.error.message);
    const pairs = overlap(r.value);
    expect(pairs.map((p) => [p.within, p.a, p.b])).toEqual([
      ['domains', 'need_a', 'both'],
      ['both', 'need_a', 'need_b'],
    ]);
    // need_a ranks 1,4,2.5,5,2.5 vs both ranks 1.5,3.5,1.5,5,3.5: strongly alike.
    expect(pairs[0]!.rho).toBeGreaterThan(0.8);
    expect(pairs[0]!.sameStory).toBe(true);
    expect(pairs[1]!.sameStory).toBe(Math.abs(pairs[1]!.rho) >= 0.8);
  });
});

/**
 * Spearman's ρ worked out here from the raw columns, apart from the engine's rank and spearman: rank
 * each list (ties share the mean rank) and take the Pearson correlation of the ranks. Two sources that
 * point opposite ways (a national rank, 1 = most deprived, against a rate) correlate with the sign
 * turned, as their need ranks do.
 */
function referenceRho(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ranks = (values: ArrayLike<number>): number[] => {
    const order = Array.from(values, (v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
    const out = new Array<number>(order.length);
    for (let start = 0; start < order.length;) {
      let end = start;
      while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
      for (let k = start; k <= end; k++) out[order[k]!.i] = (start + end) / 2 + 1;
      start = end + 1;
    }
    return out;
  };
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  ra.forEach((x, i) => {
    ab += (x - ma) * (rb[i]! - mb);
    aa += (x - ma) ** 2;
    bb += (rb[i]! - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

/** ρ between two sources' need ranks, from their raw columns in the area. */
function sourceRho(area: Dataset, s: Source, t: Source): number {
  const rho = referenceRho(area.fields.get(s.field)!, area.fields.get(t.field)!);
  return s.higherMeans === t.higherMeans ? rho : -rho;
}

// The shipped data of each vintage, for Northamptonshire, with the vintage's own formula: a bug that
// compared a domain (or a source) with itself would give ρ = 1 where these give other values.
describe.each([
  ['2019', 'northamptonshire', 422],
  ['2025', 'northamptonshire-2025', 442],
] as const)('overlap on the shipped %s data for Northamptonshire', (vintage: Vintage, formulaName, lsoas) => {
  let area: Dataset;
  let formula: Formula;
  let pairs: OverlapPair[];
  beforeAll(async () => {
    const pack = await readPack(defaultPackPath(vintage));
    if (!pack.ok) throw new Error(pack.error.message);
    const northants = findArea(pack.value.dataset, 'E10000021');
    if (!northants.ok) throw new Error(northants.error.message);
    area = subset(pack.value.dataset, northants.value);
    const parsed = parseFormula(readFileSync(`data/formulas/${formulaName}.json`, 'utf8'), formulaName);
    if (!parsed.ok) throw new Error(parsed.error.message);
    formula = parsed.value;
    const ranked = rankDomains(area, formula.domains);
    if (!ranked.ok) throw new Error(ranked.error.message);
    pairs = overlap(ranked.value);
  });

  it(`compares the ${lsoas} LSOAs`, () => {
    expect(area.units).toHaveLength(lsoas);
  });

  it('gives each pair of different domains its own ρ, none of them 1', () => {
    const domainPairs = pairs.filter((p) => p.within === 'domains');
    expect(domainPairs).toHaveLength(21);
    for (const p of domainPairs) expect(Math.abs(p.rho), `${p.a} ~ ${p.b}`).toBeLessThan(0.99);
    expect(new Set(domainPairs.map((p) => p.rho.toFixed(6))).size).toBe(21);
  });

  it('gives each pair of single-source domains the ρ of their two columns', () => {
    const single = new Map(formula.domains.filter((d) => d.sources.length === 1).map((d) => [d.id, d.sources[0]!]));
    const checked = pairs.filter((p) => p.within === 'domains' && single.has(p.a) && single.has(p.b));
    expect(checked).toHaveLength(10);
    for (const p of checked) expect(p.rho, `${p.a} ~ ${p.b}`).toBeCloseTo(sourceRho(area, single.get(p.a)!, single.get(p.b)!), 10);
  });

  it('gives each pair of sources inside a domain the ρ of their two columns, none of them 1', () => {
    const inside = pairs.filter((p) => p.within !== 'domains');
    const expected = formula.domains.flatMap((d) => d.sources.flatMap((s, i) => d.sources.slice(i + 1).map((t) => ({ within: d.id, s, t }))));
    expect(inside.map((p) => [p.within, p.a, p.b])).toEqual(expected.map((e) => [e.within, e.s.field, e.t.field]));
    inside.forEach((p, k) => {
      const { s, t } = expected[k]!;
      expect(p.rho, `${p.within}: ${p.a} ~ ${p.b}`).toBeCloseTo(sourceRho(area, s, t), 10);
      expect(Math.abs(p.rho)).toBeLessThan(0.99);
      expect(p.sameStory).toBe(Math.abs(p.rho) >= 0.8);
    });
  });
});

describe('overlap of the multi-source domains on the shipped 2019 data', () => {
  it('correlates the combined need ranks of deprivation and adults with the other domains as they stand', async () => {
    // Pinned from the 2019 pack: a domain of two sources is the need rank of their mean, so no column
    // gives these directly.
    const pack = await readPack(defaultPackPath('2019'));
    if (!pack.ok) throw new Error(pack.error.message);
    const northants = findArea(pack.value.dataset, 'E10000021');
    if (!northants.ok) throw new Error(northants.error.message);
    const parsed = parseFormula(readFileSync('data/formulas/northamptonshire.json', 'utf8'), 'northamptonshire');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const ranked = rankDomains(subset(pack.value.dataset, northants.value), parsed.value.domains);
    if (!ranked.ok) throw new Error(ranked.error.message);
    const rho = new Map(overlap(ranked.value).map((p) => [`${p.a}~${p.b}`, p.rho]));
    expect(rho.get('deprivation~access-to-facilities')).toBeCloseTo(-0.489414, 6);
    expect(rho.get('deprivation~adults')).toBeCloseTo(0.91142, 6);
    expect(rho.get('communities~adults')).toBeCloseTo(0.8774, 6);
    expect(rho.get('adults~early-years')).toBeCloseTo(0.802299, 6);
  });
});
