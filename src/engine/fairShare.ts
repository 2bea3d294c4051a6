import type { Decimal } from 'decimal.js';
import type { Dataset } from './dataset.js';
import { fail, ok, type Result } from './errors.js';
import { Exact } from './exact.js';
import { largestRemainder } from './largestRemainder.js';
import { rank } from './rank.js';
import type { WeightedDomain, WeightedFormula } from './weigh.js';

export interface FairShareOptions {
  /** The dataset field whose values are the people counted; default `population`. */
  readonly populationField?: string;
}

/** How one domain was ranked: each source's need ranks, then the domain's own need rank. */
export interface DomainRanking {
  readonly domain: WeightedDomain;
  /** One array per source, in the domain's source order: need ranks within the area (1 = least need). */
  readonly sourceRanks: readonly Float64Array[];
  /** The domain's need rank: the rank of the mean of the source ranks (the source rank when there is one). */
  readonly ranks: Float64Array;
}

/** Everything one run works out, unit by unit, so that any figure can be traced and explained. */
export interface Allocation {
  readonly dataset: Dataset;
  readonly formula: WeightedFormula;
  readonly budget: Decimal;
  readonly populationField: string;
  readonly populations: Float64Array;
  readonly domains: readonly DomainRanking[];
  /** LSOA figure = Σ weight × domain rank. */
  readonly figures: readonly Decimal[];
  /** figure × population, the quantity the budget is shared in proportion to. */
  readonly weighted: readonly Decimal[];
  /** Σ figure × population over the area. */
  readonly totalWeighted: Decimal;
  /** Each unit's amount in pounds, whole pennies, adding up exactly to the budget. */
  readonly amounts: readonly Decimal[];
}

/**
 * Run the needs formula over an area: need-rank every source within the area, combine multi-source
 * domains (rank of the mean of their source ranks), sum the weighted domain ranks into each unit's
 * figure, and share the budget in proportion to figure × population, in whole pennies by largest
 * remainder (ties: lower code first). Pure: the dataset is already the selected area.
 *
 * @example fairShare(northamptonshire, weigh(formula, { exclude: ['young-people'] }).value, new Exact('12700000'))
 */
export function fairShare(
  dataset: Dataset,
  formula: WeightedFormula,
  budget: Decimal,
  options: FairShareOptions = {},
): Result<Allocation> {
  const populationField = options.populationField ?? 'population';
  const n = dataset.units.length;
  if (n === 0) return fail('usage', 'empty-area', 'the selected area has no small areas in it');
  if (!budget.isFinite() || budget.lte(0)) {
    return fail('usage', 'bad-budget', `the budget must be more than £0, got ${budget.toString()}`);
  }
  const pennies = budget.times(100);
  if (!pennies.isInteger()) {
    return fail('usage', 'bad-budget', `the budget ${budget.toString()} is not a whole number of pennies`);
  }

  const populations = dataset.fields.get(populationField);
  if (!populations) {
    return fail('data', 'missing-field', `the data has no "${populationField}" column`, { location: { file: dataset.file } });
  }
  let totalPopulation = 0;
  for (let i = 0; i < n; i++) {
    const p = populations[i] as number;
    if (!Number.isFinite(p) || p < 0) {
      return fail('data', 'bad-population', `population of ${dataset.units[i]?.code} is ${p}; it must be 0 or more`, {
        location: { file: dataset.file },
      });
    }
    totalPopulation += p;
  }
  if (totalPopulation <= 0) {
    return fail('data', 'zero-population', `the ${populationField} of the selected area adds up to 0, so there is no one to share the budget between`, {
      location: { file: dataset.file },
    });
  }

  const domains: DomainRanking[] = [];
  for (const domain of formula.domains) {
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
    domains.push({ domain, sourceRanks, ranks: combineSources(sourceRanks, n) });
  }

  const figures: Decimal[] = new Array<Decimal>(n);
  const weighted: Decimal[] = new Array<Decimal>(n);
  let totalWeighted = new Exact(0);
  const counted = domains.filter((d) => !d.domain.weightValue.isZero());
  for (let i = 0; i < n; i++) {
    let figure = new Exact(0);
    for (const d of counted) figure = figure.plus(d.domain.weightValue.times(d.ranks[i] as number));
    figures[i] = figure;
    const w = figure.times(populations[i] as number);
    weighted[i] = w;
    totalWeighted = totalWeighted.plus(w);
  }

  const codes = dataset.units.map((u) => u.code);
  const amounts = largestRemainder(pennies, weighted, codes).map((p) => p.dividedBy(100));
  return ok({ dataset, formula, budget, populationField, populations, domains, figures, weighted, totalWeighted, amounts });
}

/**
 * A domain's need rank from its sources' need ranks: with one source, that rank; with several, the
 * need rank of their arithmetic mean. Ranking the sum gives the same order as ranking the mean and
 * keeps the arithmetic exact (ranks are multiples of ½).
 */
function combineSources(sourceRanks: readonly Float64Array[], n: number): Float64Array {
  if (sourceRanks.length === 1) return sourceRanks[0] as Float64Array;
  const sums = new Float64Array(n);
  for (const ranks of sourceRanks) for (let i = 0; i < n; i++) sums[i] = (sums[i] as number) + (ranks[i] as number);
  return rank(sums);
}
