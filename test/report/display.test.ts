import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { display, poundsText, signedPercentText, signedPoundsText } from '../../src/report/display.js';
import { groupThousands } from '../../src/engine/wording.js';

describe('display', () => {
  it('shows money with £, thousands separators and pennies', () => {
    expect(display('12700000.00', 'money')).toBe('£12,700,000.00');
    expect(display('999.50', 'money')).toBe('£999.50');
  });

  it('groups people counts and marks percentages', () => {
    expect(display('720913', 'int')).toBe('720,913');
    expect(display('12.34', 'pct')).toBe('12.34%');
  });

  it('leaves text, plain numbers and empty cells alone', () => {
    expect(display('Corby', 'text')).toBe('Corby');
    expect(display('1234.5', 'number')).toBe('1234.5');
    expect(display('', 'money')).toBe('');
  });

  it('groups only the whole part, and keeps a minus sign', () => {
    expect(groupThousands('1234567.1234')).toBe('1,234,567.1234');
    expect(groupThousands('-1234')).toBe('-1,234');
    expect(groupThousands('123')).toBe('123');
  });
});

describe('poundsText', () => {
  it('writes money with £, thousands grouped and exactly 2 decimals, from a Decimal', () => {
    expect(poundsText(new Decimal('1426649.49'))).toBe('£1,426,649.49');
    expect(poundsText(new Decimal('12700000'))).toBe('£12,700,000.00');
    expect(poundsText(new Decimal('999999999999.995'))).toBe('£1,000,000,000,000.00');
  });
});

describe('signed changes', () => {
  it('puts the sign before the £, and none on no change', () => {
    expect(signedPoundsText(123456n)).toBe('+£1,234.56');
    expect(signedPoundsText(-123456n)).toBe('-£1,234.56');
    expect(signedPoundsText(0n)).toBe('£0.00');
  });

  it('signs a percentage change the same way', () => {
    expect(signedPercentText('1.25')).toBe('+1.25%');
    expect(signedPercentText('-1.25')).toBe('-1.25%');
    expect(signedPercentText('0.00')).toBe('0.00%');
  });
});
