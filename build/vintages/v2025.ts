/**
 * The 2025 vintage: English Indices of Deprivation 2025 (MHCLG) on the 33,755 English LSOAs of 2021,
 * Census 2021 population, disability and unpaid care, councils of 2024 and wards of 2024 (North and West
 * Northamptonshire: May 2025, derived). Columns and rules: data/README.md, "The 2025 pack".
 */
import { PACK_LICENCE } from '../../src/data/packFormat.js';
import type { ColumnRef, NumberRule, VintageSpec } from '../vintageSpec.js';

const LSOA_CODE = 'lsoa21_code';

const imd = (column: string): ColumnRef => ({ source: 'imd', column });
const subdomain = (column: string): ColumnRef => ({ source: 'subdomains', column });
const geography = (column: string): ColumnRef => ({ source: 'geography', column });
const rank = (field: string, from: ColumnRef): NumberRule => ({ field, kind: 'rank', from });

/** Census 2021 TS007a five-year age bands. */
const AGED_0_14 = ['aged_4_years_and_under', 'aged_5_to_9_years', 'aged_10_to_14_years'];
const AGED_65_PLUS = ['aged_65_to_69_years', 'aged_70_to_74_years', 'aged_75_to_79_years', 'aged_80_to_84_years', 'aged_85_years_and_over'];
const AGED_60_PLUS = ['aged_60_to_64_years', ...AGED_65_PLUS];

/** The councils whose wards changed in May 2025: their LSOAs take the derived May 2025 wards. */
export const NORTH_NORTHAMPTONSHIRE = 'E06000061';
export const WEST_NORTHAMPTONSHIRE = 'E06000062';

/** The seven districts of Northamptonshire until 2021, by their 2019 codes. */
export const FORMER_NORTHAMPTONSHIRE_DISTRICTS = ['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156'];

export const V2025: VintageSpec = {
  vintage: '2025',
  title: 'English Indices of Deprivation 2025 by LSOA (2021), with Census 2021 population',
  vintageLabel:
    'IoD2025 (MHCLG, October 2025); Census 2021 population, disability and unpaid care; councils 2024; ' +
    'wards 2024 (North and West Northamptonshire: May 2025, derived)',
  licence: PACK_LICENCE,
  output: 'england-lsoa-2025.pack',
  packVersion: 3,
  country: 'E01',
  sources: {
    imd: { file: 'iod2025/imd2025_england_lsoa21.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'exact' } },
    subdomains: { file: 'iod2025/imd2025_england_lsoa21_subdomains.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'exact' } },
    indicators: { file: 'iod2025/imd2025_england_lsoa21_indicators.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'exact' } },
    // Census 2021 tables cover England and Wales: the Welsh (W01) rows are skipped.
    age: { file: 'census2021/census2021_ts007a_age_5yr_bands_lsoa21_ew.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'country' } },
    households: {
      file: 'census2021/census2021_ts040_disabled_people_in_household_lsoa21_ew.csv',
      rows: { by: 'lsoa', key: LSOA_CODE, cover: 'country' },
    },
    care: { file: 'census2021/census2021_ts039_unpaid_care_lsoa21_ew.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'country' } },
    geography: { file: 'geography2021/lsoa21_lad24_utla23_region24_england.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'exact' } },
    wards24: { file: 'geography2021/lsoa21_ward24_lad24_ew.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'country' } },
    wards25: { file: 'geography2021/northants_lsoa21_wd25_bestfit_derived.csv', rows: { by: 'lsoa', key: LSOA_CODE, cover: 'some' } },
    ladVintages: { file: 'geography2021/lad_vintages_2016_2024.csv', rows: { by: 'table' } },
  },
  index: 'imd',
  transforms: {
    formerDistrict: {
      kind: 'formerDistrict',
      from: geography('former_lad11_name'),
      vintages: 'ladVintages',
      prefix: 'ltla',
      years: ['16', '17', '18', '19'],
      forward: '24',
      // The 2011 LSOA names drop ONS's ", City of" / ", County of".
      aliases: {
        Bristol: 'Bristol, City of',
        Herefordshire: 'Herefordshire, County of',
        'Kingston upon Hull': 'Kingston upon Hull, City of',
      },
      districtField: 'district_code',
    },
    ward: {
      kind: 'wardWithOverride',
      ward: { source: 'wards24', code: 'ward24_code', name: 'ward24_name' },
      override: { source: 'wards25', code: 'wd25_code', name: 'wd25_name' },
      districts: [NORTH_NORTHAMPTONSHIRE, WEST_NORTHAMPTONSHIRE],
      districtField: 'district_code',
    },
  },
  textFields: [
    { field: 'lsoa_code', kind: 'text', from: imd(LSOA_CODE) },
    { field: 'lsoa_name', kind: 'text', from: geography('lsoa21_name') },
    { field: 'district_code', kind: 'text', from: geography('lad24_code') },
    { field: 'district_name', kind: 'text', from: geography('lad24_name') },
    { field: 'county_code', kind: 'text', from: geography('utla23_code') },
    { field: 'county_name', kind: 'text', from: geography('utla23_name') },
    { field: 'region_code', kind: 'text', from: geography('region24_code') },
    { field: 'region_name', kind: 'text', from: geography('region24_name') },
    { field: 'former_district_code', kind: 'transform', transform: 'formerDistrict', part: 'code' },
    { field: 'former_district_name', kind: 'transform', transform: 'formerDistrict', part: 'name' },
    { field: 'ward_code', kind: 'transform', transform: 'ward', part: 'code' },
    { field: 'ward_name', kind: 'transform', transform: 'ward', part: 'name' },
  ],
  fields: [
    { field: 'population', kind: 'count', from: { source: 'age', column: 'total' } },
    { field: 'population_0_4', kind: 'count', from: { source: 'age', column: 'aged_4_years_and_under' } },
    { field: 'population_0_14', kind: 'sum', source: 'age', columns: AGED_0_14 },
    { field: 'population_60_plus', kind: 'sum', source: 'age', columns: AGED_60_PLUS },
    { field: 'population_65_plus', kind: 'sum', source: 'age', columns: AGED_65_PLUS },
    rank('imd_rank', imd('imd_rank')),
    rank('income_rank', imd('income_rank')),
    rank('employment_rank', imd('employment_rank')),
    rank('education_rank', imd('education_rank')),
    rank('health_rank', imd('health_rank')),
    rank('crime_rank', imd('crime_rank')),
    rank('barriers_rank', imd('housing_and_services_rank')),
    rank('living_environment_rank', imd('environment_rank')),
    rank('children_young_people_rank', subdomain('children_and_young_people_rank')),
    rank('adult_skills_rank', subdomain('adult_skills_rank')),
    rank('geographical_barriers_rank', subdomain('geographical_barriers_rank')),
    rank('wider_barriers_rank', subdomain('wider_barriers_rank')),
    rank('indoors_rank', subdomain('indoors_rank')),
    rank('outdoors_rank', subdomain('outdoors_rank')),
    {
      field: 'idaci_numerator',
      kind: 'numerator',
      from: { source: 'indicators', column: 'income_deprivation_affecting_children_index_idaci_numerator' },
    },
    { field: 'idaci_suppressed', kind: 'suppressed', of: 'idaci_numerator' },
    // Children 0–15 from five-year bands: 0–14 plus one fifth of 15–19, scaled by 5 to stay whole.
    {
      field: 'idaci_rate',
      kind: 'ratio',
      numerator: [{ field: 'idaci_numerator', times: 5 }],
      denominator: [
        { field: 'population_0_14', times: 5 },
        { source: 'age', column: 'aged_15_to_19_years' },
      ],
    },
    {
      field: 'idaopi_numerator',
      kind: 'numerator',
      from: { source: 'indicators', column: 'income_deprivation_affecting_older_people_index_idaopi_numerator' },
    },
    { field: 'idaopi_suppressed', kind: 'suppressed', of: 'idaopi_numerator' },
    { field: 'idaopi_rate', kind: 'ratio', numerator: [{ field: 'idaopi_numerator' }], denominator: [{ field: 'population_60_plus' }] },
    {
      field: 'disabled_households_share',
      kind: 'ratio',
      numerator: [
        { source: 'households', column: '1_person_disabled_under_the_equality_act_in_household' },
        { source: 'households', column: '2_or_more_people_disabled_under_the_equality_act_in_household' },
      ],
      denominator: [{ source: 'households', column: 'total_all_households' }],
    },
    {
      field: 'unpaid_carers_share',
      kind: 'ratio',
      numerator: [
        { source: 'care', column: 'provides_19_hours_or_less_unpaid_care_a_week' },
        { source: 'care', column: 'provides_20_to_49_hours_unpaid_care_a_week' },
        { source: 'care', column: 'provides_50_or_more_hours_unpaid_care_a_week' },
      ],
      denominator: [{ source: 'care', column: 'total_all_usual_residents_aged_5_and_over' }],
    },
    { field: 'ward_derived', kind: 'transform', transform: 'ward', part: 'derived' },
  ],
  oneName: [
    { code: 'district_code', name: 'district_name', noun: 'district' },
    { code: 'county_code', name: 'county_name', noun: 'county' },
    { code: 'region_code', name: 'region_name', noun: 'region' },
    { code: 'former_district_code', name: 'former_district_name', noun: 'former district' },
    { code: 'ward_code', name: 'ward_name', noun: 'ward' },
  ],
  agree: [
    { from: { source: 'age', column: 'lsoa21_name' }, field: 'lsoa_name' },
    { from: { source: 'households', column: 'lsoa21_name' }, field: 'lsoa_name' },
    { from: { source: 'care', column: 'lsoa21_name' }, field: 'lsoa_name' },
    { from: { source: 'wards24', column: 'ltla24_code' }, field: 'district_code' },
  ],
  known: {
    lsoas: 33755,
    districts: 296,
    fills: { idaci_numerator: 815, idaopi_numerator: 832 },
    areas: [
      { name: 'North Northamptonshire', field: 'district_code', codes: [NORTH_NORTHAMPTONSHIRE], lsoas: 205 },
      { name: 'West Northamptonshire', field: 'district_code', codes: [WEST_NORTHAMPTONSHIRE], lsoas: 237 },
      {
        name: 'Northamptonshire (North and West)',
        field: 'district_code',
        codes: [NORTH_NORTHAMPTONSHIRE, WEST_NORTHAMPTONSHIRE],
        lsoas: 442,
        distinct: { field: 'former_district_code', values: FORMER_NORTHAMPTONSHIRE_DISTRICTS },
      },
    ],
  },
};
