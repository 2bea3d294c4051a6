import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/engine/parseAmount.js';

const value = (text: string): string => {
  const result = parseAmount(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.toFixed(2);
};
const error = (text: string) => {
  const result = parseAmount(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused`);
  return result.error;
};

describe('parseAmount', () => {
  it.each([
    ['12.7m', '12700000.00'],
    ['12,700,000', '12700000.00'],
    ['£12.7m', '12700000.00'],
    ['500k', '500000.00'],
    ['1.2bn', '1200000000.00'],
    ['12700000.50', '12700000.50'],
    ['£12,700,000.00', '12700000.00'],
    ['12.7M', '12700000.00'],
    [' 38.1m ', '38100000.00'],
    ['£ 500 k', '500000.00'],
    ['0.01', '0.01'],
    ['.5m', '500000.00'],
    ['12.7 million', '12700000.00'],
    ['£12.7mn', '12700000.00'],
    ['500 thousand', '500000.00'],
    ['1.2 Billion', '1200000000.00'],
  ])('reads %s as %s exactly', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each(['', 'twelve', '12.7x', '12,70,000', '1,2345', '12.7.1', 'm', '£', '1e6', '0x10', '12 m m'])(
    'refuses "%s" and shows the accepted forms',
    (text) => {
      const e = error(text);
      expect(e.kind).toBe('usage');
      expect(e.code).toBe('bad-budget');
      expect(e.hint).toContain('12.7m');
      expect(e.hint).toContain('1.2bn');
    },
  );

  it('refuses zero and negative budgets', () => {
    expect(error('0').message).toContain('zero');
    expect(error('0m').message).toContain('zero');
    expect(error('-5m').message).toContain('negative');
    expect(error('£-5m').message).toContain('negative');
  });

  it('refuses fractions of a penny', () => {
    expect(error('100.001').message).toContain('fractions of a penny');
    expect(error('1.234567891m').message).toContain('fractions of a penny');
  });
});
