/**
 * Share a whole number of units (pennies) in proportion to whole-number weights, so that the parts are
 * whole numbers and add up exactly to the total: each part is first floored, then the units left over
 * go one each to the largest fractional remainders. Equal remainders are broken by key, lowest first.
 * This is the Hamilton (largest remainder) method. The arithmetic is exact integer arithmetic (BigInt):
 * callers scale their exact decimal weights to integers first, which leaves every ratio unchanged.
 *
 * @param total a whole, non-negative number of units
 * @param weights non-negative weights, not all zero
 * @param keys tie-break keys, one per weight (e.g. LSOA codes)
 * @example largestRemainder(10n, [1n, 1n, 1n], ['a', 'b', 'c']) // => [4n, 3n, 3n]
 */
export function largestRemainder(total: bigint, weights: readonly bigint[], keys: readonly string[]): bigint[] {
  if (total < 0n) throw new RangeError(`largestRemainder: total ${total} is negative`);
  if (weights.length !== keys.length) throw new RangeError('largestRemainder: weights and keys differ in length');
  let sum = 0n;
  for (const w of weights) {
    if (w < 0n) throw new RangeError(`largestRemainder: negative weight ${w}`);
    sum += w;
  }
  if (sum === 0n) throw new RangeError('largestRemainder: all weights are zero');

  const n = weights.length;
  const parts = new Array<bigint>(n);
  // Remainders are numerators over the common denominator `sum`, so comparing them is exact.
  const remainders = new Array<bigint>(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const numerator = total * (weights[i] as bigint);
    const floor = numerator / sum;
    parts[i] = floor;
    remainders[i] = numerator - floor * sum;
    given += floor;
  }
  const leftover = Number(total - given);
  if (leftover > 0) {
    // Sort by the remainders as fractions in floating point, which is exact wherever two fractions differ
    // by more than the doubles' rounding (about 1e-16 of each); closer pairs are compared exactly.
    const approx = new Float64Array(n);
    const denominator = Number(sum);
    for (let i = 0; i < n; i++) approx[i] = Number(remainders[i] as bigint) / denominator;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const fa = approx[a] as number;
      const fb = approx[b] as number;
      if (Math.abs(fa - fb) > 1e-12) return fb - fa;
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      if (ra !== rb) return rb > ra ? 1 : -1;
      const ka = keys[a] as string;
      const kb = keys[b] as string;
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
    for (let k = 0; k < leftover; k++) {
      const i = order[k] as number;
      parts[i] = (parts[i] as bigint) + 1n;
    }
  }
  return parts;
}
