import { describe, expect, it } from 'vitest';
import { buildPack, toPackV1, type BuiltPack } from '../../build/buildPack.js';
import { V2019 } from '../../build/vintages/v2019.js';
import { PACK_COLUMNS } from '../../src/data/packFormat.js';
import type { FairshareError } from '../../src/engine/errors.js';
import { COUNTY_LOOKUP_CSV, DOMAINS_CSV, INDICATORS_CSV, LSOA_LOOKUP_CSV, POPULATION_CSV, SUBDOMAINS_CSV, fixtureInputs } from './packFixtures.js';

function built(edit: Parameters<typeof fixtureInputs>[0] = {}): BuiltPack {
  const result = buildPack(V2019, fixtureInputs(edit));
  if (!result.ok) throw new Error(`expected a pack, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(edit: Parameters<typeof fixtureInputs>[0]): FairshareError {
  const result = buildPack(V2019, fixtureInputs(edit));
  if (result.ok) throw new Error('expected buildPack to fail');
  return result.error;
}

/** The fixture pack's rows as objects keyed by column name, by LSOA code. */
function rowsByCode(pack: BuiltPack): Map<string, Record<string, string | number>> {
  const { rows } = pack.json;
  const fields = [...pack.json.textFields, ...pack.json.fields];
  return new Map(rows.map((row) => [String(row[0]), Object.fromEntries(fields.map((name, i) => [name, row[i] as string | number]))]));
}

function row(pack: BuiltPack, code: string): Record<string, string | number> {
  const found = rowsByCode(pack).get(code);
  if (found === undefined) throw new Error(`no row for ${code}`);
  return found;
}

describe('buildPack with the 2019 spec', () => {
  it('writes the documented header and columns (format version 2)', () => {
    const { json } = built();
    expect(json.format).toBe('fairshare-data-pack');
    expect(json.version).toBe(2);
    expect(json.vintage).toBe('2019');
    expect(json.vintageLabel).toBe('IoD2019 (MHCLG, September 2019); population mid-2015; districts 2019; counties May 2019');
    expect(json.licence).toBe('Contains public sector information licensed under the Open Government Licence v3.0');
    expect([...json.textFields, ...json.fields]).toEqual(PACK_COLUMNS);
    expect(json.textFields).toEqual(['lsoa_code', 'lsoa_name', 'district_code', 'district_name', 'county_code', 'county_name']);
    expect(json.fields.at(-1)).toBe('idaopi_rate');
    for (const r of json.rows) expect(r).toHaveLength(json.textFields.length + json.fields.length);
  });

  it('also writes the same pack as format version 1, with every column in `fields`', () => {
    const { json } = built();
    const v1 = toPackV1(json);
    expect(Object.keys(v1)).toEqual(['format', 'version', 'title', 'vintage', 'licence', 'sources', 'fills', 'fields', 'rows']);
    expect(v1.version).toBe(1);
    expect(v1.vintage).toBe(json.vintageLabel);
    expect(v1.fields).toEqual(PACK_COLUMNS);
    expect(v1.rows).toBe(json.rows);
  });

  it('lists every source file with its hash, in a fixed order', () => {
    expect(built().json.sources.map((s) => s.file)).toEqual([
      'iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv',
      'iod2019/File_6_-_IoD2019_Population_Denominators.csv',
      'iod2019/iod2019_subdomain_ranks.csv',
      'iod2019/iod2019_indicators.csv',
      'geography/lsoa11_to_ward19_lad19.csv',
      'geography/ward19_to_lad19_county19_ced19.csv',
    ]);
    expect(built().json.sources[0]?.sha256).toBe('sha256-of-iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv');
  });

  it('sorts rows by LSOA code', () => {
    expect(built().json.rows.map((r) => r[0])).toEqual(['E01999901', 'E01999902', 'E01999903']);
  });

  it('reads files that start with a UTF-8 byte-order mark', () => {
    expect(DOMAINS_CSV.startsWith('\uFEFF')).toBe(true);
    expect(row(built(), 'E01999901')['lsoa_name']).toBe('Mockton 001A');
  });

  it('reads a quoted number with a thousands separator ("1,296") as 1296', () => {
    const mockton = row(built(), 'E01999901');
    expect(mockton['population']).toBe(1296);
    expect(mockton['population_0_15']).toBe(175);
    expect(mockton['population_16_59']).toBe(656);
    expect(mockton['population_60_plus']).toBe(465);
  });

  it('keeps national ranks as published, 1 being most deprived', () => {
    const mockton = row(built(), 'E01999901');
    expect(mockton['imd_rank']).toBe(1);
    expect(mockton['income_rank']).toBe(2);
    expect(mockton['living_environment_rank']).toBe(1);
    expect(mockton['children_young_people_rank']).toBe(1);
    expect(mockton['outdoors_rank']).toBe(3);
  });

  it('fills a suppressed IDACI numerator with 5 and counts it', () => {
    const pack = built();
    const mockton = row(pack, 'E01999901');
    expect(mockton['idaci_numerator']).toBe(5);
    expect(mockton['idaci_suppressed']).toBe(1);
    expect(mockton['idaci_rate']).toBe(5 / 175);
    expect(pack.fills['idaci_numerator']).toBe(1);
    expect(pack.json.fills).toEqual(pack.fills);
  });

  it('fills a suppressed IDAOPI numerator with 5 and counts it', () => {
    const pack = built();
    const north = row(pack, 'E01999902');
    expect(north['idaopi_numerator']).toBe(5);
    expect(north['idaopi_suppressed']).toBe(1);
    expect(north['idaopi_rate']).toBe(5 / 200);
    expect(pack.fills['idaopi_numerator']).toBe(1);
  });

  it('marks published numerators as not suppressed and divides them by the official denominators', () => {
    const south = row(built(), 'E01999903');
    expect(south['idaci_numerator']).toBe(20);
    expect(south['idaci_suppressed']).toBe(0);
    expect(south['idaci_rate']).toBe(20 / 100);
    expect(south['idaopi_numerator']).toBe(50);
    expect(south['idaopi_suppressed']).toBe(0);
    expect(south['idaopi_rate']).toBe(50 / 200);
  });

  it('takes the county of a two-tier district from the ward lookup', () => {
    const north = row(built(), 'E01999902');
    expect(north['district_code']).toBe('E07999901');
    expect(north['district_name']).toBe('Fakeborough');
    expect(north['county_code']).toBe('E10999901');
    expect(north['county_name']).toBe('Testshire');
  });

  it('makes a district that is not in the county lookup its own county', () => {
    const mockton = row(built(), 'E01999901');
    expect(mockton['county_code']).toBe('E06999901');
    expect(mockton['county_name']).toBe('Mockton');
  });

  it('summarises LSOAs, districts, counties and fills', () => {
    expect(built().summary).toEqual([
      '3 LSOAs; distinct district_code 2, county_code 2',
      'counties: 1 two-tier; every other district is its own county',
      'suppressed numerators filled with 5: idaci_numerator 1, idaopi_numerator 1',
    ]);
  });

  it('finds columns by header name whatever their order', () => {
    const [header = '', ...lines] = SUBDOMAINS_CSV.split('\n');
    const reorder = (line: string): string => {
      const cells = line.split(',');
      return cells.length < 7 ? line : [cells[6], cells[0], cells[3], cells[1], cells[5], cells[2], cells[4]].join(',');
    };
    const reordered = [reorder(header), ...lines.map(reorder)].join('\n');
    expect(built({ subdomains: reordered }).json.rows).toEqual(built().json.rows);
  });

  it('matches headers regardless of case and spacing', () => {
    const shouted = POPULATION_CSV.replace('Total population: mid 2015', '  TOTAL   Population: mid 2015');
    expect(built({ population: shouted }).json.rows).toEqual(built().json.rows);
  });

  it('skips the Welsh rows of the England and Wales LSOA lookup', () => {
    const welsh = `${LSOA_LOOKUP_CSV}4,W01999901,Cymtown 001A,W05999901,Cymtown,W06999901,Cymtown\n`;
    expect(built({ lsoaLookup: welsh }).json.rows).toEqual(built().json.rows);
  });

  it('gives the same document for the same inputs', () => {
    expect(JSON.stringify(built().json)).toBe(JSON.stringify(built().json));
  });

  it('fails naming the file and column when a header is missing', () => {
    const error = failure({ domains: DOMAINS_CSV.replace('Income Rank', 'Earnings Rank') });
    expect(error.kind).toBe('data');
    expect(error.code).toBe('missing-columns');
    expect(error.message).toContain('income rank');
    expect(error.location?.file).toBe('iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv');
    expect(error.location?.line).toBe(1);
  });

  it('fails naming the file when an indicator column is missing', () => {
    const error = failure({ indicators: INDICATORS_CSV.replace('idaopi', 'xxx').replace('older_people', 'elders') });
    expect(error.code).toBe('missing-columns');
    expect(error.message).toContain('income_deprivation_affecting_older_people');
    expect(error.location?.file).toBe('iod2019/iod2019_indicators.csv');
  });

  it('fails when two headers match the same column', () => {
    const error = failure({ subdomains: SUBDOMAINS_CSV.replace('indoors_rank,outdoors_rank', 'indoors_rank_a,indoors_rank_b') });
    expect(error.code).toBe('ambiguous-column');
  });

  it('fails naming the LSOA when it is missing from one of the IoD files', () => {
    const error = failure({ subdomains: SUBDOMAINS_CSV.replace('E01999902,2,3,1,2,3,1\n', '') });
    expect(error.code).toBe('missing-lsoa');
    expect(error.message).toContain('E01999902');
    expect(error.location?.file).toBe('iod2019/iod2019_subdomain_ranks.csv');
  });

  it('fails naming the LSOA when a file has one the domains file lacks', () => {
    const error = failure({ indicators: `${INDICATORS_CSV}"E01999904",1,2,3,4\n` });
    expect(error.code).toBe('unknown-lsoa');
    expect(error.message).toContain('E01999904');
  });

  it('fails on an LSOA listed twice', () => {
    const error = failure({ subdomains: `${SUBDOMAINS_CSV}E01999901,1,2,3,1,2,3\n` });
    expect(error.code).toBe('duplicate-code');
    expect(error.message).toContain('E01999901');
    expect(error.location?.line).toBe(5);
  });

  it('fails when a rate has a zero denominator', () => {
    const error = failure({ population: POPULATION_CSV.replace('800,100,500,200', '700,0,500,200') });
    expect(error.code).toBe('zero-denominator');
    expect(error.message).toContain('idaci_rate of LSOA E01999903');
  });

  it('fails naming line and column on a value that is not a number', () => {
    const error = failure({ population: POPULATION_CSV.replace('"1,000",200', '"1,000",two hundred') });
    expect(error.code).toBe('bad-number');
    expect(error.location).toMatchObject({ file: 'iod2019/File_6_-_IoD2019_Population_Denominators.csv', line: 3, column: 6 });
  });

  it('rejects a rank of 0', () => {
    expect(failure({ subdomains: SUBDOMAINS_CSV.replace('E01999903,3,1,2,3,1,2', 'E01999903,0,1,2,3,1,2') }).code).toBe('bad-number');
  });

  it('fails on malformed CSV', () => {
    const error = failure({ indicators: `${INDICATORS_CSV}"E01999904,1\n` });
    expect(error.code).toBe('bad-csv');
    expect(error.location?.file).toBe('iod2019/iod2019_indicators.csv');
  });

  it('fails when the population file disagrees with the domains file about an LSOA', () => {
    const error = failure({ population: POPULATION_CSV.replace('E01999903,Fakeborough 001C,E07999901', 'E01999903,Fakeborough 001C,E06999901') });
    expect(error.code).toBe('inconsistent-source');
  });

  it('fails when the county lookup gives a district two counties', () => {
    const error = failure({ countyLookup: COUNTY_LOOKUP_CSV.replace('E10999901,Testshire,E58999903', 'E10999902,Otherscounty,E58999903') });
    expect(error.code).toBe('inconsistent-source');
    expect(error.location?.line).toBe(4);
  });

  it('fails when the county lookup names a district the IoD does not have', () => {
    const error = failure({ countyLookup: `${COUNTY_LOOKUP_CSV}4,E05999909,Nowhere,E07999909,Nowhere,E10999901,Testshire,E58999909,Nowhere ED\n` });
    expect(error.code).toBe('unknown-district');
  });

  it('fails when the LSOA lookup puts an LSOA in another district', () => {
    const error = failure({ lsoaLookup: LSOA_LOOKUP_CSV.replace('Fakeborough South,E07999901', 'Fakeborough South,E07999902') });
    expect(error.code).toBe('inconsistent-source');
    expect(error.message).toContain('E01999903');
  });
});
