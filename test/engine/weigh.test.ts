import { describe, expect, it } from 'vitest';
import { weigh } from '../../src/engine/weigh.js';
import { fixtureFormula } from '../helpers/fixtureDataset.js';

const formula = fixtureFormula(['deprivation', 'adults', 'young-people', 'early-years']);
const weightsOf = (options: Parameters<typeof weigh>[1]) => {
  const result = weigh(formula, options);
  if (!result.ok) throw new Error(result.error.message);
  return Object.fromEntries(result.value.domains.map((d) => [d.id, d.weightValue.toString()]));
};
const errorOf = (options: Parameters<typeof weigh>[1]) => {
  const result = weigh(formula, options);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
};

describe('weigh', () => {
  it('counts every domain once by default', () => {
    expect(weightsOf({})).toEqual({ deprivation: '1', adults: '1', 'young-people': '1', 'early-years': '1' });
  });

  it('sets excluded domains to 0 and given weights to their value', () => {
    expect(weightsOf({ exclude: ['young-people', 'early-years'], weights: { adults: '2.5' } })).toEqual({
      deprivation: '1',
      adults: '2.5',
      'young-people': '0',
      'early-years': '0',
    });
  });

  it('refuses an unknown domain and suggests the nearest', () => {
    const e = errorOf({ exclude: ['young-poeple'] });
    expect(e).toMatchObject({ kind: 'usage', code: 'unknown-domain' });
    expect(e.message).toContain('young-poeple');
    expect(e.hint).toContain('Did you mean "young-people"?');
    expect(errorOf({ weights: { adult: '2' } }).hint).toContain('"adults"');
  });

  it.each(['-1', 'two', '', '1e3', '1.12345678901'])('refuses the weight "%s"', (w) => {
    expect(errorOf({ weights: { adults: w } })).toMatchObject({ kind: 'usage', code: 'bad-weight' });
  });

  it('refuses a domain that is both excluded and weighted', () => {
    expect(errorOf({ exclude: ['adults'], weights: { adults: '2' } }).code).toBe('conflicting-weight');
  });

  it('refuses settings that leave every weight at 0', () => {
    expect(errorOf({ exclude: ['deprivation', 'adults', 'young-people', 'early-years'] }).code).toBe('no-domains');
    expect(errorOf({ exclude: ['deprivation', 'adults'], weights: { 'young-people': '0', 'early-years': '0.0' } }).code).toBe('no-domains');
  });
});

describe('weigh: user text as domain ids', () => {
  it.each(['__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty'])('refuses "%s" in a Map of weights as an unknown domain', (id) => {
    const e = errorOf({ weights: new Map([[id, '2']]) });
    expect(e.code).toBe('unknown-domain');
    expect(e.message).toBe(`unknown domain "${id}" in --weight`);
  });

  it('uses a domain named like an Object property when the formula has one', () => {
    const odd = fixtureFormula(['constructor', '__proto__', 'toString']);
    const result = weigh(odd, {
      weights: new Map([
        ['__proto__', '3'],
        ['constructor', '0.5'],
      ]),
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.domains.map((d) => [d.id, d.weightValue.toString()])).toEqual([
      ['constructor', '0.5'],
      ['__proto__', '3'],
      ['toString', '1'],
    ]);
  });

  it.each(['.inf', 'Infinity', '.nan', 'NaN', '1e400', '-1', '0x10', '9'.repeat(100)])('refuses the weight %s, quoting what was written', (w) => {
    const e = errorOf({ weights: new Map([['adults', w]]) });
    expect(e.code).toBe('bad-weight');
    expect(e.message).toBe(`weight for "adults" must be a number of 0 or more, got "${w.length > 60 ? `${w.slice(0, 59)}…` : w}"`);
  });
});
