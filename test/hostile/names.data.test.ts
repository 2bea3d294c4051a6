/**
 * Issue #9: the areas a user's files name. A name that several areas share is refused with the
 * candidates and their codes (a code still selects uniquely), and one code given two names in a file is
 * a data error naming the file, both lines and both names. Each case runs the built bin on made-up files
 * (test/fixtures/hostile/data/: codes F01…, names Alpha…).
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, runUntouched, scratch } from './harness.js';

const allocate = (data: string, ...more: string[]): string[] => ['allocate', '--budget', '1m', '--data', data, '--format', 'csv', ...more];

describe('--area naming several areas', () => {
  it('refuses a name two districts share, listing both with their codes (exit 2)', () => {
    const dir = scratch();
    expectRefused(runUntouched(allocate('data/two-norths.csv', '--area', 'North'), dir), {
      code: 2,
      message:
        /^fairshare: error: area "North" matches 2 areas: the district North \(code F91\), the district North \(code F92\)\. Give the code instead, like --area F91\n$/,
    });
  });

  it('selects each of the two by its code', () => {
    const dir = scratch();
    for (const [code, name] of [
      ['F91', 'Alpha'],
      ['F92', 'Bravo'],
    ] as const) {
      const result = runUntouched(allocate('data/two-norths.csv', '--area', code, '--level', 'lsoa'), dir);
      expect(result.code).toBe(0);
      expect(result.out).toContain(`,${name},`);
      expect(result.out.trim().split('\n')).toHaveLength(2);
    }
  });

  it('refuses "All" when a district is called All, and still runs every row by default and with --area all', () => {
    const dir = scratch();
    expectRefused(runUntouched(allocate('data/district-called-all.csv', '--area', 'All'), dir), {
      code: 2,
      message: /area "All" matches 2 areas: all rows of district-called-all\.csv \(code all\), the district All \(code F91\)/,
    });
    for (const area of [[], ['--area', 'all']]) {
      const result = runUntouched(allocate('data/district-called-all.csv', ...area), dir);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/^F91,All,/m);
      expect(result.out).toMatch(/^F92,Beta,/m);
    }
  });
});

describe('one code, two names', () => {
  it('refuses a --data district_code with two district names, naming the file, both lines and both names', () => {
    const dir = scratch();
    expectRefused(runUntouched(allocate('data/district-two-names.csv'), dir), {
      code: 1,
      message:
        /^fairshare: error: data\/district-two-names\.csv:4: district "F91" is called "North" on line 2 but "Nort" on line 4\. Spell each district code’s name the same way on every row\n$/,
    });
  });

  it('refuses a --lookup area_code with two area names', () => {
    const dir = scratch({
      'd.csv': 'code,name,district,population,need_a\nF01,Alpha,North,100,10\nF02,Bravo,North,200,30\nF03,Charlie,South,150,20\n',
    });
    expectRefused(runUntouched(allocate('d.csv', '--level', 'ward', '--lookup', 'data/lookup-two-names.csv'), dir), {
      code: 1,
      message: /^fairshare: error: data\/lookup-two-names\.csv:4: ward "FW1" is called "Alpha Ward" on line 2 but "Alpha ward" on line 4\./,
    });
  });

  it('refuses a --points area_code with two area names, quoting a hostile name safely', () => {
    const dir = scratch({
      'p.csv': `lsoa_code,area_code,area_name\nE01027013,FW1,Alpha\nE01026949,FW1,"Alpha\u001b[2J${'x'.repeat(200)}"\n`,
    });
    const result = runUntouched(['lookup', 'build', '--points', 'p.csv', '-o', 'out.csv'], dir);
    expectRefused(result, { code: 1, message: /^fairshare: error: p\.csv:3: area "FW1" is called "Alpha" on line 2 but "Alpha\?\[2Jx+…" on line 3\./ });
    expect(result.err.length).toBeLessThan(250);
  });
});
