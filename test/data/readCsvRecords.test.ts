import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ROW_CHARS } from '../../src/data/limits.js';
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

describe('readCsvRecords on files saved by other tools', () => {
  it('never gives a line beyond the end of the file, whatever the line ends, quotes and blank lines', () => {
    const piece = fc.constantFrom('a', ',', '\n', '\r\n', '\r', '"', ' ', 'é', '\uFEFF');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = `h1,h2\n${pieces.join('')}`;
        const lines = text.split(/\r\n|\r|\n/).length;
        const result = readCsvRecords(text, 'f.csv');
        const found = result.ok ? result.value.map((r) => r.line) : [result.error.location?.line ?? 0];
        for (const line of found) expect(line).toBeLessThanOrEqual(lines);
      }),
      { numRuns: 2000 },
    );
  });

  it('skips a first line sep=, (as Excel writes it), counting lines from the top of the file', () => {
    expect(records('\uFEFFsep=,\r\na,b\r\n1,2\r\n')).toEqual([
      { cells: ['a', 'b'], line: 2 },
      { cells: ['1', '2'], line: 3 },
    ]);
    expect(records('SEP=,\na,b\n').map((r) => r.cells)).toEqual([['a', 'b']]);
  });

  it('refuses a sep= line naming another separator, quoting what it says', () => {
    expect(failure('sep=;\na;b\n1;2\n')).toMatchObject({
      code: 'wrong-separator',
      message: 'the first line (sep=;) says the values are separated by semicolons (;); fairshare reads commas between values',
      location: { file: 'f.csv', line: 1 },
    });
  });

  it('refuses a header separated by semicolons, tabs or bars, before reading the rows', () => {
    for (const [header, name] of [['a;b;c', 'semicolons (;)'], ['a\tb\tc', 'tabs'], ['a|b|c', 'bars (|)']] as const) {
      const error = failure(`\n${header}\n1,500${header.charAt(1)}2,000${header.charAt(1)}3\n`);
      expect(error).toMatchObject({ code: 'wrong-separator', location: { file: 'f.csv', line: 2 } });
      expect(error.message).toBe(`the values are separated by ${name}; fairshare reads commas between values`);
      expect(error.hint).toContain('CSV UTF-8 (Comma delimited)');
    }
  });

  it('says when a semicolon file has decimal commas, as Excel writes in some locales', () => {
    const error = failure('code;name;district;population\nF01;A;B;1,5\n');
    expect(error.code).toBe('wrong-separator');
    expect(error.message).toBe(
      'the file uses ; between values and , as the decimal mark, as Excel does in some locales; fairshare reads commas between values and . as the decimal mark',
    );
    expect(error.hint).toContain('decimal separator to "."');
  });

  it('reads a header with commas even when values hold semicolons', () => {
    expect(records('a,b\n"x;y",1\n').map((r) => r.cells)).toEqual([['a', 'b'], ['x;y', '1']]);
  });

  it('refuses a file with NUL bytes at the line and column of the first', () => {
    expect(failure('a,b\n1,2\n3,\u00004\n')).toMatchObject({ code: 'not-text', location: { file: 'f.csv', line: 3, column: 3 } });
  });

  it('says a zip archive is probably a workbook', () => {
    expect(failure('PK\u0003\u0004\u0014\u0000rest').message).toBe('the file is a zip archive, probably an Excel workbook (.xlsx), not a CSV file');
  });
});

describe('readCsvRecords limits', () => {
  it('refuses a file with more rows than the limit, at the first row over it', () => {
    expect(records('a\n1\n2\n', { maxRows: 3 })).toHaveLength(3);
    expect(failure('a\n1\n\n2\n3\n', { maxRows: 3 })).toMatchObject({
      code: 'too-many-rows',
      message: 'the file has more than 3 rows, the most fairshare reads',
      location: { file: 'f.csv', line: 5 },
    });
  });

  it('refuses a row longer than the limit, at the line it starts on', () => {
    const error = failure(`a,b\n1,2\n3,${'x'.repeat(MAX_ROW_CHARS + 1)}\n`);
    expect(error).toMatchObject({ code: 'row-too-long', location: { file: 'f.csv', line: 3 } });
    expect(error.message).toBe('the row is longer than 1,000,000 characters, the most fairshare reads in one row');
  });
});
