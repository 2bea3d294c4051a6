import { describe, expect, it } from 'vitest';
import { levelPlural, planLevel } from '../../src/app/levels.js';
import { fixtureDataset, FIVE_LSOAS, fixturePack2025 } from '../helpers/fixtureDataset.js';
import type { Dataset } from '../../src/engine/dataset.js';

const pack2025 = fixturePack2025();
// Shaped like the 2019 pack: counties, no regions, former districts or wards.
const pack2019: Dataset = {
  ...pack2025,
  units: pack2025.units.map(({ code, name, districtCode, districtName, countyCode, countyName }) => ({
    code,
    name,
    districtCode,
    districtName,
    countyCode,
    countyName,
  })),
};
const csv = fixtureDataset(FIVE_LSOAS);

describe('planLevel', () => {
  it('groups whole LSOAs for district, former-district, county, region and (with wards in the data) ward', () => {
    for (const level of ['district', 'former-district', 'county', 'region', 'ward'] as const) {
      expect(planLevel(level, pack2025, '2025', false)).toEqual({ ok: true, value: { by: 'group', level } });
    }
    expect(planLevel(' Former-District ', pack2019, '2019', false)).toEqual({ ok: true, value: { by: 'group', level: 'former-district' } });
    expect(planLevel('lsoa', pack2019, '2019', false)).toEqual({ ok: true, value: { by: 'lsoa' } });
  });

  it('shares out through a lookup for ward on the 2019 vintage, division, and any ward given --lookup', () => {
    expect(planLevel('ward', pack2019, '2019', false)).toEqual({ ok: true, value: { by: 'lookup', level: 'ward' } });
    expect(planLevel('division', pack2019, '2019', false)).toEqual({ ok: true, value: { by: 'lookup', level: 'division' } });
    expect(planLevel('ward', pack2025, '2025', true)).toEqual({ ok: true, value: { by: 'lookup', level: 'ward' } });
    expect(planLevel('division', pack2025, '2025', true)).toEqual({ ok: true, value: { by: 'lookup', level: 'division' } });
    expect(planLevel('division', csv, undefined, false)).toEqual({ ok: true, value: { by: 'lookup', level: 'division' } });
  });

  it('refuses a level the data cannot give, naming the vintage that has it', () => {
    expect(planLevel('region', pack2019, '2019', false)).toEqual({
      ok: false,
      error: { kind: 'usage', code: 'level-not-in-data', message: 'the 2019 vintage has no regions', hint: 'Use --vintage 2025' },
    });
    expect(planLevel('division', pack2025, '2025', false)).toMatchObject({
      ok: false,
      error: {
        message: 'the 2025 vintage has no divisions: the shipped division lookup is of the LSOAs of the 2019 vintage',
        hint: 'Use --vintage 2019, or give a lookup of these LSOAs with --lookup FILE',
      },
    });
    expect(planLevel('region', csv, undefined, false)).toMatchObject({
      ok: false,
      error: { message: 'a --data file has no regions', hint: 'Use --vintage 2025 without --data' },
    });
    expect(planLevel('county', csv, undefined, false)).toMatchObject({
      ok: false,
      error: { message: 'a --data file has no counties', hint: 'Use the shipped data (leave out --data) for --level county' },
    });
  });

  it('refuses an unknown level, listing the levels', () => {
    expect(planLevel('parish', pack2025, '2025', false)).toMatchObject({
      ok: false,
      error: { code: 'bad-level', hint: 'Use --level lsoa, district, former-district, county, region, ward, division, locality' },
    });
  });
});

describe('levelPlural', () => {
  it('writes levels in words, plural', () => {
    expect(['former-district', 'county', 'region', 'ward'].map(levelPlural)).toEqual(['former districts', 'counties', 'regions', 'wards']);
  });
});
