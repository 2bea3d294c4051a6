import { describe, expect, it } from 'vitest';
import { findSource, replaceSource, sourceIds } from '../../src/data/replaceSource.js';
import type { Dataset } from '../../src/engine/dataset.js';
import type { Formula } from '../../src/engine/formula.js';

// A fixture formula: one domain of one source, one of two.
const FORMULA: Formula = {
  id: 'fixture',
  name: 'Fixture',
  description: 'A fixture formula',
  domains: [
    { id: 'safety', label: 'Safety', weight: '1', sources: [{ field: 'crime_rank', label: 'Crime rank', higherMeans: 'less-need' }] },
    {
      id: 'adults',
      label: 'Adults',
      weight: '2',
      sources: [
        { field: 'health_rank', label: 'Health rank', higherMeans: 'less-need' },
        { field: 'carers', label: 'Carers', higherMeans: 'more-need' },
      ],
    },
  ],
};

const DATASET: Dataset = {
  kind: 'pack',
  file: 'fixture',
  units: [],
  fields: new Map([['crime_rank', new Float64Array([1, 2])]]),
};

describe('findSource', () => {
  it('names a one-source domain by its id and a source of several as domain.field', () => {
    expect(sourceIds(FORMULA)).toEqual(['safety', 'adults.health_rank', 'adults.carers']);
    const safety = findSource(FORMULA, 'safety');
    expect(safety.ok && safety.value.source.field).toBe('crime_rank');
    const dotted = findSource(FORMULA, 'safety.crime_rank');
    expect(dotted.ok && dotted.value.id).toBe('safety');
    const carers = findSource(FORMULA, ' adults.carers ');
    expect(carers.ok && carers.value.id).toBe('adults.carers');
  });

  it('refuses a domain of several sources named alone, and an id that is no source', () => {
    const adults = findSource(FORMULA, 'adults');
    expect(!adults.ok && adults.error.code).toBe('ambiguous-source');
    const unknown = findSource(FORMULA, 'adults.carer');
    expect(!unknown.ok && unknown.error.hint).toBe('Did you mean adults.carers? Sources: safety, adults.health_rank, adults.carers (fairshare domains lists them)');
    expect(findSource(FORMULA, '__proto__').ok).toBe(false);
  });
});

describe('replaceSource', () => {
  it('adds the figures as a column and points only the named source at it, the other way if need be', () => {
    const ref = findSource(FORMULA, 'adults.health_rank');
    if (!ref.ok) throw new Error(ref.error.message);
    const values = new Float64Array([0.1, 0.2]);
    const { dataset, formula } = replaceSource(DATASET, FORMULA, ref.value, { column: 'value', higherMeans: 'more-need', values, outside: 0 }, 'mine.csv');
    expect(dataset.fields.get('replaced:adults.health_rank')).toBe(values);
    expect(dataset.fields.get('crime_rank')).toBe(DATASET.fields.get('crime_rank'));
    expect(DATASET.fields.has('replaced:adults.health_rank')).toBe(false);
    expect(formula.domains[1]?.sources).toEqual([
      { field: 'replaced:adults.health_rank', label: 'Health rank, replaced by mine.csv (value)', higherMeans: 'more-need' },
      FORMULA.domains[1]?.sources[1],
    ]);
    expect(formula.domains[0]).toBe(FORMULA.domains[0]);
    expect(formula.domains[1]?.weight).toBe('2');
  });
});
