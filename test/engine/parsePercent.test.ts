import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/engine/exact.js';
import { formatPercent, parsePercent, PERCENT_FORMS } from '../../src/engine/parsePercent.js';

const value = (text: string): string => {
  const result = parsePercent(text, '--floor');
  if (!result.ok) throw new Error(result.error.message);
  return result.value.toString();
};

describe('parsePercent', () => {
  it.each([
    ['-5%', '-0.05'],
    ['+10%', '0.1'],
    ['5%', '0.05'],
    ['-5', '-0.05'],
    ['0.5%', '0.005'],
    [' -2.25 % ', '-0.0225'],
    ['.5%', '0.005'],
    ['\u22125%', '-0.05'],
    ['0%', '0'],
    ['-0%', '0'],
    ['150%', '1.5'],
  ])('reads %s as the fraction %s exactly', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('reads a tenth of a percent without floating-point error', () => {
    expect(value('0.1%')).toBe('0.001');
    expect(value('-33.333333%')).toBe('-0.33333333');
  });

  it.each(['', 'five', '5%%', '%5', '--5%', '5 pc', '1e2%', '5,0%', '0x10', 'Infinity', '5%-', '1.2.3%'])(
    'refuses "%s", showing the forms it accepts',
    (text) => {
      const result = parsePercent(text, '--ceiling');
      if (result.ok) throw new Error(`expected "${text}" to be refused`);
      expect(result.error).toMatchObject({ kind: 'usage', code: 'bad-percent' });
      expect(result.error.message).toBe(`--ceiling "${text}" is not a percentage`);
      expect(result.error.hint).toBe(`Write it like ${PERCENT_FORMS}`);
    },
  );
});

describe('formatPercent', () => {
  it('writes a fraction as a signed percentage that parsePercent reads back', () => {
    expect(formatPercent(new Exact('-0.05'))).toBe('-5%');
    expect(formatPercent(new Exact('0.1'))).toBe('+10%');
    expect(formatPercent(new Exact('0'))).toBe('0%');
    expect(formatPercent(new Exact('0.00125'))).toBe('+0.125%');
    for (const text of ['-5%', '+10%', '0%', '+0.125%']) expect(formatPercent(new Exact(value(text)))).toBe(text);
  });
});
