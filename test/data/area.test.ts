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

describe('findArea with names that are not unique', () => {
  const csvUnit = (code: string, districtCode: string, districtName: string): Unit => ({ code, name: code, districtCode, districtName, countyCode: '', countyName: '' });
  const data = (units: Unit[]): Dataset => ({ kind: 'csv', file: 'mine.csv', units, fields: new Map([['population', Float64Array.from(units, () => 1)]]) });
  const twoNorths = data([csvUnit('F01', 'F91', 'North'), csvUnit('F02', 'F92', 'North'), csvUnit('F03', 'F93', 'South')]);
  const error = (dataset: Dataset, query: string) => {
    const result = findArea(dataset, query);
    if (result.ok) throw new Error(`expected a failure, got ${result.value.code}`);
    return result.error;
  };

  it('refuses a name two districts share, listing each with its code', () => {
    expect(error(twoNorths, ' north ')).toEqual({
      kind: 'usage',
      code: 'ambiguous-area',
      message: 'area " north " matches 2 areas: the district North (code F91), the district North (code F92)',
      hint: 'Give the code instead, like --area F91',
    });
  });

  it('still selects each of them by its code, in any case', () => {
    expect(findArea(twoNorths, 'F92')).toMatchObject({ ok: true, value: { code: 'F92', indices: [1] } });
    expect(findArea(twoNorths, 'f91')).toMatchObject({ ok: true, value: { code: 'F91', indices: [0] } });
  });

  it('refuses "All" when a district is called All, but "all" as written still means every row', () => {
    const withAll = data([csvUnit('F01', 'F91', 'All'), csvUnit('F02', 'F92', 'Beta')]);
    expect(error(withAll, 'All')).toMatchObject({
      code: 'ambiguous-area',
      message: 'area "All" matches 2 areas: all rows of mine.csv (code all), the district All (code F91)',
      hint: 'Give the code instead, like --area F91',
    });
    expect(findArea(withAll, 'all')).toMatchObject({ ok: true, value: { kind: 'all', indices: [0, 1] } });
    expect(findArea(withAll, 'F91')).toMatchObject({ ok: true, value: { kind: 'district', indices: [0] } });
  });

  it('says how to tell districts apart when one has no code', () => {
    const uncoded = data([csvUnit('F01', '', 'All'), csvUnit('F02', '', 'Beta')]);
    expect(error(uncoded, 'ALL').hint).toBe('Give the code instead, like --area all, or give each district its own code in a district_code column of the --data file');
  });

  it('quotes at most 60 characters of what was asked for', () => {
    expect(error(twoNorths, 'x'.repeat(10_000)).message.length).toBeLessThan(100);
  });
});
