import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { defaultPackPath, readPack } from '../../src/data/readPack.js';
import type { Dataset } from '../../src/engine/dataset.js';
import { memoryIo } from '../helpers/memoryIo.js';

// `--replace SOURCE=FILE`: one source of the shipped formula swapped for an officer's own figures. The
// stand-in figures are real: other columns of the shipped 2025 pack (the health domain's national ranks,
// the IDACI rate), written out for Northamptonshire's LSOAs as an officer's file would be.
const RUN = ['--budget', '12.7m', '--vintage', '2025', '--exclude', 'young-people,early-years'];

async function run(args: string[], cwd: string) {
  const io = memoryIo({ cwd, env: { NO_COLOR: '1' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fairshare-replace-'));

let pack: Dataset;
let northants: number[];
beforeAll(async () => {
  const read = await readPack(defaultPackPath('2025'));
  if (!read.ok) throw new Error(read.error.message);
  pack = read.value.dataset;
  northants = pack.units.flatMap((u, i) => (u.districtName === 'North Northamptonshire' || u.districtName === 'West Northamptonshire' ? [i] : []));
});

/** `lsoa_code,<column>` for Northamptonshire's LSOAs, from a field of the pack. */
function fileOf(field: string, column: string, rows: readonly number[] = northants): string {
  const values = pack.fields.get(field) as Float64Array;
  return `lsoa_code,${column}\n${rows.map((i) => `${pack.units[i]?.code},${values[i]}`).join('\n')}\n`;
}

/** A CSV's rows as objects keyed by its header. */
function records(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const keys = (header as string).split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [keys[i], cell])));
}

describe('--replace against a hand-built --data file', () => {
  // The hand-built file is the tool's own LSOA table of the shipped run (every domain as its need rank in
  // the area) with the community-safety column rewritten by hand from the officer's figures.
  it.each([
    ['national_rank', 'health_rank', (v: number) => 100000 - v],
    ['value', 'idaci_rate', (v: number) => v],
  ] as const)('gives the same pennies on every LSOA with a %s column', async (column, field, asNeed) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'my-crime.csv'), fileOf(field, column));
    const lsoas = ['allocate', ...RUN, '--level', 'lsoa', '--format', 'csv'];
    const shipped = await run(lsoas, dir);
    expect(shipped.code, shipped.err).toBe(0);
    const values = pack.fields.get(field) as Float64Array;
    const byCode = new Map(northants.map((i) => [pack.units[i]?.code, asNeed(values[i] as number)]));
    const [header, ...lines] = shipped.out.trim().split('\n');
    const keys = (header as string).split(',');
    const at = keys.indexOf('community-safety');
    const edited = lines.map((line) => {
      const cells = line.split(',');
      cells[at] = String(byCode.get(cells[0]));
      return cells.join(',');
    });
    writeFileSync(join(dir, 'hand-built.csv'), `${header}\n${edited.join('\n')}\n`);

    const replaced = await run([...lsoas, '--replace', 'community-safety=my-crime.csv'], dir);
    const handBuilt = await run(
      ['allocate', '--budget', '12.7m', '--exclude', 'young-people,early-years', '--level', 'lsoa', '--format', 'csv', '--data', 'hand-built.csv'],
      dir,
    );
    expect(replaced.code, replaced.err).toBe(0);
    expect(handBuilt.code, handBuilt.err).toBe(0);
    const pennies = (csv: string) => records(csv).map((r) => [r.lsoa_code, r.allocation]);
    expect(pennies(replaced.out)).toEqual(pennies(handBuilt.out));
    expect(pennies(replaced.out)).toHaveLength(northants.length);
    // And the swap moved money: the replaced run is not the shipped one.
    expect(pennies(replaced.out)).not.toEqual(pennies(shipped.out));
  });
});

describe('--replace in what the run says of itself', () => {
  it('names the replaced source, the file and its SHA-256 in the header, the JSON and the workbook notes', async () => {
    const dir = tempDir();
    const text = fileOf('health_rank', 'national_rank');
    writeFileSync(join(dir, 'my-crime.csv'), text);
    const sha = createHash('sha256').update(text).digest('hex');
    const replace = ['--replace', 'community-safety=my-crime.csv'];
    const table = await run(['allocate', ...RUN, ...replace, '--format', 'table'], dir);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain(`community-safety replaced by my-crime.csv (national_rank, SHA-256 ${sha})`);
    const json = JSON.parse((await run(['allocate', ...RUN, ...replace, '--format', 'json'], dir)).out);
    const safety = json.formula.domains.find((d: { id: string }) => d.id === 'community-safety');
    expect(safety.sources).toEqual([
      { field: 'replaced:community-safety', label: 'Crime domain rank, replaced by my-crime.csv (national_rank)', higherMeans: 'less-need' },
    ]);
    expect(json.data).toContain(sha);

    expect((await run(['allocate', ...RUN, ...replace, '-o', 'out.xlsx'], dir)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'out.xlsx'));
    const notes: string[] = [];
    book.getWorksheet('Notes')?.eachRow((row) => notes.push(row.values?.toString() ?? ''));
    expect(notes.join('\n')).toContain(sha);
  });

  it('reads the figures from a workbook as from the same CSV', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'my-crime.csv'), fileOf('health_rank', 'national_rank'));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Crime');
    const values = pack.fields.get('health_rank') as Float64Array;
    sheet.addRow(['lsoa_code', 'national_rank']);
    for (const i of northants) sheet.addRow([pack.units[i]?.code, values[i]]);
    await book.xlsx.writeFile(join(dir, 'my-crime.xlsx'));
    const fromCsv = await run(['allocate', ...RUN, '--replace', 'community-safety=my-crime.csv', '--format', 'csv'], dir);
    const fromXlsx = await run(['allocate', ...RUN, '--replace', 'community-safety=my-crime.xlsx', '--format', 'csv'], dir);
    expect(fromXlsx.code, fromXlsx.err).toBe(0);
    expect(fromXlsx.out).toBe(fromCsv.out);
  });

  it('swaps one source of a domain of several, and a district run uses a county file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'older.csv'), fileOf('idaci_rate', 'value'));
    const shipped = await run(['allocate', ...RUN, '--area', 'West Northamptonshire', '--level', 'lsoa', '--format', 'csv'], dir);
    const swapped = await run(
      ['allocate', ...RUN, '--area', 'West Northamptonshire', '--level', 'lsoa', '--format', 'csv', '--replace', 'adults.idaopi_rate=older.csv'],
      dir,
    );
    expect(swapped.code, swapped.err).toBe(0);
    expect(records(swapped.out).map((r) => r.adults)).not.toEqual(records(shipped.out).map((r) => r.adults));
    expect(records(swapped.out).map((r) => r['community-safety'])).toEqual(records(shipped.out).map((r) => r['community-safety']));
  });
});

describe('--replace refusals', () => {
  it('names a domain of several sources and lists them', async () => {
    const result = await run(['allocate', ...RUN, '--replace', 'adults=x.csv'], tempDir());
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'domain "adults" has 4 sources, so --replace must name one. Write --replace adults.health_rank=FILE or another of adults.idaopi_rate',
    );
  });

  it('suggests the source meant by a typo', async () => {
    const result = await run(['allocate', ...RUN, '--replace', 'community-safty=x.csv'], tempDir());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/not a source of the formula northamptonshire-2025\. Did you mean community-safety\?/);
  });

  it('says to write SOURCE=FILE when a space was typed for the =', async () => {
    const result = await run(['allocate', ...RUN, '--replace', 'community-safety', 'my-crime.csv'], tempDir());
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'fairshare: error: --replace community-safety my-crime.csv: a replacement is written with =. Write --replace community-safety=my-crime.csv\n',
    );
  });

  it('refuses a file missing LSOAs of the area, counting them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'part.csv'), fileOf('health_rank', 'national_rank', northants.slice(0, 100)));
    const result = await run(['allocate', ...RUN, '--replace', 'community-safety=part.csv', '-o', 'out.csv'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^fairshare: error: part\.csv: the replacement file has no row for 342 of the 442 LSOAs of Northamptonshire: E01\d{6}, /);
    expect(readdirSync(dir)).toEqual(['part.csv']);
  });

  it('names the line of a duplicate LSOA and of a value that is not a number', async () => {
    const dir = tempDir();
    const [header, first, ...rest] = fileOf('health_rank', 'national_rank').trim().split('\n');
    writeFileSync(join(dir, 'twice.csv'), [header, first, ...rest, first].join('\n'));
    const twice = await run(['allocate', ...RUN, '--replace', 'community-safety=twice.csv'], dir);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(
      new RegExp(
        `^fairshare: error: twice\\.csv:${rest.length + 3}:1 \\(column "lsoa_code"\\): LSOA E01\\d{6} appears twice, on lines 2 and ${rest.length + 3}`,
      ),
    );
    writeFileSync(join(dir, 'bad.csv'), [header, `${(first as string).split(',')[0]},about 3000`, ...rest].join('\n'));
    const bad = await run(['allocate', ...RUN, '--replace', 'community-safety=bad.csv'], dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('bad.csv:2:2 (column "national_rank"): national_rank "about 3000" of LSOA');
  });

  it('says which 2021 codes replaced a 2011 code in a 2025 run', async () => {
    const dir = tempDir();
    // E01027014 (Daventry 006E) was split in 2021; the rest of the file is of 2021 codes.
    writeFileSync(join(dir, 'old.csv'), `${fileOf('health_rank', 'national_rank').trim()}\nE01027014,5000\n`);
    const result = await run(['allocate', ...RUN, '--replace', 'community-safety=old.csv'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain('is an LSOA of 2011, in the 2019 vintage; in 2021 it was split into E01035404 and E01035405');
  });

  it('never writes over its own replacement file', async () => {
    const dir = tempDir();
    const text = fileOf('health_rank', 'national_rank');
    writeFileSync(join(dir, 'my-crime.csv'), text);
    const result = await run(['allocate', ...RUN, '--replace', 'community-safety=my-crime.csv', '-o', 'my-crime.csv'], dir);
    expect(result.code).toBe(2);
    expect(readFileSync(join(dir, 'my-crime.csv'), 'utf8')).toBe(text);
  });
});
