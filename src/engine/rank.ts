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
  if (n === 0) return new Float64Array(0);
  const range = wholeNumberRange(need);
  if (range !== undefined && range.max - range.min < Math.max(8 * n, COUNTING_MIN)) return rankCounted(need, range.min, range.max);
  return isPackable(need) ? rankPacked(need) : rankSearched(need);
}

/**
 * Counting needs an array as long as the range of values; below this length it is always cheap. Above it,
 * counting must also beat sorting: a county of 422 LSOAs ranked on national ranks (a range of 33,000) sorts.
 */
const COUNTING_MIN = 1 << 12;

/** The smallest and largest value when every value is a whole number, else undefined. */
function wholeNumberRange(need: Float64Array): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of need) {
    if (!Number.isInteger(v)) return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

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

/** A double and its two 32-bit words, for hashing a value's bits. */
const SCRATCH = new Float64Array(1);
const WORDS = new Uint32Array(SCRATCH.buffer);

/** Index bits in a packed key: whole-number values and up to 2^16 units fit exactly in a double. */
const INDEX_BITS = 16;
const INDEX_SPAN = 2 ** INDEX_BITS;

function isPackable(need: Float64Array): boolean {
  if (need.length > INDEX_SPAN) return false;
  let min = Infinity;
  let max = -Infinity;
  for (const v of need) {
    if (!Number.isInteger(v)) return false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return (max - min) * INDEX_SPAN < Number.MAX_SAFE_INTEGER;
}

/**
 * Whole-number values (every IoD rank): pack (value − min, index) into one exact double, sort the keys
 * natively (no comparator), and walk the runs of equal values. Each run at sorted positions lo..end-1
 * holds ranks lo+1..end, whose mean is (lo + 1 + end) / 2.
 */
function rankPacked(need: Float64Array): Float64Array {
  const n = need.length;
  let min = Infinity;
  for (const v of need) if (v < min) min = v;
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
 * Any finite values (rates): sort a copy natively, give each run of equal values its mean rank, and
 * look each unit's value up in a small open-addressing hash table keyed on the value's bits (a JS Map
 * keyed on doubles is several times slower here).
 */
function rankSearched(need: Float64Array): Float64Array {
  const n = need.length;
  const sorted = need.slice().sort();
  let size = 1;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const keys = new Float64Array(size);
  const means = new Float64Array(size).fill(Number.NaN);
  const slot = (value: number): number => {
    SCRATCH[0] = value;
    let h = (Math.imul((WORDS[0] as number) ^ Math.imul(WORDS[1] as number, 0x9e3779b1), 0x85ebca6b) >>> 0) & mask;
    while (!Number.isNaN(means[h] as number) && keys[h] !== value) h = (h + 1) & mask;
    return h;
  };
  for (let lo = 0; lo < n;) {
    const value = sorted[lo] as number;
    let end = lo + 1;
    while (end < n && sorted[end] === value) end++;
    const h = slot(value);
    keys[h] = value;
    means[h] = (lo + 1 + end) / 2;
    lo = end;
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) ranks[i] = means[slot(need[i] as number)] as number;
  return ranks;
}
