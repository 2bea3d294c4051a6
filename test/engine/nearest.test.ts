import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../src/engine/nearest.js';

describe('nearest', () => {
  const ids = ['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults', 'young-people', 'early-years'];

  it('suggests the closest id for a typo', () => {
    expect(nearest('young-poeple', ids)).toBe('young-people');
    expect(nearest('adult', ids)).toBe('adults');
    expect(nearest('Early-Years', ids)).toBe('early-years');
  });

  it('suggests a candidate that starts with what was typed', () => {
    expect(nearest('access', ids)).toBe('access-to-facilities');
  });

  it('suggests nothing when nothing is close', () => {
    expect(nearest('transport', ids)).toBeUndefined();
    expect(nearest('x', [])).toBeUndefined();
  });

  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
