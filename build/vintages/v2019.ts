/**
 * The 2019 vintage: English Indices of Deprivation 2019 (MHCLG) on the 32,844 LSOAs of 2011, mid-2015
 * population, districts of 2019 and counties of May 2019. Columns and rules: data/README.md, "Columns".
 */
import { PACK_LICENCE } from '../../src/data/packFormat.js';
import type { ColumnRef, NumberRule, VintageSpec } from '../vintageSpec.js';

const LSOA_CODE = ['lsoa code', 'lsoa11_code', 'lsoa11cd'];
const LSOA_NAME = ['lsoa name', 'lsoa11_name', 'lsoa11nm'];

const domains = (column: string): ColumnRef => ({ source: 'domains', column });
const population = (column: string): ColumnRef => ({ source: 'population', column });
const subdomain = (column: string): ColumnRef => ({ source: 'subdomains', column });
const rank = (field: string, from: ColumnRef): NumberRule => ({ field, kind: 'rank', from });

export const V2019: VintageSpec = {
  vintage: '2019',
  title: 'English Indices of Deprivation 2019 by LSOA (2011), with mid-2015 population',
  vintageLabel: 'IoD2019 (MHCLG, September 2019); population mid-2015; districts 2019; counties May 2019',
  licence: PACK_LICENCE,
  output: 'england-lsoa-2019.pack',
  packVersion: 3,
  country: 'E01',
  sources: {
    domains: { file: 'iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'exact' } },
    population: { file: 'iod2019/File_6_-_IoD2019_Population_Denominators.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'exact' } },
    subdomains: { file: 'iod2019/iod2019_subdomain_ranks.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'exact' } },
    indicators: { file: 'iod2019/iod2019_indicators.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'exact' } },
    // England and Wales: a cross-check of each LSOA's district.
    lsoaLookup: { file: 'geography/lsoa11_to_ward19_lad19.csv', rows: { by: 'lsoa', key: 'lsoa11cd', cover: 'country' } },
    countyLookup: { file: 'geography/ward19_to_lad19_county19_ced19.csv', rows: { by: 'table' } },
  },
  index: 'domains',
  transforms: {
    county: {
      kind: 'twoTierCounty',
      source: 'countyLookup',
      district: 'lad19cd',
      code: 'cty19cd',
      name: 'cty19nm',
      districtField: 'district_code',
      districtNameField: 'district_name',
    },
  },
  textFields: [
    { field: 'lsoa_code', kind: 'text', from: domains(LSOA_CODE[0] as string) },
    { field: 'lsoa_name', kind: 'text', from: { source: 'domains', column: LSOA_NAME } },
    { field: 'district_code', kind: 'text', from: domains('local authority district code') },
    { field: 'district_name', kind: 'text', from: domains('local authority district name') },
    { field: 'county_code', kind: 'transform', transform: 'county', part: 'code' },
    { field: 'county_name', kind: 'transform', transform: 'county', part: 'name' },
  ],
  fields: [
    { field: 'population', kind: 'count', from: population('total population') },
    { field: 'population_0_15', kind: 'count', from: population('dependent children aged 0-15') },
    { field: 'population_16_59', kind: 'count', from: population('population aged 16-59') },
    { field: 'population_60_plus', kind: 'count', from: population('older population aged 60 and over') },
    rank('imd_rank', domains('index of multiple deprivation (imd) rank')),
    rank('income_rank', domains('income rank')),
    rank('employment_rank', domains('employment rank')),
    rank('education_rank', domains('education, skills and training rank')),
    rank('health_rank', domains('health deprivation and disability rank')),
    rank('crime_rank', domains('crime rank')),
    rank('barriers_rank', domains('barriers to housing and services rank')),
    rank('living_environment_rank', domains('living environment rank')),
    rank('children_young_people_rank', subdomain('children_and_young_people_rank')),
    rank('adult_skills_rank', subdomain('adult_skills_rank')),
    rank('geographical_barriers_rank', subdomain('geographical_barriers_rank')),
    rank('wider_barriers_rank', subdomain('wider_barriers_rank')),
    rank('indoors_rank', subdomain('indoors_rank')),
    rank('outdoors_rank', subdomain('outdoors_rank')),
    { field: 'idaci_numerator', kind: 'numerator', from: { source: 'indicators', column: 'income_deprivation_affecting_children_index' } },
    { field: 'idaci_suppressed', kind: 'suppressed', of: 'idaci_numerator' },
    // The official denominators (File 6).
    { field: 'idaci_rate', kind: 'ratio', numerator: [{ field: 'idaci_numerator' }], denominator: [{ field: 'population_0_15' }] },
    { field: 'idaopi_numerator', kind: 'numerator', from: { source: 'indicators', column: 'income_deprivation_affecting_older_people' } },
    { field: 'idaopi_suppressed', kind: 'suppressed', of: 'idaopi_numerator' },
    { field: 'idaopi_rate', kind: 'ratio', numerator: [{ field: 'idaopi_numerator' }], denominator: [{ field: 'population_60_plus' }] },
  ],
  oneName: [{ code: 'district_code', name: 'district_name', noun: 'district' }],
  agree: [
    { from: { source: 'population', column: LSOA_NAME }, field: 'lsoa_name' },
    { from: population('local authority district code'), field: 'district_code' },
    { from: { source: 'lsoaLookup', column: 'lad19cd' }, field: 'district_code' },
  ],
  known: {
    lsoas: 32844,
    districts: 317,
    fills: { idaci_numerator: 4553, idaopi_numerator: 1035 },
    areas: [
      {
        name: 'Northamptonshire',
        field: 'county_code',
        codes: ['E10000021'],
        lsoas: 422,
        population: 720913,
        distinct: { field: 'district_code', values: ['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156'] },
      },
    ],
  },
};
