import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

// Excel workbooks from `allocate -o FILE.xlsx` and `scenarios run --format xlsx`, read back with exceljs.
const ROOT = join(import.meta.dirname, '..', '..');
const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];
const DIRECTORATES = 'examples/directorates-2013.yaml';
const PACK = 'data/england-lsoa-2019.pack';

async function run(args: string[], cwd = ROOT) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(pin2019(args), io);
  return { code, out: io.out(), err: io.err() };
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fairshare-xlsx-'));
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}; sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return found;
}

/**
 * A table sheet: the header row (the one the pane is frozen below), the data rows, and the bold total row if
 * any.
 */
function tableOf(worksheet: ExcelJS.Worksheet) {
  const headerRow = (worksheet.views[0] as { ySplit: number }).ySplit;
  const titles: string[] = [];
  worksheet.getRow(headerRow).eachCell((cell, c) => (titles[c - 1] = String(cell.value)));
  const rows: ExcelJS.Row[] = [];
  for (let r = headerRow + 1; r <= worksheet.rowCount; r += 1) rows.push(worksheet.getRow(r));
  const last = rows.at(-1);
  const total = last?.getCell(2).value === 'Total' && last.getCell(2).font?.bold ? rows.pop() : undefined;
  const column = (title: string): number => {
    const index = titles.indexOf(title);
    if (index === -1) throw new Error(`no column ${title}: ${titles.join(', ')}`);
    return index + 1;
  };
  return { titles, rows, total, column };
}

/** The allocation column in whole pennies: every cell must be a number. */
function allocationPennies(table: ReturnType<typeof tableOf>): number[] {
  const c = table.column('Allocation');
  return table.rows.map((row) => {
    const cell = row.getCell(c);
    expect(cell.type).toBe(ExcelJS.ValueType.Number);
    expect(cell.numFmt).toBe('"£"#,##0.00');
    return Math.round((cell.value as number) * 100);
  });
}
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Every non-empty cell of a sheet as text. */
function texts(worksheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  worksheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
  return out;
}

describe('fairshare allocate -o FILE.xlsx', () => {
  it('writes the 7 districts with numeric allocations adding up to the budget to the penny, a bold total and Notes', async () => {
    const dir = tempDir();
    const file = join(dir, 'adults.xlsx');
    const { code, out, err } = await run(['allocate', ...ADULTS, '-o', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(readdirSync(dir)).toEqual(['adults.xlsx']);

    const workbook = await readWorkbook(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Districts', 'Notes']);
    const districts = sheet(workbook, 'Districts');
    expect(districts.getCell(1, 1).value).toBe('Northamptonshire (E10000021): 422 LSOAs, 720,913 people. Budget £12,700,000.00.');
    const table = tableOf(districts);
    expect(table.titles).toEqual(['Code', 'District', 'LSOAs', 'Population', 'Allocation', '% of total', '£ per person', 'Need index']);
    expect(table.rows.map((r) => r.getCell(2).value)).toEqual([
      'Corby',
      'Daventry',
      'East Northamptonshire',
      'Kettering',
      'Northampton',
      'South Northamptonshire',
      'Wellingborough',
    ]);
    expect(sum(allocationPennies(table))).toBe(1_270_000_000);
    expect(table.total?.getCell(table.column('Allocation')).value).toBe(12_700_000);
    expect(table.total?.getCell(table.column('Population')).value).toBe(720_913);
    const share = table.rows[0]?.getCell(table.column('% of total'));
    // As Excel stores a percentage: the fraction with a % format, so =share*budget is right in Excel.
    expect([typeof share?.value, share?.numFmt]).toEqual(['number', '0.00%']);
    const shares = table.rows.map((r) => r.getCell(table.column('% of total')).value as number);
    expect(shares.every((v) => v > 0 && v < 1)).toBe(true);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);

    const notes = texts(sheet(workbook, 'Notes'));
    expect(notes.some((t) => t.includes('Excluded: young-people, early-years.'))).toBe(true);
    expect(notes).toContain(sha256(readFileSync(join(ROOT, PACK))));
    expect(notes).toContain(PACK);
    expect(notes).toContain('Contains public sector information licensed under the Open Government Licence v3.0');
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(notes.some((t) => t.includes(`fairshare ${version}`))).toBe(true);
  });

  it('writes the same bytes on every run', async () => {
    const dir = tempDir();
    expect((await run(['allocate', ...ADULTS, '-o', join(dir, 'a.xlsx')])).code).toBe(0);
    expect((await run(['allocate', ...ADULTS, '-o', join(dir, 'b.xlsx')])).code).toBe(0);
    expect(sha256(readFileSync(join(dir, 'b.xlsx')))).toBe(sha256(readFileSync(join(dir, 'a.xlsx'))));
  });

  it('writes the 57 divisions with --level division, adding up to the budget, with the lookup among the inputs', async () => {
    const dir = tempDir();
    const file = join(dir, 'divisions.xlsx');
    expect((await run(['allocate', ...ADULTS, '--level', 'division', '-o', file])).code).toBe(0);
    const workbook = await readWorkbook(file);
    const table = tableOf(sheet(workbook, 'Divisions'));
    expect(table.rows).toHaveLength(57);
    expect(sum(allocationPennies(table))).toBe(1_270_000_000);
    expect(table.total?.getCell(table.column('Allocation')).value).toBe(12_700_000);
    expect(texts(sheet(workbook, 'Notes'))).toContain('data/lookups/northamptonshire-divisions-2019.csv');
  });

  it('writes xlsx to a file of another name with --format xlsx', async () => {
    const dir = tempDir();
    expect((await run(['allocate', ...ADULTS, '--level', 'lsoa', '--format', 'xlsx', '-o', join(dir, 'lsoas.dat')])).code).toBe(0);
    const table = tableOf(sheet(await readWorkbook(join(dir, 'lsoas.dat')), 'LSOAs'));
    expect(table.rows).toHaveLength(422);
    expect(sum(allocationPennies(table))).toBe(1_270_000_000);
  });

  it('refuses to write xlsx to stdout (exit 2)', async () => {
    for (const args of [
      ['--format', 'xlsx'],
      ['--format', 'XLSX', '-o', '-'],
    ]) {
      const { code, out, err } = await run(['allocate', ...ADULTS, ...args]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe('fairshare: error: xlsx is a binary file and is not written to stdout. Give -o FILE.xlsx\n');
    }
  });

  it('refuses an -o folder that does not exist (exit 2), writing nothing', async () => {
    const dir = tempDir();
    const { code, err } = await run(['allocate', ...ADULTS, '-o', join(dir, 'missing', 'adults.xlsx')]);
    expect(code).toBe(2);
    expect(err).toMatch(/^fairshare: error: cannot write .*adults\.xlsx: the folder .*missing does not exist\./);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is not a format of the commands that do not write workbooks', async () => {
    const { code, err } = await run(['domains', '--format', 'xlsx']);
    expect(code).toBe(2);
    expect(err).toBe('fairshare: error: unknown format "xlsx". Use one of: table, csv, json, md, html\n');
  });
});

describe('fairshare scenarios run --format xlsx', () => {
  it('writes scenarios.xlsx with a sheet per scenario and pot, Comparison and Notes, listed in the manifest', async () => {
    const dir = join(tempDir(), 'out');
    const { code, err } = await run(['scenarios', 'run', DIRECTORATES, '-o', dir, '--format', 'xlsx']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'scenarios.xlsx']);

    const workbook = await readWorkbook(join(dir, 'scenarios.xlsx'));
    // Pot sheets are named "<scenario> <pot>", cut to Excel's 31 characters.
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'single-formula',
      'directorates-2013',
      'directorates-2013 children-and-',
      'directorates-2013 adults',
      'directorates-2013 public-health',
      'directorates-2013 customers-and',
      'Comparison',
      'Notes',
    ]);
    const budgets: Record<string, number> = {
      'single-formula': 3_810_000_000,
      'directorates-2013': 3_810_000_000,
      'directorates-2013 children-and-': 1_690_000_000,
      'directorates-2013 adults': 1_270_000_000,
      'directorates-2013 public-health': 740_000_000,
      'directorates-2013 customers-and': 110_000_000,
    };
    for (const [name, pennies] of Object.entries(budgets)) {
      const table = tableOf(sheet(workbook, name));
      expect(table.rows, name).toHaveLength(7);
      expect(sum(allocationPennies(table)), name).toBe(pennies);
      expect(table.total?.getCell(table.column('Allocation')).value, name).toBe(pennies / 100);
    }
    expect(sheet(workbook, 'directorates-2013 customers-and').getCell(1, 1).value).toBe('directorates-2013: customers-and-communities');

    const comparison = tableOf(sheet(workbook, 'Comparison'));
    expect(comparison.rows).toHaveLength(14);
    expect(comparison.total).toBeUndefined();
    expect(comparison.rows.every((r) => typeof r.getCell(comparison.column('Change')).value === 'number')).toBe(true);

    const notes = texts(sheet(workbook, 'Notes'));
    expect(notes[0]).toBe('Prevention budget 2013/14 by directorate');
    for (const heading of ['single-formula (baseline): The whole £38.1m shared by all seven domains', 'directorates-2013: adults']) {
      expect(notes).toContain(heading);
    }
    expect(notes).toContain(sha256(readFileSync(join(ROOT, DIRECTORATES))));
    expect(notes).toContain(sha256(readFileSync(join(ROOT, PACK))));

    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { format: string; files: { name: string; sha256: string }[] };
    expect(manifest.format).toBe('xlsx');
    expect(manifest.files).toEqual([{ name: 'scenarios.xlsx', sha256: sha256(readFileSync(join(dir, 'scenarios.xlsx'))) }]);
  });

  it('writes byte-identical files, the workbook and manifest included, when run twice', async () => {
    const first = join(tempDir(), 'out');
    const second = join(tempDir(), 'out');
    expect((await run(['scenarios', 'run', DIRECTORATES, '-o', first, '--format', 'xlsx'])).code).toBe(0);
    expect((await run(['scenarios', 'run', DIRECTORATES, '-o', second, '--format', 'xlsx'])).code).toBe(0);
    for (const name of ['scenarios.xlsx', 'manifest.json']) expect(readFileSync(join(second, name)).equals(readFileSync(join(first, name))), name).toBe(true);
  });

  it('writes the LSOA CSVs beside the workbook with --lsoa', async () => {
    const dir = join(tempDir(), 'out');
    expect((await run(['scenarios', 'run', 'examples/adults-only.yaml', '-o', dir, '--format', 'xlsx', '--lsoa'])).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['adults-only.lsoa.csv', 'all-domains.lsoa.csv', 'manifest.json', 'scenarios.xlsx']);
  });
});

describe('workbooks from profile, overlap and sensitivity, and extensions fairshare does not write', () => {
  it('sensitivity -o s.xlsx writes the bands and the leave-one-out changes as numbers, with Notes', async () => {
    const dir = tempDir();
    const { code, err } = await run(['sensitivity', '--budget', '12.7m', '--draws', '200', '-o', 's.xlsx'], dir);
    expect(code).toBe(0);
    expect(err).toBe('');
    const workbook = await readWorkbook(join(dir, 's.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Bands', 'Leave one out', 'Notes']);
    const bands = tableOf(sheet(workbook, 'Bands'));
    expect(bands.rows).toHaveLength(7);
    const allocation = bands.rows.map((r) => r.getCell(bands.column('Allocation')));
    expect(allocation.every((c) => typeof c.value === 'number' && c.numFmt === '"£"#,##0.00')).toBe(true);
    const moved = bands.rows[0]?.getCell(bands.column('Rank moved'));
    expect(moved?.numFmt).toBe('0.00%');
    expect(moved?.value as number).toBeLessThanOrEqual(1);
    const dropped = tableOf(sheet(workbook, 'Leave one out'));
    expect(typeof dropped.rows[0]?.getCell(dropped.column('without deprivation')).value).toBe('number');
    expect(texts(sheet(workbook, 'Notes'))).toContain('Contains public sector information licensed under the Open Government Licence v3.0');
  });

  it.each([
    ['profile', ['profile', '-o', 'p.xlsx'], 'Profile'],
    ['overlap', ['overlap', '-o', 'o.xlsx'], 'Overlap'],
  ])('%s -o FILE.xlsx writes a workbook with its table and Notes', async (_name, args, first) => {
    const dir = tempDir();
    expect((await run(args, dir)).code).toBe(0);
    const workbook = await readWorkbook(join(dir, args.at(-1) as string));
    expect(workbook.worksheets.map((w) => w.name)).toEqual([first, 'Notes']);
    expect(tableOf(sheet(workbook, first)).rows.length).toBeGreaterThan(0);
  });

  it.each(['table.xls', 'table.ods', 'paper.docx', 'table.tsv'])('refuses -o %s instead of writing CSV into it (exit 2, nothing written)', async (name) => {
    const dir = tempDir();
    const { code, out, err } = await run(['allocate', ...ADULTS, '-o', name], dir);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      `fairshare: error: fairshare does not write ${name.slice(name.lastIndexOf('.'))} files (${name}). Give -o a name ending .txt (the table), .csv, .json, .md, .html or .xlsx\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('-o FILE.html', () => {
  it('writes the allocate table as an HTML document that pastes into Word, chosen by the extension', async () => {
    const dir = tempDir();
    const { code } = await run(['allocate', ...ADULTS, '-o', 'table.html'], dir);
    expect(code).toBe(0);
    const html = readFileSync(join(dir, 'table.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/>Corby<\/td>/);
    expect(html).toMatch(/font-weight:bold">£12,700,000\.00<\/td>/);
  });
});

describe('provenance from any folder', () => {
  it('gives byte-identical workbooks for the same inputs typed from different folders', async () => {
    const { copyFileSync, mkdirSync } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'fairshare-folders-'));
    mkdirSync(join(root, 'inputs'));
    copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'data', 'five-lsoas.csv'), join(root, 'inputs', 'areas.csv'));
    const runIn = async (cwd: string, data: string, output: string) => {
      const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
      return { code: await main(['allocate', '--budget', '1000', '--data', data, '-o', output], io), err: io.err() };
    };
    const fromRoot = await runIn(root, 'inputs/areas.csv', join(root, 'a.xlsx'));
    const fromInside = await runIn(join(root, 'inputs'), 'areas.csv', join(root, 'b.xlsx'));
    expect(fromRoot.code, fromRoot.err).toBe(0);
    expect(fromInside.code, fromInside.err).toBe(0);
    expect(readFileSync(join(root, 'a.xlsx')).equals(readFileSync(join(root, 'b.xlsx')))).toBe(true);
  });
});

describe('the licence on the Notes sheet', () => {
  it('is the shipped pack’s own licence line, and no licence at all for your own data file', async () => {
    const { loadPackWithMeta } = await import('../../src/data/loadPack.js');
    const dir = tempDir();
    expect((await run(['allocate', ...ADULTS, '-o', join(dir, 'pack.xlsx')])).code).toBe(0);
    const loaded = loadPackWithMeta(readFileSync(join(ROOT, PACK)), PACK);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const meta = loaded.value.meta;
    expect(texts(sheet(await readWorkbook(join(dir, 'pack.xlsx')), 'Notes'))).toContain(meta.licence);

    const data = join(import.meta.dirname, '..', 'fixtures', 'data', 'five-lsoas.csv');
    for (const command of [['allocate', '--budget', '1000'], ['profile'], ['overlap']]) {
      const file = join(dir, `${command[0]}-own.xlsx`);
      const done = await run([...command, '--data', data, '-o', file]);
      expect(done.code, done.err).toBe(0);
      const notes = texts(sheet(await readWorkbook(file), 'Notes'));
      expect(notes.filter((t) => /licen[cs]e/i.test(t))).toEqual([]);
    }
  });
});
