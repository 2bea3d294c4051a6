import type { Direction } from './formula.js';

export interface RankOptions {
  /** Which way the values point; default `more-need` (a larger value means more need). */
  readonly higherMeans?: Direction;
}

/**
 * Need ranks within the given values: 1 = least need, N = most need. Tied values all get the mean of
 * the ranks they span, like Excel's RANK.AVG with ascending order, so the ranks always sum to
 * N(N+1)/2 and the result does not depend on the order of the input.
 *
 * @example rank([10, 30, 20, 20]) // => [1, 4, 2.5, 2.5]
 * @example rank([5, 1, 3], { higherMeans: 'less-need' }) // => [1, 3, 2] (national rank 1 = most deprived)
 */
export function rank(values: ArrayLike<number>, options: RankOptions = {}): Float64Array {
  const n = values.length;
  const sign = options.higherMeans === 'less-need' ? -1 : 1;
  const need = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new RangeError(`rank: value ${i} is not a finite number (${v})`);
    // -0 and 0 must tie; adding 0 turns -0 into 0.
    need[i] = sign * v + 0;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (need[a] as number) - (need[b] as number));

  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const value = need[order[start] as number] as number;
    let end = start + 1;
    while (end < n && need[order[end] as number] === value) end++;
    // Positions start..end-1 hold ranks start+1..end; their mean is (start+1+end)/2.
    const tied = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = tied;
    start = end;
  }
  return ranks;
}
