import type { Decimal } from 'decimal.js';
import type { Dataset } from './dataset.js';
import { fail, ok, type Result } from './errors.js';
import { Exact } from './exact.js';
import { largestRemainder, largestRemainderOfNumbers } from './largestRemainder.js';
import { rankDomains } from './rankDomains.js';
import type { WeightedDomain, WeightedFormula } from './weigh.js';
import type { Ranked } from './rankDomains.js';

export interface FairShareOptions {
  /** The dataset field whose values are the people counted; default `population`. */
  readonly populationField?: string;
}

/** How one domain of a weighted formula was ranked (see rankDomains). */
export type DomainRanking = Ranked<WeightedDomain>;

/** Everything one run works out, unit by unit, so that any figure can be traced and explained. */
export interface Allocation {
  readonly dataset: Dataset;
  readonly formula: WeightedFormula;
  readonly budget: Decimal;
  readonly populationField: string;
  readonly populations: Float64Array;
  readonly domains: readonly DomainRanking[];
  /** Each unit's amount in whole pennies, adding up exactly to the budget. */
  readonly pennies: readonly bigint[];
  /**
   * The same pennies as doubles, where every one is a whole number below 2^53 and so exact (every run on
   * the shipped data); undefined otherwise. For code that formats a row per LSOA without a BigInt each.
   */
  readonly pennyNumbers?: Float64Array;
  /** LSOA figure = Σ weight × domain rank (exact; worked out when first read). */
  readonly figures: readonly Decimal[];
  /** Each figure × {@link Allocation.figureScale}, a whole number: the figures without decimal arithmetic. */
  readonly figureUnits: readonly bigint[];
  /** The same figure units as doubles, where every one is a whole number below 2^53; undefined otherwise. */
  readonly figureNumbers?: Float64Array;
  /** What the figure units are figures times: 2 × 10^(the weights' decimal places). */
  readonly figureScale: bigint;
  /** Each unit's amount in pounds (the pennies / 100; worked out when first read). */
  readonly amounts: readonly Decimal[];
  /** Σ figure × population over the area: what each unit's figure × population is a share of. */
  readonly totalWeighted: Decimal;
}

/**
 * Run the needs formula over an area: need-rank every source within the area, combine multi-source
 * domains (rank of the mean of their source ranks), sum the weighted domain ranks into each unit's
 * figure, and share the budget in proportion to figure × population, in whole pennies by largest
 * remainder (ties: lower code first). Pure: the dataset is already the selected area.
 *
 * @example fairShare(northamptonshire, weigh(formula, { exclude: ['young-people'] }).value, new Exact('12700000'))
 */
export function fairShare(dataset: Dataset, formula: WeightedFormula, budget: Decimal, options: FairShareOptions = {}): Result<Allocation> {
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
    return fail('data', 'missing-field', `the data has no "${populationField}" column`, {
      location: { file: dataset.file },
      hint: `Add a ${populationField} column, or share by the total population`,
    });
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

  const ranked = rankDomains(dataset, formula.domains);
  if (!ranked.ok) return ranked;
  const domains = ranked.value;

  // Exact integer arithmetic for the shares: weights have at most MAX_WEIGHT_DECIMALS places and
  // ranks are multiples of ½, so figure × 2 × 10^places is a whole number; populations are scaled to
  // whole numbers the same way. Scaling every unit alike leaves every share unchanged.
  const counted = domains.filter((d) => !d.domain.weightValue.isZero());
  const places = Math.max(0, ...counted.map((d) => d.domain.weightValue.decimalPlaces()));
  const figureScale = 2n * 10n ** BigInt(places);
  const doubles = figureDoubles(counted, places, n);
  const budgetPennies = BigInt(pennies.toFixed(0));
  const codes = dataset.units.map((u) => u.code);
  // Whole numbers that fit a double (every run on the shipped data): no BigInt per LSOA until the end.
  const quick = doubles === undefined ? undefined : quickShare(Number(budgetPennies), doubles, populations, codes);
  let figureUnits: bigint[] | undefined;
  let pennyParts: bigint[] | undefined;
  let totalWeighted: Decimal;
  if (quick !== undefined && doubles !== undefined) {
    // The BigInt arrays are made when first read: a run that formats from the doubles never makes them.
    totalWeighted = new Exact(quick.total).dividedBy(new Exact(figureScale.toString()));
  } else {
    const units = doubles === undefined ? figureNumerators(counted, places, n) : Array.from(doubles, (f) => BigInt(f));
    figureUnits = units;
    const population = scaledPopulations(populations);
    const weighted = new Array<bigint>(n);
    let total = 0n;
    for (let i = 0; i < n; i++) {
      const w = (units[i] as bigint) * (population.units[i] as bigint);
      weighted[i] = w;
      total += w;
    }
    pennyParts = largestRemainder(budgetPennies, weighted, codes);
    totalWeighted = new Exact(total.toString()).dividedBy(new Exact((figureScale * population.scale).toString()));
  }

  let figures: Decimal[] | undefined;
  let amounts: Decimal[] | undefined;
  const pennyNumbers = quick?.parts;
  const figureNumbers = quick === undefined ? undefined : doubles;
  const allPennies = (): bigint[] => {
    pennyParts ??= Array.from(pennyNumbers as Float64Array, (p) => BigInt(p));
    return pennyParts;
  };
  const allFigureUnits = (): bigint[] => {
    figureUnits ??= Array.from(figureNumbers as Float64Array, (f) => BigInt(f));
    return figureUnits;
  };
  return ok({
    dataset,
    formula,
    budget,
    populationField,
    populations,
    domains,
    get pennies(): bigint[] {
      return allPennies();
    },
    ...(pennyNumbers === undefined ? {} : { pennyNumbers }),
    get figureUnits(): bigint[] {
      return allFigureUnits();
    },
    ...(figureNumbers === undefined ? {} : { figureNumbers }),
    figureScale,
    totalWeighted,
    get figures(): Decimal[] {
      figures ??= allFigureUnits().map((f) => new Exact(f.toString()).dividedBy(figureScale.toString()));
      return figures;
    },
    get amounts(): Decimal[] {
      amounts ??= allPennies().map((p) => new Exact(p.toString()).dividedBy(100));
      return amounts;
    },
  });
}

/**
 * Each unit's figure × 2 × 10^places as a whole number: Σ (weight × 10^places) × (rank × 2). Plain
 * doubles are exact while every partial sum stays below 2^53, which holds for any weights up to about
 * 10^10 / 10^places; otherwise BigInt does it.
 */
function figureNumerators(counted: readonly DomainRanking[], places: number, n: number): bigint[] {
  const scale = new Exact(10).pow(places);
  const w = counted.map((d) => BigInt(d.domain.weightValue.times(scale).toFixed(0)));
  const out = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    let f = 0n;
    for (let d = 0; d < counted.length; d++) f += (w[d] as bigint) * BigInt(2 * ((counted[d] as DomainRanking).ranks[i] as number));
    out[i] = f;
  }
  return out;
}

/**
 * The figure numerators in doubles, where every one is a whole number below 2^53 (weights × 2 × rank
 * summed cannot reach it); undefined otherwise (use {@link figureNumerators}).
 */
function figureDoubles(counted: readonly DomainRanking[], places: number, n: number): Float64Array | undefined {
  const scale = new Exact(10).pow(places);
  const weights = counted.map((d) => d.domain.weightValue.times(scale));
  const largest = weights.reduce((sum, w) => sum.plus(w), new Exact(0)).times(2 * n);
  if (!largest.lt(Number.MAX_SAFE_INTEGER)) return undefined;
  const w = weights.map((x) => x.toNumber());
  const out = new Float64Array(n);
  for (let d = 0; d < counted.length; d++) {
    const ranks = (counted[d] as DomainRanking).ranks;
    const weight = 2 * (w[d] as number);
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + weight * (ranks[i] as number);
  }
  return out;
}

/**
 * The pennies of each unit in doubles, exactly, when the budget, every figure × people and their total
 * are whole numbers below 2^53 (people whole); undefined otherwise.
 */
function quickShare(
  budget: number,
  figures: Float64Array,
  populations: Float64Array,
  codes: readonly string[],
): { parts: Float64Array; total: number } | undefined {
  const n = figures.length;
  const weighted = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = (figures[i] as number) * (populations[i] as number);
    if (!Number.isSafeInteger(w)) return undefined;
    weighted[i] = w;
    total += w;
  }
  if (!Number.isSafeInteger(total)) return undefined;
  const parts = largestRemainderOfNumbers(budget, weighted, codes);
  return parts === undefined ? undefined : { parts, total };
}

function scaledPopulations(populations: Float64Array): { units: bigint[]; scale: bigint } {
  let places = 0;
  for (const p of populations) if (!Number.isInteger(p)) places = Math.max(places, new Exact(p).decimalPlaces());
  const scale = 10n ** BigInt(places);
  const units = Array.from(populations, (p) => (places === 0 ? BigInt(p) : BigInt(new Exact(p).times(scale.toString()).toFixed(0))));
  return { units, scale };
}
