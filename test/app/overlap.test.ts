import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/app/failure.js';
import { overlap, overlapRun } from '../../src/app/overlap.js';

const io = { cwd: process.cwd(), stderr: { write: () => true } };

describe('overlap (app)', () => {
  it("correlates Northamptonshire's domains with each other, not with themselves (2019)", async () => {
    const r = await overlap({ vintage: '2019' }, io);
    expect(r.area).toEqual({ kind: 'county', code: 'E10000021', name: 'Northamptonshire', lsoas: 422 });
    expect(r.domains).toEqual(['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults', 'young-people', 'early-years']);
    const rho = new Map(r.pairs.map((p) => [`${p.within}:${p.a}~${p.b}`, p.rho]));
    // Pinned from the shipped 2019 pack; a domain or source correlated with itself would give 1.
    expect(rho.get('domains:deprivation~access-to-facilities')).toBeCloseTo(-0.489414, 6);
    expect(rho.get('domains:communities~young-people')).toBeCloseTo(0.681754, 6);
    expect(rho.get('domains:young-people~early-years')).toBeCloseTo(0.825091, 6);
    expect(rho.get('deprivation:income_rank~employment_rank')).toBeCloseTo(0.948449, 6);
    expect(rho.get('adults:health_rank~idaopi_rate')).toBeCloseTo(0.789872, 6);
    expect(r.pairs.every((p) => p.rho !== null && Math.abs(p.rho) < 0.99)).toBe(true);
    expect(r.pairs.filter((p) => p.sameStory).map((p) => `${p.a}~${p.b}`)).toEqual([
      'deprivation~adults',
      'deprivation~young-people',
      'deprivation~early-years',
      'communities~adults',
      'adults~early-years',
      'young-people~early-years',
      'income_rank~employment_rank',
    ]);
  });

  it('ranks within the area asked for', async () => {
    const r = await overlap({ vintage: '2019', area: 'Corby' }, io);
    expect(r.area.lsoas).toBe(41);
    expect(r.pairs.find((p) => p.within === 'deprivation')?.rho).toBeCloseTo(0.964808, 6);
  });

  it('compares the four sources of the 2025 adults domain pair by pair', async () => {
    const r = await overlap({ vintage: '2025' }, io);
    expect(r.pairs.filter((p) => p.within === 'adults').map((p) => [p.a, p.b, p.rho?.toFixed(4)])).toEqual([
      ['health_rank', 'idaopi_rate', '0.8271'],
      ['health_rank', 'disabled_households_share', '0.6057'],
      ['health_rank', 'unpaid_carers_share', '-0.0290'],
      ['idaopi_rate', 'disabled_households_share', '0.4636'],
      ['idaopi_rate', 'unpaid_carers_share', '-0.1532'],
      ['disabled_households_share', 'unpaid_carers_share', '0.5493'],
    ]);
  });

  it('gives plain data: the same after a JSON round trip', async () => {
    const r = await overlap({ data: 'test/fixtures/data/five-lsoas.csv' }, io);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.data).toBe('data file five-lsoas.csv');
    expect(r.vintage).toBeUndefined();
    expect(r.inputs.map((i) => i.role)).toEqual(['data file']);
  });

  it('gives the engine its own pairs in overlapRun, with the rankings they came from', async () => {
    const run = await overlapRun({ data: 'test/fixtures/data/five-lsoas.csv' }, io);
    expect(run.rankings.map((r) => r.domain.id)).toEqual(['need_a', 'need_b']);
    expect(run.pairs).toHaveLength(1);
  });

  it('rejects an unknown vintage with a usage Failure', async () => {
    const error = await overlap({ vintage: '2031' }, io).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Failure);
    expect((error as Failure).error).toMatchObject({ kind: 'usage' });
  });
});
