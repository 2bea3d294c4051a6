import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppIo } from '../../src/app/context.js';
import { Failure } from '../../src/app/failure.js';
import { allocate } from '../../src/app/allocate.js';
import { runFormula } from '../../src/app/runFormula.js';
import { planSensitivity, sensitivity, sensitivityRun, type SensitivityOptions } from '../../src/app/sensitivity.js';
import { mulberry32 } from '../../src/engine/random.js';
import { sensitivity as engineSensitivity } from '../../src/engine/sensitivity.js';

// The sensitivity use case called as a script would: typed options, no command line.
const ROOT = join(import.meta.dirname, '..', '..');
const io: AppIo = { cwd: ROOT, stderr: { write: () => true } };
const ADULTS = { budget: '12.7m', exclude: ['young-people', 'early-years'], vintage: '2019' } as const;

/** The Failure a call rejects with (the test fails if it resolves or throws anything else). */
async function failure(run: () => Promise<unknown> | unknown): Promise<Failure> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error;
  }
  throw new Error('expected a Failure');
}

describe('planSensitivity', () => {
  it('takes numbers or text as typed, with the CLI’s defaults', () => {
    expect(planSensitivity({})).toEqual({ draws: 1000, method: 'uniform', spread: 0.25, concentration: 50, seed: 1 });
    expect(planSensitivity({ draws: '10,000', method: 'dirichlet', concentration: 5, seed: 7, spread: '0.1' })).toEqual({
      draws: 10000,
      method: 'dirichlet',
      spread: 0.1,
      concentration: 5,
      seed: 7,
    });
  });

  it.each([
    [{ draws: 0 }, 'bad-draws', '--draws must be a whole number of 1 or more, got "0"'],
    [{ draws: 2_000_000 }, 'too-many-draws', '--draws 2000000 is more than the 1,000,000 allowed'],
    [{ spread: 1 }, 'bad-spread', '--spread must be between 0 and 1 (not including them), got "1"'],
    [{ seed: -1 }, 'bad-seed', '--seed must be a whole number from 0 to 4294967295, got "-1"'],
    [{ method: 'normal' as 'uniform' }, 'bad-method', 'unknown --method "normal"'],
    [{ concentration: 0 }, 'bad-number', '--concentration must be a number above 0, got "0"'],
    [{ concentration: 0.5 }, 'too-small', '--concentration must be at least 1, got "0.5"'],
  ])('refuses %j with a usage error', async (options, code, message) => {
    const { error } = await failure(() => planSensitivity(options));
    expect(error.kind).toBe('usage');
    expect(error.code).toContain(code);
    expect(error.message).toBe(message);
  });
});

describe('sensitivityRun', () => {
  it('passes the method, concentration and seed through to the engine: Dirichlet draws are not uniform ones', async () => {
    const options: SensitivityOptions = { ...ADULTS, draws: 300, method: 'dirichlet', concentration: 20, seed: 3 };
    const run = await sensitivityRun(options, io);
    const { allocation } = await runFormula(ADULTS, io);
    const asked = engineSensitivity(allocation, { draws: 300, method: 'dirichlet', concentration: 20, random: mulberry32(3) });
    const uniform = engineSensitivity(allocation, { draws: 300, method: 'uniform', random: mulberry32(3) });
    expect(run.settings).toEqual({ draws: 300, method: 'dirichlet', spread: 0.25, concentration: 20, seed: 3 });
    expect(run.result).toEqual(asked);
    expect(run.result.method).toBe('dirichlet');
    expect(run.result.districts.map((d) => d.allocationBand)).not.toEqual(uniform.districts.map((d) => d.allocationBand));
  });

  it('reports (0, draws) as the draws begin and (draws, draws) at the end', async () => {
    const calls: [number, number][] = [];
    await sensitivityRun({ ...ADULTS, draws: 250, onProgress: (done, total) => calls.push([done, total]) }, io);
    expect(calls[0]).toEqual([0, 250]);
    expect(calls.at(-1)).toEqual([250, 250]);
  });

  it('refuses a level not made of whole LSOAs (wards of the 2019 vintage, shared out through a lookup)', async () => {
    const { error } = await failure(() => sensitivityRun({ ...ADULTS, level: 'ward', draws: 10 }, io));
    expect(error.code).toBe('level-not-whole-lsoas');
    expect(error.message).toContain('the 2019 vintage has no such wards');
  });
});

describe('sensitivity', () => {
  it('gives plain data: allocate’s pennies, bands in order, leave-one-out changes adding up to nothing', async () => {
    const s = await sensitivity({ ...ADULTS, draws: 200, level: 'district' }, io);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    const allocated = await allocate(ADULTS, io);
    expect(s.rows.map((r) => [r.code, r.allocation, r.perPerson])).toEqual(allocated.districts.map((d) => [d.code, d.allocation, d.perPerson]));
    expect(s).toMatchObject({ level: 'district', budget: '12700000.00', draws: 200, method: 'uniform', seed: 1, vintage: '2019' });
    expect(s.domains).not.toContain('early-years');
    for (const r of s.rows) {
      const [p5, median, p95] = [r.allocationBand.p5, r.allocationBand.median, r.allocationBand.p95];
      for (const value of [p5, median, p95, r.rankMovedPct]) expect(value).toMatch(/^\d+\.\d{2}$/);
      expect(Number(p5)).toBeLessThanOrEqual(Number(median));
      expect(Number(median)).toBeLessThanOrEqual(Number(p95));
      expect(r.withoutDomain.map((w) => w.domain)).toEqual(s.domains);
    }
    for (const domain of s.domains) {
      const pennies = s.rows.reduce((sum, r) => sum + BigInt((r.withoutDomain.find((w) => w.domain === domain)?.change ?? 'x').replace('.', '')), 0n);
      expect(pennies).toBe(0n);
    }
  });
});
