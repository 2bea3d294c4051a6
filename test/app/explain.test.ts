import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppIo } from '../../src/app/context.js';
import { allocate } from '../../src/app/allocate.js';
import { explain, explainRun } from '../../src/app/explain.js';
import { Failure } from '../../src/app/failure.js';

// The explain use case called as a script would: typed options, no command line. Daventry 008D
// (E01027013) is the README's example LSOA.
const ROOT = join(import.meta.dirname, '..', '..');
const io: AppIo = { cwd: ROOT, stderr: { write: () => true } };
const ADULTS = { budget: '12.7m', exclude: ['young-people', 'early-years'], vintage: '2019' } as const;

async function failure(run: () => Promise<unknown>): Promise<Failure> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error;
  }
  throw new Error('expected a Failure');
}

describe('explainRun', () => {
  it('finds the LSOA by name or code in the run’s allocation', async () => {
    const byName = await explainRun({ ...ADULTS, lsoa: '  daventry   008D ' }, io);
    const byCode = await explainRun({ ...ADULTS, lsoa: 'e01027013' }, io);
    expect(byName.unit.code).toBe('E01027013');
    expect(byName.allocation.dataset.units[byName.index]?.code).toBe('E01027013');
    expect(byCode.index).toBe(byName.index);
    expect(byName.inputs.area.name).toBe('Northamptonshire');
  });

  it('refuses an LSOA outside the area with the --area that holds it, and an empty one with an example', async () => {
    const outside = await failure(() => explainRun({ budget: '1m', vintage: '2019', area: 'Corby', lsoa: 'Daventry 008D' }, io));
    expect(outside.error).toMatchObject({ kind: 'usage', code: 'lsoa-outside-area', hint: 'Add --area Daventry or --area Northamptonshire' });
    const empty = await failure(() => explainRun({ budget: '1m', vintage: '2019', lsoa: ' ' }, io));
    expect(empty.error).toMatchObject({ code: 'no-lsoa', hint: 'Give a code like E01026949 or a name like "Corby 005A"' });
  });
});

describe('explain', () => {
  it('gives plain data: the LSOA’s figure, share and pennies, agreeing with allocate to the penny', async () => {
    const e = await explain({ ...ADULTS, lsoa: 'Daventry 008D' }, io);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(e.lsoa).toEqual({
      code: 'E01027013',
      name: 'Daventry 008D',
      districtCode: 'E07000151',
      districtName: 'Daventry',
      population: 1811,
      figure: '1725.5',
      sharePct: '0.411901',
      allocation: '52311.41',
      perPerson: '28.89',
    });
    expect(e).toMatchObject({ budget: '12700000.00', weightedTotal: '758648634', vintage: '2019', area: { name: 'Northamptonshire', lsoas: 422 } });
    const lsoa = (await allocate({ ...ADULTS, level: 'lsoa' }, io)).lsoas.find((l) => l.code === 'E01027013');
    expect([e.lsoa.figure, e.lsoa.allocation]).toEqual([lsoa?.figure, lsoa?.allocation]);
  });

  it('lists every domain with its weight and need rank, the weighted ranks adding up to the figure', async () => {
    const e = await explain({ ...ADULTS, lsoa: 'E01027013' }, io);
    expect(e.domains.map((d) => d.id)).toEqual([
      'deprivation',
      'access-to-facilities',
      'communities',
      'community-safety',
      'adults',
      'young-people',
      'early-years',
    ]);
    expect(e.domains.filter((d) => d.weight === '0').map((d) => d.id)).toEqual(['young-people', 'early-years']);
    const deprivation = e.domains[0];
    expect(deprivation).toMatchObject({ weight: '1', needRank: 405, weighted: '405' });
    expect(deprivation?.sources[0]).toMatchObject({ label: 'Income domain rank', value: 3666, needRank: 402 });
    expect(e.domains.reduce((sum, d) => sum + Number(d.weighted), 0)).toBe(Number(e.lsoa.figure));
  });

  it('follows the weights given as a plain object', async () => {
    const doubled = await explain({ ...ADULTS, weights: { 'community-safety': 2 }, lsoa: 'E01027013' }, io);
    expect(doubled.domains.find((d) => d.id === 'community-safety')?.weight).toBe('2');
    expect(doubled.lsoa.figure).not.toBe('1725.5');
  });
});
