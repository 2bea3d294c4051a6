import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memoryIo.js';

// scripts/crosscheck.py implements the README's exact rules independently, in Python with exact
// fractions; agreement to the penny with the TypeScript engine is the evidence that both follow them.
const ROOT = join(import.meta.dirname, '..', '..');
const python = spawnSync('python3', ['--version']).status === 0;

function reference(area: string, pennies: string, weights: string[]): string[] {
  const result = spawnSync(
    'python3',
    [join(ROOT, 'scripts/crosscheck.py'), join(ROOT, 'data/england-lsoa-2019.json.gz'), join(ROOT, 'data/formulas/northamptonshire.json'), area, pennies, ...weights],
    { encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  return result.stdout.trim().split('\n');
}

async function fairshare(args: string[]): Promise<string[]> {
  const io = memoryIo();
  // The 2019 checks pin their vintage; the 2025 ones name theirs.
  const vintage = args.includes('--vintage') ? [] : ['--vintage', '2019'];
  expect(await main(['allocate', ...args, ...vintage, '--format', 'csv'], io)).toBe(0);
  return (parse(io.out(), { columns: true }) as Record<string, string>[]).map((r) => `${r.district_code},${r.allocation}`);
}

describe.skipIf(!python)('fairshare agrees with an independent implementation (scripts/crosscheck.py)', () => {
  it('on the adult social care pot for Northamptonshire', async () => {
    expect(await fairshare(['--budget', '12.7m', '--exclude', 'young-people,early-years'])).toEqual(
      reference('E10000021', '1270000000', ['young-people=0', 'early-years=0']),
    );
  });

  it('on a reweighted formula for all of England', async () => {
    expect(await fairshare(['--budget', '1.2bn', '--area', 'england', '--weight', 'community-safety=2.5', '--weight', 'adults=0.3'])).toEqual(
      reference('england', '120000000000', ['community-safety=2.5', 'adults=0.3']),
    );
  });

  it('on one district with an odd budget', async () => {
    expect(await fairshare(['--budget', '123456.78', '--area', 'Corby'])).toEqual(reference('E07000150', '12345678', []));
  });
});

// scripts/crosscheck2025.py goes further for the 2025 vintage: it reads the published CSVs in
// ../shared/data itself and works out every rate and share from them, so it checks the pack builder too.
const SHARED = join(ROOT, '..', 'shared', 'data');
const shared = existsSync(join(SHARED, 'iod2025'));

function reference2025(districts: string, pennies: string, weights: string[]): string[] {
  const result = spawnSync(
    'python3',
    [join(ROOT, 'scripts/crosscheck2025.py'), SHARED, join(ROOT, 'data/formulas/northamptonshire-2025.json'), districts, pennies, ...weights],
    { encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  return result.stdout.trim().split('\n');
}

describe.skipIf(!python || !shared)('the 2025 vintage agrees with an independent derivation from the published files (scripts/crosscheck2025.py)', () => {
  it('on a reweighted 2025 formula for every council in England', async () => {
    const args = ['--vintage', '2025', '--budget', '1.2bn', '--area', 'england', '--weight', 'community-safety=2.5', '--weight', 'adults=0.3'];
    expect(await fairshare(args)).toEqual(reference2025('england', '120000000000', ['community-safety=2.5', 'adults=0.3']));
  });

  it('on the adult social care pot for North Northamptonshire', async () => {
    const args = ['--vintage', '2025', '--budget', '12.7m', '--area', 'E06000061', '--exclude', 'young-people,early-years'];
    expect(await fairshare(args)).toEqual(reference2025('E06000061', '1270000000', ['young-people=0', 'early-years=0']));
  });
});
