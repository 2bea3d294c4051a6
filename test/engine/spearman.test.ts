import { describe, expect, it } from 'vitest';
import { spearman } from '../../src/engine/spearman.js';

describe('spearman', () => {
  it('is 1 for the same order and -1 for the opposite order', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('matches the textbook value with no ties: 1 − 6Σd²/(n(n²−1))', () => {
    // Ranks a: 1..5; b: 2,1,4,3,5 → d² = 1+1+1+1+0 = 4; ρ = 1 − 24/120 = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('gives tied values their mean rank (Pearson on average ranks)', () => {
    // a ranks 1.5,1.5,3,4; b ranks 1,2,3,4: Pearson of those = 0.9486832980505138.
    expect(spearman([5, 5, 6, 7], [1, 2, 3, 4])).toBeCloseTo(0.9486832980505138, 12);
  });

  it('is not a number when a list is constant', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});
