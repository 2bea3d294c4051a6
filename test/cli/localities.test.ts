import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'localities-west-northamptonshire.csv');

async function run(args: string[], cwd = ROOT) {
  const io = memoryIo({ env: { NO_COLOR: '1' }, cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const pennies = (amount: string): bigint => BigInt(amount.replace('.', ''));

describe('allocate --localities', () => {
  it('gives the shipped example localities, each exactly the pennies of its wards’ LSOAs, adding up to the budget', async () => {
    const localities = await run(['allocate', '--budget', '12.7m', '--area', 'West Northants', '--localities', EXAMPLE, '--format', 'csv']);
    expect(localities.code).toBe(0);
    const rows = parse(localities.out, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(['locality', 'lsoas_touching', 'population', 'allocation', 'share_pct', 'per_person', 'need_index']);
    expect(rows.map((r) => r.locality)).toEqual([
      'Daventry area (example)',
      'Northampton North (example)',
      'Northampton South (example)',
      'South Northamptonshire area (example)',
    ]);
    expect(rows.reduce((sum, r) => sum + pennies(r.allocation as string), 0n)).toBe(1_270_000_000n);
    // Each locality is the sum of its wards' pennies in the ward table of the same run.
    const wards = parse((await run(['allocate', '--budget', '12.7m', '--area', 'West Northants', '--level', 'ward', '--format', 'csv'])).out, {
      columns: true,
    }) as Record<string, string>[];
    const example = parse((await import('node:fs')).readFileSync(EXAMPLE, 'utf8'), { columns: true }) as Record<string, string>[];
    const localityOf = new Map(example.map((r) => [r.ward_code, r.locality]));
    const sums = new Map<string, bigint>();
    for (const w of wards)
      sums.set(
        localityOf.get(w.ward_code as string) as string,
        (sums.get(localityOf.get(w.ward_code as string) as string) ?? 0n) + pennies(w.allocation as string),
      );
    for (const r of rows) expect(pennies(r.allocation as string)).toBe(sums.get(r.locality as string));
  });

  it('shares a split LSOA by its shares, exactly, and the table still adds up to the budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-localities-'));
    const lsoas = parse((await run(['allocate', '--budget', '1000', '--area', 'Corby', '--vintage', '2019', '--level', 'lsoa', '--format', 'csv'])).out, {
      columns: true,
    }) as Record<string, string>[];
    const [first, ...rest] = lsoas.map((r) => r.lsoa_code as string);
    const text = `lsoa_code,locality,share\n${first},East,0.3333\n${first},West,0.6667\n${rest.map((c, i) => `${c},${i % 2 === 0 ? 'East' : 'West'},1`).join('\n')}\n`;
    writeFileSync(join(dir, 'split.csv'), text);
    const result = await run(['allocate', '--budget', '1000', '--area', 'Corby', '--vintage', '2019', '--localities', 'split.csv', '--format', 'csv'], dir);
    expect(result.code).toBe(0);
    const rows = parse(result.out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.locality)).toEqual(['East', 'West']);
    expect(rows.reduce((sum, r) => sum + pennies(r.allocation as string), 0n)).toBe(100_000n);
    expect(rows.map((r) => r.lsoas_touching)).toEqual([String(1 + Math.ceil(rest.length / 2)), String(1 + Math.floor(rest.length / 2))]);
  });

  it('lists every LSOA of the area in no locality, and refuses codes outside the area or unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-localities-'));
    const example = (await import('node:fs')).readFileSync(EXAMPLE, 'utf8').split('\n');
    writeFileSync(join(dir, 'short.csv'), [example[0], ...example.slice(2)].join('\n'));
    const short = await run(['allocate', '--budget', '1m', '--area', 'West Northants', '--localities', 'short.csv'], dir);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(
      /^fairshare: error: short\.csv: 6 of the 237 LSOAs of West Northamptonshire are in no locality: E01\d+(, E01\d+){5}\. Give every ward/,
    );
    const north = await run(['allocate', '--budget', '1m', '--area', 'North Northants', '--localities', EXAMPLE]);
    expect(north.code).toBe(1);
    expect(north.err).toMatch(/35 wards are outside North Northamptonshire, the first on line 2/);
    writeFileSync(join(dir, 'typo.csv'), 'ward_code,locality\nE0501597X,North\n');
    const typo = await run(['allocate', '--budget', '1m', '--area', 'West Northants', '--localities', 'typo.csv'], dir);
    expect(typo.err).toMatch(/^fairshare: error: typo\.csv:2:1 \(column "ward_code"\): ward E0501597X is not in the data \(line 2\)/);
    const wards2019 = await run(['allocate', '--budget', '1m', '--vintage', '2019', '--localities', EXAMPLE]);
    expect(wards2019.code).toBe(1);
    expect(wards2019.err).toContain('the data has no wards, so a localities file cannot group wards');
  });

  it('refuses --localities with another --level, and --level locality without a file, as usage', async () => {
    const both = await run(['allocate', '--budget', '1m', '--level', 'ward', '--localities', EXAMPLE]);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--localities gives the table by locality, not by ward');
    const none = await run(['allocate', '--budget', '1m', '--level', 'locality']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('the locality level needs your localities file');
  });
});
