import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLookups, equalShare, LOOKUP_COLUMNS, type BuildLookupsOptions, type BuiltLookups, type LookupInputs } from '../../build/buildLookups.js';
import { parseLookup } from '../../src/data/parseLookup.js';
import { Exact } from '../../src/engine/exact.js';
import type { FairshareError } from '../../src/engine/errors.js';

// Obviously fake ONS-shaped lookups. County XC1 (Fakeshire) has districts XD1 and XD2 and five LSOAs:
// ward XW1 is in one division, XW2 is split between two and XW3 between three. XC9 is another county.
const LSOA_FILE = 'geography/fake_lsoa_to_ward.csv';
const WARD_FILE = 'geography/fake_ward_to_ced.csv';

const LSOA_TO_WARD = [
  'FID,LSOA11CD,LSOA11NM,WD19CD,WD19NM,LAD19CD,LAD19NM',
  '1,X05,Fake 05,XW3,Three Ward,XD2,Fake South',
  '2,X02,Fake 02,XW2,Two Ward,XD1,Fake North',
  '3,X01,Fake 01,XW1,One Ward,XD1,Fake North',
  '4,X09,Fake 09,XW9,Elsewhere Ward,XD9,Fake Elsewhere',
  '5,X03,Fake 03,XW2,Two Ward,XD1,Fake North',
  '6,X04,Fake 04,XW3,Three Ward,XD2,Fake South',
  '',
].join('\n');

const WARD_TO_DIVISION = [
  'FID,WD19CD,WD19NM,LAD19CD,LAD19NM,CTY19CD,CTY19NM,CED19CD,CED19NM',
  '1,XW1,One Ward,XD1,Fake North,XC1,Fakeshire,XE2,Bravo ED',
  '2,XW2,Two Ward,XD1,Fake North,XC1,Fakeshire,XE2,Bravo ED',
  '3,XW2,Two Ward,XD1,Fake North,XC1,Fakeshire,XE1,Alpha ED',
  '4,XW3,Three Ward,XD2,Fake South,XC1,Fakeshire,XE3,"Charlie, Delta ED"',
  '5,XW3,Three Ward,XD2,Fake South,XC1,Fakeshire,XE1,Alpha ED',
  '6,XW3,Three Ward,XD2,Fake South,XC1,Fakeshire,XE2,Bravo ED',
  '7,XW9,Elsewhere Ward,XD9,Fake Elsewhere,XC9,Othershire,XE9,Elsewhere ED',
  '',
].join('\n');

function inputs(edit: { lsoaToWard?: string; wardToDivision?: string } = {}): LookupInputs {
  return {
    lsoaToWard: { file: LSOA_FILE, text: edit.lsoaToWard ?? LSOA_TO_WARD },
    wardToDivision: { file: WARD_FILE, text: edit.wardToDivision ?? WARD_TO_DIVISION },
  };
}

function built(edit: Parameters<typeof inputs>[0] = {}, options: BuildLookupsOptions = {}, county = 'XC1'): BuiltLookups {
  const result = buildLookups(inputs(edit), county, options);
  if (!result.ok) throw new Error(`expected lookups, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(edit: Parameters<typeof inputs>[0] = {}, options: BuildLookupsOptions = {}, county = 'XC1'): FairshareError {
  const result = buildLookups(inputs(edit), county, options);
  if (result.ok) throw new Error('expected buildLookups to fail');
  return result.error;
}

/** Swap one line of a fixture for another. */
function replaceLine(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture has no line ${from}`);
  return text.replace(from, to);
}

describe('equalShare', () => {
  it('writes 1/n to 12 decimal places with trailing zeros trimmed', () => {
    expect(equalShare(1)).toBe('1');
    expect(equalShare(2)).toBe('0.5');
    expect(equalShare(3)).toBe('0.333333333333');
    expect(equalShare(4)).toBe('0.25');
    expect(equalShare(6)).toBe('0.166666666667');
    expect(equalShare(8)).toBe('0.125');
  });

  it('gives n shares that add up to 1 within 1e-9', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (n) => {
        const sum = new Exact(equalShare(n)).times(n);
        return sum.minus(1).abs().lte('1e-9');
      }),
    );
  });

  it('refuses anything but a whole number from 1 (a bug in the caller)', () => {
    expect(() => equalShare(0)).toThrow(RangeError);
    expect(() => equalShare(1.5)).toThrow(RangeError);
  });
});

describe('buildLookups', () => {
  it('writes the ward lookup: the best-fit ward of each of the county’s LSOAs, share 1, sorted by LSOA', () => {
    expect(built().wards.csv).toBe(
      [
        LOOKUP_COLUMNS.join(','),
        'X01,XW1,One Ward,1,no',
        'X02,XW2,Two Ward,1,no',
        'X03,XW2,Two Ward,1,no',
        'X04,XW3,Three Ward,1,no',
        'X05,XW3,Three Ward,1,no',
        '',
      ].join('\n'),
    );
  });

  it('shares an LSOA of a ward split between n divisions equally, 1/n each, marked estimated, sorted by LSOA then division', () => {
    expect(built().divisions.csv).toBe(
      [
        'lsoa_code,area_code,area_name,share,estimated',
        'X01,XE2,Bravo ED,1,no',
        'X02,XE1,Alpha ED,0.5,yes',
        'X02,XE2,Bravo ED,0.5,yes',
        'X03,XE1,Alpha ED,0.5,yes',
        'X03,XE2,Bravo ED,0.5,yes',
        'X04,XE1,Alpha ED,0.333333333333,yes',
        'X04,XE2,Bravo ED,0.333333333333,yes',
        'X04,XE3,"Charlie, Delta ED",0.333333333333,yes',
        'X05,XE1,Alpha ED,0.333333333333,yes',
        'X05,XE2,Bravo ED,0.333333333333,yes',
        'X05,XE3,"Charlie, Delta ED",0.333333333333,yes',
        '',
      ].join('\n'),
    );
  });

  it('counts rows, LSOAs, areas, split wards and LSOAs with estimated rows', () => {
    const lookups = built();
    expect(lookups.districts).toEqual(['XD1', 'XD2']);
    expect(lookups.wards.counts).toEqual({ rows: 5, lsoas: 5, areas: 3, estimatedRows: 0, estimatedLsoas: 0 });
    expect(lookups.divisions.counts).toEqual({ rows: 11, lsoas: 5, areas: 3, estimatedRows: 10, estimatedLsoas: 4 });
    expect(lookups.splitWards).toBe(2);
    expect(lookups.summary).toEqual([
      'wards (December 2019): 5 rows, 5 LSOAs, 3 wards',
      'divisions (May 2019): 11 rows, 5 LSOAs, 3 divisions; 2 of 3 wards split equally, so 4 LSOAs have estimated rows',
    ]);
  });

  it('does not depend on the order of the rows or the columns, or the case of the headers', () => {
    const reorder = (text: string): string => {
      const [header, ...rows] = text.trimEnd().split('\n');
      return [header, ...rows.reverse()].join('\r\n');
    };
    // Columns swapped round, headers in lower case and a byte-order mark, as a re-saved file might have them.
    const lsoa = LSOA_TO_WARD.trimEnd()
      .split('\n')
      .map((line, i) => {
        const [fid, code, name, ward, wardName, district, districtName] = line.split(',');
        const cells = [district, wardName, ward, fid, code, name, districtName].join(',');
        return i === 0 ? cells.toLowerCase() : cells;
      })
      .join('\n');
    const expected = built();
    const shuffled = built({ lsoaToWard: `\uFEFF${reorder(lsoa)}`, wardToDivision: reorder(WARD_TO_DIVISION) });
    expect(shuffled.wards.csv).toBe(expected.wards.csv);
    expect(shuffled.divisions.csv).toBe(expected.divisions.csv);
  });

  it('gives byte-identical output for the same input', () => {
    expect(built()).toEqual(built());
  });

  it('writes lookups that parseLookup reads back cleanly', () => {
    const known = new Set(['X01', 'X02', 'X03', 'X04', 'X05']);
    const lookups = built();
    const wards = parseLookup(lookups.wards.csv, 'wards.csv', 'ward', known);
    const divisions = parseLookup(lookups.divisions.csv, 'divisions.csv', 'division', known);
    expect(wards.ok && wards.value.rows.length).toBe(5);
    expect(divisions.ok && divisions.value.rows.filter((r) => r.estimated).length).toBe(10);
    expect(divisions.ok && divisions.value.rows.find((r) => r.areaCode === 'XE3')?.areaName).toBe('Charlie, Delta ED');
  });

  it('accepts the expected LSOAs when they are exactly the county’s', () => {
    expect(built({}, { lsoas: ['X05', 'X04', 'X03', 'X02', 'X01'] }).wards.counts.lsoas).toBe(5);
  });

  describe('failures', () => {
    it('fails when an LSOA of the county has a blank ward, naming the file, line and LSOA', () => {
      const error = failure({ lsoaToWard: replaceLine(LSOA_TO_WARD, '3,X01,Fake 01,XW1,One Ward', '3,X01,Fake 01,,One Ward') });
      expect(error).toMatchObject({ kind: 'data', code: 'lsoa-without-ward', location: { file: LSOA_FILE, line: 4, column: 4, columnName: 'WD19CD' } });
      expect(error.message).toContain('X01');
    });

    it('fails when an expected LSOA is not in the LSOA → ward file', () => {
      const error = failure({}, { lsoas: ['X01', 'X02', 'X03', 'X04', 'X05', 'X06'] });
      expect(error).toMatchObject({ kind: 'data', code: 'lsoa-without-ward', location: { file: LSOA_FILE } });
      expect(error.message).toBe('LSOA X06 has no ward: it is not in this lookup');
    });

    it('fails when expected LSOAs are in a district outside the county, listing them', () => {
      const error = failure({}, { lsoas: ['X01', 'X02', 'X03', 'X04', 'X05', 'X09', 'X10'] });
      expect(error.code).toBe('lsoa-without-ward');
      expect(error.message).toBe(
        '2 LSOAs have no ward in county XC1 (X09, X10); the first, X09: this lookup puts it in district XD9, which is not in county XC1',
      );
      expect(error.location).toMatchObject({ file: LSOA_FILE, line: 5 });
    });

    it('fails when the county has an LSOA that is not expected', () => {
      const error = failure({}, { lsoas: ['X01', 'X02', 'X03', 'X04'] });
      expect(error).toMatchObject({ code: 'inconsistent-source', location: { file: LSOA_FILE, line: 2 } });
      expect(error.message).toContain('X05');
    });

    it('fails when a ward has no division, naming the ward, its LSOA and the file', () => {
      const error = failure({ wardToDivision: replaceLine(WARD_TO_DIVISION, '1,XW1,One Ward,XD1,Fake North,XC1,Fakeshire,XE2,Bravo ED\n', '') });
      expect(error).toMatchObject({ kind: 'data', code: 'ward-without-division', location: { file: WARD_FILE } });
      expect(error.message).toBe(`ward XW1 (One Ward), the ward of LSOA X01 on line 4 of ${LSOA_FILE}, has no county electoral division in county XC1`);
    });

    it('fails when a ward’s division code is blank', () => {
      const error = failure({ wardToDivision: replaceLine(WARD_TO_DIVISION, 'Fakeshire,XE2,Bravo ED\n2,', 'Fakeshire,,Bravo ED\n2,') });
      expect(error).toMatchObject({ code: 'ward-without-division', location: { file: WARD_FILE, line: 2, column: 8, columnName: 'CED19CD' } });
      expect(error.message).toContain('XW1');
    });

    it('fails when a ward is listed twice for the same division (it would count as split)', () => {
      const error = failure({ wardToDivision: `${WARD_TO_DIVISION}8,XW1,One Ward,XD1,Fake North,XC1,Fakeshire,XE2,Bravo ED\n` });
      expect(error).toMatchObject({ code: 'duplicate-row', location: { file: WARD_FILE, line: 9 } });
      expect(error.message).toBe('ward XW1 is listed in division XE2 twice (also on line 2)');
    });

    it('fails when an LSOA appears twice', () => {
      const error = failure({ lsoaToWard: `${LSOA_TO_WARD}7,X01,Fake 01,XW2,Two Ward,XD1,Fake North\n` });
      expect(error).toMatchObject({ code: 'duplicate-code', location: { file: LSOA_FILE, line: 8 } });
    });

    it('fails when the county is not in the ward → division file', () => {
      const error = failure({}, {}, 'XC7');
      expect(error).toMatchObject({ code: 'unknown-county', location: { file: WARD_FILE } });
      expect(error.message).toContain('XC7');
    });

    it('fails on a missing column, naming the header and suggesting a near miss', () => {
      const error = failure({ wardToDivision: WARD_TO_DIVISION.replace('CED19CD', 'CED19C') });
      expect(error).toMatchObject({ code: 'missing-columns', location: { file: WARD_FILE, line: 1 } });
      expect(error.message).toContain('"CED19CD"');
      expect(error.hint).toBe('Rename column "CED19C" to "CED19CD"');
    });

    it('fails on an empty file and on malformed CSV', () => {
      expect(failure({ lsoaToWard: '' })).toMatchObject({ code: 'empty-file', location: { file: LSOA_FILE } });
      expect(failure({ wardToDivision: `${WARD_TO_DIVISION}8,"XW1,One Ward\n` })).toMatchObject({ code: 'bad-csv', location: { file: WARD_FILE } });
    });
  });
});

// The published source files live beside the repository; without them this test is skipped.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedData = path.resolve(repoRoot, '../shared/data');

describe('the shipped Northamptonshire lookups', () => {
  it.skipIf(!existsSync(sharedData))('are rebuilt exactly from the ONS lookups', async () => {
    const read = async (file: string): Promise<{ file: string; text: string }> => ({
      file,
      text: await readFile(path.join(sharedData, file), 'utf8'),
    });
    const result = buildLookups(
      { lsoaToWard: await read('geography/lsoa11_to_ward19_lad19.csv'), wardToDivision: await read('geography/ward19_to_lad19_county19_ced19.csv') },
      'E10000021',
    );
    if (!result.ok) throw new Error(result.error.message);
    const { wards, divisions, districts, splitWards } = result.value;
    expect(districts).toEqual(['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156']);
    expect(wards.counts).toEqual({ rows: 422, lsoas: 422, areas: 143, estimatedRows: 0, estimatedLsoas: 0 });
    expect(divisions.counts).toEqual({ rows: 617, lsoas: 422, areas: 57, estimatedRows: 364, estimatedLsoas: 169 });
    expect(splitWards).toBe(54);
    expect(wards.csv).toBe(await readFile(path.join(repoRoot, 'data/lookups/northamptonshire-wards-2019.csv'), 'utf8'));
    expect(divisions.csv).toBe(await readFile(path.join(repoRoot, 'data/lookups/northamptonshire-divisions-2019.csv'), 'utf8'));
  });
});
