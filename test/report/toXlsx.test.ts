import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { weigh } from '../../src/engine/weigh.js';
import type { Table } from '../../src/report/table.js';
import { formulaDomains, toXlsx, type XlsxNotes, type XlsxSheet } from '../../src/report/toXlsx.js';
import { fixtureFormula } from '../helpers/fixtureDataset.js';

const table: Table = {
  columns: [
    { key: 'code', title: 'Code', kind: 'text' },
    { key: 'district_name', title: 'District', kind: 'text' },
    { key: 'population', title: 'Population', kind: 'int' },
    { key: 'allocation', title: 'Allocation', kind: 'money' },
    { key: 'share_pct', title: '% of total', kind: 'pct' },
    { key: 'figure', title: 'Figure', kind: 'number' },
  ],
  rows: [
    ['E1', 'North|East', '1500', '0.10', '11.23', '3.5'],
    ['E2', '=HYPERLINK("http://x","y")', '1000', '0.20', '88.77', ''],
  ],
  // Not the float sum of the rows (0.1 + 0.2 = 0.30000000000000004): the exact total is written as is.
  total: ['', 'Total', '2500', '0.30', '100.00', ''],
};

const notes: XlsxNotes = {
  title: 'fairshare allocate: Testshire, budget £0.30',
  lines: ['Testshire: 2 LSOAs. Budget £0.30.', 'Domains counted: a ×1. Excluded: b.'],
  settings: [
    {
      heading: 'Formula: Fixture formula (fixture)',
      lines: ['Population base: total.'],
      domains: [
        { id: 'a', label: 'Need A', weight: '1', sources: ['a rate (a; higher means more need)'] },
        { id: 'b', label: 'Need B', weight: '0', sources: ['b rank (b; higher means less need)', 'c rank (c; higher means less need)'] },
      ],
    },
  ],
  sources: ['IoD2019 (MHCLG, September 2019)'],
  licence: 'Contains public sector information licensed under the Open Government Licence v3.0',
  provenance: [
    { role: 'data pack', file: 'data/pack.json.gz', sha256: 'a'.repeat(64) },
    { role: 'formula', file: 'data/formulas/fixture.json', sha256: 'b'.repeat(64) },
  ],
  tool: { name: 'fairshare', version: '9.9.9' },
};

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}; sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return found;
}

/** Every non-empty cell value of a sheet, as text, row by row. */
function texts(worksheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  worksheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
  return out;
}

const withCaption: XlsxSheet = { name: 'Districts', table, caption: ['Testshire: 2 LSOAs.', 'Data: a test.'] };

describe('toXlsx', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores numbers as numbers with a format per column kind, and text as text', async () => {
    const ws = sheet(await read(await toXlsx([withCaption], notes)), 'Districts');
    // Two caption lines, a blank row, the header on row 4, data from row 5.
    const row = ws.getRow(5);
    expect(row.getCell(1).value).toBe('E1');
    expect(row.getCell(2).value).toBe('North|East');
    // A percentage is stored as its fraction (11.23% as 0.1123) with a % format, as Excel stores one.
    expect([3, 4, 5, 6].map((c) => row.getCell(c).value)).toEqual([1500, 0.1, 0.1123, 3.5]);
    // exceljs reads Excel's default format, General, back as no format.
    expect([3, 4, 5, 6].map((c) => row.getCell(c).numFmt ?? 'General')).toEqual(['#,##0', '"£"#,##0.00', '0.00%', 'General']);
    for (const c of [3, 4, 5, 6]) expect(row.getCell(c).type, `column ${c}`).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
  });

  it('keeps text that looks like a formula as a string, never a formula', async () => {
    const ws = sheet(await read(await toXlsx([withCaption], notes)), 'Districts');
    const cell = ws.getCell(6, 2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","y")');
    expect(cell.formula).toBeUndefined();
  });

  it('leaves empty cells blank', async () => {
    const ws = sheet(await read(await toXlsx([withCaption], notes)), 'Districts');
    expect(ws.getCell(6, 6).type).toBe(ExcelJS.ValueType.Null);
    expect(ws.getCell(7, 1).type).toBe(ExcelJS.ValueType.Null);
  });

  it('writes the caption in italics, then a bold bordered header row that is frozen and filtered', async () => {
    const ws = sheet(await read(await toXlsx([withCaption], notes)), 'Districts');
    expect([ws.getCell(1, 1).value, ws.getCell(2, 1).value, ws.getCell(3, 1).value]).toEqual(['Testshire: 2 LSOAs.', 'Data: a test.', null]);
    expect(ws.getCell(1, 1).font?.italic).toBe(true);
    const header = ws.getRow(4);
    expect(table.columns.map((_c, i) => header.getCell(i + 1).value)).toEqual(['Code', 'District', 'Population', 'Allocation', '% of total', 'Figure']);
    for (let c = 1; c <= 6; c += 1) {
      expect(header.getCell(c).font?.bold).toBe(true);
      expect(header.getCell(c).border?.bottom?.style).toBe('thin');
    }
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.autoFilter).toBe('A4:F6');
  });

  it('puts the header on row 1 without a caption', async () => {
    const ws = sheet(await read(await toXlsx([{ name: 'Plain', table }], notes)), 'Plain');
    expect(ws.getCell(1, 1).value).toBe('Code');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:F3');
  });

  it('writes the total row last, in bold, with the exact totals as values rather than formulas', async () => {
    const ws = sheet(await read(await toXlsx([withCaption], notes)), 'Districts');
    expect(ws.rowCount).toBe(7);
    const total = ws.getRow(7);
    expect([1, 2, 3, 4, 5, 6].map((c) => total.getCell(c).value)).toEqual([null, 'Total', 2500, 0.3, 1, null]);
    expect(total.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(total.getCell(4).formula).toBeUndefined();
    expect(total.getCell(4).numFmt).toBe('"£"#,##0.00');
    expect(total.getCell(2).font?.bold).toBe(true);
    expect(total.getCell(4).font?.bold).toBe(true);
  });

  it('stores a cell of a numeric column that is not a plain number as text', async () => {
    const odd: Table = { columns: [{ key: 'v', title: 'V', kind: 'money' }], rows: [['n/a'], ['1,000']] };
    const ws = sheet(await read(await toXlsx([{ name: 'Odd', table: odd }], notes)), 'Odd');
    expect([ws.getCell(2, 1).value, ws.getCell(3, 1).value]).toEqual(['n/a', '1,000']);
  });

  it('sets column widths that fit the formatted cells', async () => {
    const ws = sheet(await read(await toXlsx([withCaption], notes)), 'Districts');
    const widths = [1, 2, 3, 4, 5, 6].map((c) => ws.getColumn(c).width ?? 0);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(10);
    expect(widths[1]).toBeGreaterThanOrEqual('=HYPERLINK("http://x","y")'.length);
  });

  it('makes sheet names valid and unique: no []:*?/\\, at most 31 characters, repeats numbered, Notes kept for the notes', async () => {
    const names = [
      'a/b:c*d?e[f]g\\h',
      'directorates-2013 public-health-and-wellbeing',
      'directorates-2013 public-health-and-wellbeing-2',
      'Districts',
      'districts',
      'Notes',
      "'quoted'",
      '',
      'History',
    ];
    const workbook = await read(
      await toXlsx(
        names.map((name) => ({ name, table })),
        notes,
      ),
    );
    const written = workbook.worksheets.map((w) => w.name);
    expect(written).toEqual([
      'a-b-c-d-e-f-g-h',
      'directorates-2013 public-health',
      'directorates-2013 public-he (2)',
      'Districts',
      'districts (2)',
      'Notes (2)',
      'quoted',
      'Sheet',
      'History (2)',
      'Notes',
    ]);
    for (const name of written) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(written.map((n) => n.toLowerCase())).size).toBe(written.length);
  });

  it('ends with a Notes sheet: title, the run, the formula with weights and sources, licence and provenance', async () => {
    const workbook = await read(await toXlsx([withCaption], notes));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Districts', 'Notes']);
    const ws = sheet(workbook, 'Notes');
    expect(ws.getCell(1, 1).value).toBe(notes.title);
    expect(ws.getCell(1, 1).font?.bold).toBe(true);
    const all = texts(ws);
    for (const line of [...notes.lines, ...(notes.sources ?? []), notes.licence ?? '', 'Formula: Fixture formula (fixture)', 'Population base: total.']) {
      expect(all).toContain(line);
    }
    expect(all.some((t) => t.includes('fairshare 9.9.9'))).toBe(true);
    // The domains as a small table: id, label, weight (a number), sources.
    let excluded: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'b') excluded = row;
    });
    expect(excluded?.getCell(2).value).toBe('Need B');
    expect(excluded?.getCell(3).value).toBe(0);
    expect(excluded?.getCell(4).value).toBe('b rank (b; higher means less need); c rank (c; higher means less need)');
    let pack: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'data pack') pack = row;
    });
    expect([pack?.getCell(2).value, pack?.getCell(3).value]).toEqual(['data/pack.json.gz', 'a'.repeat(64)]);
  });

  it('leaves out the parts of the notes that are not given', async () => {
    const bare: XlsxNotes = { title: 'Bare', lines: [], provenance: [], tool: { name: 'fairshare', version: '1.0.0' } };
    const all = texts(sheet(await read(await toXlsx([], bare)), 'Notes'));
    expect(all).toEqual(['Bare', 'Provenance', expect.stringContaining('Made by fairshare 1.0.0') as unknown as string]);
  });

  it('fixes the workbook dates and author', async () => {
    const workbook = await read(await toXlsx([withCaption], notes));
    expect(workbook.creator).toBe('fairshare');
    expect(workbook.created.getTime()).toBe(0);
    expect(workbook.modified.getTime()).toBe(0);
  });

  it('gives the same bytes for the same input whatever the clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2021-03-04T05:06:07Z'));
    const first = await toXlsx([withCaption], notes);
    vi.setSystemTime(new Date('2025-11-12T13:14:15Z'));
    const second = await toXlsx([withCaption], notes);
    vi.useRealTimers();
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(await toXlsx([{ ...withCaption, name: 'Other' }], notes)).equals(Buffer.from(first))).toBe(false);
  });
});

describe('formulaDomains', () => {
  it('lists every domain with the weight it counted with, 0 for an excluded one', () => {
    const weighed = weigh(fixtureFormula(['a', 'b', 'c']), { exclude: ['b'], weights: { c: '0.5' } });
    if (!weighed.ok) throw new Error(weighed.error.message);
    expect(formulaDomains(weighed.value)).toEqual([
      { id: 'a', label: 'a', weight: '1', sources: ['a (a; higher means more need)'] },
      { id: 'b', label: 'b', weight: '0', sources: ['b (b; higher means more need)'] },
      { id: 'c', label: 'c', weight: '0.5', sources: ['c (c; higher means more need)'] },
    ]);
  });
});
