import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { matchLsoa } from '../../src/app/findLsoa.js';
import { loadData } from '../../src/app/inputs.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

// `fairshare explain` on the shipped packs: Daventry 008D (E01027013), the README's example LSOA.
const ROOT = join(import.meta.dirname, '..', '..');
const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];

async function run(args: readonly string[], options: { tty?: boolean } = {}) {
  const io = memoryIo({ cwd: ROOT, tty: options.tty ?? false, env: { NO_COLOR: '1' } });
  const code = await main(pin2019(args), io);
  return { code, out: io.out(), err: io.err() };
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fairshare-explain-'));

/** The words of a command as a POSIX shell splits them (double- or single-quoted words, or bare). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('fairshare explain LSOA', () => {
  it('finds an LSOA by its name, trimmed and in any case, as it does by its code', async () => {
    const byCode = await run(['explain', 'E01027013', ...ADULTS], { tty: true });
    const byName = await run(['explain', '  daventry 008D ', ...ADULTS], { tty: true });
    expect(byName.err).toBe('');
    expect(byName.code).toBe(0);
    expect(byName.out).toContain('Daventry 008D – E01027013');
    expect(byName.out).toBe(byCode.out);
  });

  it('matches a code or a name among the units, spaces and case aside, and no part of one', async () => {
    const { dataset } = await loadData(undefined, undefined, ROOT, undefined, '2019');
    const index = dataset.units.findIndex((u) => u.code === 'E01027013');
    expect(matchLsoa('e01027013', dataset.units)).toEqual({ kind: 'one', index });
    expect(matchLsoa(' DAVENTRY   008d\t', dataset.units)).toEqual({ kind: 'one', index });
    expect(matchLsoa('Daventry 008', dataset.units)).toEqual({ kind: 'none' });
    expect(matchLsoa('E0102701', dataset.units)).toEqual({ kind: 'none' });
  });

  it('refuses a name outside the selected area as it refuses a code there, with an --area that runs', async () => {
    const expected =
      'fairshare: error: E01027013 (Daventry 008D) is in Daventry, outside the selected area Corby. Add --area Daventry or --area Northamptonshire\n';
    const byName = await run(['explain', 'Daventry 008D', '--budget', '1m', '--area', 'Corby']);
    const byCode = await run(['explain', 'E01027013', '--budget', '1m', '--area', 'Corby']);
    expect(byName.code).toBe(2);
    expect(byName.err).toBe(expected);
    expect(byCode.err).toBe(expected);
    const retried = await run(['explain', 'Daventry 008D', '--budget', '1m', '--area', 'Daventry', '--format', 'table']);
    expect(retried.code).toBe(0);
    expect(retried.out).toContain('Ranked within Daventry (');
  });

  it('names a single-tier council once in the --area hint, quoted for the shell', async () => {
    const { code, err } = await run(['explain', 'E01027013', '--budget', '1m', '--vintage', '2025', '--area', 'Coventry']);
    expect(code).toBe(2);
    expect(err).toBe(
      'fairshare: error: E01027013 (West Northamptonshire 022D) is in West Northamptonshire, outside the selected area Coventry. Add --area "West Northamptonshire"\n',
    );
  });

  it('suggests the nearest name of the area for an unknown name, and the nearest code for an unknown code', async () => {
    const name = await run(['explain', 'Daventry 08D', '--budget', '1m']);
    expect(name.code).toBe(2);
    expect(name.err).toContain('unknown LSOA name "Daventry 08D". Did you mean "Daventry 008D" (E01027013)?');
    const code = await run(['explain', 'E0102701X', '--budget', '1m']);
    expect(code.err).toContain('unknown LSOA code "E0102701X". Did you mean E01027010 (Daventry 007E)?');
  });

  it("ends the unknown-LSOA hint with a command that runs as written and lists the area's codes and names", async () => {
    const { code, err } = await run(['explain', 'Nowhere 001A', '--budget', '1m', '--area', 'South Northamptonshire']);
    expect(code).toBe(2);
    expect(err).toContain(
      'To list the LSOA codes and names of South Northamptonshire, run: fairshare allocate --budget 1 --level lsoa --area "South Northamptonshire" --vintage 2019\n',
    );
    const [fairshare, ...args] = shellWords(/run: (.*)$/m.exec(err)?.[1] ?? '');
    expect(fairshare).toBe('fairshare');
    const listed = await run(args);
    expect(listed.code).toBe(0);
    const [header, ...rows] = listed.out.trim().split('\n');
    expect(header?.split(',').slice(0, 2)).toEqual(['lsoa_code', 'lsoa_name']);
    // Every LSOA of South Northamptonshire, and only those.
    const district = await run(['allocate', '--budget', '1', '--area', 'South Northamptonshire']);
    expect(rows).toHaveLength(Number(district.out.split('\n')[1]?.split(',')[2]));
    expect(rows.every((r) => r.split(',')[3] === 'South Northamptonshire')).toBe(true);
  });

  it('says what the 2025 vintage calls an LSOA given by its 2019 name, and which codes replaced a split one', async () => {
    const renamed = await run(['explain', 'Daventry 008D', '--budget', '1m', '--vintage', '2025']);
    expect(renamed.code).toBe(2);
    expect(renamed.err).toBe(
      'fairshare: error: no LSOA of the 2025 vintage is called "Daventry 008D": that is the 2019 vintage\'s name of E01027013, which the 2025 vintage calls West Northamptonshire 022D. Give E01027013 or "West Northamptonshire 022D", or add --vintage 2019\n',
    );
    const byNewName = await run(['explain', 'West Northamptonshire 022D', '--budget', '1m', '--vintage', '2025', '--format', 'table']);
    expect(byNewName.code).toBe(0);
    expect(byNewName.out).toContain('West Northamptonshire 022D – E01027013');
    const split = await run(['explain', 'Daventry 006E', '--budget', '1m', '--vintage', '2025']);
    expect(split.err).toContain(
      'no LSOA of the 2025 vintage is called "Daventry 006E": E01027014 (Daventry 006E) is an LSOA of 2011, in the 2019 vintage; in 2021 it was split into E01035404 and E01035405',
    );
  });

  it('shows a hostile name typed inert and short in its message', async () => {
    const typed = `\u001b]0;pwned\u0007Daventry\u202e 008D${'x'.repeat(100_000)}`;
    const { code, err } = await run(['explain', typed, '--budget', '1m']);
    expect(code).toBe(2);
    expect(err).toMatch(/^fairshare: error: unknown LSOA name "\?\]0;pwned\?Daventry\? 008Dx+…"/);
    // eslint-disable-next-line no-control-regex -- matched on purpose, to neutralise them
    expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(err.length).toBeLessThan(400);
  });

  it('refuses an empty LSOA with an example of a code and a name', async () => {
    const { code, err } = await run(['explain', '  ', '--budget', '1m']);
    expect(code).toBe(2);
    expect(err).toBe('fairshare: error: no LSOA code or name given. Give a code like E01026949 or a name like "Corby 005A"\n');
  });
});

describe('fairshare explain --format', () => {
  it('writes the explanation as text on a terminal and into a pipe, and a table only when asked', async () => {
    const terminal = await run(['explain', 'E01027013', ...ADULTS], { tty: true });
    expect(terminal.out).toMatch(/^Daventry 008D – E01027013/);
    const piped = await run(['explain', 'E01027013', ...ADULTS]);
    expect(piped.out).toBe(terminal.out);
    const csv = await run(['explain', 'E01027013', ...ADULTS, '--format', 'csv']);
    expect(csv.out).toMatch(/^lsoa_code,lsoa_name,domain,source,/);
    const table = await run(['explain', 'E01027013', ...ADULTS, '--format', 'table']);
    expect(table.out).toBe(terminal.out);
  });

  it('writes a CSV row per domain source, its money agreeing with allocate --level lsoa to the penny', async () => {
    const { code, out } = await run(['explain', 'E01027013', ...ADULTS, '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...rows] = out
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    expect(header).toEqual([
      'lsoa_code',
      'lsoa_name',
      'domain',
      'source',
      'higher_means',
      'value',
      'need_rank',
      'domain_rank',
      'weight',
      'weighted',
      'figure',
      'population',
      'share_pct',
      'allocation',
      'per_person',
    ]);
    expect(rows.map((r) => r[2])).toEqual([
      'deprivation',
      'deprivation',
      'access-to-facilities',
      'communities',
      'community-safety',
      'adults',
      'adults',
      'young-people',
      'early-years',
    ]);
    const lsoas = await run(['allocate', ...ADULTS, '--level', 'lsoa', '--format', 'csv']);
    const row = lsoas.out
      .split('\n')
      .find((l) => l.startsWith('E01027013,'))
      ?.split(',');
    for (const r of rows) {
      expect(r.slice(-5)).toEqual([row?.at(-3), '1811', '0.411901', row?.at(-2), row?.at(-1)]);
    }
    expect(rows.reduce((sum, r) => sum + Number(r[9] || 0), 0)).toBe(Number(row?.at(-3)));
  });

  it('writes JSON with money as 2-decimal strings and the LSOA beside the rows', async () => {
    const { out } = await run(['explain', 'Daventry 008D', ...ADULTS, '--format', 'json']);
    const json = JSON.parse(out) as { lsoa: { code: string }; weightedTotal: string; rows: Record<string, unknown>[]; total: Record<string, unknown> };
    expect(json.lsoa.code).toBe('E01027013');
    expect(json.weightedTotal).toBe('758648634');
    expect(json.rows).toHaveLength(9);
    expect(json.rows[0]).toMatchObject({
      domain: 'deprivation',
      value: 3666,
      need_rank: 402,
      domain_rank: 405,
      weight: 1,
      weighted: 405,
      figure: 1725.5,
      allocation: '52311.41',
      per_person: '28.89',
      share_pct: '0.411901',
    });
    expect(json.rows[1]).toMatchObject({ domain_rank: null, weight: null, weighted: null });
    expect(json.total.weighted).toBe(1725.5);
  });

  it('writes Markdown with the run as its caption, and a .txt file as the text', async () => {
    const dir = tempDir();
    const md = await run(['explain', 'E01027013', ...ADULTS, '-o', join(dir, 'e.md')]);
    expect(md.code).toBe(0);
    const markdown = readFileSync(join(dir, 'e.md'), 'utf8');
    expect(markdown).toMatch(/^Daventry 008D – E01027013, Daventry \(E07000151\)/);
    expect(markdown).toContain(
      '| E01027013 | Daventry 008D | adults | Health deprivation and disability domain rank | less need | 2724 | 402 | 397.5 | 1 | 397.5 | 1725.5 | 1,811 | 0.411901% | £52,311.41 | £28.89 |',
    );
    expect(markdown).toContain('| **Total** |');
    const txt = await run(['explain', 'E01027013', ...ADULTS, '-o', join(dir, 'e.txt')]);
    expect(txt.code).toBe(0);
    expect(readFileSync(join(dir, 'e.txt'), 'utf8')).toBe((await run(['explain', 'E01027013', ...ADULTS], { tty: true })).out);
  });

  it('refuses an extension it cannot write, before any work, and xlsx to standard output', async () => {
    const dir = tempDir();
    const xls = await run(['explain', 'E01027013', ...ADULTS, '-o', join(dir, 'e.xls')]);
    expect(xls.code).toBe(2);
    expect(xls.err).toContain('fairshare does not write .xls files');
    expect(xls.err).toContain('.xlsx');
    const stdout = await run(['explain', 'E01027013', ...ADULTS, '--format', 'xlsx']);
    expect(stdout.code).toBe(2);
    expect(stdout.err).toContain('xlsx is a binary file and is not written to stdout');
  });

  it('writes a real workbook: numbers as numbers, money in £, the share as a fraction in 0.00%, and Notes', async () => {
    const file = join(tempDir(), 'E01027013.xlsx');
    const { code, err } = await run(['explain', 'Daventry 008D', ...ADULTS, '-o', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Explanation', 'Notes']);
    const sheet = workbook.getWorksheet('Explanation') as ExcelJS.Worksheet;
    const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
    const titles: string[] = [];
    sheet.getRow(headerRow).eachCell((cell, c) => (titles[c - 1] = String(cell.value)));
    const col = (title: string) => titles.indexOf(title) + 1;
    expect(sheet.getCell(1, 1).value).toBe('Daventry 008D – E01027013, Daventry (E07000151)');
    const first = sheet.getRow(headerRow + 1);
    const allocation = first.getCell(col('Allocation'));
    expect(allocation.type).toBe(ExcelJS.ValueType.Number);
    expect(allocation.value).toBe(52311.41);
    expect(allocation.numFmt).toBe('"£"#,##0.00');
    const share = first.getCell(col('Share'));
    expect(share.type).toBe(ExcelJS.ValueType.Number);
    expect(share.value).toBe(0.00411901);
    expect(share.numFmt).toBe('0.00%');
    for (const title of ['Value', 'Need rank', 'Domain rank', 'Weight', 'Weight × rank', 'Figure', 'Population']) {
      expect(first.getCell(col(title)).type, title).toBe(ExcelJS.ValueType.Number);
    }
    expect(first.getCell(col('Domain rank')).value).toBe(405);
    expect(first.getCell(col('Source')).value).toBe('Income domain rank');
    const total = sheet.getRow(headerRow + 10);
    expect(total.getCell(2).value).toBe('Total');
    expect(total.getCell(col('Weight × rank')).value).toBe(1725.5);
    const notes: string[] = [];
    (workbook.getWorksheet('Notes') as ExcelJS.Worksheet).eachRow((row) => row.eachCell((cell) => notes.push(String(cell.value))));
    expect(notes[0]).toBe('fairshare explain: Northamptonshire, budget £12,700,000.00');
    expect(notes.some((n) => /^[0-9a-f]{64}$/.test(n))).toBe(true);
  });
});

describe('fairshare explain --help', () => {
  it('says a name is accepted and shows one in its examples', async () => {
    const out = (await run(['explain', '--help'])).out.replace(/\s+/g, ' ');
    expect(out).toContain('the LSOA code or name, e.g. E01027013 or "Daventry 008D"');
    expect(out).toContain('$ fairshare explain "Daventry 008D" --budget 12.7m --vintage 2019');
    expect(out).toContain('-f, --format <format>');
  });
});
