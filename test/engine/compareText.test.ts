import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/engine/compareText.js';

describe('compareText', () => {
  it('orders by code unit, whatever the locale: upper case before lower, digits before letters', () => {
    expect(['corby', 'E07000151', 'Corby', 'E06000061', '__proto__'].sort(compareText)).toEqual(['Corby', 'E06000061', 'E07000151', '__proto__', 'corby']);
    expect(compareText('a', 'a')).toBe(0);
    expect(compareText('E01000002', 'E01000010')).toBeLessThan(0);
  });
});
