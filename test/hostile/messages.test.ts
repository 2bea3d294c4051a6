/**
 * Issue #9: messages people can act on, for files saved by other tools. Each case runs the built bin on
 * a made-up file (codes F01…, names Alpha…) written at test time, because the cases are about line ends,
 * separators and bytes that are easy to lose in a committed fixture.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { expectRefused, runUntouched, scratch } from './harness.js';

const HEADER = 'code,name,district,population,need_a';
const allocate = (data: string, ...more: string[]): string[] => ['allocate', '--budget', '1m', '--data', data, '--level', 'lsoa', '--format', 'csv', ...more];
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('line numbers', () => {
  it('names the line a spreadsheet shows in a 6-line UTF-16 file with CRLF line ends (not line 12)', () => {
    const rows = ['F01,Alpha,North,100,1', 'F02,Bravo,North,100,2', 'F03,Charlie,North,100,3', 'F04,Delta,South,100,4', 'F05,Echo,South,100,x'];
    const dir = scratch({ 'd.csv': utf16le(`${[HEADER, ...rows].join('\r\n')}\r\n`) });
    expectRefused(runUntouched(allocate('d.csv'), dir), {
      code: 1,
      message: /^fairshare: error: d\.csv:6:5 \(column "need_a"\): need value "x" is not a number\. /,
    });
  });

  it('reads a file mixing LF, CRLF and lone CR line ends, and names the right line', () => {
    const good = `${HEADER}\nF01,Alpha,North,100,1\r\nF02,Bravo,North,100,2\rF03,Charlie,South,100,3\n`;
    const dir = scratch({ 'good.csv': good, 'bad.csv': `${good}F04,Delta,South,100,x\r\n` });
    const result = runUntouched(allocate('good.csv'), dir);
    expect(result.code).toBe(0);
    expect(
      result.out
        .trim()
        .split('\n')
        .map((line) => line.split(',')[0]),
    ).toEqual(['lsoa_code', 'F01', 'F02', 'F03']);
    expectRefused(runUntouched(allocate('bad.csv'), dir), { code: 1, message: /^fairshare: error: bad\.csv:5:5 \(column "need_a"\)/ });
  });

  it('reads a --previous file mixing line ends', () => {
    const data = 'code,name,district,district_code,population,need_a\nF01,Alpha,North,F91,100,10\nF02,Bravo,South,F92,100,10\n';
    const dir = scratch({ 'd.csv': data, 'prev.csv': 'district_code,allocation\r\nF91,500000\rF92,500000\n' });
    const result = runUntouched(['allocate', '--budget', '1m', '--data', 'd.csv', '--format', 'csv', '--previous', 'prev.csv', '--floor', '-5%'], dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain('F92,South,1,100,500000.00,50.00,5000.00,1.00,500000.00,');
  });
});

describe('sep= first lines', () => {
  it('accepts sep=, as Excel writes it, counting it in line numbers', () => {
    const dir = scratch({ 'good.csv': `sep=,\r\n${HEADER}\r\nF01,Alpha,North,100,1\r\n`, 'bad.csv': `sep=,\n${HEADER}\nF01,Alpha,North,100,x\n` });
    const result = runUntouched(allocate('good.csv'), dir);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^F01,Alpha,/m);
    expectRefused(runUntouched(allocate('bad.csv'), dir), { code: 1, message: /^fairshare: error: bad\.csv:3:5 / });
  });

  it('refuses sep=; saying what the line says', () => {
    const dir = scratch({ 'd.csv': `sep=;\ncode;name;district;population;need_a\nF01;Alpha;North;100;1\n` });
    expectRefused(runUntouched(allocate('d.csv'), dir), {
      code: 1,
      message:
        /^fairshare: error: d\.csv:1: the first line \(sep=;\) says the values are separated by semicolons \(;\); fairshare reads commas between values\. Save it/,
    });
  });
});

describe('semicolons and decimal commas', () => {
  it('says the file uses ; between values and , as the decimal mark, and how to fix it', () => {
    const dir = scratch({ 'd.csv': 'code;name;district;population;need_a\nF01;Alpha;Bravo;100;1,5\n' });
    expectRefused(runUntouched(allocate('d.csv'), dir), {
      code: 1,
      message:
        /^fairshare: error: d\.csv:1: the file uses ; between values and , as the decimal mark, as Excel does in some locales; fairshare reads commas between values and \. as the decimal mark\. Save it from your spreadsheet as "CSV UTF-8 \(Comma delimited\)", with commas between values and \. as the decimal mark/,
    });
  });

  it('says a tab-separated file is separated by tabs, in a --lookup too', () => {
    const dir = scratch({ 'd.csv': `${HEADER}\nF01,Alpha,North,100,1\n`, 'lk.csv': 'lsoa_code\tarea_code\tarea_name\tshare\nF01\tFW1\tAlpha Ward\t1\n' });
    expectRefused(runUntouched(['allocate', '--budget', '1m', '--data', 'd.csv', '--level', 'ward', '--lookup', 'lk.csv'], dir), {
      code: 1,
      message: /^fairshare: error: lk\.csv:1: the values are separated by tabs; fairshare reads commas between values\. /,
    });
  });
});

describe('values with line breaks', () => {
  it('keeps the message on one line when it quotes a cell with line breaks', () => {
    const dir = scratch({ 'd.csv': `${HEADER}\nF01,Alpha,North,100,"1\r\n2\n3"\n` });
    expectRefused(runUntouched(allocate('d.csv'), dir), { code: 1, message: /need value "1\?\?2\?3" is not a number\. / });
  });

  it('keeps a duplicate code with a line break in it on one line', () => {
    const dir = scratch({ 'd.csv': `${HEADER}\n"F\n01",Alpha,North,100,1\n"F\n01",Bravo,North,100,1\n` });
    expectRefused(runUntouched(allocate('d.csv'), dir), { code: 1, message: /code "F\?01" appears twice, on lines 2 and 4/ });
  });
});
