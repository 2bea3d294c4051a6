import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/app/failure.js';
import { PROFILE_LEVELS, profile, profileLevel, profileRun } from '../../src/app/profile.js';

const io = { cwd: process.cwd(), stderr: { write: () => true } };

/** The typed error of a rejected promise. */
async function failureOf(promise: Promise<unknown>): Promise<Failure['error']> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Failure)) throw new Error(`expected a Failure, got ${String(error)}`);
  return error.error;
}

describe('profile (app)', () => {
  it("profiles Northamptonshire's seven districts (2019): every domain in formula order, every person counted once", async () => {
    const r = await profile({ vintage: '2019' }, io);
    expect(r.level).toBe('district');
    expect(r.ranked).toBe(422);
    expect(r.rows.map((row) => row.name)).toEqual([
      'Corby',
      'Daventry',
      'East Northamptonshire',
      'Kettering',
      'Northampton',
      'South Northamptonshire',
      'Wellingborough',
    ]);
    expect(r.rows.reduce((s, row) => s + row.lsoas, 0)).toBe(422);
    expect(r.rows.reduce((s, row) => s + row.population, 0)).toBe(720913);
    const ids = r.domains.map((d) => d.id);
    expect(ids).toEqual(['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults', 'young-people', 'early-years']);
    for (const row of r.rows) expect(row.domains.map((d) => d.id)).toEqual(ids);
  });

  it("gives Corby's mean need ranks, top-fifth shares and top three domains (pinned from the 2019 pack)", async () => {
    const corby = (await profile({ vintage: '2019' }, io)).rows[0]!;
    expect(corby).toMatchObject({ code: 'E07000150', name: 'Corby', lsoas: 41, population: 66887, top: ['adults', 'early-years', 'deprivation'] });
    expect(corby.domains[0]!.meanRank).toBeCloseTo(274.70646, 4);
    expect(corby.domains[0]!.topFifthPct).toBeCloseTo(34.41924, 4);
    expect(corby.domains[3]!.meanRank).toBeCloseTo(212.63242, 4);
  });

  it('profiles the 57 divisions through the shipped lookup and lists it among the inputs', async () => {
    const r = await profile({ vintage: '2019', level: 'division' }, io);
    expect(r.rows).toHaveLength(57);
    expect(Math.round(r.rows.reduce((s, row) => s + row.population, 0))).toBe(720913);
    expect(r.inputs.map((i) => [i.role, i.file])).toEqual([
      ['data pack', 'data/england-lsoa-2019.pack'],
      ['formula', 'data/formulas/northamptonshire.json'],
      ['lookup', 'data/lookups/northamptonshire-divisions-2019.csv'],
    ]);
  });

  it('reads the level as written, case and spaces ignored', async () => {
    expect(profileLevel(' Former-District ')).toBe('former-district');
    expect(profileLevel(undefined)).toBe('district');
    expect(PROFILE_LEVELS).not.toContain('lsoa');
    const run = await profileRun({ vintage: '2025', level: 'Former-District' }, io);
    expect(run.level).toBe('former-district');
    expect(run.profile.rows.map((r) => r.name)).toContain('Kettering');
  });

  it('refuses an unknown level, and lsoa, before reading any file', async () => {
    for (const level of ['parish', 'lsoa']) {
      expect(await failureOf(profile({ level, data: 'no-such-file.csv' }, io))).toMatchObject({
        kind: 'usage',
        code: 'bad-level',
        message: `unknown level "${level}"`,
      });
    }
  });

  it('refuses a level the data has not got, naming the vintage that has', async () => {
    expect(await failureOf(profile({ vintage: '2019', level: 'region' }, io))).toMatchObject({ kind: 'usage', code: 'level-not-in-data' });
  });

  it('gives null, not NaN, for an area with no people, so the result survives JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshare-profile-'));
    writeFileSync(join(dir, 'empty.csv'), 'code,name,district,population,need_a\nF01,One,North,100,10\nF02,Two,South,0,20\n');
    const r = await profile({ data: 'empty.csv' }, { ...io, cwd: dir });
    const south = r.rows.find((row) => row.name === 'South')!;
    expect(south.domains).toEqual([{ id: 'need_a', meanRank: null, topFifthPct: null }]);
    expect(south.top).toEqual([]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
