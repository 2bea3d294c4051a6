import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLookup } from '../../src/data/parseLookup.js';
import { defaultPackPath, readPack } from '../../src/data/readPack.js';
import type { FairshareError } from '../../src/engine/errors.js';
import type { Lookup } from '../../src/engine/lookup.js';

// The LSOAs of test/fixtures/data/five-lsoas.csv, which the lookup fixtures share.
const KNOWN: ReadonlySet<string> = new Set(['F01', 'F02', 'F03', 'F04', 'F05']);
const HEADER = 'lsoa_code,area_code,area_name,share,estimated';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

function parsed(text: string, known: ReadonlySet<string> = KNOWN, file = 'mine.csv'): Lookup {
  const result = parseLookup(text, file, 'ward', known);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(text: string, known: ReadonlySet<string> = KNOWN, file = 'mine.csv'): FairshareError {
  const result = parseLookup(text, file, 'ward', known);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

/** The error for a file under test/fixtures/lookups/, reported against that file name. */
function badFixture(name: string): FairshareError {
  return failure(fixture(`lookups/${name}`), KNOWN, name);
}

/** A lookup from rows of cells, under the standard header. */
const lookupText = (...rows: string[]): string => [HEADER, ...rows, ''].join('\n');

describe('parseLookup', () => {
  describe('reading a good file', () => {
    it('reads every row in file order, with its line, exact share text and estimated flag', () => {
      const lookup = parsed(fixture('lookups/good.csv'), KNOWN, 'good.csv');
      expect(lookup.file).toBe('good.csv');
      expect(lookup.level).toBe('ward');
      expect(lookup.rows).toHaveLength(8);
      expect(lookup.rows[0]).toEqual({ lsoaCode: 'F01', areaCode: 'W1', areaName: 'Fixture Ward 1', share: '1', estimated: false, line: 2 });
      expect(lookup.rows[3]).toEqual({
        lsoaCode: 'F03',
        areaCode: 'W2',
        areaName: 'Fixture Ward 2',
        share: '0.333333333333',
        estimated: true,
        line: 5,
      });
      expect(lookup.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      expect(lookup.rows[6]?.estimated).toBe(false); // blank means no
    });

    it('accepts a byte-order mark, CRLF line ends, headers in any case and order, and extra columns', () => {
      const text = '\uFEFF Share ,LSOA_CODE,Area_Name,notes,AREA_CODE\r\n1,F01,One,anything,W1\r\n0.5,F02,One,,W1\r\n0.5,F02,Two,,W2\r\n';
      const lookup = parsed(text);
      expect(lookup.rows.map((r) => [r.lsoaCode, r.areaCode, r.areaName, r.share, r.estimated, r.line])).toEqual([
        ['F01', 'W1', 'One', '1', false, 2],
        ['F02', 'W1', 'One', '0.5', false, 3],
        ['F02', 'W2', 'Two', '0.5', false, 4],
      ]);
    });

    it('keeps the share as written, trimmed', () => {
      const lookup = parsed(lookupText('F01,W1,One, 0.50 ,yes', 'F01,W2,Two,.5,yes', 'F02,W1,One,1.000,no'));
      expect(lookup.rows.map((r) => r.share)).toEqual(['0.50', '.5', '1.000']);
    });

    it('reads estimated as yes/no, true/false, 1/0 or blank, in any case', () => {
      const flags = ['yes', 'YES', 'true', 'True', '1', 'no', 'No', 'false', 'FALSE', '0', ''];
      const lookup = parsed(lookupText(...flags.map((flag, i) => `F01,W${i},Ward ${i},${i === 0 ? 1 : 0},${flag}`)));
      expect(lookup.rows.map((r) => r.estimated)).toEqual([true, true, true, true, true, false, false, false, false, false, false]);
    });

    it('reads every row as not estimated when there is no estimated column', () => {
      const lookup = parsed('lsoa_code,area_code,area_name,share\nF01,W1,One,1\n');
      expect(lookup.rows[0]?.estimated).toBe(false);
    });

    it('gives each row the physical line it starts on, past blank lines and quoted line breaks', () => {
      const text = `${HEADER}\r\n\r\nF01,W1,"Ward\r\nOne",1,no\r\n,,,,\r\n\r\nF02,W1,"Ward\nOne",1,no\nF03,W2,Two,1,no`;
      const lookup = parsed(text);
      expect(lookup.rows.map((r) => [r.lsoaCode, r.line])).toEqual([
        ['F01', 3],
        ['F02', 7],
        ['F03', 9],
      ]);
      expect(lookup.rows[0]?.areaName).toBe('Ward\r\nOne');
    });

    it('allows shares of 0 and 1, and sums within 1e-9 of 1, summed exactly', () => {
      // 0.5 + 0.500000001 is 1 + 1e-9 exactly (allowed); in floating point it comes out above 1 + 1e-9.
      expect(0.5 + 0.500000001 - 1).toBeGreaterThan(1e-9);
      const lookup = parsed(lookupText('F01,W1,One,0.5,yes', 'F01,W2,Two,0.500000001,yes', 'F02,W1,One,0,no', 'F02,W2,Two,1,no'));
      expect(lookup.rows).toHaveLength(4);
      expect(parsed(lookupText('F01,W1,One,0.333333333,yes', 'F01,W2,Two,0.333333333,yes', 'F01,W3,Three,0.333333333,yes')).rows).toHaveLength(3);
    });

    it('accepts any split of an LSOA into shares written to 12 decimal places (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
          const share = (1 / n).toFixed(12);
          const rows = Array.from({ length: n }, (_, i) => `F01,W${i},Ward ${i},${share},yes`);
          return parseLookup(lookupText(...rows), 'mine.csv', 'ward', KNOWN).ok;
        }),
      );
    });

    it('does not require every known LSOA to be in the lookup', () => {
      expect(parsed(lookupText('F01,W1,One,1,no')).rows).toHaveLength(1);
    });
  });

  describe('the fixtures in test/fixtures/lookups', () => {
    it('empty.csv: the file is empty', () => {
      expect(badFixture('empty.csv')).toMatchObject({ kind: 'data', code: 'empty-file', message: 'the file is empty', location: { file: 'empty.csv' } });
    });

    it('header-only.csv: a header but no rows', () => {
      expect(badFixture('header-only.csv')).toMatchObject({ code: 'no-rows', location: { file: 'header-only.csv', line: 1 } });
    });

    it('malformed.csv: a quoted value is never closed (line 3, area_name)', () => {
      expect(badFixture('malformed.csv')).toMatchObject({
        code: 'malformed-csv',
        message: 'a quoted value is never closed',
        location: { file: 'malformed.csv', line: 3, column: 3, columnName: 'area_name' },
      });
    });

    it('wrong-field-count.csv: a row with too few values', () => {
      expect(badFixture('wrong-field-count.csv')).toMatchObject({
        code: 'malformed-csv',
        message: 'the row has 4 values but the header has 5 columns',
        location: { line: 3, column: 5, columnName: 'estimated' },
      });
    });

    it('missing-columns.csv: names the missing columns and suggests renaming the near misses', () => {
      const error = badFixture('missing-columns.csv');
      expect(error).toMatchObject({
        code: 'missing-columns',
        message: 'missing required columns "area_name" and "share"',
        location: { file: 'missing-columns.csv', line: 1, column: 3, columnName: 'area_nme' },
      });
      expect(error.hint).toContain('Rename column "area_nme" to "area_name"; rename column "shares" to "share"');
    });

    it('duplicate-column.csv: share twice', () => {
      expect(badFixture('duplicate-column.csv')).toMatchObject({
        code: 'duplicate-column',
        message: 'column "Share" appears twice in the header, as columns 4 and 5',
        location: { line: 1, column: 5 },
      });
    });

    it('blank-lsoa-code.csv and blank-area-code.csv: blank codes', () => {
      expect(badFixture('blank-lsoa-code.csv')).toMatchObject({ code: 'blank-code', location: { line: 3, column: 1, columnName: 'lsoa_code' } });
      expect(badFixture('blank-area-code.csv')).toMatchObject({
        code: 'blank-code',
        message: 'the ward code of LSOA F02 is blank',
        location: { file: 'blank-area-code.csv', line: 3, column: 2, columnName: 'area_code' },
      });
    });

    it('bad-share.csv: a share that is not a number', () => {
      expect(badFixture('bad-share.csv')).toMatchObject({
        code: 'bad-share',
        message: 'share "half" of LSOA F02 is not a number',
        location: { file: 'bad-share.csv', line: 3, column: 4, columnName: 'share' },
      });
    });

    it('negative-share.csv: a negative share', () => {
      expect(badFixture('negative-share.csv')).toMatchObject({
        code: 'negative-share',
        message: 'share -0.5 of LSOA F02 is negative',
        location: { line: 3, column: 4, columnName: 'share' },
      });
    });

    it('share-above-one.csv: a share above 1', () => {
      expect(badFixture('share-above-one.csv')).toMatchObject({
        code: 'share-above-one',
        message: 'share 1.25 of LSOA F02 is above 1',
        location: { line: 3, column: 4, columnName: 'share' },
      });
    });

    it('bad-estimated.csv: an estimated flag that is not yes or no', () => {
      expect(badFixture('bad-estimated.csv')).toMatchObject({ code: 'bad-estimated', location: { line: 2, column: 5, columnName: 'estimated' } });
    });

    it('duplicate-row.csv: the same LSOA and area twice, naming both lines', () => {
      expect(badFixture('duplicate-row.csv')).toMatchObject({
        code: 'duplicate-row',
        message: 'LSOA F01 and ward W1 appear together twice, on lines 2 and 4',
        location: { file: 'duplicate-row.csv', line: 4, column: 2, columnName: 'area_code' },
      });
    });

    it('unknown-lsoa.csv: names the LSOA and its line', () => {
      expect(badFixture('unknown-lsoa.csv')).toMatchObject({
        code: 'unknown-lsoa',
        message: 'LSOA F99 on line 3 is not in the data',
        location: { file: 'unknown-lsoa.csv', line: 3, column: 1, columnName: 'lsoa_code' },
      });
    });

    it('unknown-lsoas.csv: says how many and lists the first five', () => {
      expect(badFixture('unknown-lsoas.csv')).toMatchObject({
        code: 'unknown-lsoa',
        message: '7 LSOA codes are not in the data, the first on line 3: F91, F92, F93, F94, F95 and 2 more',
        location: { line: 3, column: 1 },
      });
    });

    it('shares-not-one.csv: one LSOA whose shares add up to 0.9', () => {
      expect(badFixture('shares-not-one.csv')).toMatchObject({
        code: 'shares-not-one',
        message: 'the shares of LSOA F02 add up to 0.9, not 1',
        location: { file: 'shares-not-one.csv', line: 3, column: 4, columnName: 'share' },
      });
    });

    it('shares-not-one-many.csv: lists each LSOA with its sum, and allows a sum exactly 1e-9 off', () => {
      expect(badFixture('shares-not-one-many.csv')).toMatchObject({
        code: 'shares-not-one',
        message: 'the shares of 2 LSOAs do not add up to 1: F01 (0.9), F02 (1.1)',
        location: { line: 2, column: 4 },
      });
    });

    it('good.csv reads cleanly', () => {
      expect(parsed(fixture('lookups/good.csv')).rows).toHaveLength(8);
    });

    it('every fixture listed in the README exists, and every bad one fails with the code listed', () => {
      const readme = fixture('lookups/README.md');
      const listed = [...readme.matchAll(/^\| ([\w-]+\.csv) \| `([\w-]+)` \|/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);
      expect(listed.length).toBeGreaterThanOrEqual(18);
      for (const [file, code] of listed) {
        const result = parseLookup(fixture(`lookups/${file}`), file, 'ward', KNOWN);
        expect(result.ok ? 'ok' : result.error.code, file).toBe(code);
      }
    });
  });

  describe('other checks', () => {
    it('reports a blank file of only blank lines as empty', () => {
      expect(failure('\n\r\n  \n')).toMatchObject({ code: 'empty-file' });
    });

    it('counts an unknown LSOA with several rows once', () => {
      expect(failure(lookupText('F98,W1,One,0.5,yes', 'F98,W2,Two,0.5,yes')).message).toBe('LSOA F98 on line 2 is not in the data');
    });

    it('rejects numbers it cannot read exactly: blanks, hex, infinities, thousands separators', () => {
      for (const share of ['', '0x1', 'Infinity', 'NaN', '"1,0"', '1/2', '50%']) {
        expect(failure(lookupText(`F01,W1,One,${share},no`)).code, share).toBe('bad-share');
      }
      expect(failure(lookupText('F01,W1,One,,no')).message).toBe('the share of LSOA F01 is blank');
    });

    it('says how many LSOAs do not add up to 1 when there are more than five', () => {
      const rows = ['F01', 'F02', 'F03', 'F04', 'F05'].map((code) => `${code},W1,One,0.5,yes`);
      const known = new Set([...KNOWN, 'F06', 'F07']);
      const error = failure(lookupText(...rows, 'F06,W1,One,0.25,no', 'F07,W1,One,0.999999998,no'), known);
      expect(error.message).toBe(
        'the shares of 7 LSOAs do not add up to 1: F01 (0.5), F02 (0.5), F03 (0.5), F04 (0.5), F05 (0.5) and 2 more',
      );
    });

    it('names the level in messages', () => {
      const result = parseLookup(lookupText('F01,,One,1,no'), 'mine.csv', 'division', KNOWN);
      expect(!result.ok && result.error.message).toBe('the division code of LSOA F01 is blank');
    });

    it('reports the first problem in the file when there are several', () => {
      expect(failure(lookupText('F01,W1,One,2,no', 'F02,W1,One,x,no')).location?.line).toBe(2);
    });
  });
});

describe('the shipped Northamptonshire lookups', () => {
  const lookups = [
    ['ward', 'northamptonshire-wards-2019.csv', 422, 143, 0],
    ['division', 'northamptonshire-divisions-2019.csv', 617, 57, 364],
  ] as const;

  for (const [level, file, rows, areas, estimated] of lookups) {
    it.skipIf(!existsSync(defaultPackPath('2019')))(`${file} parses cleanly against the pack's Northamptonshire LSOAs`, async () => {
      const pack = await readPack(defaultPackPath('2019'));
      if (!pack.ok) throw new Error(pack.error.message);
      const known = new Set(pack.value.dataset.units.filter((u) => u.countyCode === 'E10000021').map((u) => u.code));
      expect(known.size).toBe(422);
      const path = new URL(`../../data/lookups/${file}`, import.meta.url);
      const result = parseLookup(readFileSync(path, 'utf8'), `data/lookups/${file}`, level, known);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      expect(result.value.rows).toHaveLength(rows);
      expect(new Set(result.value.rows.map((r) => r.lsoaCode))).toEqual(known);
      expect(new Set(result.value.rows.map((r) => r.areaCode)).size).toBe(areas);
      expect(result.value.rows.filter((r) => r.estimated)).toHaveLength(estimated);
    });
  }

  describe('one area code, one name', () => {
    it('refuses an area_code given two area names, naming both and both lines', () => {
      expect(failure(lookupText('F01,W1,Ward One,1,no', 'F02,W2,Ward Two,1,no', 'F03,W1,Ward 1,1,no'))).toMatchObject({
        kind: 'data',
        code: 'conflicting-name',
        message: 'ward "W1" is called "Ward One" on line 2 but "Ward 1" on line 4',
        location: { file: 'mine.csv', line: 4 },
      });
    });
  });

  describe('absurd values', () => {
    it('refuses a share with an absurd exponent or 100,000 digits at once', () => {
      expect(failure(lookupText('F01,W1,One,1e-99999999,no'))).toMatchObject({ code: 'number-too-long', location: { line: 2, column: 4 } });
      const error = failure(lookupText(`F01,W1,One,0.${'3'.repeat(100_000)},no`));
      expect(error.code).toBe('number-too-long');
      expect(error.message.length).toBeLessThan(200);
    });
  });
});

