import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];
const FIVE = 'test/fixtures/data/five-lsoas.csv';

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(pin2019(args), io);
  return { code, out: io.out(), err: io.err(), rows: () => parse(io.out(), { columns: true }) as Record<string, string>[] };
}

/** Sum a money column exactly, in integer pennies. */
const pennies = (rows: Record<string, string>[], column = 'allocation'): bigint => rows.reduce((s, r) => s + BigInt(r[column]!.replace('.', '')), 0n);

describe('allocate --level division and ward', () => {
  it('shares £12.7m over the 57 county electoral divisions, adding up exactly', async () => {
    const result = await run(['allocate', ...ADULTS, '--level', 'division']);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('area_code,area_name,lsoas_touching,population,allocation,share_pct,per_person,need_index,estimated');
    const rows = result.rows();
    expect(rows).toHaveLength(57);
    expect(pennies(rows)).toBe(1_270_000_000n);
    expect(new Set(rows.map((r) => r.estimated))).toEqual(new Set(['yes', 'no']));
  });

  it('shares it over the 143 wards, adding up exactly, none estimated', async () => {
    const rows = (await run(['allocate', ...ADULTS, '--level', 'ward'])).rows();
    expect(rows).toHaveLength(143);
    expect(pennies(rows)).toBe(1_270_000_000n);
    expect(rows.every((r) => r.estimated === 'no')).toBe(true);
    expect(rows.reduce((s, r) => s + Number(r.population), 0)).toBe(720_913);
  });

  it('gives each ward exactly the pennies of its LSOAs (a best-fit lookup has shares of 1)', async () => {
    const lsoas = (await run(['allocate', ...ADULTS, '--level', 'lsoa'])).rows();
    const wards = (await run(['allocate', ...ADULTS, '--level', 'ward'])).rows();
    const lookup = parse((await import('node:fs')).readFileSync('data/lookups/northamptonshire-wards-2019.csv', 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    const wardOf = new Map(lookup.map((r) => [r.lsoa_code, r.area_code]));
    const expected = new Map<string, bigint>();
    for (const r of lsoas) expected.set(wardOf.get(r.lsoa_code)!, (expected.get(wardOf.get(r.lsoa_code)!) ?? 0n) + BigInt(r.allocation!.replace('.', '')));
    for (const w of wards) expect(BigInt(w.allocation!.replace('.', ''))).toBe(expected.get(w.area_code!));
  });

  it('splits LSOAs by a --lookup file: the hand-worked five-LSOA example', async () => {
    // LSOA pennies: F01 10526, F02 39098, F03 15789, F04 15038, F05 19549 (see the README).
    // W1 = F01 + ½F02 = 30075; W2 = ½F02 + ⅓F03 = 24812; W3 = ⅓F03 + F04 = 20301; W4 = ⅓F03 + F05 = 24812.
    const result = await run(['allocate', '--budget', '1000', '--data', FIVE, '--level', 'ward', '--lookup', 'test/fixtures/lookups/good.csv']);
    expect(result.err).toBe('');
    expect(result.rows().map((r) => [r.area_code, r.lsoas_touching, r.population, r.allocation, r.per_person, r.estimated])).toEqual([
      ['W1', '2', '200', '300.75', '1.50', 'yes'],
      ['W2', '2', '150', '248.12', '1.65', 'yes'],
      ['W3', '2', '100', '203.01', '2.03', 'yes'],
      ['W4', '2', '150', '248.12', '1.65', 'yes'],
    ]);
  });

  it('says where the shares came from and how many areas are estimates, in the table header', async () => {
    const io = memoryIo({ tty: true, env: { NO_COLOR: '1' } });
    await main(pin2019(['allocate', ...ADULTS, '--level', 'division']), io);
    expect(io.out()).toMatch(/57 divisions, shares from data\/lookups\/northamptonshire-divisions-2019\.csv; \d+ marked estimated/);
    expect(io.out()).toContain('£12,700,000.00');
  });

  describe('bad lookups: one line, exit 1 (exit 2 for usage), nothing written', () => {
    const cases: [string, string[], number, RegExp][] = [
      [
        'a lookup that does not cover the area',
        ['--budget', '1m', '--area', 'england', '--level', 'ward'],
        1,
        /ward lookup does not cover 32422 of the 32844 LSOAs/,
      ],
      [
        'unknown LSOA codes',
        ['--budget', '1000', '--data', FIVE, '--level', 'ward', '--lookup', 'test/fixtures/lookups/unknown-lsoa.csv'],
        1,
        /unknown-lsoa\.csv:3:1 .*F99/,
      ],
      [
        'shares that do not add up to 1',
        ['--budget', '1000', '--data', FIVE, '--level', 'ward', '--lookup', 'test/fixtures/lookups/shares-not-one.csv'],
        1,
        /shares of LSOA F02 add up to 0\.9, not 1/,
      ],
      [
        'a negative share',
        ['--budget', '1000', '--data', FIVE, '--level', 'ward', '--lookup', 'test/fixtures/lookups/negative-share.csv'],
        1,
        /share -0\.5 of LSOA F02 is negative/,
      ],
      [
        'a share above 1',
        ['--budget', '1000', '--data', FIVE, '--level', 'ward', '--lookup', 'test/fixtures/lookups/share-above-one.csv'],
        1,
        /share 1\.25 of LSOA F02 is above 1/,
      ],
      [
        'a missing lookup file',
        ['--budget', '1m', '--level', 'ward', '--lookup', 'no-such-lookup.csv'],
        1,
        /cannot read lookup no-such-lookup\.csv: no such file/,
      ],
      [
        '--lookup with --level district',
        ['--budget', '1m', '--lookup', 'test/fixtures/lookups/good.csv'],
        2,
        /--lookup shares LSOAs out to wards or divisions/,
      ],
      ['an unknown level', ['--budget', '1m', '--level', 'parish'], 2, /unknown level "parish"/],
      [
        'a 2021 LSOA code in a lookup used on the 2019 vintage',
        ['--budget', '1m', '--level', 'division', '--lookup', 'test/fixtures/lookups/lsoa21-code.csv'],
        1,
        /lsoa21-code\.csv:2:1 .*E01035404 \(West Northamptonshire 010E\) is an LSOA of 2021, in the 2025 vintage; it was split from E01027014 of 2011: add --vintage 2025, or give E01027014$/m,
      ],
    ];
    it.each(cases)('%s', async (_name, args, exit, message) => {
      const dir = mkdtempSync(join(tmpdir(), 'fairshare-geo-'));
      const result = await run(['allocate', ...args, '-o', join(dir, 'out.csv')]);
      expect(result.code).toBe(exit);
      expect(result.err.trimEnd().split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/^fairshare: error: /);
      expect(result.err).toMatch(message);
      expect(readdirSync(dir)).toEqual([]);
    });
  });
});

describe('fairshare profile', () => {
  it('profiles the seven districts: mean need rank and top-fifth share per domain, top three domains', async () => {
    const result = await run(['profile']);
    expect(result.code).toBe(0);
    const rows = result.rows();
    expect(rows.map((r) => r.area_name)).toEqual([
      'Corby',
      'Daventry',
      'East Northamptonshire',
      'Kettering',
      'Northampton',
      'South Northamptonshire',
      'Wellingborough',
    ]);
    const header = result.out.split('\n')[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['area_code', 'area_name', 'lsoas', 'population']);
    expect(header).toContain('deprivation_mean_rank');
    expect(header).toContain('early-years_top_fifth_pct');
    expect(header.slice(-3)).toEqual(['top_1', 'top_2', 'top_3']);
    // Every mean need rank lies within 1..N, and every district has a top domain.
    for (const r of rows) {
      expect(Number(r.deprivation_mean_rank)).toBeGreaterThanOrEqual(1);
      expect(Number(r.deprivation_mean_rank)).toBeLessThanOrEqual(422);
      expect(r.top_1).not.toBe('');
    }
  });

  it('profiles the 57 divisions through the shipped lookup', async () => {
    expect((await run(['profile', '--level', 'division'])).rows()).toHaveLength(57);
  });

  it('draws a heat table on a terminal that reads without colour', async () => {
    const io = memoryIo({ tty: true, env: { NO_COLOR: '1' } });
    expect(await main(pin2019(['profile']), io)).toBe(0);
    expect(io.out()).toContain('Top three domains');
    expect(io.out()).toMatch(/[░▒▓█]/);
    expect(io.out()).not.toContain('\u001b[');
  });
});

describe('fairshare overlap', () => {
  it('correlates the 21 pairs of domains and the sources inside the two multi-source domains', async () => {
    const rows = (await run(['overlap'])).rows();
    expect(rows.filter((r) => r.within === 'domains')).toHaveLength(21);
    const inside = rows.filter((r) => r.within !== 'domains');
    expect(inside.map((r) => [r.within, r.a, r.b])).toEqual([
      ['deprivation', 'income_rank', 'employment_rank'],
      ['adults', 'health_rank', 'idaopi_rate'],
    ]);
    // Income and employment deprivation tell the same story in Northamptonshire.
    expect(inside[0]!.same_story).toBe('yes');
    for (const r of rows) {
      expect(Math.abs(Number(r.rho))).toBeLessThanOrEqual(1);
      expect(r.same_story).toBe(Math.abs(Number(r.rho)) >= 0.8 ? 'yes' : 'no');
    }
  });

  it('draws a matrix on a terminal, marking pairs that tell the same story', async () => {
    const io = memoryIo({ tty: true, env: { NO_COLOR: '1' } });
    expect(await main(pin2019(['overlap']), io)).toBe(0);
    expect(io.out()).toContain('(1) deprivation');
    expect(io.out()).toMatch(/0\.\d\d\*/);
  });
});
