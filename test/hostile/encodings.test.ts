/**
 * Issue #9: encodings. A CSV saved as UTF-16 (Excel's "Unicode Text", some Windows tools), little- or
 * big-endian with its byte-order mark, reads exactly as the same CSV in UTF-8, for every input: --data
 * (from a file or standard input), --lookup, --previous and --points. A UTF-16 file without its mark is
 * refused with one clean line, never read as UTF-8 with NUL bytes in the message.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { expectRefused, runUntouched, scratch } from './harness.js';

const DATA =
  'code,name,district,district_code,population,need_a\r\nF01,Alpha é,North,F91,100,10\r\nF02,Bravo,North,F91,200,30\r\nF03,Charlie,South,F92,150,20\r\n';
const LOOKUP = 'lsoa_code,area_code,area_name,share\r\nF01,FW1,Alpha Ward,1\r\nF02,FW1,Alpha Ward,0.5\r\nF02,FW2,Bravo Ward,0.5\r\nF03,FW2,Bravo Ward,1\r\n';
const PREVIOUS = 'district_code,allocation\r\nF91,"£700,000.00"\r\nF92,300000\r\n';
const POINTS = 'lsoa_code,area_code,area_name\r\nE01027013,FW1,Alpha Ward\r\nE01026949,FW2,Bravo Ward\r\n';

const ENCODINGS = {
  'UTF-8': (text: string): Buffer => Buffer.from(text),
  'UTF-8 with BOM': (text: string): Buffer => Buffer.from(`\uFEFF${text}`),
  'UTF-16LE with BOM': (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  'UTF-16BE with BOM': (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
} as const;

/** The run on UTF-8 files, to compare every encoding with. */
function expected(args: readonly string[]): string {
  const dir = scratch({ 'd.csv': DATA, 'lk.csv': LOOKUP, 'prev.csv': PREVIOUS, 'pts.csv': POINTS });
  const result = runUntouched(args, dir);
  expect(result.code, result.err).toBe(0);
  return result.out;
}

const CASES = {
  '--data': ['allocate', '--budget', '1m', '--data', 'd.csv', '--level', 'lsoa', '--format', 'csv'],
  '--lookup': ['allocate', '--budget', '1m', '--data', 'plain.csv', '--level', 'ward', '--lookup', 'lk.csv', '--format', 'csv'],
  '--previous': ['allocate', '--budget', '1m', '--data', 'plain.csv', '--previous', 'prev.csv', '--floor', '-5%', '--format', 'csv'],
  '--points': ['lookup', 'build', '--points', 'pts.csv', '-o', '-', '--area', 'Corby'],
} as const;

describe.each(Object.entries(ENCODINGS))('%s', (_, encode) => {
  it.each(Object.entries(CASES))('reads a %s file exactly as the UTF-8 one', (_option, args) => {
    const want = expected(args.map((a) => (a === 'plain.csv' ? 'd.csv' : a)));
    const dir = scratch({ 'plain.csv': DATA, 'd.csv': encode(DATA), 'lk.csv': encode(LOOKUP), 'prev.csv': encode(PREVIOUS), 'pts.csv': encode(POINTS) });
    const result = runUntouched(args, dir);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe(want);
  });
});

describe('UTF-16 on standard input and without a byte-order mark', () => {
  it('reads --data - in UTF-16LE', () => {
    const want = expected(CASES['--data']);
    const dir = scratch();
    const result = runUntouched(['allocate', '--budget', '1m', '--data', '-', '--level', 'lsoa', '--format', 'csv'], dir, {
      input: ENCODINGS['UTF-16LE with BOM'](DATA),
    });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe(want);
  });

  it('refuses UTF-16 without its byte-order mark in one clean line, at the first NUL byte', () => {
    const dir = scratch({ 'd.csv': Buffer.from(DATA, 'utf16le') });
    const result = runUntouched(CASES['--data'], dir);
    expectRefused(result, {
      code: 1,
      message:
        /^fairshare: error: d\.csv:1:2: the file has NUL bytes, so it is not a CSV text file\. Save it from your spreadsheet as "CSV UTF-8 \(Comma delimited\)"; a UTF-16 file needs its byte-order mark\n$/,
    });
    expect(result.err).not.toContain('\u0000');
  });

  it('says a zip archive given as --data that is no workbook cannot be read, in one line', () => {
    const dir = scratch({ 'd.csv': Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]) });
    expectRefused(runUntouched(CASES['--data'], dir), {
      code: 1,
      message: /^fairshare: error: d\.csv: the file is a zip archive but not an Excel workbook fairshare can read \(.*\)\. Open it in Excel and save it again/,
    });
  });
});

describe('Windows-1252, as Excel\'s "CSV (Comma delimited)" writes it', () => {
  // Every file above has a £ or an é; in Windows-1252 they are the single bytes A3 and E9.
  const windows1252 = (text: string): Buffer => Buffer.from(text, 'latin1');

  it.each(Object.entries(CASES))('reads a %s file exactly as the UTF-8 one, with a one-line notice naming it', (_option, args) => {
    const want = expected(args.map((a) => (a === 'plain.csv' ? 'd.csv' : a)));
    const dir = scratch({
      'plain.csv': DATA,
      'd.csv': windows1252(DATA),
      'lk.csv': windows1252(LOOKUP),
      'prev.csv': windows1252(PREVIOUS),
      'pts.csv': windows1252(POINTS),
    });
    const result = runUntouched(args, dir);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe(want);
    const written: readonly string[] = args;
    const file = written[written.indexOf(_option) + 1] as string;
    // Only a file with a byte outside ASCII is told about: DATA (é) and PREVIOUS (£); the others are ASCII,
    // valid UTF-8.
    const texts = new Map([
      ['d.csv', DATA],
      ['lk.csv', LOOKUP],
      ['prev.csv', PREVIOUS],
      ['pts.csv', POINTS],
    ]);
    // eslint-disable-next-line no-control-regex -- matched on purpose, to neutralise them
    const nonAscii = /[^\x00-\x7f]/.test(texts.get(file) ?? '');
    const notice = `fairshare: notice: ${file} is not UTF-8, so it was read as Windows-1252 (Excel's "CSV (Comma delimited)"); save it as "CSV UTF-8" to be sure of every character\n`;
    if (nonAscii) expect(result.err.startsWith(notice), result.err).toBe(true);
    else expect(result.err).not.toContain('notice');
  });

  it('reads a £ typed in Excel as £ in the message about its amount', () => {
    const dir = scratch({ 'plain.csv': DATA, 'prev.csv': windows1252('district_code,allocation\r\nF91,£7x\r\nF92,300000\r\n') });
    const result = runUntouched(CASES['--previous'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain('allocation "£7x" of district F91 is not an amount of money');
    expect(result.err).not.toContain('\uFFFD');
  });
});
