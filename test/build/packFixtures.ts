/**
 * Hand-made source files for three obviously fake LSOAs, shaped like the published IoD 2019 and ONS files
 * (byte-order marks, CRLF, quoted headers, a quoted "1,296", blank numerators):
 * - E01999901 Mockton 001A in Mockton (E06999901), a unitary district, so its own county;
 * - E01999902 and E01999903 in Fakeborough (E07999901), a district of the two-tier county Testshire
 *   (E10999901).
 * Rows are deliberately out of code order.
 */
import type { PackInputs, SourceText } from '../../build/buildPack.js';

const BOM = '\uFEFF';

export const DOMAINS_CSV =
  BOM +
  [
    'LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),' +
      'Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),' +
      'Income Rank (where 1 is most deprived),Income Decile (where 1 is most deprived 10% of LSOAs),' +
      'Employment Rank (where 1 is most deprived),Employment Decile (where 1 is most deprived 10% of LSOAs),' +
      '"Education, Skills and Training Rank (where 1 is most deprived)","Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)",' +
      'Health Deprivation and Disability Rank (where 1 is most deprived),Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs),' +
      'Crime Rank (where 1 is most deprived),Crime Decile (where 1 is most deprived 10% of LSOAs),' +
      'Barriers to Housing and Services Rank (where 1 is most deprived),Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs),' +
      'Living Environment Rank (where 1 is most deprived),Living Environment Decile (where 1 is most deprived 10% of LSOAs)',
    'E01999903,Fakeborough 001C,E07999901,Fakeborough,3,10,3,10,3,10,3,10,3,10,3,10,3,10,3,10',
    'E01999901,Mockton 001A,E06999901,Mockton,1,1,2,4,1,1,2,4,1,1,1,1,2,4,1,1',
    'E01999902,Fakeborough 001B,E07999901,Fakeborough,2,4,1,1,2,4,1,1,2,4,2,4,1,1,2,4',
  ].join('\r\n');

export const POPULATION_CSV =
  BOM +
  [
    'LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),' +
      'Total population: mid 2015 (excluding prisoners),Dependent Children aged 0-15: mid 2015 (excluding prisoners),' +
      'Population aged 16-59: mid 2015 (excluding prisoners),Older population aged 60 and over: mid 2015 (excluding prisoners),' +
      'Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)',
    'E01999901,Mockton 001A,E06999901,Mockton,"1,296",175,656,465,715',
    'E01999902,Fakeborough 001B,E07999901,Fakeborough,"1,000",200,600,200,640',
    'E01999903,Fakeborough 001C,E07999901,Fakeborough,800,100,500,200,520',
  ].join('\r\n');

export const SUBDOMAINS_CSV = [
  'lsoa11_code,children_and_young_people_rank,adult_skills_rank,geographical_barriers_rank,wider_barriers_rank,indoors_rank,outdoors_rank',
  'E01999901,1,2,3,1,2,3',
  'E01999902,2,3,1,2,3,1',
  'E01999903,3,1,2,3,1,2',
  '',
].join('\n');

// IDACI of E01999901 and IDAOPI of E01999902 are suppressed (blank): "fewer than 10".
export const INDICATORS_CSV = [
  '"lsoa11_code","income_domain_numerator","income_deprivation_affecting_children_index_idaci_numerator",' +
    '"income_deprivation_affecting_older_people_index_idaopi_numerator","employment_domain_numerator"',
  '"E01999901",,,10,15',
  '"E01999902",80,40,,30',
  '"E01999903",60,20,50,25',
  '',
].join('\n');

export const LSOA_LOOKUP_CSV = [
  'FID,LSOA11CD,LSOA11NM,WD19CD,WD19NM,LAD19CD,LAD19NM',
  '1,E01999901,Mockton 001A,E05999901,Mockton Central,E06999901,Mockton',
  '2,E01999902,Fakeborough 001B,E05999902,Fakeborough North,E07999901,Fakeborough',
  '3,E01999903,Fakeborough 001C,E05999903,Fakeborough South,E07999901,Fakeborough',
  '',
].join('\n');

// Fakeborough South is split between two county electoral divisions, so it appears twice.
export const COUNTY_LOOKUP_CSV = [
  'FID,WD19CD,WD19NM,LAD19CD,LAD19NM,CTY19CD,CTY19NM,CED19CD,CED19NM',
  '1,E05999902,Fakeborough North,E07999901,Fakeborough,E10999901,Testshire,E58999901,Fakeborough North ED',
  '2,E05999903,Fakeborough South,E07999901,Fakeborough,E10999901,Testshire,E58999902,Fakeborough South ED',
  '3,E05999903,Fakeborough South,E07999901,Fakeborough,E10999901,Testshire,E58999903,Fakeborough East ED',
  '',
].join('\n');

function source(file: string, text: string): SourceText {
  return { file, sha256: `sha256-of-${file}`, text };
}

/** The 2019 spec's sources (build/vintages/v2019.ts). */
export type Fixture2019 = 'domains' | 'population' | 'subdomains' | 'indicators' | 'lsoaLookup' | 'countyLookup';

/** The fixture files as buildPack inputs for the 2019 spec; `edit` replaces the text of some of them. */
export function fixtureInputs(edit: Partial<Record<Fixture2019, string>> = {}): PackInputs {
  return {
    domains: source('iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv', edit.domains ?? DOMAINS_CSV),
    population: source('iod2019/File_6_-_IoD2019_Population_Denominators.csv', edit.population ?? POPULATION_CSV),
    subdomains: source('iod2019/iod2019_subdomain_ranks.csv', edit.subdomains ?? SUBDOMAINS_CSV),
    indicators: source('iod2019/iod2019_indicators.csv', edit.indicators ?? INDICATORS_CSV),
    lsoaLookup: source('geography/lsoa11_to_ward19_lad19.csv', edit.lsoaLookup ?? LSOA_LOOKUP_CSV),
    countyLookup: source('geography/ward19_to_lad19_county19_ced19.csv', edit.countyLookup ?? COUNTY_LOOKUP_CSV),
  };
}
