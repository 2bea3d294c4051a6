import { describe, expect, it } from 'vitest';
import { findArea, listAreas, subset } from '../../src/data/area.js';
import type { Dataset, Unit } from '../../src/engine/dataset.js';

const unit = (code: string, districtCode: string, districtName: string, countyCode: string, countyName: string): Unit => ({
  code,
  name: `Fixture ${code}`,
  districtCode,
  districtName,
  countyCode,
  countyName,
});
// Two districts of a two-tier county, a unitary authority and a London borough (fixture codes).
const pack: Dataset = {
  kind: 'pack',
  file: 'fixture-pack.json.gz',
  units: [
    unit('L1', 'E07000001', 'Northtown', 'E10000001', 'Shireshire'),
    unit('L2', 'E07000001', 'Northtown', 'E10000001', 'Shireshire'),
    unit('L3', 'E07000002', 'Southtown', 'E10000001', 'Shireshire'),
    unit('L4', 'E06000001', 'Uniton', 'E06000001', 'Uniton'),
    unit('L5', 'E09000001', 'Borough', 'E09000001', 'Borough'),
  ],
  fields: new Map([['population', Float64Array.from([10, 20, 30, 40, 50])]]),
};

const found = (query: string) => {
  const result = findArea(pack, query);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('listAreas', () => {
  it('lists England, counties and single-tier authorities, then districts, each once', () => {
    expect(listAreas(pack).map((a) => [a.kind, a.code, a.indices.length])).toEqual([
      ['england', 'england', 5],
      ['unitary', 'E06000001', 1],
      ['london', 'E09000001', 1],
      ['county', 'E10000001', 3],
      ['district', 'E07000001', 2],
      ['district', 'E07000002', 1],
    ]);
  });

  it('offers "all" instead of England for a --data file', () => {
    const csv: Dataset = { ...pack, kind: 'csv', units: pack.units.map((u) => ({ ...u, countyCode: '', countyName: '' })) };
    expect(listAreas(csv)[0]).toMatchObject({ kind: 'all', code: 'all' });
  });
});

describe('findArea', () => {
  it('finds an area by code or by name, ignoring case and spaces', () => {
    expect(found('E10000001').name).toBe('Shireshire');
    expect(found('  shireshire ').code).toBe('E10000001');
    expect(found('northtown').indices).toEqual([0, 1]);
    expect(found('England').indices).toHaveLength(5);
  });

  it('refuses an unknown area and suggests the nearest name', () => {
    const result = findArea(pack, 'Shirshire');
    expect(result).toMatchObject({ ok: false, error: { kind: 'usage', code: 'unknown-area' } });
    if (!result.ok) expect(result.error.hint).toContain('Did you mean "Shireshire"?');
  });
});

describe('subset', () => {
  it('keeps only the units of the area, with every field cut to match', () => {
    const south = subset(pack, found('Southtown'));
    expect(south.units.map((u) => u.code)).toEqual(['L3']);
    expect([...(south.fields.get('population') ?? [])]).toEqual([30]);
  });

  it('returns the dataset itself when the area is all of it', () => {
    expect(subset(pack, found('england'))).toBe(pack);
  });
});
