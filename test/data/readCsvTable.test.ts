import { describe, expect, it } from 'vitest';
import { readCsvTable, type CsvHeader, type CsvTableSpec } from '../../src/data/readCsvTable.js';
import { fail, ok, type Result } from '../../src/engine/errors.js';


function valueColumn(header: CsvHeader): Result<{ value: number }> {
  const value = header.keys.indexOf('value');
  if (value < 0) return fail('data', 'missing-columns', 'no value column', { hint: 'Add a value column', location: { file: header.file, line: header.line } });
  return ok({ value });
}

const spec: CsvTableSpec<{ value: number }> = {
  empty: { message: 'the fixture is empty', hint: 'Start with code,value' },
  columns: valueColumn,
  noRows: { message: 'the fixture has no rows', hint: 'Add a row' },
};

describe('readCsvTable', () => {
  it('gives the header names as written, lower-cased keys, and the rows under it', () => {
    const table = readCsvTable('\n Code , Value\nA,1\n\nB,"2\n3"\n', 'f.csv', spec);
    if (!table.ok) throw new Error(table.error.message);
    expect(table.value.header).toEqual({ file: 'f.csv', line: 2, names: ['Code', 'Value'], keys: ['code', 'value'] });
    expect(table.value.columns).toEqual({ value: 1 });
    expect(table.value.records).toEqual([
      { cells: ['A', '1'], line: 3 },
      { cells: ['B', '2\n3'], line: 5 },
    ]);
  });

  it('points at a cell by its own line and the header name of its column', () => {
    const table = readCsvTable('code,note,value\nA,"two\nlines",1\n', 'f.csv', spec);
    if (!table.ok) throw new Error(table.error.message);
    const [record] = table.value.records;
    if (record === undefined) throw new Error('no record');
    expect(table.value.at(record, 2)).toEqual({ file: 'f.csv', line: 3, column: 3, columnName: 'value' });
    expect(table.value.column(0)).toEqual({ file: 'f.csv', line: 1, column: 1, columnName: 'code' });
    expect(table.value.column(0, 9)).toEqual({ file: 'f.csv', line: 9, column: 1, columnName: 'code' });
  });

  it('refuses an empty file with the caller’s message', () => {
    const table = readCsvTable(' \n\n', 'f.csv', spec);
    expect(table).toEqual(fail('data', 'empty-file', 'the fixture is empty', { hint: 'Start with code,value', location: { file: 'f.csv' } }));
  });

  it('checks the header before it counts the rows, so a bad header with no rows names the header', () => {
    const table = readCsvTable('code,amount\n', 'f.csv', spec);
    expect(!table.ok && table.error.code).toBe('missing-columns');
  });

  it('refuses a good header with no rows, at the header line', () => {
    const table = readCsvTable('sep=,\ncode,value\n,\n', 'f.csv', spec);
    expect(table).toEqual(fail('data', 'no-rows', 'the fixture has no rows', { hint: 'Add a row', location: { file: 'f.csv', line: 2 } }));
  });

  it('passes on the CSV reader’s failures and options', () => {
    const table = readCsvTable('code,value\nA,1,2\n', 'f.csv', { ...spec, csv: { commaExample: '"1,296"' } });
    expect(!table.ok && table.error.hint).toContain('"1,296"');
  });
});
