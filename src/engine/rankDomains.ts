import type { Dataset } from './dataset.js';
import { fail, ok, type Result } from './errors.js';
import type { Domain } from './formula.js';
import { rank } from './rank.js';

/** How one domain was ranked: each source's need ranks, then the domain's own need rank. */
export interface Ranked<D extends Domain = Domain> {
  readonly domain: D;
  /** One array per source, in the domain's source order: need ranks within the area (1 = least need). */
  readonly sourceRanks: readonly Float64Array[];
  /** The domain's need rank: the rank of the mean of the source ranks (the source rank when there is one). */
  readonly ranks: Float64Array;
}

/**
 * Need-rank every domain within the dataset (the selected area): each source is ranked (1 = least
 * need, ties share the mean rank), and a domain with several sources is the need rank of the mean of
 * its source ranks. Fails if a source's column is missing.
 *
 * @example rankDomains(northamptonshire, formula.domains) // 7 domains, each ranked 1..422
 */
export function rankDomains<D extends Domain>(dataset: Dataset, domains: readonly D[]): Result<Ranked<D>[]> {
  const n = dataset.units.length;
  const ranked: Ranked<D>[] = [];
  for (const domain of domains) {
    const sourceRanks: Float64Array[] = [];
    for (const source of domain.sources) {
      const values = dataset.fields.get(source.field);
      if (!values) {
        return fail('data', 'missing-field', `domain "${domain.id}" needs the column "${source.field}", which the data does not have`, {
          location: { file: dataset.file },
        });
      }
      sourceRanks.push(rank(values, { higherMeans: source.higherMeans }));
    }
    ranked.push({ domain, sourceRanks, ranks: combineSources(sourceRanks, n) });
  }
  return ok(ranked);
}

/**
 * A domain's need rank from its sources' need ranks: with one source, that rank; with several, the
 * need rank of their arithmetic mean. Ranking twice the sum gives the same order as ranking the mean
 * and keeps the arithmetic exact in whole numbers (ranks are multiples of ½).
 */
function combineSources(sourceRanks: readonly Float64Array[], n: number): Float64Array {
  if (sourceRanks.length === 1) return sourceRanks[0] as Float64Array;
  const sums = new Float64Array(n);
  for (const ranks of sourceRanks) for (let i = 0; i < n; i++) sums[i] = (sums[i] as number) + 2 * (ranks[i] as number);
  return rank(sums);
}
