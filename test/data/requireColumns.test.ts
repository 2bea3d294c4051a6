import { describe, expect, it } from 'vitest';
import { requireColumns } from '../../src/data/requireColumns.js';

const NEEDS = 'the header needs lsoa_code, area_code and area_name';
const REQUIRED = ['lsoa_code', 'area_code', 'area_name'];
const HEADER = { file: 'f.csv', line: 3 };

describe('requireColumns', () => {
  it('accepts a header with every required column, in any case and order', () => {
    expect(requireColumns(['Area_Name', 'notes', 'LSOA_CODE', 'area_code'], REQUIRED, NEEDS, HEADER)).toEqual({ ok: true, value: undefined });
  });

  it('suggests renaming the nearest unrecognised column, pointing at the first one to rename', () => {
    expect(requireColumns(['lsoa_code', 'notes', 'areacode', 'area_nam'], REQUIRED, NEEDS, HEADER)).toEqual({
      ok: false,
      error: {
        kind: 'data',
        code: 'missing-columns',
        message: 'missing required columns "area_code" and "area_name"',
        hint: `Rename column "areacode" to "area_code"; rename column "area_nam" to "area_name" (${NEEDS})`,
        location: { file: 'f.csv', line: 3, column: 3, columnName: 'areacode' },
      },
    });
  });

  it('asks to add columns nothing resembles, pointing at the header line', () => {
    const result = requireColumns(['lsoa_code', 'postcode'], REQUIRED, NEEDS, HEADER);
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: 'missing required columns "area_code" and "area_name"',
        hint: `Add columns "area_code" and "area_name" (${NEEDS})`,
        location: { file: 'f.csv', line: 3 },
      },
    });
  });

  it('never offers an optional column, or a blank one, as a misspelling', () => {
    const result = requireColumns(['weight', '', 'lsoa_code', 'area_code'], ['lsoa_code', 'area_code', 'weigh'], NEEDS, HEADER, { optional: ['weight'] });
    expect(result).toMatchObject({ ok: false, error: { message: 'missing required column "weigh"', hint: `Add a column "weigh" (${NEEDS})` } });
  });

  it('offers each unrecognised column for one missing column only', () => {
    // "area_nme" is near both, but only one of them can be meant.
    const result = requireColumns(['area_nme'], ['area_name', 'area_code'], NEEDS, HEADER);
    expect(result).toMatchObject({ ok: false, error: { hint: `Rename column "area_nme" to "area_name"; add a column "area_code" (${NEEDS})` } });
  });
});
