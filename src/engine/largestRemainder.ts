import type { Decimal } from 'decimal.js';
import { Exact } from './exact.js';

/**
 * Share a whole number of units (pennies) in proportion to weights, so that the parts are whole
 * numbers and add up exactly to the total: each part is first floored, then the units left over go
 * one each to the largest fractional remainders. Equal remainders are broken by key, lowest first.
 * This is the Hamilton (largest remainder) method; the arithmetic is exact.
 *
 * @param total a whole, non-negative number of units
 * @param weights non-negative weights, not all zero
 * @param keys tie-break keys, one per weight (e.g. LSOA codes)
 * @example largestRemainder(new Exact(10), [1, 1, 1].map((w) => new Exact(w)), ['a', 'b', 'c']) // => [4, 3, 3]
 */
export function largestRemainder(total: Decimal, weights: readonly Decimal[], keys: readonly string[]): Decimal[] {
  if (!total.isInteger() || total.isNegative()) throw new RangeError(`largestRemainder: total ${total} is not a whole non-negative number`);
  if (weights.length !== keys.length) throw new RangeError('largestRemainder: weights and keys differ in length');
  let sum = new Exact(0);
  for (const w of weights) {
    if (w.isNegative()) throw new RangeError(`largestRemainder: negative weight ${w}`);
    sum = sum.plus(w);
  }
  if (sum.isZero()) throw new RangeError('largestRemainder: all weights are zero');

  const n = weights.length;
  const parts: Decimal[] = new Array<Decimal>(n);
  // Remainders are kept as numerators over the common denominator `sum`, so comparing them is exact.
  const remainders: Decimal[] = new Array<Decimal>(n);
  let given = new Exact(0);
  for (let i = 0; i < n; i++) {
    const numerator = total.times(weights[i] as Decimal);
    const floor = numerator.dividedToIntegerBy(sum);
    parts[i] = floor;
    remainders[i] = numerator.minus(floor.times(sum));
    given = given.plus(floor);
  }
  const leftover = total.minus(given).toNumber();
  if (leftover > 0) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const byRemainder = (remainders[b] as Decimal).comparedTo(remainders[a] as Decimal);
      if (byRemainder !== 0) return byRemainder;
      const ka = keys[a] as string;
      const kb = keys[b] as string;
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
    for (let k = 0; k < leftover; k++) {
      const i = order[k] as number;
      parts[i] = (parts[i] as Decimal).plus(1);
    }
  }
  return parts;
}
