import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataCsv, type DataCsv } from '../../src/data/parseDataCsv.js';
import type { FairshareError } from '../../src/engine/errors.js';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

function parsed(text: string, file = 'mine.csv'): DataCsv {
  const result = parseDataCsv(text, file);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(text: string, file = 'mine.csv'): FairshareError {
  const result = parseDataCsv(text, file);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

/** The error for a file under test/fixtures/bad/, reported against that file name. */
function badFixture(name: string): FairshareError {
  return failure(fixture(`bad/${name}`), name);
}

const field = (data: DataCsv, name: string): number[] => [...(data.dataset.fields.get(name) ?? [])];

describe('parseDataCsv', () => {
  describe('reading a good file', () => {
    it('reads the README example into a csv dataset with one field per need column', () => {
      const data = parsed(fixture('data/five-lsoas.csv'), 'five-lsoas.csv');
      expect(data.domainIds).toEqual(['need_a', 'need_b']);
      expect(data.dataset.kind).toBe('csv');
      expect(data.dataset.file).toBe('five-lsoas.csv');
      expect(data.dataset.units.map((u) => u.code)).toEqual(['F01', 'F02', 'F03', 'F04', 'F05']);
      expect(data.dataset.units[0]).toEqual({
        code: 'F01',
        name: 'Fixture 1',
        districtCode: '',
        districtName: 'North',
        countyCode: '',
        countyName: '',
      });
      expect([...data.dataset.fields.keys()]).toEqual(['population', 'need_a', 'need_b']);
      expect(field(data, 'population')).toEqual([100, 200, 150, 50, 100]);
      expect(field(data, 'need_a')).toEqual([10, 30, 20, 40, 20]);
      expect(field(data, 'need_b')).toEqual([5, 5, 1, 9, 7]);
      expect(data.dataset.fields.get('population')).toBeInstanceOf(Float64Array);
    });

    it('sorts units by code and keeps every field in the same order', () => {
      const data = parsed('code,name,district,population,need\nB2,Bee,N,20,2\nA1,Ay,N,10,1\nC3,Cee,S,30,3\n');
      expect(data.dataset.units.map((u) => `${u.code}:${u.name}`)).toEqual(['A1:Ay', 'B2:Bee', 'C3:Cee']);
      expect(field(data, 'population')).toEqual([10, 20, 30]);
      expect(field(data, 'need')).toEqual([1, 2, 3]);
    });

    it('sorts codes by code point, not by locale', () => {
      const data = parsed('code,name,district,population,need\nb1,x,N,1,1\nB2,x,N,1,1\na3,x,N,1,1\n');
      expect(data.dataset.units.map((u) => u.code)).toEqual(['B2', 'a3', 'b1']);
    });

    it('accepts a byte-order mark before the header', () => {
      const data = parsed('\uFEFFcode,name,district,population,need\nA1,Ay,N,10,1\n');
      expect(data.dataset.units.map((u) => u.code)).toEqual(['A1']);
    });

    it('reads quoted thousands separators and spaces around numbers', () => {
      const data = parsed('code,name,district,population,need\nA1,Ay,N,"1,296", 2.5 \nA2,Ay,N, " 12,345,678 " ,"1,000.25"\n');
      expect(field(data, 'population')).toEqual([1296, 12345678]);
      expect(field(data, 'need')).toEqual([2.5, 1000.25]);
    });

    it('matches header names ignoring case and surrounding spaces, and lowercases domain ids', () => {
      const data = parsed(' Code , NAME,District,Population, Deprivation \nA1,Ay,N,10,1\n');
      expect(data.domainIds).toEqual(['deprivation']);
      expect(field(data, 'deprivation')).toEqual([1]);
    });

    it('takes the district code from an optional district_code column', () => {
      const data = parsed('code,name,district,district_code,population,need\nA1,Ay,North,E07000001,10,1\n');
      expect(data.domainIds).toEqual(['need']);
      expect(data.dataset.units[0]?.districtCode).toBe('E07000001');
      expect(data.dataset.units[0]?.districtName).toBe('North');
    });

    it('reads the reserved population-by-age columns as numeric fields, not domains', () => {
      const data = parsed(
        'code,name,district,population,population_0_15,population_16_59,population_60_plus,need\nA1,Ay,N,"1,000",200,500,300,4\n',
      );
      expect(data.domainIds).toEqual(['need']);
      expect(field(data, 'population_0_15')).toEqual([200]);
      expect(field(data, 'population_16_59')).toEqual([500]);
      expect(field(data, 'population_60_plus')).toEqual([300]);
    });

    it('checks the population-by-age columns like population', () => {
      const error = failure('code,name,district,population,population_60_plus,need\nA1,Ay,N,10,-1,4\n');
      expect(error.code).toBe('negative-population');
      expect(error.message).toContain('population_60_plus');
      expect(error.location).toMatchObject({ line: 2, column: 5, columnName: 'population_60_plus' });
    });

    it('ignores blank lines and all-empty rows', () => {
      const data = parsed('\ncode,name,district,population,need\n\nA1,Ay,N,10,1\n\n,,,,\n\n\n');
      expect(data.dataset.units.map((u) => u.code)).toEqual(['A1']);
    });

    it('accepts CRLF line endings and a missing final newline', () => {
      const data = parsed('code,name,district,population,need\r\nA1,Ay,N,10,1\r\nA2,Bee,N,20,2');
      expect(field(data, 'need')).toEqual([1, 2]);
    });

    it('allows zero and negative need values and a zero population in one area', () => {
      const data = parsed('code,name,district,population,score\nA1,Ay,N,0,-1.5\nA2,Bee,N,10,0\n');
      expect(field(data, 'population')).toEqual([0, 10]);
      expect(field(data, 'score')).toEqual([-1.5, 0]);
    });

    it('keeps names with commas and line breaks inside quotes', () => {
      const data = parsed('code,name,district,population,need\nA1,"Ay, the\nfirst",N,10,1\n');
      expect(data.dataset.units[0]?.name).toBe('Ay, the\nfirst');
    });
  });

  describe('line numbers', () => {
    it('counts physical lines after a quoted value that spans lines', () => {
      const error = failure('code,name,district,population,need\nA1,"Ay\nand more",N,10,1\nA2,Bee,N,10,x\n');
      expect(error.location).toMatchObject({ line: 4, column: 5 });
    });

    it('counts a CRLF inside a quoted value as one line break', () => {
      const error = failure('code,name,district,population,need\r\nA1,"Ay\r\nand more",N,10,1\r\nA2,Bee,N,10,x\r\n');
      expect(error.location).toMatchObject({ line: 4, column: 5 });
    });

    it('gives the line a cell is on when an earlier cell of its row spans lines', () => {
      const error = failure('code,name,district,population,need\nA1,"Ay\nand more",N,10,x\n');
      expect(error.location).toMatchObject({ line: 3, column: 5 });
    });

    it('counts blank lines before the header and between rows', () => {
      const error = failure('\n\ncode,name,district,population,need\n\nA1,Ay,N,10,1\n\n\nA2,Bee,N,ten,2\n');
      expect(error.location).toMatchObject({ line: 8, column: 4 });
    });
  });

  describe('refusing a bad file', () => {
    it('refuses an empty file', () => {
      const error = badFixture('empty.csv');
      expect(error).toMatchObject({ kind: 'data', code: 'empty-file', location: { file: 'empty.csv' } });
      expect(error.message).toBe('the file is empty');
      expect(error.hint).toContain('code, name, district and population');
    });

    it('refuses a file with only blank lines as empty', () => {
      expect(failure('\n\n  \n').code).toBe('empty-file');
    });

    it('refuses a header with no rows under it', () => {
      const error = badFixture('header-only.csv');
      expect(error).toMatchObject({ kind: 'data', code: 'no-rows', location: { file: 'header-only.csv', line: 1 } });
      expect(error.message).toContain('no rows');
      expect(error.hint).toContain('one row per area');
    });

    it('reports an unclosed quote at the line where the quoted value starts', () => {
      const error = badFixture('malformed.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'malformed-csv',
        location: { file: 'malformed.csv', line: 3, column: 2, columnName: 'name' },
      });
      expect(error.message).toContain('never closed');
      expect(error.hint).toContain('closing double quote');
    });

    it('reports a quote in the middle of a value', () => {
      const error = failure('code,name,district,population,need\nA1,Ay "the first",N,10,1\n');
      expect(error).toMatchObject({ code: 'malformed-csv', location: { line: 2, column: 2, columnName: 'name' } });
      expect(error.message).toContain('double quote');
    });

    it('reports text after a closing quote', () => {
      const error = failure('code,name,district,population,need\nA1,"Ay"x,N,10,1\n');
      expect(error).toMatchObject({ code: 'malformed-csv', location: { line: 2, column: 2 } });
      expect(error.message).toContain('followed by other characters');
    });

    it('reports a row with fewer values than the header, naming the first missing column', () => {
      const error = badFixture('wrong-field-count.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'malformed-csv',
        location: { file: 'wrong-field-count.csv', line: 4, column: 6, columnName: 'need_b' },
      });
      expect(error.message).toBe('the row has 5 values but the header has 6 columns');
      expect(error.hint).toContain('missing or extra comma');
    });

    it('reports a row with more values than the header', () => {
      const error = failure('code,name,district,population,need\nA1,Ay,N,10,1\nA2,Bee,N,1,296,2\n');
      expect(error).toMatchObject({ code: 'malformed-csv', location: { line: 3, column: 6 } });
      expect(error.message).toBe('the row has 6 values but the header has 5 columns');
      expect(error.hint).toContain('"1,296"');
    });

    it('names every missing column and suggests renaming a near miss', () => {
      const error = badFixture('missing-columns.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'missing-columns',
        location: { file: 'missing-columns.csv', line: 1, column: 3, columnName: 'populaton' },
      });
      expect(error.message).toBe('missing required columns "name" and "population"');
      expect(error.hint).toContain('Rename column "populaton" to "population"');
      expect(error.hint).toContain('add a column "name"');
    });

    it('does not mistake a population band for a misspelt population column', () => {
      const error = failure('code,name,district,population_0_15,need\nA1,Ay,N,10,1\n');
      expect(error.code).toBe('missing-columns');
      expect(error.hint).not.toContain('Rename');
      expect(error.location).toEqual({ file: 'mine.csv', line: 1 });
    });

    it('refuses a column name used twice, ignoring case', () => {
      const error = badFixture('duplicate-columns.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'duplicate-column',
        location: { file: 'duplicate-columns.csv', line: 1, column: 6, columnName: 'Need_A' },
      });
      expect(error.message).toContain('columns 5 and 6');
    });

    it('refuses a column with no name', () => {
      const error = badFixture('blank-column-name.csv');
      expect(error).toMatchObject({ kind: 'data', code: 'blank-column-name', location: { line: 1, column: 6 } });
      expect(error.message).toBe('column 6 has no name');
    });

    it('refuses a need column whose name is not an id, suggesting one', () => {
      const error = badFixture('bad-domain-id.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'bad-domain-id',
        location: { file: 'bad-domain-id.csv', line: 1, column: 5, columnName: 'Need A (%)' },
      });
      expect(error.message).toContain('"Need A (%)"');
      expect(error.hint).toContain('"need-a"');
    });

    it('refuses a file with no need columns', () => {
      const error = badFixture('no-domains.csv');
      expect(error).toMatchObject({ kind: 'data', code: 'no-need-columns', location: { file: 'no-domains.csv', line: 1 } });
      expect(error.message).toContain('no need columns');
    });

    it('refuses a blank code', () => {
      const error = badFixture('blank-code.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'blank-code',
        location: { file: 'blank-code.csv', line: 3, column: 1, columnName: 'code' },
      });
      expect(error.message).toContain('blank');
    });

    it('refuses a duplicate code, naming both lines', () => {
      const error = badFixture('duplicate-codes.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'duplicate-code',
        location: { file: 'duplicate-codes.csv', line: 5, column: 1, columnName: 'code' },
      });
      expect(error.message).toBe('code "X02" appears twice, on lines 3 and 5');
    });

    it('refuses a population that is not a number', () => {
      const error = badFixture('non-numeric-population.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'bad-population',
        location: { file: 'non-numeric-population.csv', line: 3, column: 4, columnName: 'population' },
      });
      expect(error.message).toBe('population "lots" is not a number');
    });

    it('refuses a population of Infinity or NaN', () => {
      const error = badFixture('infinite-population.csv');
      expect(error).toMatchObject({ kind: 'data', code: 'bad-population', location: { line: 3, column: 4 } });
      expect(error.message).toBe('population "Infinity" is not a finite number');
      expect(failure('code,name,district,population,need\nA1,Ay,N,NaN,1\n').message).toBe('population "NaN" is not a finite number');
      expect(failure('code,name,district,population,need\nA1,Ay,N,1e999,1\n').code).toBe('number-too-long');
    });

    it('refuses a blank population', () => {
      const error = failure('code,name,district,population,need\nA1,Ay,N,,1\n');
      expect(error).toMatchObject({ code: 'bad-population', message: 'population is blank', location: { line: 2, column: 4 } });
    });

    it('refuses a negative population', () => {
      const error = badFixture('negative-population.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'negative-population',
        location: { file: 'negative-population.csv', line: 4, column: 4, columnName: 'population' },
      });
      expect(error.message).toBe('population -5 is negative');
    });

    it('refuses populations that add up to 0', () => {
      const error = badFixture('zero-population.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'zero-population',
        location: { file: 'zero-population.csv', columnName: 'population' },
      });
      expect(error.location?.line).toBeUndefined();
      expect(error.message).toContain('add up to 0');
    });

    it('refuses a blank need value, naming the column', () => {
      const error = badFixture('blank-need.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'blank-need',
        location: { file: 'blank-need.csv', line: 4, column: 5, columnName: 'need_a' },
      });
      expect(error.message).toBe('need value is blank');
      expect(error.hint).toContain('"need_a"');
    });

    it('refuses a need value that is not a number', () => {
      const error = badFixture('non-numeric-need.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'bad-need',
        location: { file: 'non-numeric-need.csv', line: 7, column: 6, columnName: 'deprivation' },
      });
      expect(error.message).toBe('need value "n/a" is not a number');
    });

    it('refuses thousands separators that do not group in threes', () => {
      expect(failure('code,name,district,population,need\nA1,Ay,N,"12,96",1\n').code).toBe('bad-population');
    });

    it('reports the first problem in reading order', () => {
      const error = failure('code,name,district,population,need\nA1,Ay,N,10,1\nA2,Bee,N,-1,x\nA1,Cee,N,x,1\n');
      expect(error).toMatchObject({ code: 'negative-population', location: { line: 3 } });
    });
  });
});

describe('parseDataCsv row order', () => {
  it('gives the same dataset whatever order the rows are in', () => {
    const header = 'code,name,district,population,need_a,need_b';
    const rows = fixture('data/five-lsoas.csv').trim().split('\n').slice(1);
    const expected = parsed(fixture('data/five-lsoas.csv'));
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), (shuffled) => {
        expect(parsed([header, ...shuffled].join('\n'))).toEqual(expected);
      }),
    );
  });

  describe('one district code, one name', () => {
    it('refuses a district_code given two district names, naming both and both lines', () => {
      const error = failure('code,name,district,district_code,population,need\nF01,A,Alpha,F91,1,1\nF02,B,Beta,F92,1,1\n\nF03,C,Alpha Vale,F91,1,1\n', 'mine.csv');
      expect(error).toMatchObject({
        kind: 'data',
        code: 'conflicting-name',
        message: 'district "F91" is called "Alpha" on line 2 but "Alpha Vale" on line 5',
        location: { file: 'mine.csv', line: 5 },
      });
    });

    it('accepts the same name on every row of a district, and names without codes', () => {
      expect(parsed('code,name,district,district_code,population,need\nF01,A,Alpha,F91,1,1\nF02,B,Alpha,F91,1,1\n').dataset.units).toHaveLength(2);
      expect(parsed('code,name,district,population,need\nF01,A,Alpha,1,1\nF02,B,Beta,1,1\n').dataset.units).toHaveLength(2);
    });
  });

  describe('absurd values', () => {
    it('refuses a 100,000-digit population or need at once, quoting at most 60 characters', () => {
      for (const column of ['population', 'need']) {
        const row = column === 'population' ? `F01,A,B,${'9'.repeat(100_000)},1` : `F01,A,B,1,${'9'.repeat(100_000)}`;
        const error = failure(`code,name,district,population,need\n${row}\n`);
        expect(error.code).toBe('number-too-long');
        expect(error.message).toMatch(/is too long to read: it has 100,000 characters, more than the 30 a number may have$/);
        expect(error.message.length).toBeLessThan(160);
      }
    });

    it('refuses an exponent such as 1e99999999', () => {
      expect(failure('code,name,district,population,need\nF01,A,B,1,1e99999999\n')).toMatchObject({
        code: 'number-too-long',
        message: 'need value "1e99999999" is too long to read: its exponent is beyond ±100',
        location: { line: 2, column: 5 },
      });
    });

    it('keeps a value with a line break in it on one line when quoting it', () => {
      expect(failure('code,name,district,population,need\nF01,A,B,1,"x\ny"\n').message).toBe('need value "x?y" is not a number');
    });
  });
});
