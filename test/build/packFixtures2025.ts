/**
 * Hand-made source files for the 2025 spec (build/vintages/v2025.ts), four obviously fake LSOAs and one
 * Welsh one, shaped like the shared data's 2025 files:
 * - E01999901 Mockton 001A: Mockton (E06999901), a unitary in Testland; its 2011 district was Oldtown,
 *   merged into Mockton in 2019 (so its former district is Oldtown, the code it had in 2018);
 * - E01999902 North Northamptonshire 901A: North Northamptonshire (E06000061), so its ward comes from the
 *   derived May 2025 lookup; former district Corby;
 * - E01999903 Fakeborough 001C: Fakeborough (E07999901) in Testshire; straddles `Fakeborough;Mockton`, and
 *   Fakeborough (called Fakeborough and Hythe from 2018) is its council today;
 * - E01999904 Otherton 001A: Otherton (E07999902) though the derived lookup lists it (like E01027305).
 * - W01999901 in the Census and ward files only: skipped.
 * Rows are deliberately out of code order.
 */
import type { PackInputs, SourceText } from '../../build/buildPack.js';
import { V2025 } from '../../build/vintages/v2025.js';

const BANDS = [
  '4_years_and_under',
  '5_to_9_years',
  '10_to_14_years',
  '15_to_19_years',
  '20_to_24_years',
  '25_to_29_years',
  '30_to_34_years',
  '35_to_39_years',
  '40_to_44_years',
  '45_to_49_years',
  '50_to_54_years',
  '55_to_59_years',
  '60_to_64_years',
  '65_to_69_years',
  '70_to_74_years',
  '75_to_79_years',
  '80_to_84_years',
  '85_years_and_over',
];

/** Age bands of each LSOA: 0–4, 5–9, 10–14, 15–19, then 14 more (60–64 is the 13th band). */
export const AGES: Record<string, readonly number[]> = {
  E01999901: [50, 40, 30, 20, 10, 10, 10, 10, 10, 10, 10, 10, 30, 20, 10, 5, 3, 2],
  E01999902: [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10],
  E01999903: [21, 0, 0, 3, 9, 9, 9, 9, 9, 9, 9, 9, 7, 0, 0, 0, 0, 0],
  E01999904: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
  W01999901: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
};

const NAMES: Record<string, string> = {
  E01999901: 'Mockton 001A',
  E01999902: 'North Northamptonshire 901A',
  E01999903: 'Fakeborough 001C',
  E01999904: 'Otherton 001A',
  W01999901: 'Cymtown 001A',
};

const ORDER = ['E01999903', 'W01999901', 'E01999901', 'E01999904', 'E01999902'];
const ENGLISH = ORDER.filter((code) => code.startsWith('E'));

const lines = (rows: readonly string[]): string => `${rows.join('\n')}\n`;

export const IMD_CSV = lines([
  'lsoa21_code,IMD_decile,IMD_rank,Income_rank,Employment_rank,Education_rank,Health_rank,Crime_rank,Housing_and_Services_rank,Environment_rank,IMD_score',
  ...ENGLISH.map((code, i) => `${code},1,${i + 1},${4 - i},${i + 1},2,${i + 1},${i + 1},${i + 1},${i + 1},9.5`),
]);

export const SUBDOMAINS_CSV = lines([
  'lsoa21_code,children_and_young_people_score,children_and_young_people_rank,adult_skills_rank,geographical_barriers_rank,wider_barriers_rank,indoors_rank,outdoors_rank',
  ...ENGLISH.map((code, i) => `${code},0.1,${i + 1},1,${i + 1},${i + 1},${i + 1},${i + 1}`),
]);

// E01999901's IDACI and E01999903's IDAOPI are suppressed (blank): "fewer than 10".
const IDACI: Record<string, string> = { E01999901: '', E01999902: '15', E01999903: '20', E01999904: '10' };
const IDAOPI: Record<string, string> = { E01999901: '30', E01999902: '45', E01999903: '', E01999904: '10' };
export const INDICATORS_CSV = lines([
  'lsoa21_code,income_domain_numerator,income_deprivation_affecting_children_index_idaci_numerator,income_deprivation_affecting_older_people_index_idaopi_numerator',
  ...ENGLISH.map((code) => `${code},100,${IDACI[code] ?? ''},${IDAOPI[code] ?? ''}`),
]);

export const AGE_CSV = lines([
  `lsoa21_code,lsoa21_name,census_year,total,${BANDS.map((band) => `aged_${band}`).join(',')}`,
  ...ORDER.map((code) => {
    const ages = AGES[code] ?? [];
    return `${code},${NAMES[code] ?? ''},2021,${ages.reduce((a, b) => a + b, 0)},${ages.join(',')}`;
  }),
]);

/** Households: all, none disabled, 1 disabled, 2 or more. */
export const HOUSEHOLDS_CSV = lines([
  'lsoa21_code,lsoa21_name,census_year,total_all_households,no_people_disabled_under_the_equality_act_in_household,' +
    '1_person_disabled_under_the_equality_act_in_household,2_or_more_people_disabled_under_the_equality_act_in_household',
  ...ORDER.map((code, i) => `${code},${NAMES[code] ?? ''},2021,${100 + i},${90 - i},7,${3 + 2 * i}`),
]);

/** Residents 5+: all, none, ≤19 h, ≤9, 10–19, 20–49, 20–34, 35–49, 50+. */
export const CARE_CSV = lines([
  'lsoa21_code,lsoa21_name,census_year,total_all_usual_residents_aged_5_and_over,provides_no_unpaid_care,' +
    'provides_19_hours_or_less_unpaid_care_a_week,provides_9_hours_or_less_unpaid_care_a_week,provides_10_to_19_hours_unpaid_care_a_week,' +
    'provides_20_to_49_hours_unpaid_care_a_week,provides_20_to_34_hours_unpaid_care_a_week,provides_35_to_49_hours_unpaid_care_a_week,' +
    'provides_50_or_more_hours_unpaid_care_a_week',
  ...ORDER.map((code, i) => `${code},${NAMES[code] ?? ''},2021,${300 + i},${270 + i},20,15,5,6,4,2,4`),
]);

export const GEOGRAPHY_CSV = lines([
  'lsoa21_code,lsoa21_name,lad24_code,lad24_name,utla23_code,utla23_name,region24_code,region24_name,lad_type,former_lad11_name',
  'E01999903,Fakeborough 001C,E07999901,Fakeborough and Hythe,E10999901,Testshire,E12999901,Testland,two-tier district,Fakeborough;Mockton',
  'E01999901,Mockton 001A,E06999901,Mockton,E06999901,Mockton,E12999901,Testland,unitary,Oldtown',
  'E01999904,Otherton 001A,E07999902,Otherton,E10999901,Testshire,E12999901,Testland,two-tier district,Corby',
  'E01999902,North Northamptonshire 901A,E06000061,North Northamptonshire,E06000061,North Northamptonshire,E12000004,East Midlands,unitary,Corby',
]);

export const WARDS24_CSV = lines([
  'lsoa21_name,lsoa21_code,ward24_name,ward24_code,ltla24_name,ltla24_code',
  'Fakeborough 001C,E01999903,Fakeborough South,E05999903,Fakeborough and Hythe,E07999901',
  'Cymtown 001A,W01999901,Cymtown,W05999901,Cymtown,W06999901',
  'Mockton 001A,E01999901,Mockton Central,E05999901,Mockton,E06999901',
  'Otherton 001A,E01999904,Otherton West,E05999904,Otherton,E07999902',
  'North Northamptonshire 901A,E01999902,Corby Old Ward 2024,E05999902,North Northamptonshire,E06000061',
]);

export const WARDS25_CSV = lines([
  'lsoa21_code,lsoa21_name,wd25_code,wd25_name,lad25_code,lad25_name,share_of_lsoa_area_in_best_ward,n_wards_overlapping,wd25_code_by_centroid',
  'E01999902,North Northamptonshire 901A,E05999925,Corby New Ward 2025,E06000061,North Northamptonshire,0.6,2,E05999925',
  'E01999904,Otherton 001A,E05999926,Brackley-ish,E06000062,West Northamptonshire,0.6,2,E05999926',
]);

const years = (...names: readonly (readonly [string, string])[]): string => names.map(([code, name]) => `${code},${name}`).join(',');
export const LAD_VINTAGES_CSV = lines([
  'ltla16_code,ltla16_name,ltla17_code,ltla17_name,ltla18_code,ltla18_name,ltla19_code,ltla19_name,ltla20_code,ltla20_name,' +
    'ltla21_code,ltla21_name,ltla22_code,ltla22_name,ltla23_code,ltla23_name,ltla24_code,ltla24_name',
  years(...Array(9).fill(['E06999901', 'Mockton'] as const)),
  years(...Array(3).fill(['E07999980', 'Oldtown'] as const), ...Array(6).fill(['E06999901', 'Mockton'] as const)),
  years(...Array(2).fill(['E07999901', 'Fakeborough'] as const), ...Array(7).fill(['E07999901', 'Fakeborough and Hythe'] as const)),
  years(...Array(9).fill(['E07999902', 'Otherton'] as const)),
  years(...Array(5).fill(['E07000150', 'Corby'] as const), ...Array(4).fill(['E06000061', 'North Northamptonshire'] as const)),
  years(...Array(9).fill(['E06000023', '"Bristol, City of"'] as const)),
  years(...Array(9).fill(['S12000047', 'Fife'] as const)),
]);

/** The 2025 spec's sources. */
export type Fixture2025 = keyof typeof V2025.sources;

const TEXTS: Record<string, string> = {
  imd: IMD_CSV,
  subdomains: SUBDOMAINS_CSV,
  indicators: INDICATORS_CSV,
  age: AGE_CSV,
  households: HOUSEHOLDS_CSV,
  care: CARE_CSV,
  geography: GEOGRAPHY_CSV,
  wards24: WARDS24_CSV,
  wards25: WARDS25_CSV,
  ladVintages: LAD_VINTAGES_CSV,
};

/** The fixture files as buildPack inputs for the 2025 spec; `edit` replaces the text of some of them. */
export function fixtureInputs2025(edit: Partial<Record<string, string>> = {}): PackInputs {
  const inputs: Record<string, SourceText> = {};
  for (const [id, { file }] of Object.entries(V2025.sources)) {
    inputs[id] = { file, sha256: `sha256-of-${file}`, text: edit[id] ?? TEXTS[id] ?? '' };
  }
  return inputs;
}
