import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { percentOf, pounds, poundsPlain } from '../../src/engine/money.js';

describe('money', () => {
  it('turns whole pennies into exact pounds, beyond what a double holds', () => {
    expect(pounds(142664949n).toFixed(2)).toBe('1426649.49');
    expect(poundsPlain(12345678901234567890n)).toBe('123456789012345678.90');
    expect(poundsPlain(-150n)).toBe('-1.50');
    expect(poundsPlain(0n)).toBe('0.00');
  });

  it('writes a part of a whole as a percentage rounded half-up to 2 decimals', () => {
    expect(percentOf(new Exact(1), new Exact(3))).toBe('33.33');
    expect(percentOf('1', '8')).toBe('12.50');
    expect(percentOf('1', '800')).toBe('0.13'); // 0.125 rounds up
    expect(percentOf('-1', '800')).toBe('-0.13');
  });

  it('never writes -0.00 for a fall too small to show, and nothing for a whole of 0', () => {
    expect(percentOf('-1', '1000000')).toBe('0.00');
    expect(percentOf('5', '0')).toBe('');
  });
});
