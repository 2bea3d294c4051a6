import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePoints, type Point } from '../../src/data/parsePoints.js';
import { formatError, type FairshareError } from '../../src/engine/errors.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/points/${name}`, import.meta.url), 'utf8');

const KNOWN = new Set(['FAKE-A', 'FAKE-B', 'FAKE-C', 'FAKE-D', 'FAKE-E', 'FAKE-F']);
const HEADER = 'lsoa_code,area_code,area_name,weight\n';

function parsed(text: string, known: ReadonlySet<string> = KNOWN): Point[] {
  const result = parsePoints(text, 'points.csv', known);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(text: string, known: ReadonlySet<string> = KNOWN): FairshareError {
  const result = parsePoints(text, 'points.csv', known);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('parsePoints', () => {
  describe('reading a good file', () => {
    it('reads one point per row with its line, weighing each 1 without a weight column', () => {
      expect(parsed(fixture('fake-points.csv'))).toEqual([
        { lsoaCode: 'FAKE-A', areaCode: 'FAKE-X', areaName: 'Exton', weight: '1', line: 2 },
        { lsoaCode: 'FAKE-A', areaCode: 'FAKE-X', areaName: 'Exton', weight: '1', line: 3 },
        { lsoaCode: 'FAKE-B', areaCode: 'FAKE-Y', areaName: 'Wyeford', weight: '1', line: 4 },
        { lsoaCode: 'FAKE-A', areaCode: 'FAKE-Y', areaName: 'Wyeford', weight: '1', line: 5 },
        { lsoaCode: 'FAKE-A', areaCode: 'FAKE-X', areaName: 'Exton', weight: '1', line: 6 },
      ]);
    });

    it('reads weights and ignores other columns such as postcode', () => {
      const points = parsed(fixture('fake-weighted.csv'));
      expect(points).toHaveLength(9);
      expect(points.map((p) => p.weight)).toEqual(['1', '1', '1', '2.5', '7.5', '0', '4', '2', '1']);
    });

    it('matches headers ignoring case and spaces, in any order, and trims values', () => {
      const points = parsed(' Area_Name , LSOA_CODE,area_code \n Exton , FAKE-A , FAKE-X \n');
      expect(points).toEqual([{ lsoaCode: 'FAKE-A', areaCode: 'FAKE-X', areaName: 'Exton', weight: '1', line: 2 }]);
    });

    it('writes weights as plain decimals: thousands separators, exponents, -0 and trailing zeros', () => {
      const points = parsed(`${HEADER}FAKE-A,X,Ex,"1,296"\nFAKE-A,X,Ex,2.50\nFAKE-A,X,Ex,1e3\nFAKE-A,X,Ex,-0\nFAKE-A,X,Ex,.5\n`);
      expect(points.map((p) => p.weight)).toEqual(['1296', '2.5', '1000', '0', '0.5']);
    });

    it('skips blank lines, a byte-order mark and CRLF line ends, keeping physical line numbers', () => {
      const points = parsed('\uFEFFlsoa_code,area_code,area_name\r\n\r\nFAKE-A,X,Ex\r\n,,\r\nFAKE-B,Y,Wy\r\n');
      expect(points.map((p) => p.line)).toEqual([3, 5]);
    });

    it('counts line breaks inside quoted names', () => {
      const points = parsed('area_name,lsoa_code,area_code\n"Two\nLines",FAKE-A,X\nOne,FAKE-B,Y\n');
      expect(points.map((p) => p.line)).toEqual([2, 4]);
    });
  });

  describe('refusing bad input', () => {
    it('refuses an empty file', () => {
      expect(failure('')).toMatchObject({ kind: 'data', code: 'empty-file', location: { file: 'points.csv' } });
      expect(failure('\n\n').code).toBe('empty-file');
    });

    it('refuses a header with no points', () => {
      expect(failure(HEADER)).toMatchObject({ code: 'no-rows', location: { line: 1 } });
    });

    it('names a missing column and suggests the nearest one', () => {
      const error = failure('lsoa code,area_code,area_name\nFAKE-A,X,Ex\n');
      expect(error).toMatchObject({ code: 'missing-columns', message: 'missing required column "lsoa_code"', location: { line: 1, column: 1, columnName: 'lsoa code' } });
      expect(error.hint).toContain('Rename column "lsoa code" to "lsoa_code"');
    });

    it('asks for columns it cannot guess', () => {
      const error = failure('lsoa_code,postcode\nFAKE-A,NN1 1AA\n');
      expect(error.message).toBe('missing required columns "area_code" and "area_name"');
      expect(error.hint).toContain('Add columns "area_code" and "area_name"');
      expect(error.location).toEqual({ file: 'points.csv', line: 1 });
    });

    it('refuses a column given twice', () => {
      expect(failure('lsoa_code,area_code,area_name,LSOA_code\nFAKE-A,X,Ex,FAKE-B\n')).toMatchObject({
        code: 'duplicate-column',
        location: { line: 1, column: 4 },
      });
    });

    it('refuses a negative weight, naming the line and column', () => {
      const error = failure(`${HEADER}FAKE-A,X,Ex,1\nFAKE-A,Y,Wy,-2\n`);
      expect(error).toMatchObject({ code: 'negative-weight', location: { file: 'points.csv', line: 3, column: 4, columnName: 'weight' } });
      expect(formatError(error)).toMatch(/^points\.csv:3:4 \(column "weight"\): the weight -2 is negative\. /);
    });

    it.each([
      ['lots', 'the weight "lots" is not a number'],
      ['', 'the weight is blank'],
      ['NaN', 'the weight "NaN" is not a number'],
      ['Infinity', 'the weight "Infinity" is not a number'],
    ])('refuses the weight %j', (weight, message) => {
      expect(failure(`${HEADER}FAKE-A,X,Ex,"${weight}"\n`)).toMatchObject({ code: 'bad-weight', message, location: { line: 2, column: 4 } });
    });

    it('refuses a weight with an absurd exponent at once, before building the number', () => {
      expect(failure(`${HEADER}FAKE-A,X,Ex,1e99999999999999999\n`)).toMatchObject({
        code: 'number-too-long',
        message: 'the weight "1e99999999999999999" is too long to read: its exponent is beyond ±100',
        location: { line: 2, column: 4 },
      });
    });

    it.each([
      ['FAKE-A,,Ex', 'the area code is blank', 2],
      [',X,Ex', 'the LSOA code is blank', 1],
    ])('refuses blank codes (%s)', (row, message, column) => {
      expect(failure(`lsoa_code,area_code,area_name\n${row}\n`)).toMatchObject({ code: 'blank-code', message, location: { line: 2, column } });
    });

    it('refuses a blank area name', () => {
      expect(failure('lsoa_code,area_code,area_name\nFAKE-A,X, \n')).toMatchObject({ code: 'blank-name', location: { line: 2, column: 3 } });
    });

    it('reports every unknown LSOA together: the first five with lines, and a count', () => {
      const rows = ['FAKE-A', 'NOPE-1', 'NOPE-2', 'FAKE-B', 'NOPE-3', 'NOPE-4', 'NOPE-5', 'NOPE-6', 'NOPE-7'];
      const error = failure(`lsoa_code,area_code,area_name\n${rows.map((r) => `${r},X,Ex`).join('\n')}\n`);
      expect(error).toMatchObject({ kind: 'data', code: 'unknown-lsoa', location: { line: 3, column: 1, columnName: 'lsoa_code' } });
      expect(error.message).toBe(
        '7 points have LSOA codes that are not in the data pack: "NOPE-1" (line 3), "NOPE-2" (line 4), "NOPE-3" (line 6), "NOPE-4" (line 7), "NOPE-5" (line 8) and 2 more',
      );
    });

    it('names a single unknown LSOA, suggesting upper case when that is the fix', () => {
      const error = failure('lsoa_code,area_code,area_name\nfake-a,X,Ex\n');
      expect(error.message).toBe('LSOA code "fake-a" is not in the data pack');
      expect(error.hint).toBe('LSOA codes are upper case, e.g. "FAKE-A"');
    });

    it('reports a row problem before unknown LSOAs', () => {
      expect(failure(`${HEADER}NOPE,X,Ex,1\nFAKE-A,X,Ex,x\n`).code).toBe('bad-weight');
    });

    it('refuses malformed CSV, naming the line', () => {
      expect(failure('lsoa_code,area_code,area_name\nFAKE-A,X,Ex\nFAKE-B,"Y,Wy\n')).toMatchObject({ code: 'malformed-csv', location: { line: 3 } });
      const error = failure('lsoa_code,area_code,area_name\nFAKE-A,X,Ex\nFAKE-B,Y\n');
      expect(error).toMatchObject({ code: 'malformed-csv', message: 'the row has 2 values but the header has 3 columns', location: { line: 3, column: 3 } });
    });
  });
});
