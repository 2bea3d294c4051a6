import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// Excel workbooks where a CSV is expected: last year's own workbook as --previous, and an officer's
// workbook as --lookup, --data or --points, with messages that name the row and column.
const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years', '--vintage', '2019'];
const FIVE = join(import.meta.dirname, '..', 'fixtures', 'data', 'five-lsoas.csv');

async function run(args: string[], cwd: string) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fairshare-wbin-'));

/** A workbook of one sheet with these rows from A1, as an officer would make it. */
async function workbook(path: string, rows: readonly (readonly (string | number)[])[]): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow([...row]);
  await book.xlsx.writeFile(path);
}

describe('--previous FILE.xlsx', () => {
  it('damps against last year’s own workbook exactly as against its CSV', async () => {
    const dir = tempDir();
    expect((await run(['allocate', ...ADULTS, '-o', 'last.xlsx'], dir)).code).toBe(0);
    expect((await run(['allocate', ...ADULTS, '-o', 'last.csv'], dir)).code).toBe(0);
    const damp = ['allocate', ...ADULTS, '--weight', 'community-safety=2', '--floor', '-2%', '--ceiling', '+2%', '--format', 'csv'];
    const fromCsv = await run([...damp, '--previous', 'last.csv'], dir);
    const fromXlsx = await run([...damp, '--previous', 'last.xlsx'], dir);
    expect(fromCsv.code).toBe(0);
    expect(fromXlsx.code, fromXlsx.err).toBe(0);
    expect(fromXlsx.out).toBe(fromCsv.out);
    expect(fromXlsx.out).toContain('floor');
  });

  it('names the row and column of a bad amount in a workbook of the officer’s', async () => {
    const dir = tempDir();
    await workbook(join(dir, 'prev.xlsx'), [
      ['district_code', 'allocation'],
      ['E07000150', 1426649.49],
      ['E07000151', 'about a million'],
    ]);
    const result = await run(['allocate', ...ADULTS, '--previous', 'prev.xlsx', '--floor', '-2%', '-o', 'out.csv'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^fairshare: error: prev\.xlsx:3:2 \(column "allocation"\): allocation "about a million" of district E07000151 is not an amount of money/,
    );
    expect(readdirSync(dir)).toEqual(['prev.xlsx']);
  });
});

describe('--lookup, --data and --points as workbooks', () => {
  it('reads a share lookup from a workbook as from the same CSV', async () => {
    const dir = tempDir();
    const rows = [
      ['lsoa_code', 'area_code', 'area_name', 'share'],
      ['F01', 'W1', 'Fixture Ward One', 1],
      ['F02', 'W1', 'Fixture Ward One', 0.5],
      ['F02', 'W2', 'Fixture Ward Two', 0.5],
      ['F03', 'W2', 'Fixture Ward Two', 1],
      ['F04', 'W2', 'Fixture Ward Two', 1],
      ['F05', 'W2', 'Fixture Ward Two', 1],
    ];
    await workbook(join(dir, 'wards.xlsx'), rows);
    const csv = `${rows.map((r) => r.join(',')).join('\n')}\n`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'wards.csv'), csv);
    const args = ['allocate', '--budget', '1000', '--data', FIVE, '--level', 'ward', '--format', 'csv', '--lookup'];
    const fromCsv = await run([...args, 'wards.csv'], dir);
    const fromXlsx = await run([...args, 'wards.xlsx'], dir);
    expect(fromCsv.code).toBe(0);
    expect(fromXlsx.code, fromXlsx.err).toBe(0);
    expect(fromXlsx.out).toBe(fromCsv.out);
  });

  it('reads --data from a workbook as from the same CSV', async () => {
    const dir = tempDir();
    const text = readFileSync(FIVE, 'utf8').trim().split(/\r?\n/);
    const rows = text.map((line) => line.split(',').map((c) => (/^\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
    await workbook(join(dir, 'areas.xlsx'), rows);
    const fromCsv = await run(['allocate', '--budget', '1000', '--data', FIVE, '--format', 'csv'], dir);
    const fromXlsx = await run(['allocate', '--budget', '1000', '--data', 'areas.xlsx', '--format', 'csv'], dir);
    expect(fromXlsx.code, fromXlsx.err).toBe(0);
    expect(fromXlsx.out).toBe(fromCsv.out);
  });

  it('builds a lookup from points in a workbook', async () => {
    const dir = tempDir();
    await workbook(join(dir, 'points.xlsx'), [
      ['postcode', 'lsoa_code', 'area_code', 'area_name'],
      ['FX1 1AA', 'E01027013', 'FIXTURE-W1', 'Fixture Ward One'],
    ]);
    const result = await run(['lookup', 'build', '--points', 'points.xlsx', '-o', 'lookup.csv', '--vintage', '2019'], dir);
    expect(result.code, result.err).toBe(0);
    expect(readFileSync(join(dir, 'lookup.csv'), 'utf8')).toBe('lsoa_code,area_code,area_name,share,estimated\nE01027013,FIXTURE-W1,Fixture Ward One,1,no\n');
  });
});

describe('the tool’s own LSOA table as --data', () => {
  it.each(['lsoas.csv', 'lsoas.xlsx'])('round-trips %s with identical pennies (its result columns ignored)', async (name) => {
    const dir = tempDir();
    const settings = ['--budget', '12.7m', '--exclude', 'young-people,early-years', '--weight', 'community-safety=1.5', '--level', 'lsoa'];
    expect((await run(['allocate', ...settings, '-o', name], dir)).code).toBe(0);
    const shipped = await run(['allocate', ...settings, '--format', 'csv'], dir);
    const again = await run(['allocate', ...settings, '--data', name, '--format', 'csv'], dir);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toBe(shipped.out);
    // The result columns are not domains: the domains are the seven of the formula.
    const domains = await run(['domains', '--data', name, '--format', 'csv'], dir);
    expect(
      domains.out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults', 'young-people', 'early-years']);
  });
});

describe('--sheet NAME', () => {
  /**
   * The five-LSOA fixture on a sheet "Areas" behind a first sheet of notes, as officers' workbooks often are.
   */
  async function notesFirst(path: string): Promise<void> {
    const rows = readFileSync(FIVE, 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(',').map((c) => (/^\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Read me').addRow(['Fixture: the five-LSOA test areas, on the next sheet']);
    const areas = book.addWorksheet('Areas');
    for (const row of rows) areas.addRow(row);
    await book.xlsx.writeFile(path);
  }

  it('reads the named sheet of a workbook as the same CSV', async () => {
    const dir = tempDir();
    await notesFirst(join(dir, 'areas.xlsx'));
    const fromCsv = await run(['allocate', '--budget', '1000', '--data', FIVE, '--format', 'csv'], dir);
    const fromSheet = await run(['allocate', '--budget', '1000', '--data', 'areas.xlsx', '--sheet', 'Areas', '--format', 'csv'], dir);
    expect(fromSheet.code, fromSheet.err).toBe(0);
    expect(fromSheet.out).toBe(fromCsv.out);
  });

  it('names the sheets a workbook has when the one asked for is not there', async () => {
    const dir = tempDir();
    await notesFirst(join(dir, 'areas.xlsx'));
    const result = await run(['allocate', '--budget', '1000', '--data', 'areas.xlsx', '--sheet', 'Area', '--format', 'csv'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toBe('fairshare: error: areas.xlsx: the workbook has no sheet "Area". Its sheets are: Read me, Areas\n');
  });

  it('says it does not apply to a CSV input, and reads the CSV', async () => {
    const dir = tempDir();
    const result = await run(['allocate', '--budget', '1000', '--data', FIVE, '--sheet', 'Areas', '--format', 'csv'], dir);
    expect(result.code).toBe(0);
    expect(result.err).toBe(`fairshare: notice: ${FIVE} is not a workbook, so --sheet Areas does not apply to it\n`);
  });
});

describe('--sheet NAME with --previous', () => {
  it('damps against the named sheet of a workbook as against its CSV', async () => {
    const dir = tempDir();
    expect((await run(['allocate', ...ADULTS, '-o', 'last.csv'], dir)).code).toBe(0);
    const [header, ...lines] = readFileSync(join(dir, 'last.csv'), 'utf8').trim().split('\n');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cover').addRow(['Last year’s allocation, on the next sheet']);
    const sheet = book.addWorksheet('2024-25');
    sheet.addRow((header as string).split(','));
    for (const line of lines) sheet.addRow(line.split(',').map((c, i) => (i >= 2 ? Number(c) : c)));
    await book.xlsx.writeFile(join(dir, 'last.xlsx'));
    const damp = ['allocate', ...ADULTS, '--weight', 'community-safety=2', '--floor', '-2%', '--ceiling', '+2%', '--format', 'csv'];
    const fromCsv = await run([...damp, '--previous', 'last.csv'], dir);
    const fromSheet = await run([...damp, '--previous', 'last.xlsx', '--sheet', '2024-25'], dir);
    expect(fromSheet.code, fromSheet.err).toBe(0);
    expect(fromSheet.out).toBe(fromCsv.out);
  });
});
