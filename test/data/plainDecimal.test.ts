import { describe, expect, it } from 'vitest';
import { plainDecimal } from '../../src/data/plainDecimal.js';

describe('plainDecimal', () => {
  it('accepts plain decimals, signs and exponents as written', () => {
    for (const text of ['0', '12', '-3', '+4.5', '.5', '5.', '1e3', '2.5E-7']) expect(plainDecimal(text)).toBe(text);
  });

  it('removes thousands separators that group in threes', () => {
    expect(plainDecimal('1,296')).toBe('1296');
    expect(plainDecimal('12,345,678.25')).toBe('12345678.25');
    expect(plainDecimal('-1,000')).toBe('-1000');
  });

  it('refuses misplaced separators, blanks, words, hex and infinities', () => {
    for (const text of ['', '1,29', '12,96', '1,2345', ',5', '1 296', 'abc', '0x10', 'Infinity', 'NaN', '1e', '--1', '.']) {
      expect(plainDecimal(text)).toBeUndefined();
    }
  });

  it('refuses thousands separators when told to', () => {
    expect(plainDecimal('1,296', { thousands: false })).toBeUndefined();
    expect(plainDecimal('0.333333333333', { thousands: false })).toBe('0.333333333333');
  });
});
