import type { Ranked } from './rankDomains.js';
import type { WeightedDomain } from './weigh.js';

/** One counted domain's weight as set, and as it works out across the area's LSOAs. */
export interface EffectiveWeight {
  readonly id: string;
  readonly label: string;
  /** The weight the run counts the domain with, as set (`1`, `2.5`). */
  readonly weight: string;
  /** The weight as a share of all the counted weights, in % (the counted domains' add up to 100). */
  readonly nominalPct: number;
  /**
   * The share of the variance of the LSOA figure the domain accounts for, in %:
   * cov(weight × rank, figure) ÷ var(figure). The counted domains' add up to 100; one can exceed its
   * nominal share (it varies with the others), fall below it, or even be negative.
   */
  readonly effectivePct: number;
}

/**
 * Nominal and effective weights of the counted domains (weight above 0), in formula order. The LSOA
 * figure is Σ weight × need rank, so var(figure) = Σ cov(weight × rank, figure), and each domain's term
 * over the whole is its effective weight (the JRC's composite-indicator toolkit, COINr, reports this to
 * show which indicators drive an index). Effective weights are NaN when every LSOA has the same figure.
 * Statistics, not money: worked out in doubles, with the means taken first.
 *
 * @example effectiveWeights(rankDomains(northamptonshire, weighted.domains).value) // => [{ id: 'deprivation', nominalPct: 20, effectivePct: 26.1, … }, …]
 */
export function effectiveWeights(rankings: readonly Ranked<WeightedDomain>[]): EffectiveWeight[] {
  const counted = rankings.filter((r) => !r.domain.weightValue.isZero());
  const n = counted[0]?.ranks.length ?? 0;
  const weights = counted.map((r) => r.domain.weightValue.toNumber());
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  // Each domain's weighted ranks centred on their mean, and the figure as their sum.
  const centred = counted.map((r, d) => {
    const w = weights[d] as number;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += w * (r.ranks[i] as number);
    mean /= n;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = w * (r.ranks[i] as number) - mean;
    return values;
  });
  const figure = new Float64Array(n);
  for (const values of centred) for (let i = 0; i < n; i++) figure[i] = (figure[i] as number) + (values[i] as number);
  const covariances = centred.map((values) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (values[i] as number) * (figure[i] as number);
    return sum;
  });
  const variance = covariances.reduce((sum, c) => sum + c, 0);
  return counted.map((r, d) => ({
    id: r.domain.id,
    label: r.domain.label,
    weight: r.domain.weightValue.toString(),
    nominalPct: (100 * (weights[d] as number)) / totalWeight,
    effectivePct: variance > 0 ? (100 * (covariances[d] as number)) / variance : Number.NaN,
  }));
}
