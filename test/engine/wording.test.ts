import { describe, expect, it } from 'vitest';
import { andList, firstFew, sentence } from '../../src/engine/wording.js';

describe('wording', () => {
  it('capitalises the first letter of a sentence and leaves the rest', () => {
    expect(sentence('the header needs lsoa_code')).toBe('The header needs lsoa_code');
    expect(sentence('')).toBe('');
  });

  it('joins a list in English', () => {
    expect(andList([])).toBe('');
    expect(andList(['a'])).toBe('a');
    expect(andList(['a', 'b'])).toBe('a and b');
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('lists the first five, then counts the rest', () => {
    expect(firstFew(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c, d, e');
    expect(firstFew(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e and 2 more');
    expect(firstFew(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});
