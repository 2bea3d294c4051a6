import { rank } from './rank.js';

/**
 * Spearman's rank correlation ρ between two equally long lists: the Pearson correlation of their ranks,
 * with tied values sharing the mean rank (the standard treatment of ties). 1 means the lists put the
 * units in exactly the same order, −1 in exactly the opposite order. NaN when either list is constant.
 *
 * @example spearman([1, 2, 3, 4], [10, 20, 30, 40]) // => 1
 */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError('spearman: lists differ in length');
  const ra = rank(a);
  const rb = rank(b);
  const n = ra.length;
  const mean = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (ra[i] as number) - mean;
    const db = (rb[i] as number) - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? Number.NaN : sab / Math.sqrt(saa * sbb);
}
