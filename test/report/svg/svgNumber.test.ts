import { describe, expect, it } from 'vitest';
import { svgNumber } from '../../../src/report/svg/svgNumber.js';

describe('svgNumber', () => {
  it('rounds to two decimals and drops trailing zeros', () => {
    expect(svgNumber(12.3456)).toBe('12.35');
    expect(svgNumber(12.5)).toBe('12.5');
    expect(svgNumber(40)).toBe('40');
  });

  it('writes minus zero as 0', () => {
    expect(svgNumber(-0.001)).toBe('0');
  });
});
