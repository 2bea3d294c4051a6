import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOtherVintage, LSOA_CHANGES_FILE, parseLsoaChanges } from '../../src/data/lsoaChanges.js';

// Made-up fixture rows (codes F…), in the shipped file's columns.
const FIXTURE = parseLsoaChanges(
  'lsoa11_code,lsoa11_name,change,lsoa21_code,lsoa21_name\nF11A,Old 001A,S,F21A,New 001E\nF11A,Old 001A,S,F21B,New 001F\nF11B,Old 002A,M,F21C,New 002D\nF11C,Old 002B,M,F21C,New 002D\n',
);

describe('describeOtherVintage', () => {
  it('names the 2021 codes that a split 2011 LSOA became, under the 2025 vintage', () => {
    expect(describeOtherVintage('F11A', '2025', FIXTURE)).toEqual({
      message: 'F11A (Old 001A) is an LSOA of 2011, in the 2019 vintage; in 2021 it was split into F21A and F21B',
      hint: 'Give one of those codes, or add --vintage 2019',
    });
  });

  it('names the 2011 codes a merged 2021 LSOA was made from, under the 2019 vintage', () => {
    expect(describeOtherVintage('F21C', '2019', FIXTURE)).toEqual({
      message: 'F21C (New 002D) is an LSOA of 2021, in the 2025 vintage; it was made by merging F11B and F11C of 2011',
      hint: 'Add --vintage 2025, or give one of F11B and F11C',
    });
  });

  it('says nothing of a code that is in neither geography as a change', () => {
    expect(describeOtherVintage('F99', '2025', FIXTURE)).toBeUndefined();
    expect(describeOtherVintage('F11A', '2019', FIXTURE)).toBeUndefined();
  });

  it('reads the shipped file: 2,045 changed English LSOA rows', () => {
    const rows = parseLsoaChanges(readFileSync(join(import.meta.dirname, '..', '..', 'data', LSOA_CHANGES_FILE), 'utf8'));
    expect(rows).toHaveLength(2045);
    expect(rows.filter((r) => r.lsoa11 === 'E01027014').map((r) => r.lsoa21)).toEqual(['E01035404', 'E01035405']);
    // A name with a comma in it is quoted in the file and read whole.
    expect(rows.find((r) => r.lsoa21 === 'E01034275')?.lsoa21Name).toBe('Bournemouth, Christchurch and Poole 037F');
  });
});
