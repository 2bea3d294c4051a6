import { describe, expect, it } from 'vitest';
import { oversizedNumber, plainDecimal } from '../../src/data/plainDecimal.js';

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

describe('oversizedNumber', () => {
  it('passes ordinary numbers, up to 30 characters and exponents up to ±100', () => {
    for (const text of ['12.5', '1,296', '0.33333333333333331', '1e100', '2.5E-100', '1'.repeat(30), 'abc']) {
      expect(oversizedNumber(text)).toBeUndefined();
    }
  });

  it('refuses a value longer than 30 characters, saying how long it is', () => {
    expect(oversizedNumber('9'.repeat(100_000))).toBe('it has 100,000 characters, more than the 30 a number may have');
    expect(plainDecimal('9'.repeat(31))).toBeUndefined();
  });

  it('refuses an exponent beyond ±100, however it is written', () => {
    for (const text of ['1e101', '1e99999999', '1E-101', '-2.5e+00000999']) {
      expect(oversizedNumber(text)).toBe('its exponent is beyond ±100');
      expect(plainDecimal(text)).toBeUndefined();
    }
  });
});
