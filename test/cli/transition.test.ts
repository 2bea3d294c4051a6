import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

async function run(args: string[], cwd: string) {
  const io = memoryIo({ env: { NO_COLOR: '1' }, cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const pennies = (amount: string): bigint => BigInt(amount.replace('.', ''));

/** A folder with last year's 2019 district table (the formula's own, at £12.7m). */
async function lastYear(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fairshare-transition-'));
  expect((await run(['allocate', '--budget', '12.7m', '--vintage', '2019', '-o', 'last-year.csv'], dir)).code).toBe(0);
  return dir;
}

const COMMON = ['transition', '--vintage', '2019', '--previous', 'last-year.csv', '--weight', 'community-safety=3'];

describe('fairshare transition', () => {
  it('prints three exact yearly tables and the path, each year adding up to its budget, the last at the target', async () => {
    const dir = await lastYear();
    const { code, out } = await run([...COMMON, '--years', '3', '--budget', '12.7m,13m,13.3m', '--pace', '50%', '--floor', '-2%', '--format', 'json'], dir);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.years.map((y: { budget: string }) => y.budget)).toEqual(['12700000.00', '13000000.00', '13300000.00']);
    for (const year of result.years) {
      const sum = year.rows.reduce((s: bigint, r: { allocation: string }) => s + pennies(r.allocation), 0n);
      expect(sum).toBe(pennies(year.budget));
      // The floor holds: no district loses more than 2% on the year before.
      for (const r of year.rows) expect(Number(r.change_pct)).toBeGreaterThanOrEqual(-2);
    }
    // The final year is the formula's target at its budget: allocate at £13.3m, penny for penny.
    const target = await run(['allocate', '--budget', '13.3m', '--vintage', '2019', '--weight', 'community-safety=3', '--format', 'csv'], dir);
    const targets = new Map((parse(target.out, { columns: true }) as Record<string, string>[]).map((r) => [r.district_code, r.allocation]));
    for (const r of result.years[2].rows) expect(r.allocation).toBe(targets.get(r.district_code));
    expect(result.shortfall).toBe('0.00');
    expect(result.years[0].protection).toMatch(/^Year 1: Damped against last-year\.csv \(floor -2%\): held at the floor: Corby, South Northamptonshire/);
  });

  it('at a pace of 100% jumps to the target in the first year', async () => {
    const dir = await lastYear();
    const { code, out } = await run([...COMMON, '--years', '1', '--budget', '12.7m', '--pace', '100%', '--format', 'csv'], dir);
    expect(code).toBe(0);
    const path = parse(out, { columns: true }) as Record<string, string>[];
    const target = await run(['allocate', '--budget', '12.7m', '--vintage', '2019', '--weight', 'community-safety=3', '--format', 'csv'], dir);
    const targets = parse(target.out, { columns: true }) as Record<string, string>[];
    expect(path.map((r) => r.year_1)).toEqual(targets.map((r) => r.allocation));
    expect(path.map((r) => r.year_1)).toEqual(path.map((r) => r.target));
  });

  it('says by how much the final year falls short when the floor holds districts away from the target', async () => {
    const dir = await lastYear();
    const { code, out, err } = await run([...COMMON, '--years', '2', '--budget', '12.7m', '--floor', '-1%', '--format', 'csv'], dir);
    expect(code).toBe(0);
    expect(parse(out, { columns: true }).length).toBe(7);
    expect(err).toMatch(/fairshare: Year 2 falls short of the formula's target by £[\d.]+: the floor or ceiling still holds some areas away from it\./);
  });

  it('refuses a floor a year cannot fund, naming the year, and writes nothing', async () => {
    const dir = await lastYear();
    const { code, err } = await run([...COMMON, '--years', '2', '--budget', '12.7m,6m', '--floor', '-2%', '-o', 'path.csv'], dir);
    expect(code).toBe(2);
    expect(err).toMatch(/^fairshare: error: year 2 of 2: /);
    expect(() => readFileSync(join(dir, 'path.csv'))).toThrow();
  });

  it('refuses years outside 1–10, a pace outside (0, 100], and budgets that do not match the years', async () => {
    const dir = await lastYear();
    for (const [args, message] of [
      [['--years', '0', '--budget', '12.7m'], '--years 0 is not a whole number of years from 1 to 10'],
      [['--years', '11', '--budget', '12.7m'], '--years 11 is not a whole number of years from 1 to 10'],
      [['--years', '3', '--budget', '12.7m', '--pace', '0%'], '--pace 0% is not above 0% and at most 100%'],
      [['--years', '3', '--budget', '12.7m', '--pace', '120%'], '--pace 120% is not above 0% and at most 100%'],
      [['--years', '3', '--budget', '12.7m,13m'], '2 budgets for 3 years'],
    ] as const) {
      const result = await run([...COMMON, ...args], dir);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toContain(message);
    }
    // One thousands-grouped budget is one budget, not three.
    expect((await run([...COMMON, '--years', '3', '--budget', '12,700,000', '--format', 'csv'], dir)).code).toBe(0);
  });

  it('refuses a previous file that does not cover the area, naming it', async () => {
    const dir = await lastYear();
    const lines = readFileSync(join(dir, 'last-year.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'short.csv'), `${lines.slice(0, -1).join('\n')}\n`);
    const result = await run(['transition', '--vintage', '2019', '--previous', 'short.csv', '--years', '2', '--budget', '12.7m'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^fairshare: error: short\.csv/);
    expect(result.err).toContain('Wellingborough');
  });

  it('writes a workbook with the path and a sheet a year, and Markdown with a table a year for a committee paper', async () => {
    const dir = await lastYear();
    const args = [...COMMON, '--years', '2', '--budget', '12.7m', '--floor', '-2%'];
    expect((await run([...args, '-o', 'path.xlsx'], dir)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'path.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Path', 'Year 1', 'Year 2', 'Notes']);
    // Each year's sheet: seven districts whose allocations add up to the budget, to the penny.
    for (const name of ['Year 1', 'Year 2']) {
      const sheet = workbook.getWorksheet(name) as ExcelJS.Worksheet;
      const values: number[] = [];
      sheet.eachRow((row) => {
        const cell = row.getCell(5).value;
        const code = String(row.getCell(1).value ?? '');
        if (typeof cell === 'number' && /^E0/.test(code)) values.push(Math.round(cell * 100));
      });
      expect(values).toHaveLength(7);
      expect(values.reduce((s, v) => s + v, 0)).toBe(1_270_000_000);
    }
    const md = await run([...args, '--format', 'md'], dir);
    expect(md.code).toBe(0);
    expect(md.out).toContain('**Path**');
    expect(md.out).toContain('**Year 2**');
    expect(md.out).toMatch(/\| Code \| District \| Last year \| Year 1 \| Year 1 % \| Year 2 \| Year 2 % \| Target \| Change % \|/);
    expect(md.out).toMatch(/Year 1: Damped against last-year\.csv \(floor -2%\)/);
  });
});
