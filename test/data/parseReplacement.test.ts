import { describe, expect, it } from 'vitest';
import { parseReplacement } from '../../src/data/parseReplacement.js';

// Fixture codes: three LSOAs of "the area" and one more of the data outside it.
const AREA = ['E01000001', 'E01000002', 'E01000003'];
const KNOWN = new Set([...AREA, 'E01000004']);

const parse = (text: string) => parseReplacement(text, 'mine.csv', AREA, KNOWN, { areaName: 'Fixtureshire' });

describe('parseReplacement', () => {
  it('puts each value in the area’s order, whatever the file’s, ignoring rows outside the area', () => {
    const result = parse('LSOA_Code , Value\nE01000003,0.5\nE01000004,9\nE01000001,"1,296"\nE01000002,-0.25\n');
    expect(result.ok && result.value).toEqual({ column: 'value', higherMeans: 'more-need', values: new Float64Array([1296, -0.25, 0.5]), outside: 1 });
  });

  it('reads a national_rank column as pointing to less need the higher it is', () => {
    const result = parse('lsoa_code,national_rank\nE01000001,3\nE01000002,1\nE01000003,2\n');
    expect(result.ok && result.value.higherMeans).toBe('less-need');
  });

  it.each([
    ['lsoa_code,value,national_rank\nE01000001,1,1\n', 'two-value-columns', 1, 'the header has both value (column 2) and national_rank (column 3)'],
    ['code,value\nE01000001,1\n', 'missing-columns', 1, 'no lsoa_code column'],
    ['lsoa_code,score\nE01000001,1\n', 'missing-columns', 1, 'neither a value nor a national_rank column'],
    ['lsoa_code,national_rank\nE01000001,2.5\n', 'bad-rank', 2, 'national_rank 2.5 of LSOA E01000001 is not a whole number of 1 or more'],
    ['lsoa_code,national_rank\nE01000001,0\n', 'bad-rank', 2, 'is not a whole number of 1 or more'],
    ['lsoa_code,value\nE01000001,\n', 'blank-value', 2, 'the value of LSOA E01000001 is blank'],
    ['lsoa_code,value\nE01000001,Infinity\n', 'bad-value', 2, 'is not a number'],
    ['lsoa_code,value\n,1\n', 'blank-code', 2, 'the LSOA code is blank'],
    ['lsoa_code,value\nE01000001,1\nE01000001,2\n', 'duplicate-lsoa', 3, 'LSOA E01000001 appears twice, on lines 2 and 3'],
    ['lsoa_code,value\ne01000001,1\n', 'unknown-lsoa', 2, 'LSOA code "e01000001" on line 2 is not in the data'],
  ])('refuses %j (%s) at line %i', (text, code, line, message) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.location?.line).toBe(line);
    expect(result.error.message).toContain(message);
  });

  it('says a lower-case code is upper case in the data', () => {
    const result = parse('lsoa_code,value\ne01000001,1\n');
    expect(!result.ok && result.error.hint).toBe('LSOA codes are upper case, e.g. "E01000001"');
  });

  it('counts and lists the area’s LSOAs the file has no row for', () => {
    const result = parse('lsoa_code,value\nE01000002,1\nE01000004,1\n');
    expect(!result.ok && result.error.message).toBe('the replacement file has no row for 2 of the 3 LSOAs of Fixtureshire: E01000001, E01000003');
    const none = parse('lsoa_code,value\nE01000004,1\n');
    expect(!none.ok && none.error.message).toBe('the replacement file has no row for any of the 3 LSOAs of Fixtureshire');
  });
});
