import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { lookupCommand } from '../../src/cli/commands/lookup.js';
import { exitCode } from '../../src/cli/exitCode.js';
import { Failure } from '../../src/app/failure.js';
import { loadData } from '../../src/app/inputs.js';
import { main } from '../../src/cli/main.js';
import { formatError } from '../../src/engine/errors.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/points');

/**
 * Run `fairshare lookup ARGS` in-process, mapping errors to exit codes as main() does. Until
 * `.addCommand(lookupCommand(io))` is in src/cli/main.ts this builds the command itself; afterwards it
 * could call main(['lookup', ...args], io) instead.
 */
async function run(args: string[]) {
  const io = memoryIo({ env: { NO_COLOR: '1' } });
  const command = lookupCommand(io);
  for (const c of [command, ...command.commands]) {
    c.exitOverride().configureOutput({ writeOut: (t) => io.stdout.write(t), writeErr: (t) => io.stderr.write(t) });
  }
  let code = 0;
  try {
    await command.parseAsync(pin2019(args), { from: 'user' });
  } catch (error) {
    if (error instanceof Failure) {
      io.stderr.write(`fairshare: error: ${formatError(error.error)}\n`);
      code = exitCode(error.error.kind);
    } else if (error instanceof CommanderError) {
      code = error.exitCode === 0 ? 0 : 2;
    } else {
      throw error;
    }
  }
  return { code, out: io.out(), err: io.err() };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fairshare-lookup-'));
}

describe('fairshare lookup build', () => {
  it('writes the hand-worked shares for real Northamptonshire LSOAs, sorted by LSOA then area', async () => {
    const dir = tempDir();
    const out = join(dir, 'lookup.csv');
    const { code, err } = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', out]);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      [
        'lsoa_code,area_code,area_name,share,estimated',
        // Corby 005A: its one point is in W2.
        'E01026949,FIXTURE-W2,Fixture Ward Two,1,no',
        // Corby 005B: one point each in W1, W2 and W3.
        'E01026950,FIXTURE-W1,Fixture Ward One,0.333333333333,no',
        'E01026950,FIXTURE-W2,Fixture Ward Two,0.333333333333,no',
        'E01026950,FIXTURE-W3,Fixture Ward Three,0.333333333333,no',
        // Daventry 008D: 30 + 10 in W1 and 40 in W2, out of 80.
        'E01027013,FIXTURE-W1,Fixture Ward One,0.5,no',
        'E01027013,FIXTURE-W2,Fixture Ward Two,0.5,no',
        '',
      ].join('\n'),
    );
    const lines = err.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`fairshare: wrote 6 rows to ${out} from 7 points in 3 LSOAs and 3 areas`);
    expect(lines[1]).toMatch(
      /^fairshare: warning: 419 of the 422 LSOAs of Northamptonshire have no points, so the lookup does not cover them \(E01026951, E01026952, (E\d{8}, ){7}E\d{8} and 409 more\); allocate will refuse to use it for an area containing them$/,
    );
    expect(readdirSync(dir)).toEqual(['lookup.csv']);
  });

  it('reports uncovered LSOAs within --area', async () => {
    const dir = tempDir();
    const { code, err } = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, 'l.csv'), '--area', 'Daventry']);
    expect(code).toBe(0);
    expect(err).toContain('warning: 43 of the 44 LSOAs of Daventry have no points');
  });

  it('says so when every LSOA of the area is covered', async () => {
    const { dataset } = await loadData(undefined, undefined, process.cwd(), undefined, '2019');
    const corby = dataset.units.filter((u) => u.districtName === 'Corby');
    const dir = tempDir();
    const points = join(dir, 'points.csv');
    writeFileSync(points, `lsoa_code,area_code,area_name\n${corby.map((u) => `${u.code},FIXTURE-C1,Fixture Corby`).join('\n')}\n`);
    const { code, err } = await run(['build', '--points', points, '-o', join(dir, 'l.csv'), '--area', 'Corby']);
    expect(code).toBe(0);
    expect(err).toContain(`fairshare: wrote ${corby.length} rows`);
    expect(err).toContain(`fairshare: the lookup covers all ${corby.length} LSOAs of Corby\n`);
  });

  it('can write the lookup to stdout with -o -', async () => {
    const { code, out } = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', '-']);
    expect(code).toBe(0);
    expect(out.split('\n')[1]).toBe('E01026949,FIXTURE-W2,Fixture Ward Two,1,no');
  });

  describe('refuses bad input with one line, exit 1 and nothing written', () => {
    it.each([
      [
        'unknown-lsoa.csv',
        'unknown-lsoa.csv:3:1 (column "lsoa_code"): 2 points have LSOA codes that are not in the data pack: "E01999991" (line 3), "FAKE-LSOA" (line 5).',
      ],
      ['negative-weight.csv', 'negative-weight.csv:3:4 (column "weight"): the weight -2 is negative.'],
      ['conflicting-name.csv', 'conflicting-name.csv:4: area "FIXTURE-W1" is called "Fixture Ward One" on line 2 but "Fixture Ward 1" on line 4.'],
      ['zero-weight.csv', 'zero-weight.csv:2: 1 LSOA has only points of weight 0, so its shares would be 0/0: E01027013 (lines 2, 3).'],
    ])('%s', async (name, message) => {
      const dir = tempDir();
      const { code, out, err } = await run(['build', '--points', join(FIXTURES, name), '-o', join(dir, 'lookup.csv')]);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err.split('\n')).toHaveLength(2);
      expect(err).toContain(`fairshare: error: ${FIXTURES}/${message}`);
      expect(readdirSync(dir)).toEqual([]);
    });

    it('a code of the other vintage’s LSOAs, naming the vintage that has it and the codes that replaced it', async () => {
      const dir = tempDir();
      // E01027014 (Daventry 006E) is a 2011 LSOA, split in 2021 into E01035404 and E01035405.
      writeFileSync(join(dir, 'old.csv'), 'lsoa_code,area_code,area_name\nE01027014,FIXTURE-W1,Fixture Ward One\n');
      const result = await run(['build', '--points', join(dir, 'old.csv'), '-o', join(dir, 'lookup.csv'), '--vintage', '2025']);
      expect(result.code).toBe(1);
      expect(result.err).toContain(
        'E01027014 (Daventry 006E) is an LSOA of 2011, in the 2019 vintage; in 2021 it was split into E01035404 and E01035405: give one of those codes, or add --vintage 2019',
      );
      expect(readdirSync(dir)).toEqual(['old.csv']);
      // Its 2021 codes build a lookup on the 2025 vintage.
      writeFileSync(join(dir, 'new.csv'), 'lsoa_code,area_code,area_name\nE01035404,FIXTURE-W1,Fixture Ward One\nE01035405,FIXTURE-W1,Fixture Ward One\n');
      expect((await run(['build', '--points', join(dir, 'new.csv'), '-o', join(dir, 'lookup.csv'), '--vintage', '2025'])).code).toBe(0);
      expect(readFileSync(join(dir, 'lookup.csv'), 'utf8')).toBe(
        'lsoa_code,area_code,area_name,share,estimated\nE01035404,FIXTURE-W1,Fixture Ward One,1,no\nE01035405,FIXTURE-W1,Fixture Ward One,1,no\n',
      );
    });

    it('an empty file and a missing column', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'empty.csv'), '');
      writeFileSync(join(dir, 'typo.csv'), 'lsoa_code,area_cod,area_name\nE01027013,FIXTURE-W1,One\n');
      const empty = await run(['build', '--points', join(dir, 'empty.csv'), '-o', join(dir, 'a.csv')]);
      expect(empty.code).toBe(1);
      expect(empty.err).toContain('the points file is empty');
      const typo = await run(['build', '--points', join(dir, 'typo.csv'), '-o', join(dir, 'b.csv')]);
      expect(typo.code).toBe(1);
      expect(typo.err).toContain('missing required column "area_code". Rename column "area_cod" to "area_code"');
      expect(readdirSync(dir).sort()).toEqual(['empty.csv', 'typo.csv']);
    });

    it('a points file that does not exist', async () => {
      const dir = tempDir();
      const { code, err } = await run(['build', '--points', join(dir, 'nope.csv'), '-o', join(dir, 'lookup.csv')]);
      expect(code).toBe(1);
      expect(err).toBe(`fairshare: error: cannot read --points file ${join(dir, 'nope.csv')}: no such file. Check the path and try again\n`);
    });
  });

  it('refuses an -o folder that does not exist with exit 2', async () => {
    const dir = tempDir();
    const { code, err } = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, 'missing', 'lookup.csv')]);
    expect(code).toBe(2);
    expect(err).toContain('does not exist');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an unknown --area with exit 2', async () => {
    const dir = tempDir();
    const { code, err } = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, 'l.csv'), '--area', 'Daventyr']);
    expect(code).toBe(2);
    expect(err).toContain('Did you mean "Daventry"?');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('needs --points and -o', async () => {
    expect((await run(['build', '-o', 'x.csv'])).code).toBe(2);
    expect((await run(['build', '--points', 'x.csv'])).code).toBe(2);
  });

  describe('-o FILE.xlsx', () => {
    /**
     * Points for every LSOA of Corby: one in Corby A, and every other LSOA two more in Corby B (shares of a
     * third and two thirds).
     */
    async function corbyPoints(dir: string): Promise<string> {
      const { dataset } = await loadData(undefined, undefined, process.cwd(), undefined, '2019');
      const corby = dataset.units.filter((u) => u.districtName === 'Corby');
      const lines = corby.flatMap((u, i) => [`${u.code},FIXTURE-CA,Fixture Corby A,1`, ...(i % 2 === 0 ? [`${u.code},FIXTURE-CB,Fixture Corby B,2`] : [])]);
      const file = join(dir, 'points.csv');
      writeFileSync(file, `lsoa_code,area_code,area_name,weight\n${lines.join('\n')}\n`);
      return file;
    }

    it('writes a workbook: the lookup columns as its header, codes and names as text, shares as numbers, and a Notes sheet', async () => {
      const dir = tempDir();
      const { code, err } = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, 'lookup.xlsx')]);
      expect(code, err).toBe(0);
      expect(err).toContain(`fairshare: wrote 6 rows to ${join(dir, 'lookup.xlsx')} from 7 points`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(dir, 'lookup.xlsx'));
      expect(book.worksheets.map((w) => w.name)).toEqual(['Lookup', 'Notes']);
      const sheet = book.worksheets[0]!;
      // The points file by its name, wherever it was read from.
      expect(sheet.getCell(1, 1).value).toBe(
        'Share lookup built by fairshare lookup build from northants-points.csv: 6 rows from 7 points in 3 LSOAs and 3 areas.',
      );
      const values = sheet.getSheetValues().filter((row) => Array.isArray(row) && row.filter((c) => c !== undefined).length >= 2) as unknown[][];
      expect(values[0]?.slice(1)).toEqual(['lsoa_code', 'area_code', 'area_name', 'share', 'estimated']);
      expect(values.slice(1).map((row) => row.slice(1))).toEqual([
        ['E01026949', 'FIXTURE-W2', 'Fixture Ward Two', 1, 'no'],
        ['E01026950', 'FIXTURE-W1', 'Fixture Ward One', 0.333333333333, 'no'],
        ['E01026950', 'FIXTURE-W2', 'Fixture Ward Two', 0.333333333333, 'no'],
        ['E01026950', 'FIXTURE-W3', 'Fixture Ward Three', 0.333333333333, 'no'],
        ['E01027013', 'FIXTURE-W1', 'Fixture Ward One', 0.5, 'no'],
        ['E01027013', 'FIXTURE-W2', 'Fixture Ward Two', 0.5, 'no'],
      ]);
      const notes = JSON.stringify(book.getWorksheet('Notes')?.getSheetValues());
      expect(notes).toContain('fairshare lookup build');
      expect(notes).toContain('data/england-lsoa-2019.pack');
      expect(readdirSync(dir)).toEqual(['lookup.xlsx']);
    });

    it('writes a lookup that reads back as --lookup, sharing every penny as its CSV does', async () => {
      const dir = tempDir();
      const points = await corbyPoints(dir);
      for (const name of ['lookup.csv', 'lookup.xlsx'])
        expect((await run(['build', '--points', points, '-o', join(dir, name), '--area', 'Corby'])).code).toBe(0);
      const allocate = async (lookup: string) => {
        const io = memoryIo();
        const code = await main(
          pin2019(['allocate', '--budget', '1m', '--area', 'Corby', '--level', 'division', '--lookup', join(dir, lookup), '-f', 'csv']),
          io,
        );
        return { code, out: io.out(), err: io.err() };
      };
      const fromCsv = await allocate('lookup.csv');
      const fromXlsx = await allocate('lookup.xlsx');
      expect(fromCsv.code, fromCsv.err).toBe(0);
      expect(fromXlsx.code, fromXlsx.err).toBe(0);
      expect(fromXlsx.out).toBe(fromCsv.out);
      expect(
        fromXlsx.out
          .split('\n')
          .slice(1, 3)
          .map((line) => line.split(',').slice(0, 2).join(',')),
      ).toEqual(['FIXTURE-CA,Fixture Corby A', 'FIXTURE-CB,Fixture Corby B']);
    });

    it('gives the same bytes on every run', async () => {
      const dir = tempDir();
      await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, 'a.xlsx')]);
      await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, 'b.xlsx')]);
      expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    });

    it('writes a workbook for --format xlsx, and CSV for --format csv whatever the name', async () => {
      const dir = tempDir();
      expect((await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, 'lookup'), '--format', 'xlsx'])).code).toBe(0);
      expect(readFileSync(join(dir, 'lookup')).subarray(0, 2).toString()).toBe('PK');
      expect((await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, 'plain'), '--format', 'csv'])).code).toBe(0);
      expect(readFileSync(join(dir, 'plain'), 'utf8').split('\n')[0]).toBe('lsoa_code,area_code,area_name,share,estimated');
    });

    it.each([
      ['lookup.xls', 'fairshare does not write .xls files'],
      ['lookup.ods', 'fairshare does not write .ods files'],
      ['lookup.md', 'this command does not write .md files'],
      ['lookup.json', 'this command does not write .json files'],
    ])('refuses -o %s with exit 2, naming the formats it writes, and writes nothing', async (name, message) => {
      const dir = tempDir();
      const { code, out, err } = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', join(dir, name)]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(`fairshare: error: ${message} (${join(dir, name)}). Give -o a name ending .csv or .xlsx\n`);
      expect(readdirSync(dir)).toEqual([]);
    });

    it('refuses a workbook to stdout, and an unknown --format, with exit 2', async () => {
      const stdout = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', '-', '--format', 'xlsx']);
      expect(stdout.code).toBe(2);
      expect(stdout.out).toBe('');
      expect(stdout.err).toContain('xlsx is a binary file and is not written to stdout');
      const md = await run(['build', '--points', join(FIXTURES, 'northants-points.csv'), '-o', '-', '--format', 'md']);
      expect(md.code).toBe(2);
      expect(md.err).toContain('unknown format "md". Use one of: csv, xlsx');
    });
  });

  it('shows an example in --help', async () => {
    const { code, out } = await run(['build', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('$ fairshare lookup build --points postcodes.csv -o divisions.csv');
    expect(out).toContain('estimated is always "no"');
  });
});
