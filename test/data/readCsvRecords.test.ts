import { describe, expect, it } from 'vitest';
import { cellLine, readCsvRecords, type CsvRecord, type ReadCsvRecordsOptions } from '../../src/data/readCsvRecords.js';
import type { FairshareError } from '../../src/engine/errors.js';

function records(text: string, options?: ReadCsvRecordsOptions): CsvRecord[] {
  const result = readCsvRecords(text, 'f.csv', options);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(text: string, options?: ReadCsvRecordsOptions): FairshareError {
  const result = readCsvRecords(text, 'f.csv', options);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('readCsvRecords', () => {
  describe('line numbers', () => {
    it('gives each record the physical line it starts on, counting line breaks inside quoted values', () => {
      expect(records('a,b\n"one\ntwo",x\nc,"three\nfour\nfive"\nlast,row')).toEqual([
        { cells: ['a', 'b'], line: 1 },
        { cells: ['one\ntwo', 'x'], line: 2 },
        { cells: ['c', 'three\nfour\nfive'], line: 4 },
        { cells: ['last', 'row'], line: 7 },
      ]);
    });

    it('counts a CRLF as one line, inside quoted values too', () => {
      expect(records('a,b\r\n"x\r\ny",z\r\n\r\nq,"1\r\n2\r\n3"\r\nlast,row\r\n')).toEqual([
        { cells: ['a', 'b'], line: 1 },
        { cells: ['x\r\ny', 'z'], line: 2 },
        { cells: ['q', '1\r\n2\r\n3'], line: 5 },
        { cells: ['last', 'row'], line: 8 },
      ]);
    });

    it('skips blank lines and rows whose cells are all empty, keeping the lines of the rest', () => {
      expect(records('a,b\n\n  \n,\n1,2\n ,  \n3,4\n')).toEqual([
        { cells: ['a', 'b'], line: 1 },
        { cells: ['1', '2'], line: 5 },
        { cells: ['3', '4'], line: 7 },
      ]);
    });

    it('splits at mixed line ends in one file, a lone CR included', () => {
      expect(records('a,b\n1,2\r3,4\r\n5,6').map((r) => [r.cells, r.line])).toEqual([
        [['a', 'b'], 1],
        [['1', '2'], 2],
        [['3', '4'], 3],
        [['5', '6'], 4],
      ]);
    });

    it('gives no records for an empty text', () => {
      expect(records('')).toEqual([]);
      expect(records('\n\r\n  \n')).toEqual([]);
    });
  });

  describe('values', () => {
    it('drops a byte-order mark and trims values', () => {
      expect(records('\uFEFF code , name \r\n A1 ,  " Ay "  \r\n')).toEqual([
        { cells: ['code', 'name'], line: 1 },
        { cells: ['A1', ' Ay '], line: 2 },
      ]);
    });

    it('keeps line numbers after a byte-order mark and a multi-line value', () => {
      expect(records('\uFEFFa,b\n"x\ny",z\nlast,row\n').map((r) => r.line)).toEqual([1, 2, 4]);
    });
  });

  describe('malformed CSV', () => {
    it('reports an unclosed quote at the line where its record starts, after a multi-line value', () => {
      expect(failure('a,b\r\n"x\r\ny",z\r\nq,"never closed\r\nmore\r\n')).toEqual({
        kind: 'data',
        code: 'malformed-csv',
        message: 'a quoted value is never closed',
        hint: 'Add the closing double quote; a quote inside a quoted value is written twice ("")',
        location: { file: 'f.csv', line: 4, column: 2, columnName: 'b' },
      });
    });

    it('reports a short row at the first missing column, named from the header', () => {
      expect(failure('\uFEFFa,b,c\n1,2,3\n\n4,5\n')).toMatchObject({
        code: 'malformed-csv',
        message: 'the row has 2 values but the header has 3 columns',
        location: { file: 'f.csv', line: 4, column: 3, columnName: 'c' },
      });
    });

    it('reports a long row at the first extra value, which has no name', () => {
      const error = failure('a,b\n1,2\n3,4,5\n');
      expect(error).toMatchObject({ message: 'the row has 3 values but the header has 2 columns', location: { line: 3, column: 3 } });
      expect(error.location).not.toHaveProperty('columnName');
      expect(error.hint).toBe('Check for a missing or extra comma, and put quotes round values that contain commas');
    });

    it("gives the caller's example in the hint for a wrong number of values", () => {
      expect(failure('a,b\n1\n', { commaExample: '"1,296"' }).hint).toBe(
        'Check for a missing or extra comma, and put quotes round values that contain commas, like "1,296"',
      );
    });

    it('tells a stray opening quote from text after a closing quote, unless asked to combine them', () => {
      expect(failure('a,b\n1,x"y\n')).toMatchObject({ message: 'a double quote appears inside an unquoted value', location: { line: 2, column: 2 } });
      expect(failure('a,b\n1,"x"y\n')).toMatchObject({
        message: 'a quoted value is followed by other characters instead of a comma',
        location: { line: 2, column: 2 },
      });
      for (const text of ['a,b\n1,x"y\n', 'a,b\n1,"x"y\n']) {
        expect(failure(text, { quoteErrors: 'combined' })).toMatchObject({
          code: 'malformed-csv',
          message: 'a double quote is in the wrong place',
          location: { line: 2, column: 2, columnName: 'b' },
        });
      }
    });
  });
});

describe('cellLine', () => {
  it("adds the line breaks inside the cells before it to the record's line", () => {
    const record: CsvRecord = { cells: ['x\r\ny', 'a\rb\nc', 'z'], line: 5 };
    expect([0, 1, 2].map((index) => cellLine(record, index))).toEqual([5, 6, 8]);
  });
});
