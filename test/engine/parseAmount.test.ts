import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CHARS, MAX_BUDGET, parseAmount } from '../../src/engine/parseAmount.js';

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

  it.each(['', 'twelve', '12.7x', '12,70,000', '1,2345', '12.7.1', 'm', '£', '1e6', '0x10', '12 m m'])('refuses "%s" and shows the accepted forms', (text) => {
    const e = error(text);
    expect(e.kind).toBe('usage');
    expect(e.code).toBe('bad-budget');
    expect(e.hint).toContain('12.7m');
    expect(e.hint).toContain('1.2bn');
  });

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

describe('parseAmount: the largest budget and hostile text', () => {
  it('accepts £1 trillion exactly and a penny under it', () => {
    expect(value('1,000,000,000,000')).toBe('1000000000000.00');
    expect(value('1000bn')).toBe('1000000000000.00');
    expect(value('999,999,999,999.99')).toBe('999999999999.99');
    expect(MAX_BUDGET.toFixed(2)).toBe('1000000000000.00');
  });

  it.each(['1,000,000,000,000.01', '1001bn', '99999999999999999999999999m', '123456789012345678901'])('refuses %s, more than the limit, naming it', (text) => {
    const e = error(text);
    expect(e.code).toBe('bad-budget');
    expect(e.message).toBe(`budget "${text}" is more than £1,000,000,000,000.00 (£1 trillion), the largest budget fairshare shares`);
  });

  it('refuses absurdly long text at once, quoting at most 60 characters of it', () => {
    const long = '9'.repeat(100_000);
    const started = performance.now();
    const e = error(long);
    expect(performance.now() - started).toBeLessThan(50);
    expect(e.message).toMatch(/is too long to be an amount of money \(100000 characters; at most 40\)$/);
    expect(e.message.length).toBeLessThan(140);
    expect(error(`${'1'.repeat(MAX_AMOUNT_CHARS - 1)}x`).message).not.toContain('too long');
  });

  it('strips control characters from the text it quotes', () => {
    expect(error('12\u001b[31m').message).toBe('budget "12?[31m" is not an amount of money');
  });

  it.each(['.inf', '.nan', 'Infinity', 'NaN', '1.27e7', '0o17'])('refuses the YAML or JavaScript number %s, quoting it as written', (text) => {
    expect(error(text).message).toBe(`budget "${text}" is not an amount of money`);
  });
});
