import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// The 2025 vintage end to end, as issue #10's "Done when" lists it, on the shipped pack.
const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err(), rows: () => parse(io.out(), { columns: true }) as Record<string, string>[] };
}

const pennies = (rows: Record<string, string>[]): bigint => rows.reduce((sum, r) => sum + BigInt((r['allocation'] ?? '').replace('.', '')), 0n);

describe('the 2025 vintage (the default)', () => {
  it('shares the adult social care pot between North and West Northamptonshire, exactly', async () => {
    const result = await run(['allocate', ...ADULTS, '--format', 'csv']);
    expect(result.code).toBe(0);
    const rows = result.rows();
    expect(rows.map((r) => r['district_name'])).toEqual(['North Northamptonshire', 'West Northamptonshire']);
    expect(rows.map((r) => r['lsoas'])).toEqual(['205', '237']);
    expect(pennies(rows)).toBe(1_270_000_000n);
  });

  it('--level former-district gives the seven districts of the 2012 model, keyed by their 2019 codes, exactly', async () => {
    const rows = (await run(['allocate', ...ADULTS, '--level', 'former-district', '--format', 'csv'])).rows();
    expect(rows.map((r) => r['former_district_code'])).toEqual(['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156']);
    expect(pennies(rows)).toBe(1_270_000_000n);
  });

  it.each([
    ['West Northamptonshire', ['E06000062']],
    ['E06000061', ['E06000061']],
    ['Cumberland', ['E06000063']],
  ])('--area %s selects today’s council', async (area, codes) => {
    const rows = (await run(['allocate', '--budget', '1m', '--area', area, '--format', 'csv'])).rows();
    expect(rows.map((r) => r['district_code'])).toEqual(codes);
  });

  it('--area Camden --level ward gives Camden’s wards of 2024, adding up to the budget', async () => {
    const rows = (await run(['allocate', '--budget', '1m', '--area', 'Camden', '--level', 'ward', '--format', 'csv'])).rows();
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.every((r) => r['derived'] === 'no')).toBe(true);
    expect(pennies(rows)).toBe(100_000_000n);
  });

  it('says the vintage in JSON', async () => {
    const json = JSON.parse((await run(['allocate', '--budget', '1m', '--format', 'json'])).out) as { vintage: string };
    expect(json.vintage).toBe('2025');
  });
});

describe('vintage mistakes', () => {
  it('--vintage 2031 lists the vintages (exit 2)', async () => {
    const result = await run(['allocate', '--budget', '1m', '--vintage', '2031']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^fairshare: error: unknown vintage "2031"\. Use --vintage 2025 \(.*\) or --vintage 2019 \(.*\)\n$/);
  });

  it('a 2019 LSOA code given to explain under 2025 names the vintage that holds it and the codes that replaced it', async () => {
    const result = await run(['explain', 'E01027014', '--budget', '1m']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'fairshare: error: E01027014 (Daventry 006E) is an LSOA of 2011, in the 2019 vintage; in 2021 it was split into E01035404 and E01035405. Give one of those codes, or add --vintage 2019\n',
    );
  });

  it('a 2025-only level under 2019 names the vintage that has it', async () => {
    const result = await run(['allocate', '--budget', '1m', '--vintage', '2019', '--level', 'region']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--vintage 2025');
  });

  it('a population base the vintage lacks lists the ones it has', async () => {
    const result = await run(['allocate', '--budget', '1m', '--population', '0-15']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('the 2025 vintage has no 0-15 population; it has total, 0-4, 0-14, 60+, 65+');
  });
});
