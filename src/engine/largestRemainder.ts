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
      return byRemainder(a, b, remainders[a] as bigint, remainders[b] as bigint, keys);
    });
    for (let k = 0; k < leftover; k++) {
      const i = order[k] as number;
      parts[i] = (parts[i] as bigint) + 1n;
    }
  }
  return parts;
}

/** The largest whole number every step of {@link largestRemainderOfNumbers} holds exactly in a double. */
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * {@link largestRemainder} for whole numbers that fit a double exactly (total, each weight and their sum
 * at most 2^53 − 1): the same parts, worked out without a BigInt for each weight. Each share total ×
 * weight ÷ sum is first found in doubles, with a bound on its rounding error (four units in the last
 * place); a share whose floor the bound leaves in doubt is worked out exactly, and so are the remainders
 * near the cut between the units that get a leftover penny and those that do not, with the same order
 * as {@link largestRemainder}: larger remainder first, then lower key, then earlier index. Returns
 * undefined when the numbers do not fit (use {@link largestRemainder}).
 *
 * @example largestRemainderOfNumbers(10, new Float64Array([1, 1, 1]), ['a', 'b', 'c']) // => Float64Array [4, 3, 3]
 */
export function largestRemainderOfNumbers(total: number, weights: Float64Array, keys: readonly string[]): Float64Array | undefined {
  const n = weights.length;
  if (keys.length !== n) throw new RangeError('largestRemainder: weights and keys differ in length');
  if (!Number.isSafeInteger(total) || total < 0) return undefined;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!Number.isSafeInteger(w) || w < 0) return undefined;
    sum += w;
    if (sum > SAFE) return undefined;
  }
  if (sum === 0) throw new RangeError('largestRemainder: all weights are zero');

  const parts = new Float64Array(n);
  // The fractional part of each share, in doubles, and how far it may be from the exact one.
  const fractions = new Float64Array(n);
  let largestError = 0;
  let given = 0;
  const exactTotal = BigInt(total);
  const exactSum = BigInt(sum);
  /** Exact remainders, for the shares worked out exactly: numerators over `sum`. */
  const exact = new Map<number, bigint>();
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (w === 0) {
      exact.set(i, 0n);
      continue;
    }
    // fl(fl(total × w) ÷ sum) is within 2u + u² (u = 2^-53) of the exact share, relative; 4u is ample.
    const share = (total * w) / sum;
    const floor = Math.floor(share);
    const fraction = share - floor;
    const error = share * 2 ** -51;
    if (fraction <= error || 1 - fraction <= error) {
      const numerator = exactTotal * BigInt(w);
      const whole = numerator / exactSum;
      const remainder = numerator - whole * exactSum;
      parts[i] = Number(whole);
      fractions[i] = Number(remainder) / sum;
      exact.set(i, remainder);
    } else {
      parts[i] = floor;
      fractions[i] = fraction;
      if (error > largestError) largestError = error;
    }
    given += parts[i] as number;
  }
  // A fraction worked out exactly is within a rounding of the division of its double: 2^-52 is ample.
  largestError = Math.max(largestError, exact.size > 0 ? 2 ** -52 : 0);
  const leftover = total - given;
  if (leftover <= 0) return parts;

  // The leftover-th largest fraction as found; every unit well above it gets a unit, none well below it
  // does, and the few near it are ordered exactly.
  const sorted = fractions.slice().sort();
  const cut = sorted[n - leftover] as number;
  const margin = 2 * largestError;
  const near: number[] = [];
  let above = 0;
  for (let i = 0; i < n; i++) {
    const fraction = fractions[i] as number;
    if (fraction > cut + margin) {
      parts[i] = (parts[i] as number) + 1;
      above++;
    } else if (fraction >= cut - margin) {
      near.push(i);
    }
  }
  const remainderOf = (i: number): bigint => {
    const known = exact.get(i);
    if (known !== undefined) return known;
    const numerator = exactTotal * BigInt(weights[i] as number);
    return numerator - BigInt(parts[i] as number) * exactSum;
  };
  const remainders = new Map(near.map((i) => [i, remainderOf(i)]));
  near.sort((a, b) => byRemainder(a, b, remainders.get(a) as bigint, remainders.get(b) as bigint, keys));
  for (let k = 0; k < leftover - above; k++) {
    const i = near[k] as number;
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}

/**
 * The order the leftover units go in, between units `a` and `b` with exact remainders `ra` and `rb`: the
 * larger remainder first, then the lower key, then the earlier index.
 */
function byRemainder(a: number, b: number, ra: bigint, rb: bigint, keys: readonly string[]): number {
  if (ra !== rb) return rb > ra ? 1 : -1;
  const ka = keys[a] as string;
  const kb = keys[b] as string;
  return ka < kb ? -1 : ka > kb ? 1 : a - b;
}
