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
  // One pass: the need values, and whether they are whole numbers and in what range. (A CLI run ranks
  // each source once, in code that has not warmed up: every pass over 33,755 values counts.)
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new RangeError(`rank: value ${i} is not a finite number (${v})`);
    // -0 and 0 must tie; adding 0 turns -0 into 0.
    const x = sign * v + 0;
    need[i] = x;
    if (x < min) min = x;
    if (x > max) max = x;
    if (whole && Math.floor(x) !== x) whole = false;
  }
  if (n === 0) return need;
  if (whole && max - min < Math.max(8 * n, COUNTING_MIN)) return rankCounted(need, min, max);
  if (whole && n <= INDEX_SPAN && (max - min) * INDEX_SPAN < Number.MAX_SAFE_INTEGER) return rankPacked(need, min);
  return rankSorted(need);
}

/**
 * Counting needs an array as long as the range of values; below this length it is always cheap. Above it,
 * counting must also beat sorting: a county of 422 LSOAs ranked on national ranks (a range of 33,000) sorts.
 */
const COUNTING_MIN = 1 << 12;

/**
 * Whole-number values in a modest range (every IoD rank, and twice the sum of source ranks): count how
 * many units hold each value, then a value held by c units after `before` smaller ones spans ranks
 * before+1..before+c, whose mean is before + (c + 1) / 2. No sorting at all.
 */
function rankCounted(need: Float64Array, min: number, max: number): Float64Array {
  const n = need.length;
  const counts = new Uint32Array(max - min + 1);
  for (let i = 0; i < n; i++) {
    const j = (need[i] as number) - min;
    counts[j] = (counts[j] as number) + 1;
  }
  const mean = new Float64Array(counts.length);
  let before = 0;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j] as number;
    if (c > 0) {
      mean[j] = before + (c + 1) / 2;
      before += c;
    }
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) ranks[i] = mean[(need[i] as number) - min] as number;
  return ranks;
}

/** Index bits in a packed key: whole-number values and up to 2^16 units fit exactly in a double. */
const INDEX_BITS = 16;
const INDEX_SPAN = 2 ** INDEX_BITS;

/**
 * Whole-number values (every IoD rank): pack (value − min, index) into one exact double, sort the keys
 * natively (no comparator), and walk the runs of equal values. Each run at sorted positions lo..end-1
 * holds ranks lo+1..end, whose mean is (lo + 1 + end) / 2.
 */
function rankPacked(need: Float64Array, min: number): Float64Array {
  const n = need.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((need[i] as number) - min) * INDEX_SPAN + i;
  keys.sort();
  const ranks = new Float64Array(n);
  for (let lo = 0; lo < n;) {
    const value = Math.floor((keys[lo] as number) / INDEX_SPAN);
    let end = lo + 1;
    while (end < n && Math.floor((keys[end] as number) / INDEX_SPAN) === value) end++;
    const mean = (lo + 1 + end) / 2;
    for (let k = lo; k < end; k++) ranks[(keys[k] as number) % INDEX_SPAN] = mean;
    lo = end;
  }
  return ranks;
}

/**
 * Any finite values (rates): sort a copy natively, note where each run of equal values ends, then find
 * each unit's value by binary search: a value first at sorted position lo, in a run ending before end,
 * has the mean rank (lo + 1 + end) / 2.
 */
function rankSorted(need: Float64Array): Float64Array {
  const n = need.length;
  const sorted = need.slice().sort();
  const runEnd = new Uint32Array(n);
  for (let end = n; end > 0;) {
    const value = sorted[end - 1] as number;
    let lo = end - 1;
    while (lo > 0 && sorted[lo - 1] === value) lo--;
    for (let k = lo; k < end; k++) runEnd[k] = end;
    end = lo;
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = need[i] as number;
    // The first sorted position holding a value not below this one.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = (lo + 1 + (runEnd[lo] as number)) / 2;
  }
  return ranks;
}
