import type { Decimal } from 'decimal.js';
import { Exact } from './exact.js';
import { fairShare, type Allocation } from './fairShare.js';
import { gamma } from './random.js';
import { tabulate, unitGroup, type Tabulation, type GroupLevel } from './tabulate.js';
import type { WeightedFormula } from './weigh.js';
import { areaKey } from './areaKey.js';

/**
 * The smallest Dirichlet concentration `sensitivity` accepts. Each domain's Gamma shape is the
 * concentration × its share of the weights, and for shapes below 1 the sampler multiplies by
 * U^(1/shape), which underflows to 0 for tiny shapes: with 7 equal domains, about half of all draws
 * at concentration 0.001 and 1 in 2,000 at 0.01 have every weight 0, so the draw's money is 0/0 and
 * the bands come out blank and every rank "moves". No such draw was seen in 100,000 at 0.05 and
 * above; 1 leaves a margin of 20 and more (the largest share of up to 7 domains is at least 1/7, a
 * shape of at least 0.14, and a draw needs every domain to underflow at once). Below 1 the draws pile
 * up in the corners (one domain takes nearly all the weight) in any case, which is not a spread
 * "around the formula's weights".
 */
export const MIN_CONCENTRATION = 1;

/** How each draw's weights are made. */
export type DrawMethod = 'uniform' | 'dirichlet';

export interface SensitivityOptions {
  /** How many draws of the weights. */
  readonly draws: number;
  /** `uniform`: every counted domain's weight times an independent factor in [1 − spread, 1 + spread]. */
  readonly method?: DrawMethod;
  /** Half-width of the uniform factor, in (0, 1); default 0.25. */
  readonly spread?: number;
  /**
   * `dirichlet`: the counted weights, as shares of their total, drawn from a Dirichlet distribution whose
   * mean is the formula's shares; larger concentration, less spread. Default 50; at least
   * {@link MIN_CONCENTRATION}.
   */
  readonly concentration?: number;
  /** The random source, e.g. mulberry32(seed): the engine never makes its own. */
  readonly random: () => number;
  /**
   * How many numbers the band pass holds in each of its two buffers (default 4,000,000, 64 MB in all): the
   * areas whose bands are worked out together are as many as fit. Smaller uses less memory, more passes;
   * the results are the same.
   */
  readonly blockValues?: number;
  /** Called now and then with the number of draws done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The areas whose money is banded (made of whole LSOAs, see `tabulate`); default `district`. */
  readonly level?: GroupLevel;
}

/**
 * How many numbers the band pass holds per column buffer (2 buffers of 8 bytes each: 64 MB): the areas
 * whose bands are worked out together are as many as fit.
 */
const BLOCK_VALUES = 4_000_000;

/** Low, middle and high of a distribution over the draws. */
export interface PercentileRange {
  readonly p5: number;
  readonly median: number;
  readonly p95: number;
}

/** One district's robustness. */
export interface DistrictSensitivity {
  readonly code: string;
  readonly name: string;
  /** The unperturbed allocation (exact, whole pennies) and £ per person, as allocate gives them. */
  readonly allocation: Decimal;
  readonly perPerson: string;
  /** Rank by £ per person in the unperturbed run: 1 = the most per person. */
  readonly rank: number;
  /** Over the draws, in pounds. */
  readonly allocationBand: PercentileRange;
  readonly perPersonBand: PercentileRange;
  /** The share of draws (0–1) in which the district's rank by £ per person differs from `rank`. */
  readonly rankChanged: number;
  /** Domain id → the £ change when that domain alone is left out (exact, whole pennies). */
  readonly withoutDomain: ReadonlyMap<string, Decimal>;
}

export interface SensitivityResult {
  /** What the rows are: `district` unless a level was asked for. */
  readonly level: GroupLevel;
  readonly draws: number;
  readonly method: DrawMethod;
  readonly spread: number;
  readonly concentration: number;
  /** The counted domains (weight above 0), in formula order: those that were perturbed and dropped. */
  readonly domains: readonly string[];
  readonly districts: readonly DistrictSensitivity[];
}

/**
 * How much the districts' money depends on the weights. Each draw perturbs the weights of the counted
 * domains (uniform factors, or Dirichlet shares) and re-shares the budget; the district amounts of every
 * draw give each district's 5th, 50th and 95th percentile of allocation and £ per person, and how often
 * its rank by £ per person moves. Then each counted domain is left out in turn, exactly, to show what it
 * is worth to each district.
 *
 * Fast because a draw only re-weights precomputed sums: a district's share is
 * Σ_d weight_d × Σ_{LSOA in district} population × rank_d, so each draw costs districts × domains
 * multiplications, whatever the number of LSOAs. Draw amounts are exact shares in floating point (to
 * well under a penny), not penny-apportioned; the unperturbed and leave-one-out figures are the exact
 * penny allocations.
 *
 * A concentration below {@link MIN_CONCENTRATION} (or not a finite number) throws a RangeError: the
 * CLI refuses it first, with exit 2, so reaching the engine with one is a caller's bug.
 *
 * @example sensitivity(allocation, { draws: 10_000, spread: 0.25, random: mulberry32(1) })
 */
export function sensitivity(allocation: Allocation, options: SensitivityOptions): SensitivityResult {
  const method = options.method ?? 'uniform';
  const spread = options.spread ?? 0.25;
  const concentration = options.concentration ?? 50;
  if (!(concentration >= MIN_CONCENTRATION && Number.isFinite(concentration))) {
    throw new RangeError(`sensitivity: concentration must be a finite number of at least ${MIN_CONCENTRATION}, got ${concentration}`);
  }
  const draws = options.draws;
  const level = options.level ?? 'district';
  const base = tabulate(allocation, { level });
  const { dataset, populations, domains } = allocation;
  const counted = domains.filter((d) => !d.domain.weightValue.isZero());
  const weights = counted.map((d) => d.domain.weightValue.toNumber());
  const totalWeight = weights.reduce((s, w) => s + w, 0);

  // Σ population × rank per area and domain, in the row order of the table.
  const districtIndex = new Map(base.rows.map((r, k) => [areaKey(r), k]));
  const k = base.rows.length;
  const sums = counted.map(() => new Float64Array(k));
  const people = new Float64Array(k);
  dataset.units.forEach((unit, i) => {
    const area = unitGroup(unit, level) as { code: string; name: string };
    const district = districtIndex.get(areaKey(area)) as number;
    const p = populations[i] as number;
    people[district] = (people[district] as number) + p;
    counted.forEach((d, j) => {
      (sums[j] as Float64Array)[district] = ((sums[j] as Float64Array)[district] as number) + p * (d.ranks[i] as number);
    });
  });

  const budget = allocation.budget.toNumber();
  const baseRanks = ranksDescending(base.rows.map((r) => (r.perPerson === '' ? Number.NaN : Number(r.perPerson))));
  // Memory stays bounded whatever the number of draws and areas: the first pass keeps only each draw's
  // weights and total (draws × (domains + 1) numbers) and counts the rank changes as it goes; the
  // bands are then worked out a block of areas at a time from the kept weights, with the very same
  // arithmetic in the same order, so every amount is the same double as in one pass.
  const m = counted.length;
  const drawnAll = new Float64Array(draws * m);
  const totals = new Float64Array(draws);
  const changed = new Float64Array(k);
  const drawn = new Float64Array(m);
  const shares = new Float64Array(k);
  const each = new Float64Array(k);
  const step = Math.max(1, Math.floor(draws / 100));
  for (let t = 0; t < draws; t++) {
    drawWeights(drawn, weights, totalWeight, method, spread, concentration, options.random);
    drawnAll.set(drawn, t * m);
    let total = 0;
    for (let district = 0; district < k; district++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += (drawn[j] as number) * ((sums[j] as Float64Array)[district] as number);
      shares[district] = s;
      total += s;
    }
    totals[t] = total;
    for (let district = 0; district < k; district++) {
      const amount = (budget * (shares[district] as number)) / total;
      each[district] = (people[district] as number) > 0 ? amount / (people[district] as number) : Number.NaN;
    }
    const ranks = ranksDescending(Array.from(each));
    for (let district = 0; district < k; district++) if (ranks[district] !== baseRanks[district]) changed[district] = (changed[district] as number) + 1;
    if (options.onProgress && ((t + 1) % step === 0 || t + 1 === draws)) options.onProgress(t + 1, draws);
  }
  const allocationBands = new Array<PercentileRange>(k);
  const perPersonBands = new Array<PercentileRange>(k);
  const block = Math.max(1, Math.min(k, Math.floor((options.blockValues ?? BLOCK_VALUES) / Math.max(1, draws))));
  const amounts = new Float64Array(draws * block);
  const perPerson = new Float64Array(draws * block);
  for (let first = 0; first < k; first += block) {
    const width = Math.min(block, k - first);
    for (let t = 0; t < draws; t++) {
      const total = totals[t] as number;
      for (let b = 0; b < width; b++) {
        const district = first + b;
        let s = 0;
        for (let j = 0; j < m; j++) s += (drawnAll[t * m + j] as number) * ((sums[j] as Float64Array)[district] as number);
        const amount = (budget * s) / total;
        amounts[b * draws + t] = amount;
        perPerson[b * draws + t] = (people[district] as number) > 0 ? amount / (people[district] as number) : Number.NaN;
      }
    }
    for (let b = 0; b < width; b++) {
      allocationBands[first + b] = band(amounts.subarray(b * draws, (b + 1) * draws));
      perPersonBands[first + b] = band(perPerson.subarray(b * draws, (b + 1) * draws));
    }
  }

  const without = leaveOneOut(allocation, base, level);
  const districts = base.rows.map((row, district): DistrictSensitivity => ({
    code: row.code,
    name: row.name,
    allocation: row.allocation,
    perPerson: row.perPerson,
    rank: baseRanks[district] as number,
    allocationBand: allocationBands[district] as PercentileRange,
    perPersonBand: perPersonBands[district] as PercentileRange,
    rankChanged: draws > 0 ? (changed[district] as number) / draws : 0,
    withoutDomain: new Map(without.map(({ id, table }) => [id, (table.rows[district]?.allocation ?? new Exact(0)).minus(row.allocation)])),
  }));
  return { level, draws, method, spread, concentration, domains: counted.map((d) => d.domain.id), districts };
}

/** Fill `into` with one draw of the counted weights. */
function drawWeights(
  into: Float64Array,
  weights: readonly number[],
  totalWeight: number,
  method: DrawMethod,
  spread: number,
  concentration: number,
  random: () => number,
): void {
  if (method === 'uniform') {
    for (let j = 0; j < weights.length; j++) into[j] = (weights[j] as number) * (1 - spread + 2 * spread * random());
    return;
  }
  let sum = 0;
  for (let j = 0; j < weights.length; j++) {
    const g = gamma((concentration * (weights[j] as number)) / totalWeight, random);
    into[j] = g;
    sum += g;
  }
  for (let j = 0; j < weights.length; j++) into[j] = ((into[j] as number) / sum) * totalWeight;
}

/** Each counted domain left out in turn, exactly (whole pennies), as tables of the level. */
function leaveOneOut(allocation: Allocation, base: Tabulation, level: GroupLevel): { id: string; table: Tabulation }[] {
  const counted = allocation.formula.domains.filter((d) => !d.weightValue.isZero());
  if (counted.length < 2) return [];
  return counted.map((dropped) => {
    const formula: WeightedFormula = {
      ...allocation.formula,
      domains: allocation.formula.domains.map((d) => (d.id === dropped.id ? { ...d, weightValue: new Exact(0) } : d)),
    };
    const result = fairShare(allocation.dataset, formula, allocation.budget, { populationField: allocation.populationField });
    if (!result.ok) throw new Error(`sensitivity: leaving out ${dropped.id} failed: ${result.error.message}`);
    const table = tabulate(result.value, { level });
    if (table.rows.length !== base.rows.length) throw new Error('sensitivity: the tables differ');
    return { id: dropped.id, table };
  });
}

/**
 * The 5th, 50th and 95th percentiles of one district's column, by linear interpolation between order
 * statistics (Hyndman and Fan's type 7, as Excel's PERCENTILE.INC and R's default).
 */
function band(column: Float64Array): PercentileRange {
  column.sort();
  return { p5: percentile(column, 0.05), median: percentile(column, 0.5), p95: percentile(column, 0.95) };
}

/** Type-7 percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** Rank descending (1 = largest), ties sharing the better rank (RANK.EQ); NaN gets no rank (0). */
function ranksDescending(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).filter((i) => !Number.isNaN(values[i] as number));
  order.sort((a, b) => (values[b] as number) - (values[a] as number));
  const ranks = new Array<number>(values.length).fill(0);
  order.forEach((i, position) => {
    const previous = order[position - 1];
    ranks[i] = previous !== undefined && values[previous] === values[i] ? (ranks[previous] as number) : position + 1;
  });
  return ranks;
}
