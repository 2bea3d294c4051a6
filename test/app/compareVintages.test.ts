import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocate } from '../../src/app/allocate.js';
import {
  compareVintages,
  compareVintagesRun,
  planCompareVintages,
  type CompareVintagesOptions,
  type VintageComparison,
} from '../../src/app/compareVintages.js';
import type { AppIo } from '../../src/app/context.js';
import { Failure } from '../../src/app/failure.js';
import type { FairshareError } from '../../src/engine/errors.js';

// The compare-vintages use case called as a script calls it: typed options, no command line.
const io: AppIo = { cwd: process.cwd(), stderr: { write: () => true } };
const ADULTS = { budget: '12.7m', exclude: ['young-people', 'early-years'] } as const;

/** Pounds with 2 decimals as whole pennies, exactly. */
const pennies = (pounds: string): bigint => BigInt(pounds.replace('.', ''));

async function failure(run: () => Promise<unknown> | unknown): Promise<FairshareError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Failure) return error.error;
    throw error;
  }
  throw new Error('expected a Failure');
}

let adults: VintageComparison;
beforeAll(async () => {
  adults = await compareVintages(ADULTS, io);
}, 60_000);

describe('compareVintages (app)', () => {
  it('puts the 2019 district table beside the 2025 former-district table, as allocate gives them', async () => {
    const last = await allocate({ ...ADULTS, vintage: '2019' }, io);
    const now = await allocate({ ...ADULTS, vintage: '2025', level: 'former-district' }, io);
    expect(adults.rows.map((r) => r.code)).toEqual(last.districts.map((d) => d.code));
    expect(adults.rows.map((r) => r.before)).toEqual(last.districts.map((d) => d.allocation));
    expect(adults.rows.map((r) => [r.code, r.after])).toEqual(now.rows.map((d) => [d.code, d.allocation]));
    expect(adults.total.before).toBe('12700000.00');
    expect(adults.total.after).toBe('12700000.00');
    expect(adults.budget).toBe('12700000.00');
  });

  it('splits every change exactly into population, boundaries, data and sources, money as 2-decimal strings', () => {
    for (const r of [...adults.rows, adults.total]) {
      for (const money of [r.before, r.after, r.change, r.population, r.boundaries, r.data, r.sources]) expect(money).toMatch(/^-?\d+\.\d{2}$/);
      expect(pennies(r.change)).toBe(pennies(r.after) - pennies(r.before));
      expect(pennies(r.population) + pennies(r.boundaries) + pennies(r.data) + pennies(r.sources)).toBe(pennies(r.change));
    }
    expect(adults.total.lsoasBefore).toBe(422);
    expect(adults.total.lsoasAfter).toBe(442);
    expect(adults.sourcesSplitAgainst).toBe('northamptonshire-2025-like-2019');
  });

  it('describes both sides and lists every input by name and SHA-256', () => {
    // On 2025 Northamptonshire is a former county: North and West Northamptonshire since 2021.
    expect(adults.area).toEqual({ kind: 'former-county', code: 'E10000021', name: 'Northamptonshire' });
    expect(adults.sameCode).toBe(true);
    expect(adults.before).toMatchObject({
      vintage: '2019',
      formula: { id: 'northamptonshire' },
      population: 'population',
      area: { name: 'Northamptonshire', lsoas: 422 },
    });
    expect(adults.after).toMatchObject({
      vintage: '2025',
      formula: { id: 'northamptonshire-2025' },
      population: 'population',
      area: { name: 'Northamptonshire', lsoas: 442 },
    });
    expect(adults.inputs.map((i) => i.file)).toEqual([
      'data/england-lsoa-2019.pack',
      'data/formulas/northamptonshire.json',
      'data/england-lsoa-2025.pack',
      'data/formulas/northamptonshire-2025.json',
      'data/formulas/northamptonshire-2025-like-2019.json',
      'data/lookups/lsoa-2011-2021-changes.csv',
    ]);
    for (const input of adults.inputs) expect(input.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(adults))).toEqual(adults);
  });

  it('gives the engine’s own result to the CLI: the same pennies as the plain result', async () => {
    const run = await compareVintagesRun(planCompareVintages(ADULTS), io);
    expect(run.change.rows.map((r) => r.change)).toEqual(adults.rows.map((r) => pennies(r.change)));
    expect(run.bridgeFormula?.id).toBe('northamptonshire-2025-like-2019');
    expect(run.provenance.map((p) => p.file)).toEqual(adults.inputs.map((i) => i.file));
  }, 60_000);

  it('splits no sources out when the 2025 formula is given', async () => {
    const like = await compareVintages({ ...ADULTS, formula2025: 'northamptonshire-2025-like-2019' }, io);
    expect(like.sourcesSplitAgainst).toBeUndefined();
    expect(like.rows.every((r) => r.sources === '0.00')).toBe(true);
    // The sources split out by default are exactly the difference between the two 2025 formulas.
    adults.rows.forEach((r, i) => expect(pennies(r.sources)).toBe(pennies(r.after) - pennies(like.rows[i]?.after ?? '')));
  }, 60_000);

  it('takes weights as a Map or a plain object, and a budget as text or a Decimal', async () => {
    const options: CompareVintagesOptions = { ...ADULTS, weights: { 'community-safety': 2 } };
    const asObject = await compareVintages(options, io);
    const asMap = await compareVintages({ ...ADULTS, budget: new Decimal('12700000'), weights: new Map([['community-safety', '2']]) }, io);
    expect(asMap).toEqual(asObject);
    expect(asObject.rows.map((r) => r.before)).not.toEqual(adults.rows.map((r) => r.before));
  }, 60_000);

  it('compares a council made since 2019 with the 2011 LSOAs it was made from', async () => {
    const west = await compareVintages({ budget: '1m', area: 'West Northamptonshire' }, io);
    expect(west.sameCode).toBe(false);
    expect(west.rows.map((r) => [r.name, r.lsoasBefore])).toEqual([
      ['Daventry', 44],
      ['Northampton', 133],
      ['South Northamptonshire', 50],
    ]);
    expect(west.total.before).toBe('1000000.00');
  }, 60_000);

  describe('rejects with a Failure carrying the typed error', () => {
    it('refuses a bad budget, a JavaScript number and an unknown population base before reading any file', async () => {
      expect(await failure(() => planCompareVintages({ budget: 'lots' }))).toMatchObject({ kind: 'usage', code: 'bad-budget' });
      expect(await failure(() => planCompareVintages({ budget: 12700000 as unknown as string }))).toMatchObject({
        kind: 'usage',
        code: 'bad-budget',
        message: expect.stringContaining('JavaScript number'),
      });
      expect(await failure(() => planCompareVintages({ budget: '1m', population: 'teens' }))).toMatchObject({ kind: 'usage', code: 'bad-population-base' });
    });

    it('refuses a population only one vintage has, naming the ones both have', async () => {
      const error = await failure(() => compareVintages({ budget: '1m', population: '0-14' }, io));
      expect(error).toMatchObject({
        kind: 'usage',
        code: 'bad-population-base',
        message: 'the 0-14 population is not in both vintages, so the two cannot be compared by it',
      });
      expect(error.hint).toBe('Use --population total or 60+, which both vintages have');
    });

    it('refuses an unknown area and an unknown domain', async () => {
      expect(await failure(() => compareVintages({ budget: '1m', area: 'Nowhere' }, io))).toMatchObject({ kind: 'usage', message: 'unknown area "Nowhere"' });
      expect(await failure(() => compareVintages({ budget: '1m', exclude: ['no-such-domain'] }, io))).toMatchObject({ kind: 'usage' });
    });
  });
});
