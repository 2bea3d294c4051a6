import { describe, expect, it } from 'vitest';
import { buildPack, type BuiltPack } from '../../build/buildPack.js';
import { V2025 } from '../../build/vintages/v2025.js';
import type { FairshareError } from '../../src/engine/errors.js';
import { AGE_CSV, CARE_CSV, GEOGRAPHY_CSV, HOUSEHOLDS_CSV, fixtureInputs2025 } from './packFixtures2025.js';

function built(edit: Partial<Record<string, string>> = {}): BuiltPack {
  const result = buildPack(V2025, fixtureInputs2025(edit));
  if (!result.ok) throw new Error(`expected a pack, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(edit: Partial<Record<string, string>>): FairshareError {
  const result = buildPack(V2025, fixtureInputs2025(edit));
  if (result.ok) throw new Error('expected buildPack to fail');
  return result.error;
}

function row(pack: BuiltPack, code: string): Record<string, string | number> {
  const columns = [...pack.json.textFields, ...pack.json.fields];
  const found = pack.json.rows.find((r) => r[0] === code);
  if (found === undefined) throw new Error(`no row for ${code}`);
  return Object.fromEntries(columns.map((name, i) => [name, found[i] as string | number]));
}

describe('buildPack with the 2025 spec', () => {
  it('writes a version 2 document with the 2025 columns, in order', () => {
    const { json } = built();
    expect(json).toMatchObject({ format: 'fairshare-data-pack', version: 2, vintage: '2025', title: V2025.title, vintageLabel: V2025.vintageLabel });
    expect(json.textFields).toEqual([
      'lsoa_code',
      'lsoa_name',
      'district_code',
      'district_name',
      'county_code',
      'county_name',
      'region_code',
      'region_name',
      'former_district_code',
      'former_district_name',
      'ward_code',
      'ward_name',
    ]);
    expect(json.fields.slice(0, 5)).toEqual(['population', 'population_0_4', 'population_0_14', 'population_60_plus', 'population_65_plus']);
    expect(json.fields.at(-1)).toBe('ward_derived');
    expect(json.sources.map((s) => s.file)).toEqual(Object.values(V2025.sources).map((s) => s.file));
  });

  it('skips the Welsh rows of the Census and ward files, and sorts by code', () => {
    const pack = built();
    expect(pack.json.rows.map((r) => r[0])).toEqual(['E01999901', 'E01999902', 'E01999903', 'E01999904']);
    expect(pack.summary).toContain('census2021/census2021_ts007a_age_5yr_bands_lsoa21_ew.csv: 1 rows outside E01 skipped');
  });

  it('sums the Census age bands', () => {
    const mockton = row(built(), 'E01999901');
    expect(mockton['population']).toBe(290);
    expect(mockton['population_0_4']).toBe(50);
    expect(mockton['population_0_14']).toBe(120);
    expect(mockton['population_60_plus']).toBe(70);
    expect(mockton['population_65_plus']).toBe(40);
  });

  it('works out the IDACI rate as one division: 5 × numerator ÷ (5 × aged 0–14 + aged 15–19)', () => {
    const north = row(built(), 'E01999902');
    expect(north['idaci_rate']).toBe((5 * 15) / (5 * 30 + 10));
    // 20 / (21 + 3/5) is not 100 / 108 in floating point when done in two steps; the builder does one
    // division.
    const fake = row(built(), 'E01999903');
    expect(fake['idaci_rate']).toBe(100 / 108);
  });

  it('gives equal fractions identical doubles, so they tie exactly', () => {
    const ages = AGE_CSV.replace('E01999904,Otherton 001A,2021,171,1,2,3,4', 'E01999904,Otherton 001A,2021,171,1,1,0,8');
    const pack = built({ age: ages });
    // E01999904: 5 × 10 ÷ (5 × 2 + 8) = 50/18; E01999903's 100/108 differs; check the single-division value.
    expect(row(pack, 'E01999904')['idaci_rate']).toBe(50 / 18);
    expect(row(pack, 'E01999904')['idaci_rate']).toBe(25 / 9);
  });

  it('fills a blank IDACI or IDAOPI numerator with 5, flags it and counts it', () => {
    const pack = built();
    expect(row(pack, 'E01999901')).toMatchObject({ idaci_numerator: 5, idaci_suppressed: 1, idaci_rate: 25 / 620 });
    expect(row(pack, 'E01999903')).toMatchObject({ idaopi_numerator: 5, idaopi_suppressed: 1, idaopi_rate: 5 / 7 });
    expect(row(pack, 'E01999902')).toMatchObject({ idaci_suppressed: 0, idaopi_suppressed: 0, idaopi_rate: 45 / 60 });
    expect(pack.json.fills).toEqual({ idaci_numerator: 1, idaopi_numerator: 1 });
  });

  it('works out the disability and unpaid care shares from TS040 and TS039', () => {
    const pack = built();
    // ORDER puts E01999901 third: households 102, 1 disabled 7, 2+ 3 + 4; residents 5+ 302; carers 20 + 6 +
    // 4.
    expect(row(pack, 'E01999901')['disabled_households_share']).toBe((7 + 7) / 102);
    expect(row(pack, 'E01999901')['unpaid_carers_share']).toBe(30 / 302);
  });

  it('takes council, county and region from the 2024 lookup', () => {
    expect(row(built(), 'E01999903')).toMatchObject({
      district_code: 'E07999901',
      district_name: 'Fakeborough and Hythe',
      county_code: 'E10999901',
      county_name: 'Testshire',
      region_code: 'E12999901',
    });
  });

  it('gives North and West Northamptonshire LSOAs the derived May 2025 ward, and others the ONS 2024 ward', () => {
    const pack = built();
    expect(row(pack, 'E01999902')).toMatchObject({ ward_code: 'E05999925', ward_name: 'Corby New Ward 2025', ward_derived: 1 });
    // Listed in the derived file, but its 2024 council is not North or West Northamptonshire (like
    // E01027305).
    expect(row(pack, 'E01999904')).toMatchObject({ ward_code: 'E05999904', ward_name: 'Otherton West', ward_derived: 0 });
    expect(row(pack, 'E01999901')).toMatchObject({ ward_code: 'E05999901', ward_derived: 0 });
  });

  it('finds the former district by the latest code of its 2011 name up to 2019, named as that year', () => {
    const pack = built();
    // Oldtown was merged into Mockton in 2019: its 2018 code.
    expect(row(pack, 'E01999901')).toMatchObject({ former_district_code: 'E07999980', former_district_name: 'Oldtown' });
    expect(row(pack, 'E01999902')).toMatchObject({ former_district_code: 'E07000150', former_district_name: 'Corby' });
    // Follows its 2011 name even where the 2024 lookup puts the LSOA in another council.
    expect(row(pack, 'E01999904')).toMatchObject({ district_code: 'E07999902', former_district_code: 'E07000150' });
  });

  it('sends an LSOA straddling two former districts (A;B) to the one that became its council', () => {
    const pack = built();
    // Fakeborough was renamed Fakeborough and Hythe in 2018; the name is the 2019 one.
    expect(row(pack, 'E01999903')).toMatchObject({ former_district_code: 'E07999901', former_district_name: 'Fakeborough and Hythe' });
    expect(pack.summary.join('\n')).toContain('E01999903 (Fakeborough;Mockton) → Fakeborough and Hythe E07999901');
  });

  it('reads a former district name through its alias (Bristol → "Bristol, City of")', () => {
    const pack = built({ geography: GEOGRAPHY_CSV.replace('unitary,Oldtown', 'unitary,Bristol') });
    expect(row(pack, 'E01999901')).toMatchObject({ former_district_code: 'E06000023', former_district_name: 'Bristol, City of' });
  });

  describe('failures', () => {
    it('fails naming the file and the LSOA when a source lacks an LSOA', () => {
      const error = failure({ care: CARE_CSV.replace(/^E01999902,.*\n/m, '') });
      expect(error.code).toBe('missing-lsoa');
      expect(error.message).toContain('E01999902');
      expect(error.location?.file).toBe('census2021/census2021_ts039_unpaid_care_lsoa21_ew.csv');
    });

    it('fails naming the LSOA on a zero denominator', () => {
      const error = failure({ households: HOUSEHOLDS_CSV.replace(/^(E01999901,Mockton 001A,2021,)102,/m, '$10,') });
      expect(error.code).toBe('zero-denominator');
      expect(error.message).toContain('disabled_households_share of LSOA E01999901');
      expect(error.location?.file).toBe('census2021/census2021_ts040_disabled_people_in_household_lsoa21_ew.csv');
    });

    it('fails on a former district name that is in no district vintage', () => {
      const error = failure({ geography: GEOGRAPHY_CSV.replace('unitary,Oldtown', 'unitary,Atlantis') });
      expect(error.code).toBe('unknown-district');
      expect(error.message).toContain('Atlantis');
    });

    it('fails when neither former district of a straddling LSOA became its council', () => {
      const error = failure({ geography: GEOGRAPHY_CSV.replace('Fakeborough;Mockton', 'Otherton;Mockton') });
      expect(error.code).toBe('inconsistent-source');
      expect(error.message).toContain('E01999903');
    });

    it('fails when a North Northamptonshire LSOA has no derived ward', () => {
      const error = failure({ wards25: 'lsoa21_code,lsoa21_name,wd25_code,wd25_name\n' });
      expect(error.code).toBe('lsoa-without-ward');
      expect(error.message).toContain('E01999902');
    });

    it('fails when the ward lookup disagrees with the council lookup', () => {
      const error = failure({ geography: GEOGRAPHY_CSV.replace('E01999901,Mockton 001A,E06999901,Mockton', 'E01999901,Mockton 001A,E06999902,Mockton') });
      expect(error.code).toBe('inconsistent-source');
      expect(error.location?.file).toBe('geography2021/lsoa21_ward24_lad24_ew.csv');
    });
  });
});
