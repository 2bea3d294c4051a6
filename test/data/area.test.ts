import { describe, expect, it } from 'vitest';
import { findArea, listAreas, matchesSearch, subset } from '../../src/data/area.js';
import { FORMER_COUNTIES } from '../../src/data/formerCounties.js';
import type { Dataset, Unit } from '../../src/engine/dataset.js';
import { FIXTURE_FORMER_COUNTIES, fixturePack2025 } from '../helpers/fixtureDataset.js';

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

describe('areas of the 2025 geography (regions, former counties, former districts)', () => {
  const pack2025 = fixturePack2025();
  const options = { formerCounties: FIXTURE_FORMER_COUNTIES };
  const find = (query: string) => findArea(pack2025, query, options);
  const codeOf = (query: string) => {
    const result = find(query);
    if (!result.ok) throw new Error(result.error.message);
    return result.value.code;
  };

  it('lists regions after England, then counties, councils and former counties by code, districts, then former districts', () => {
    expect(listAreas(pack2025, options).map((a) => [a.kind, a.code, a.indices.join(' ')])).toEqual([
      ['england', 'england', '0 1 2 3 4 5 6 7'],
      ['region', 'E12000901', '0 1 2 3 4 5'],
      ['region', 'E12000902', '6 7'],
      ['unitary', 'E06000901', '0 1 2'],
      ['unitary', 'E06000902', '3'],
      ['unitary', 'E06000903', '6'],
      ['london', 'E09000901', '7'],
      ['former-county', 'E10000901', '0 1 2 3'],
      ['county', 'E10000902', '4 5'],
      ['district', 'E07000904', '4'],
      ['district', 'E07000905', '5'],
      ['former-district', 'E07000901', '0 1'],
      ['former-district', 'E07000902', '2'],
      ['former-district', 'E07000903', '3 4'],
    ]);
  });

  it('makes a former county of the councils that replaced it, noting the LSOA of a former district that went elsewhere', () => {
    const fakeshire = listAreas(pack2025, options).find((a) => a.code === 'E10000901');
    expect(fakeshire).toMatchObject({ kind: 'former-county', name: 'Fakeshire' });
    expect(fakeshire?.note).toBe(
      'Fakeshire (E10000901) is the area of North Fakeshire (E06000901) and West Fakeshire (E06000902), which replaced its county and districts in 2021. ' +
        'Not included: LSOA F05 of the former Southtown now lies in Borderdale (E07000904).',
    );
  });

  it('selects a former county by its 2019 code and by name', () => {
    expect(find('E10000901')).toMatchObject({ ok: true, value: { kind: 'former-county', indices: [0, 1, 2, 3] } });
    expect(codeOf('fakeshire')).toBe('E10000901');
  });

  it('leaves a former county out where the data still has the county (the 2019 vintage) or none of its councils', () => {
    expect(listAreas(pack, options).some((a) => a.kind === 'former-county')).toBe(false);
    const twoTier = { ...pack, units: pack.units.map((u) => ({ ...u, countyCode: 'E10000901', countyName: 'Fakeshire' })) };
    expect(listAreas(twoTier, { formerCounties: FIXTURE_FORMER_COUNTIES }).filter((a) => a.code === 'E10000901').map((a) => a.kind)).toEqual(['county']);
  });

  it('throws when a pack has some of the councils of a former county but not all (the table and the pack disagree)', () => {
    const broken = { formerCounties: [{ ...FIXTURE_FORMER_COUNTIES[0], councils: ['E06000901', 'E06000999'] }] };
    expect(() => listAreas(pack2025, broken)).toThrow('former county Fakeshire (E10000901): the data pack has no single-tier council E06000999');
  });

  it('selects a region and a former district by name', () => {
    expect(codeOf('Southlands')).toBe('E12000902');
    expect(find('southtown')).toMatchObject({ ok: true, value: { kind: 'former-district', indices: [3, 4] } });
  });

  it('reads "Portcity" and "City of Portcity" as "Portcity, City of"', () => {
    expect(codeOf('Portcity')).toBe('E06000903');
    expect(codeOf(' city of portcity ')).toBe('E06000903');
    expect(codeOf('Portcity, City of')).toBe('E06000903');
  });

  it('suggests names from initials, with or without a C for council', () => {
    const result = find('NFC');
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-area' } });
    if (!result.ok) expect(result.error.hint).toBe('Did you mean "North Fakeshire"? Run "fairshare areas --search North" to list areas');
  });
});

describe('findArea with the short forms officers write', () => {
  const shire = (code: string, district: [string, string], county: [string, string]): Unit => unit(code, district[0], district[1], county[0], county[1]);
  // Made-up codes; real names, because the short forms are of real names.
  const northants: Dataset = {
    kind: 'pack',
    file: 'fixture-pack.json.gz',
    units: [
      shire('L1', ['E06000961', 'North Northamptonshire'], ['E06000961', 'North Northamptonshire']),
      shire('L2', ['E06000962', 'West Northamptonshire'], ['E06000962', 'West Northamptonshire']),
      shire('L3', ['E06000910', 'Kingston upon Hull, City of'], ['E06000910', 'Kingston upon Hull, City of']),
      shire('L4', ['E06000919', 'Herefordshire, County of'], ['E06000919', 'Herefordshire, County of']),
      shire('L5', ['E07000947', 'North Norfolk'], ['E10000920', 'Norfolk']),
      shire('L6', ['E06000911', 'Brighton and Hove'], ['E06000911', 'Brighton and Hove']),
    ],
    fields: new Map([['population', Float64Array.from([1, 1, 1, 1, 1, 1])]]),
  };
  const formerCounties = [{ code: 'E10000921', name: 'Northamptonshire', replaced: 2021, councils: ['E06000961', 'E06000962'] }];
  const codeOf = (query: string) => {
    const result = findArea(northants, query, { formerCounties });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.code;
  };
  const hint = (query: string) => {
    const result = findArea(northants, query, { formerCounties });
    if (result.ok) throw new Error(`expected a failure, got ${result.value.code}`);
    return result.error.hint;
  };

  it('expands Northants, and Hull to Kingston upon Hull', () => {
    expect(codeOf('Northants')).toBe('E10000921');
    expect(codeOf('west northants')).toBe('E06000962');
    expect(codeOf('North Northants')).toBe('E06000961');
    expect(codeOf('Hull')).toBe('E06000910');
    expect(codeOf('Herefordshire')).toBe('E06000919');
  });

  it('reads & as and', () => {
    expect(codeOf('Brighton & Hove')).toBe('E06000911');
  });

  it('suggests councils for NNC and WNC from their initials', () => {
    expect(hint('NNC')).toBe('Did you mean "North Northamptonshire" or "North Norfolk"? Run "fairshare areas --search North" to list areas');
    expect(hint('WNC')).toBe('Did you mean "West Northamptonshire"? Run "fairshare areas --search West" to list areas');
  });

  it('suggests the nearest name for a typo in a short form', () => {
    expect(hint('West Northans')).toContain('Did you mean "West Northamptonshire"?');
  });

  it('matches a search by short forms too', () => {
    const listed = listAreas(northants, { formerCounties }).filter((a) => matchesSearch(a, 'northants'));
    expect(listed.map((a) => a.code)).toEqual(['E06000961', 'E06000962', 'E10000921']);
    expect(listAreas(northants).filter((a) => matchesSearch(a, 'hull')).map((a) => a.code)).toEqual(['E06000910']);
  });
});

describe('FORMER_COUNTIES', () => {
  it('has Northamptonshire and Cumbria under their 2019 codes, each replaced by two councils', () => {
    expect(FORMER_COUNTIES.map((c) => [c.code, c.name, c.councils.join('+')])).toEqual([
      ['E10000006', 'Cumbria', 'E06000063+E06000064'],
      ['E10000021', 'Northamptonshire', 'E06000061+E06000062'],
    ]);
  });
});
