/**
 * Class breaks for a choropleth with classes of (about) equal numbers of areas: quintiles by default.
 */

/**
 * The k − 1 breaks that split `values` into `classes` classes of equal count, by the nearest-rank
 * method: with the n values sorted ascending (v₁ ≤ … ≤ vₙ), break j (j = 1 … k − 1) is v at rank
 * ⌈j·n / k⌉ (Hyndman & Fan 1996, definition 1; the "nearest-rank" percentile). For quintiles: the 20th,
 * 40th, 60th and 80th percentiles. Non-finite values are ignored; no values gives no breaks.
 * @example quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // => [2, 4, 6, 8]
 */
export function quantileBreaks(values: readonly number[], classes = 5): number[] {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`quantileBreaks: ${classes} classes`);
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const breaks: number[] = [];
  for (let j = 1; j < classes; j++) {
    // ⌈j·n / k⌉ in whole numbers, so no rounding error can move a rank.
    const rank = Math.floor((j * n + classes - 1) / classes);
    breaks.push(sorted[Math.max(rank, 1) - 1] as number);
  }
  return breaks;
}

/**
 * The class (0 = lowest) of a value: the number of breaks strictly below it. So class i holds the values
 * v with bᵢ < v ≤ bᵢ₊₁ (b₀ = −∞, bₖ = +∞); equal values are always in the same class, and when breaks
 * coincide (ties, or fewer distinct values than classes) the classes between them are empty.
 * @example classOf(5, [2, 4, 6, 8]) // => 2
 */
export function classOf(value: number, breaks: readonly number[]): number {
  let index = 0;
  for (const b of breaks) if (value > b) index += 1;
  return index;
}
