import { describe, expect, it } from 'vitest';
import { lsoaCodeHints } from '../../src/data/lsoaCodeHints.js';
import type { LsoaChange } from '../../src/data/lsoaChanges.js';
import { fixtureDataset } from '../helpers/fixtureDataset.js';

// Made-up changes in the shape of data/lookups/lsoa-2011-2021-changes.csv: F11 was split into F21 and F22.
const CHANGES: LsoaChange[] = [
  { lsoa11: 'F11', lsoa11Name: 'Fixture 001A', change: 'S', lsoa21: 'F21', lsoa21Name: 'Fixture 001C' },
  { lsoa11: 'F11', lsoa11Name: 'Fixture 001A', change: 'S', lsoa21: 'F22', lsoa21Name: 'Fixture 001D' },
];
const DATA = fixtureDataset([{ code: 'F21', district: 'North', population: 1, need: 1 }]);

describe('lsoaCodeHints', () => {
  it('names the LSOA geography of each vintage and a code of the data', () => {
    expect(lsoaCodeHints(DATA, '2025', CHANGES)).toMatchObject({ geography: 'LSOA (2021)', example: 'F21' });
    expect(lsoaCodeHints(DATA, '2019', CHANGES)).toMatchObject({ geography: 'LSOA (2011)' });
    expect(lsoaCodeHints(DATA, undefined, CHANGES)).toEqual({ geography: 'LSOA', example: 'F21' });
  });

  it('says which vintage holds a code of the other geography, and what replaced it', () => {
    const hints = lsoaCodeHints(DATA, '2025', CHANGES);
    expect(hints.otherVintage?.('F11')).toBe('F11 (Fixture 001A) is an LSOA of 2011, in the 2019 vintage; in 2021 it was split into F21 and F22: give one of those codes, or add --vintage 2019');
    expect(hints.otherVintage?.('F99')).toBeUndefined();
    expect(lsoaCodeHints(DATA, '2019', CHANGES).otherVintage?.('F22')).toBe('F22 (Fixture 001D) is an LSOA of 2021, in the 2025 vintage; it was split from F11 of 2011: add --vintage 2025, or give F11');
  });
});
