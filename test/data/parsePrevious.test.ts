import { describe, expect, it } from 'vitest';
import { parsePrevious, type ParsePreviousOptions } from '../../src/data/parsePrevious.js';
import type { FairshareError } from '../../src/engine/errors.js';

const DISTRICTS: ReadonlyMap<string, string> = new Map([
  ['E07000150', 'Corby'],
  ['E07000151', 'Daventry'],
  ['E07000152', 'East Northamptonshire'],
]);

function parsed(text: string, districts = DISTRICTS, options: ParsePreviousOptions = {}): Map<string, bigint> {
  const result = parsePrevious(text, 'prev.csv', districts, options);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(text: string, districts = DISTRICTS, options: ParsePreviousOptions = {}): FairshareError {
  const result = parsePrevious(text, 'prev.csv', districts, options);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

const file = (...rows: string[]): string => ['district_code,allocation', ...rows, ''].join('\n');

describe('parsePrevious', () => {
  it("reads allocate's own district CSV, ignoring the other columns", () => {
    const text = [
      'district_code,district_name,lsoas,population,allocation,share_pct,per_person',
      'E07000150,Corby,41,66887,1426649.49,11.23,21.33',
      'E07000151,Daventry,44,78541,1122567.65,8.84,14.29',
      'E07000152,East Northamptonshire,49,90074,1290319.67,10.16,14.33',
      '',
    ].join('\n');
    expect(parsed(text)).toEqual(new Map([['E07000150', 142664949n], ['E07000151', 112256765n], ['E07000152', 129031967n]]));
  });

  it('reads a damped output too (previous, change_pct and held are just more columns)', () => {
    const text = 'district_code,district_name,allocation,previous,change_pct,held\nE07000150,Corby,10.00,9.00,11.11,ceiling\nE07000151,Daventry,1,1,0.00,\nE07000152,East,2,2,0.00,\n';
    expect(parsed(text).get('E07000150')).toBe(1000n);
  });

  it('matches the header ignoring case and spaces, and accepts £, thousands separators, whole pounds and 0', () => {
    const text = ' District_Code , ALLOCATION \nE07000150,"£1,426,649.49"\nE07000151, 12 \nE07000152,0\n';
    expect(parsed(text)).toEqual(new Map([['E07000150', 142664949n], ['E07000151', 1200n], ['E07000152', 0n]]));
  });

  it('refuses an amount that is not money, naming the line and column', () => {
    const error = failure(file('E07000150,1', 'E07000151,twelve', 'E07000152,1'));
    expect(error).toMatchObject({ kind: 'data', code: 'bad-previous-amount', location: { file: 'prev.csv', line: 3, column: 2, columnName: 'allocation' } });
    expect(error.message).toBe('allocation "twelve" of district E07000151 is not an amount of money');
  });

  it('refuses a blank, negative or fractional-penny amount', () => {
    expect(failure(file('E07000150,', 'E07000151,1', 'E07000152,1')).message).toBe('the allocation of district E07000150 is blank');
    expect(failure(file('E07000150,-5', 'E07000151,1', 'E07000152,1')).code).toBe('negative-previous-amount');
    expect(failure(file('E07000150,1.005', 'E07000151,1', 'E07000152,1')).message).toContain('fractions of a penny');
  });

  it('refuses a district that appears twice', () => {
    const error = failure(file('E07000150,1', 'E07000151,1', 'E07000150,2', 'E07000152,1'));
    expect(error).toMatchObject({ code: 'duplicate-district', message: 'district E07000150 appears twice, on lines 2 and 4', location: { line: 4, column: 1 } });
  });

  it('lists the districts of the run that the file is missing, with their names', () => {
    const error = failure(file('E07000151,1'));
    expect(error).toMatchObject({ kind: 'data', code: 'missing-districts', location: { file: 'prev.csv' } });
    expect(error.message).toBe('the previous allocation has no row for 2 districts E07000150 Corby, E07000152 East Northamptonshire');
    expect(error.hint).toContain('0 for a district that had nothing');
  });

  it('lists the districts that are not in the run, with their lines', () => {
    const error = failure(file('E07000150,1', 'E07000999,1', 'E07000151,1', 'E07000152,1', 'E06000061,1'));
    expect(error).toMatchObject({ code: 'unknown-district', location: { line: 3, column: 1, columnName: 'district_code' } });
    expect(error.message).toBe('2 districts are not in this run: E07000999 (line 3), E06000061 (line 6)');
    expect(failure(file('E07000150,1', 'X1,1', 'E07000151,1', 'E07000152,1')).message).toBe('district X1 on line 3 is not in this run');
  });

  it('says which column to add or rename when one is missing', () => {
    const error = failure('district_code,alocation\nE07000150,1\n');
    expect(error).toMatchObject({ code: 'missing-columns', location: { line: 1, column: 2 } });
    expect(error.hint).toContain('Rename column "alocation" to "allocation"');
  });

  it('refuses an empty file, a header without rows, a blank code and a repeated column', () => {
    expect(failure('').code).toBe('empty-file');
    expect(failure('district_code,allocation\n').code).toBe('no-rows');
    expect(failure(file(',1')).code).toBe('blank-code');
    expect(failure('district_code,allocation,Allocation\nE07000150,1,2\n')).toMatchObject({ code: 'duplicate-column', location: { column: 3 } });
  });

  it('refuses malformed CSV with its line', () => {
    expect(failure(file('E07000150,"1')).code).toBe('malformed-csv');
  });
});

describe('parsePrevious at the former-district level', () => {
  const FORMER = { level: 'former-district' } as const;
  const formerFile = (...rows: string[]): string => ['former_district_code,allocation', ...rows, ''].join('\n');

  it("reads allocate's own former-district CSV, keyed by former_district_code", () => {
    const text = [
      'former_district_code,former_district_name,lsoas,population,allocation,share_pct,per_person',
      'E07000150,Corby,45,75572,1284200.61,10.11,16.99',
      'E07000151,Daventry,48,89776,1354061.48,10.66,15.08',
      'E07000152,East Northamptonshire,51,95027,1349914.66,10.63,14.21',
      '',
    ].join('\n');
    expect(parsed(text, DISTRICTS, FORMER)).toEqual(new Map([['E07000150', 128420061n], ['E07000151', 135406148n], ['E07000152', 134991466n]]));
  });

  it("reads last year's 2019 district table (district_code) for the former districts, which keep the 2019 codes", () => {
    expect(parsed(file('E07000150,1', 'E07000151,2', 'E07000152,3'), DISTRICTS, FORMER)).toEqual(new Map([['E07000150', 100n], ['E07000151', 200n], ['E07000152', 300n]]));
  });

  it('matches Former_District_Code ignoring case and spaces, at either level', () => {
    expect(parsed(' Former_District_Code ,Allocation\nE07000150,1\nE07000151,2\nE07000152,3\n').get('E07000152')).toBe(300n);
  });

  it('refuses a header with both district_code and former_district_code, naming the line and both columns', () => {
    const error = failure('former_district_code,district_name,district_code,allocation\nE07000150,Corby,E07000150,1\n', DISTRICTS, FORMER);
    expect(error).toMatchObject({ kind: 'data', code: 'two-code-columns', location: { file: 'prev.csv', line: 1, column: 3, columnName: 'district_code' } });
    expect(error.message).toBe('the header has both "former_district_code" (column 1) and "district_code" (column 3), so it is not clear which codes the rows are');
    expect(error.hint).toContain('Keep one: district_code for a district table');
  });

  it('names both code columns when the header has neither', () => {
    const error = failure('code,allocation\nE07000150,1\n', DISTRICTS, FORMER);
    expect(error).toMatchObject({ code: 'missing-columns', message: 'missing required column "district_code"', location: { file: 'prev.csv', line: 1 } });
    expect(error.hint).toContain('the header needs district_code or former_district_code, and allocation');
  });

  it('asks for allocation beside former_district_code, and refuses a repeated former_district_code', () => {
    expect(failure('former_district_code,alocation\nE07000150,1\n', DISTRICTS, FORMER)).toMatchObject({ code: 'missing-columns', message: 'missing required column "allocation"' });
    expect(failure('former_district_code,allocation,FORMER_DISTRICT_CODE\nE07000150,1,x\n', DISTRICTS, FORMER)).toMatchObject({ code: 'duplicate-column', location: { column: 3 } });
  });

  it('names former districts in its messages, keeping every check', () => {
    expect(failure(formerFile('E07000151,1'), DISTRICTS, FORMER).message).toBe('the previous allocation has no row for 2 former districts E07000150 Corby, E07000152 East Northamptonshire');
    expect(failure(formerFile('E07000150,1', 'E07000151,1', 'E07000150,2', 'E07000152,1'), DISTRICTS, FORMER)).toMatchObject({
      code: 'duplicate-district',
      message: 'former district E07000150 appears twice, on lines 2 and 4',
      location: { line: 4, column: 1, columnName: 'former_district_code' },
    });
    expect(failure(formerFile('E07000150,lots', 'E07000151,1', 'E07000152,1'), DISTRICTS, FORMER).message).toBe('allocation "lots" of former district E07000150 is not an amount of money');
    expect(failure(formerFile(',1'), DISTRICTS, FORMER).message).toBe('the former district code is blank');
    expect(failure('former_district_code,allocation\n', DISTRICTS, FORMER).message).toBe('the previous allocation has a header row but no former districts');
  });

  it('says the former districts are keyed by their 2019 codes when a code is not in the run (a 2025 district table)', () => {
    const error = failure(file('E06000061,1', 'E06000062,2'), DISTRICTS, FORMER);
    expect(error).toMatchObject({ code: 'unknown-district', message: '2 former districts are not in this run: E06000061 (line 2), E06000062 (line 3)', location: { line: 2, column: 1 } });
    expect(error.hint).toContain("the 2019 district codes, as in last year's --vintage 2019 district table");
  });
});

describe('parsePrevious with absurd values', () => {
  it('refuses an allocation with 100,000 digits or an absurd exponent at once, quoting at most 60 characters', () => {
    const long = failure(file(`E07000150,${'9'.repeat(100_000)}`, 'E07000151,1', 'E07000152,1'));
    expect(long.code).toBe('number-too-long');
    expect(long.message.length).toBeLessThan(200);
    expect(failure(file('E07000150,£1e99999999', 'E07000151,1', 'E07000152,1'))).toMatchObject({
      code: 'number-too-long',
      message: 'allocation "£1e99999999" of district E07000150 is too long to read: its exponent is beyond ±100',
    });
  });
});

describe('parsePrevious with another level of the same run', () => {
  const districts = new Map([['E06000061', 'North Northamptonshire'], ['E06000062', 'West Northamptonshire']]);
  const otherLevel = { codes: new Set(['E07000150', 'E07000151']), hint: 'add --level former-district' };

  it('gives the other level’s hint when every code not in the run is one of its codes', () => {
    const result = parsePrevious('district_code,allocation\nE07000150,1\nE07000151,2\n', 'prev.csv', districts, { otherLevel });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.hint).toBe('add --level former-district');
  });

  it('keeps the usual hint when some code is of neither', () => {
    const result = parsePrevious('district_code,allocation\nE07000150,1\nE09999999,2\n', 'prev.csv', districts, { otherLevel });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.hint).toContain('Use the district codes of this run');
  });
});
