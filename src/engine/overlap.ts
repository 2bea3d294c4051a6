import type { Ranked } from './rankDomains.js';
import { spearman } from './spearman.js';
import type { WeightedDomain } from './weigh.js';

/** Pairs whose |ρ| reaches this "tell the same story" (the council kept only the most comprehensive). */
export const SAME_STORY = 0.8;

/** The correlation of one pair of domains, or of two sources inside one domain. */
export interface OverlapPair {
  /** `domains`, or the id of the domain whose sources are compared. */
  readonly within: string;
  readonly a: string;
  readonly b: string;
  readonly rho: number;
  readonly sameStory: boolean;
}

/**
 * Spearman's ρ between the need ranks of every pair of domains, and between the sources inside each
 * multi-source domain, across the selected LSOAs. Pairs with |ρ| ≥ 0.8 are flagged as telling the same
 * story. Domain pairs come first, in formula order.
 *
 * @example overlap(rankDomains(northamptonshire, formula.domains).value)
 */
export function overlap(rankings: readonly Ranked[]): OverlapPair[] {
  const pairs: OverlapPair[] = [];
  const pair = (within: string, a: string, b: string, rho: number): OverlapPair => ({ within, a, b, rho, sameStory: Math.abs(rho) >= SAME_STORY });
  rankings.forEach((x, i) => {
    for (const y of rankings.slice(i + 1)) pairs.push(pair('domains', x.domain.id, y.domain.id, spearman(x.ranks, y.ranks)));
  });
  for (const r of rankings) {
    r.domain.sources.forEach((s, i) => {
      r.domain.sources.slice(i + 1).forEach((t, j) => {
        pairs.push(pair(r.domain.id, s.field, t.field, spearman(r.sourceRanks[i] as Float64Array, r.sourceRanks[i + 1 + j] as Float64Array)));
      });
    });
  }
  return pairs;
}

/**
 * The pairs of counted domains (weight above 0) whose need ranks tell the same story (|ρ| ≥ 0.8), in
 * formula order: what `weights` and the report name under the effective weights.
 */
export function sameStoryPairs(rankings: readonly Ranked<WeightedDomain>[]): OverlapPair[] {
  return overlap(rankings.filter((r) => !r.domain.weightValue.isZero())).filter((p) => p.within === 'domains' && p.sameStory);
}
