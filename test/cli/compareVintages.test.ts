import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// compare-vintages end to end on the shipped packs: the 2019 and 2025 tables side by side by former
// district, and each change split into parts that add up to it exactly.
const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];
type Row = Record<string, string>;

async function run(args: string[], cwd?: string) {
  const io = memoryIo(cwd === undefined ? {} : { cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err(), rows: () => parse(io.out(), { columns: true }) as Row[] };
}

const pennies = (pounds: string | undefined): bigint => {
  const text = pounds ?? '';
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole as string) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -value : value;
};
const byCode = (rows: Row[], key: string): Map<string, string> => new Map(rows.map((r) => [r[key] as string, r['allocation'] as string]));

describe('fairshare compare-vintages', () => {
  it('puts last year’s 2019 district table beside this year’s 2025 former-district table, penny for penny', async () => {
    const compared = await run(['compare-vintages', ...ADULTS, '--format', 'csv']);
    expect(compared.code).toBe(0);
    const rows = compared.rows();
    expect(rows.map((r) => r['former_district_code'])).toEqual(['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156']);
    const last = byCode((await run(['allocate', ...ADULTS, '--vintage', '2019', '--format', 'csv'])).rows(), 'district_code');
    const now = byCode((await run(['allocate', ...ADULTS, '--level', 'former-district', '--format', 'csv'])).rows(), 'former_district_code');
    for (const row of rows) {
      expect(row['allocation_2019']).toBe(last.get(row['former_district_code'] as string));
      expect(row['allocation_2025']).toBe(now.get(row['former_district_code'] as string));
    }
    expect(rows.reduce((s, r) => s + Number(r['lsoas_2019']), 0)).toBe(422);
    expect(rows.reduce((s, r) => s + Number(r['lsoas_2025']), 0)).toBe(442);
    expect(rows.reduce((s, r) => s + pennies(r['allocation_2019']), 0n)).toBe(1_270_000_000n);
    expect(rows.reduce((s, r) => s + pennies(r['allocation_2025']), 0n)).toBe(1_270_000_000n);
  });

  it('splits every change exactly into population, boundaries, data and sources', async () => {
    const rows = (await run(['compare-vintages', ...ADULTS, '--format', 'csv'])).rows();
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'former_district_code',
      'former_district_name',
      'lsoas_2019',
      'lsoas_2025',
      'population_2019',
      'population_2025',
      'allocation_2019',
      'allocation_2025',
      'change',
      'change_pct',
      'population_effect',
      'boundaries_effect',
      'data_effect',
      'sources_effect',
      'changed_lsoas_2019',
      'changed_lsoas_2025',
    ]);
    for (const r of rows) {
      expect(pennies(r['change'])).toBe(pennies(r['allocation_2025']) - pennies(r['allocation_2019']));
      const parts = ['population_effect', 'boundaries_effect', 'data_effect', 'sources_effect'].map((k) => pennies(r[k]));
      expect(parts.reduce((s, p) => s + p, 0n)).toBe(pennies(r['change']));
      // Every former district had LSOAs split or merged in 2021 (Northamptonshire grew).
      expect(Number(r['changed_lsoas_2025'])).toBeGreaterThan(0);
    }
    // An unchanged LSOA is one LSOA on each side, so both sides have the same number of them.
    const south = rows.find((r) => r['former_district_code'] === 'E07000155') as Row;
    expect(Number(south['lsoas_2019']) - Number(south['changed_lsoas_2019'])).toBe(Number(south['lsoas_2025']) - Number(south['changed_lsoas_2025']));
  });

  it('has no sources column when the 2025 formula is given, and then equals that formula’s 2025 table', async () => {
    const rows = (await run(['compare-vintages', ...ADULTS, '--formula-2025', 'northamptonshire-2025-like-2019', '--format', 'csv'])).rows();
    expect(Object.keys(rows[0] ?? {})).not.toContain('sources_effect');
    const like = byCode(
      (await run(['allocate', ...ADULTS, '--formula', 'northamptonshire-2025-like-2019', '--level', 'former-district', '--format', 'csv'])).rows(),
      'former_district_code',
    );
    for (const r of rows) {
      expect(r['allocation_2025']).toBe(like.get(r['former_district_code'] as string));
      expect(pennies(r['population_effect']) + pennies(r['boundaries_effect']) + pennies(r['data_effect'])).toBe(pennies(r['change']));
    }
    // The sources split out by default are exactly the difference between the two 2025 formulas.
    const full = (await run(['compare-vintages', ...ADULTS, '--format', 'csv'])).rows();
    full.forEach((r, i) => {
      expect(pennies(r['sources_effect'])).toBe(pennies(r['allocation_2025']) - pennies(rows[i]?.['allocation_2025']));
      expect(r['population_effect']).toBe(rows[i]?.['population_effect']);
      expect(r['boundaries_effect']).toBe(rows[i]?.['boundaries_effect']);
    });
  });

  it('compares a council made since 2019 with the 2011 LSOAs it was made from', async () => {
    const result = await run(['compare-vintages', '--budget', '1m', '--area', 'West Northamptonshire', '--format', 'csv']);
    expect(result.code).toBe(0);
    const rows = result.rows();
    expect(rows.map((r) => r['former_district_name'])).toEqual(['Daventry', 'Northampton', 'South Northamptonshire']);
    // South Northamptonshire had 51 LSOAs in 2019; E01027305 is in Cherwell now, so not in West
    // Northamptonshire.
    expect(rows.map((r) => r['lsoas_2019'])).toEqual(['44', '133', '50']);
    expect(rows.reduce((s, r) => s + pennies(r['allocation_2019']), 0n)).toBe(100_000_000n);
  });

  it('writes a Markdown table for a committee paper, with a sentence per former district', async () => {
    const result = await run(['compare-vintages', ...ADULTS, '--format', 'md']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('| Code | Former district | 2019 | 2025 | Change | Change % | Population | Boundaries | Data | Sources |');
    expect(result.out).toMatch(/\| \*\*Total\*\* \| \*\*£12,700,000\.00\*\* \| \*\*£12,700,000\.00\*\* \|/);
    expect(result.out).toMatch(/^- South Northamptonshire: \+£387,434\.81 \(\+43\.06%\): population /m);
    expect(result.out).toContain('the parts add up exactly to the change');
  });

  it('writes JSON with money as strings and both runs described', async () => {
    const result = await run(['compare-vintages', ...ADULTS, '--format', 'json']);
    const json = JSON.parse(result.out) as { rows: Row[]; vintages: Record<string, { vintage: string; formula: { id: string } }>; sourcesSplitAgainst: string };
    expect(typeof json.rows[0]?.['allocation_2019']).toBe('string');
    expect(json.vintages['2019']?.formula.id).toBe('northamptonshire');
    expect(json.vintages['2025']?.formula.id).toBe('northamptonshire-2025');
    expect(json.sourcesSplitAgainst).toBe('northamptonshire-2025-like-2019');
  });

  it('writes a workbook with -o FILE.xlsx, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-compare-'));
    const result = await run(['compare-vintages', ...ADULTS, '-o', 'change.xlsx'], dir);
    expect(result.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['change.xlsx']);
    expect(readFileSync(join(dir, 'change.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it.each([
    [['--population', '0-14'], 'the 0-14 population is not in both vintages'],
    [['--area', 'Nowhere'], 'unknown area "Nowhere"'],
    [['--format', 'xlsx'], 'xlsx is a binary file'],
  ])('refuses %j in one line, exit 2', async (extra, message) => {
    const result = await run(['compare-vintages', '--budget', '1m', ...extra]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.out).toBe('');
  });
});
