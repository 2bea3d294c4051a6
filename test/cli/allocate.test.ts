import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';
import { pin2019 } from '../helpers/pin2019.js';

const ADULTS = ['--budget', '12.7m', '--exclude', 'young-people,early-years'];
const FIVE = 'test/fixtures/data/five-lsoas.csv';

async function run(args: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo(options);
  const code = await main(pin2019(args), io);
  return { code, out: io.out(), err: io.err() };
}

function sumColumn(csv: string, column: string): string {
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  // Sum in integer pennies so the check itself is exact.
  const pennies = rows.reduce((sum, row) => sum + BigInt(row[column]!.replace('.', '')), 0n);
  return `${pennies / 100n}.${String(pennies % 100n).padStart(2, '0')}`;
}

describe('fairshare allocate', () => {
  it('writes the Northamptonshire district table as CSV into a pipe, adding up to the budget', async () => {
    const { code, out, err } = await run(['allocate', ...ADULTS]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('district_code,district_name,lsoas,population,allocation,share_pct,per_person,need_index');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual([
      'Corby',
      'Daventry',
      'East Northamptonshire',
      'Kettering',
      'Northampton',
      'South Northamptonshire',
      'Wellingborough',
    ]);
    expect(sumColumn(out, 'allocation')).toBe('12700000.00');
  });

  it('gives the same bytes on every run', async () => {
    const a = await run(['allocate', ...ADULTS, '--level', 'lsoa']);
    const b = await run(['allocate', ...ADULTS, '--level', 'lsoa']);
    expect(a.out).toBe(b.out);
  });

  it('writes 422 LSOA rows with a rank column per domain, adding up to the budget', async () => {
    const { out } = await run(['allocate', ...ADULTS, '--level', 'lsoa', '--format', 'csv']);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(
      'lsoa_code,lsoa_name,district_code,district_name,population,deprivation,access-to-facilities,communities,community-safety,adults,young-people,early-years,figure,allocation,per_person',
    );
    expect(lines).toHaveLength(423);
    expect(sumColumn(out, 'allocation')).toBe('12700000.00');
  });

  it('prints a table with a header line, £ amounts and a total row on a terminal', async () => {
    const { out } = await run(['allocate', ...ADULTS], { tty: true, env: { NO_COLOR: '1' } });
    expect(out).toContain('Northamptonshire (E10000021): 422 LSOAs, 720,913 people. Budget £12,700,000.00.');
    expect(out).toContain('Excluded: young-people, early-years.');
    expect(out).toMatch(/Total\s+422\s+720,913\s+£12,700,000\.00\s+100\.00%/);
    expect(out).not.toContain('\u001b[');
  });

  it('colours the terminal table unless NO_COLOR is set', async () => {
    expect((await run(['allocate', ...ADULTS], { tty: true })).out).toContain('\u001b[');
  });

  it('writes a Markdown table with a total row', async () => {
    const { out } = await run(['allocate', ...ADULTS, '--format', 'md']);
    expect(out).toContain('| Code | District | LSOAs | Population | Allocation | % of total | £ per person |');
    expect(out).toContain('| **Total** | **422** | **720,913** | **£12,700,000.00** | **100.00%** |');
  });

  it('writes JSON with the run described', async () => {
    const parsed = JSON.parse((await run(['allocate', ...ADULTS, '--format', 'json'])).out) as {
      area: { code: string; lsoas: number };
      budget: string;
      formula: { domains: { id: string; weight: number }[] };
      rows: { allocation: string }[];
    };
    expect(parsed.area).toMatchObject({ code: 'E10000021', lsoas: 422 });
    expect(parsed.budget).toBe('12700000.00');
    expect(parsed.formula.domains.find((d) => d.id === 'early-years')?.weight).toBe(0);
    expect(parsed.rows).toHaveLength(7);
    // Money as strings to the penny, so the rows add up to the budget exactly.
    expect(parsed.rows.every((r) => /^\d+\.\d{2}$/.test(r.allocation))).toBe(true);
    expect(parsed.rows.reduce((sum, r) => sum + BigInt(r.allocation.replace('.', '')), 0n)).toBe(1_270_000_000n);
  });

  it('chooses the format from the -o extension and writes the file whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-'));
    expect((await run(['allocate', ...ADULTS, '-o', join(dir, 'adults.csv')])).code).toBe(0);
    expect(readFileSync(join(dir, 'adults.csv'), 'utf8')).toMatch(/^district_code,district_name,/);
    expect((await run(['allocate', ...ADULTS, '-o', join(dir, 'adults.md')])).code).toBe(0);
    expect(readFileSync(join(dir, 'adults.md'), 'utf8')).toContain('| **Total** |');
    expect(readdirSync(dir).sort()).toEqual(['adults.csv', 'adults.md']);
  });

  it('reproduces the hand-worked five-LSOA example from --data', async () => {
    const { code, out } = await run(['allocate', '--budget', '1000', '--data', FIVE, '--level', 'lsoa', '--format', 'csv']);
    expect(code).toBe(0);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => l.split(',').slice(-3).join(',')),
    ).toEqual(['figure,allocation,per_person', '3.5,105.26,1.05', '6.5,390.98,1.95', '3.5,157.89,1.05', '10,150.38,3.01', '6.5,195.49,1.95']);
    const districts = await run(['allocate', '--budget', '1000', '--data', FIVE]);
    expect(districts.out).toBe(
      'district_code,district_name,lsoas,population,allocation,share_pct,per_person,need_index\n,North,2,300,496.24,49.62,1.65,0.99\n,South,3,300,503.76,50.38,1.68,1.01\n',
    );
  });

  it('selects all of England with --area england', async () => {
    const { code, out } = await run(['allocate', '--budget', '1.2bn', '--area', 'england']);
    expect(code).toBe(0);
    expect(parse(out, { columns: true })).toHaveLength(317);
    expect(sumColumn(out, 'allocation')).toBe('1200000000.00');
  });

  it('selects a district by name, case-insensitively', async () => {
    const { out } = await run(['allocate', '--budget', '500k', '--area', 'kettering', '--level', 'lsoa']);
    expect(out.trim().split('\n')).toHaveLength(58);
    expect(sumColumn(out, 'allocation')).toBe('500000.00');
  });

  it('counts a domain double with --weight, and --exclude d equals --weight d=0', async () => {
    const double = await run(['allocate', '--budget', '1m', '--weight', 'community-safety=2']);
    const single = await run(['allocate', '--budget', '1m']);
    expect(double.out).not.toBe(single.out);
    const excluded = await run(['allocate', '--budget', '1m', '--exclude', 'adults']);
    const zero = await run(['allocate', '--budget', '1m', '--weight', 'adults=0']);
    expect(excluded.out).toBe(zero.out);
  });

  it('puts an apostrophe before names that a spreadsheet would run as formulas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-'));
    const file = join(dir, 'formula-names.csv');
    writeFileSync(file, 'code,name,district,population,need\nA1,"=HYPERLINK(""x"")",@Town,10,1\nA2,+Plain,-Town,10,2\n');
    const { out, err } = await run(['allocate', '--budget', '100', '--data', file, '--level', 'lsoa']);
    expect(err).toBe('');
    expect(out).toContain(`A1,"'=HYPERLINK(""x"")",,'@Town,`);
    expect(out).toContain("A2,'+Plain,,'-Town,");
  });
});

describe('fairshare allocate --level (former-district, county, region, ward)', () => {
  it('gives one row per district for --level former-district on the 2019 vintage (no council was reorganised)', async () => {
    const districts = await run(['allocate', ...ADULTS]);
    const former = await run(['allocate', ...ADULTS, '--level', 'former-district']);
    expect(former.code).toBe(0);
    expect(former.out.split('\n')[0]).toBe('former_district_code,former_district_name,lsoas,population,allocation,share_pct,per_person,need_index');
    expect(body(former.out)).toEqual(body(districts.out));
  });

  it('adds Northamptonshire up into its county for --level county', async () => {
    const { code, out } = await run(['allocate', ...ADULTS, '--level', 'county']);
    expect(code).toBe(0);
    expect(out).toBe(
      'county_code,county_name,lsoas,population,allocation,share_pct,per_person,need_index\nE10000021,Northamptonshire,422,720913,12700000.00,100.00,17.62,1.00\n',
    );
  });

  it('refuses --level region on the 2019 vintage, naming the vintage that has regions (exit 2)', async () => {
    const { code, out, err } = await run(['allocate', ...ADULTS, '--level', 'region']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('fairshare: error: the 2019 vintage has no regions. Use --vintage 2025\n');
  });

  it('refuses --level county for a --data file, which has no counties (exit 2)', async () => {
    const { code, err } = await run(['allocate', '--budget', '1000', '--data', FIVE, '--level', 'county']);
    expect(code).toBe(2);
    expect(err).toContain('a --data file has no counties');
  });

  it('says counties, not countys, when refusing --lookup', async () => {
    const { code, err } = await run(['allocate', ...ADULTS, '--level', 'county', '--lookup', 'x.csv']);
    expect(code).toBe(2);
    expect(err).toContain('not to counties');
  });
});

const PACK_2025 = new URL('../../data/england-lsoa-2025.pack', import.meta.url);

describe.skipIf(!existsSync(PACK_2025))('fairshare allocate --vintage 2025 --level (with the 2025 pack)', () => {
  const V2025 = ['--budget', '12.7m', '--vintage', '2025'];

  it('adds Northamptonshire (North + West Northamptonshire) up into its seven former districts, to the budget', async () => {
    const { code, out, err } = await run(['allocate', ...V2025, '--level', 'former-district']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.former_district_code)).toEqual(['E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156']);
    expect(rows.reduce((n, r) => n + Number(r.lsoas), 0)).toBe(442);
    expect(sumColumn(out, 'allocation')).toBe('12700000.00');
  });

  it('groups LSOAs into the May 2025 wards, all marked derived, and says so', async () => {
    const { code, out } = await run(['allocate', ...V2025, '--level', 'ward', '--format', 'md']);
    expect(code).toBe(0);
    expect(out).toContain('66 wards marked derived: wards of North and West Northamptonshire are the May 2025 wards, derived by area, not an ONS product.');
    expect(out).toContain('Not included: LSOA E01027305 of the former South Northamptonshire now lies in Cherwell (E07000177).');
  });

  it('refuses --level division, naming the 2019 vintage', async () => {
    const { code, err } = await run(['allocate', ...V2025, '--level', 'division']);
    expect(code).toBe(2);
    expect(err).toContain('Use --vintage 2019');
  });

  it('takes Northants and West Northants as areas', async () => {
    const northants = await run(['allocate', ...V2025, '--area', 'Northants']);
    expect(body(northants.out)).toEqual(body((await run(['allocate', ...V2025])).out));
    const west = await run(['allocate', ...V2025, '--area', 'west northants']);
    expect(
      west.out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['E06000062']);
  });
});

function body(csv: string): string[] {
  return csv.trim().split('\n').slice(1);
}
