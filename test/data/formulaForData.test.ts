import { describe, expect, it } from 'vitest';
import { formulaForData } from '../../src/data/formulaForData.js';
import type { Formula } from '../../src/engine/formula.js';

const base: Formula = {
  id: 'default',
  name: 'Default',
  description: 'A stand-in for the shipped formula.',
  domains: [
    {
      id: 'deprivation',
      label: 'Deprivation',
      weight: '3',
      sources: [{ field: 'income_rank', label: 'Income domain rank', higherMeans: 'less-need' }],
    },
  ],
};

describe('formulaForData', () => {
  it('makes one domain per column, in the order given, each weighted 1', () => {
    const formula = formulaForData(['need_a', 'need_b']);
    expect(formula.id).toBe('data-file');
    expect(formula.name).toBe('Formula from the data file');
    expect(formula.description).not.toBe('');
    expect(formula.domains).toEqual([
      { id: 'need_a', label: 'need_a', weight: '1', sources: [{ field: 'need_a', label: 'need_a column', higherMeans: 'more-need' }] },
      { id: 'need_b', label: 'need_b', weight: '1', sources: [{ field: 'need_b', label: 'need_b column', higherMeans: 'more-need' }] },
    ]);
  });

  it('takes the label of a domain with the same id from the base formula', () => {
    const formula = formulaForData(['deprivation', 'need_a'], base);
    expect(formula.domains.map((d) => d.label)).toEqual(['Deprivation', 'need_a']);
  });

  it('ignores the base formula weights and sources: the column is the only source, higher meaning more need', () => {
    const [domain] = formulaForData(['deprivation'], base).domains;
    expect(domain?.weight).toBe('1');
    expect(domain?.sources).toEqual([{ field: 'deprivation', label: 'deprivation column', higherMeans: 'more-need' }]);
  });

  it('gives a formula with no domains for no columns', () => {
    expect(formulaForData([]).domains).toEqual([]);
  });

  it('does not change the base formula', () => {
    const before = JSON.stringify(base);
    formulaForData(['deprivation'], base);
    expect(JSON.stringify(base)).toBe(before);
  });
});
