import { describe, expect, it } from 'vitest';
import { parseLocalities } from '../../src/data/parseLocalities.js';
import type { FairshareError } from '../../src/engine/errors.js';

function refused(text: string): FairshareError {
  const parsed = parseLocalities(text, 'loc.csv');
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed.error;
}

describe('parseLocalities', () => {
  it('reads LSOAs or wards with their locality, a share of 1 where the file has none', () => {
    const parsed = parseLocalities('Ward_Code,Locality\nW1,North\nW2,"South, and villages"\n', 'loc.csv');
    expect(parsed.ok && parsed.value).toMatchObject({
      by: 'ward',
      rows: [
        { code: 'W1', locality: 'North', share: '1', line: 2 },
        { code: 'W2', locality: 'South, and villages', share: '1', line: 3 },
      ],
    });
    const lsoas = parseLocalities('lsoa_code,locality,share\nE1,North,0.5\nE1,South,0.5\n', 'loc.csv');
    expect(lsoas.ok && lsoas.value.by).toBe('lsoa');
  });

  it('takes shares that add up to 1 within 0.001, and refuses ones that do not, naming the line and column', () => {
    expect(parseLocalities('lsoa_code,locality,share\nE1,North,0.3333\nE1,South,0.6666\n', 'loc.csv').ok).toBe(true);
    expect(refused('lsoa_code,locality,share\nE1,North,0.4\nE1,South,0.5\n')).toMatchObject({
      code: 'shares-not-one',
      message: 'the shares of LSOA E1 add up to 0.9, not 1',
      location: { file: 'loc.csv', line: 2, column: 3 },
    });
  });

  it('refuses a code in two localities without shares, a repeated pair, blanks and a bad share', () => {
    expect(refused('ward_code,locality\nW1,North\nW1,South\n')).toMatchObject({ code: 'duplicate-code', location: { line: 3, column: 1 } });
    expect(refused('ward_code,locality,share\nW1,North,0.5\nW1,North,0.5\n')).toMatchObject({ code: 'duplicate-row', location: { line: 3 } });
    expect(refused('ward_code,locality\n,North\n')).toMatchObject({ code: 'blank-code', location: { line: 2, column: 1 } });
    expect(refused('ward_code,locality\nW1,  \n')).toMatchObject({ code: 'blank-name', location: { line: 2, column: 2 } });
    expect(refused('ward_code,locality,share\nW1,North,1.5\n')).toMatchObject({ code: 'share-above-one', message: 'share 1.5 of ward W1 is above 1' });
  });

  it('refuses a header without a code column or a locality, or with both code columns', () => {
    expect(refused('code,locality\nE1,North\n')).toMatchObject({ code: 'missing-columns', message: 'the header has no lsoa_code (or ward_code) column' });
    expect(refused('lsoa_code,ward_code,locality\nE1,W1,North\n')).toMatchObject({ code: 'two-code-columns', location: { column: 2 } });
    expect(refused('')).toMatchObject({ code: 'empty-file' });
  });

  it('keeps __proto__ and markup as names like any other', () => {
    const parsed = parseLocalities('lsoa_code,locality\n__proto__,<b>x</b>\n', 'loc.csv');
    expect(parsed.ok && parsed.value.rows[0]).toMatchObject({ code: '__proto__', locality: '<b>x</b>' });
  });
});
