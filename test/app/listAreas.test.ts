import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/app/failure.js';
import { listAreas } from '../../src/app/listAreas.js';

const io = { cwd: process.cwd(), stderr: { write: () => true } };

describe('listAreas (app)', () => {
  it('lists England, counties and districts with their LSOAs and people (2019)', async () => {
    const { areas, vintage } = await listAreas({ vintage: '2019' }, io);
    expect(vintage).toBe('2019');
    expect(areas[0]).toEqual({ kind: 'england', code: 'england', name: 'England', lsoas: 32844, population: areas[0]!.population });
    expect(areas.find((a) => a.code === 'E10000021')).toEqual({ kind: 'county', code: 'E10000021', name: 'Northamptonshire', lsoas: 422, population: 720913 });
    expect(areas.find((a) => a.code === 'E07000153')).toEqual({ kind: 'district', code: 'E07000153', name: 'Kettering', lsoas: 57, population: 97605 });
  });

  it('keeps only the areas whose name or code contains the search, in list order', async () => {
    const { areas } = await listAreas({ vintage: '2019', search: ' Northampton ' }, io);
    expect(areas.map((a) => a.name)).toEqual(['Northamptonshire', 'East Northamptonshire', 'Northampton', 'South Northamptonshire']);
  });

  it('says what a former county is made of (2025)', async () => {
    const { areas } = await listAreas({ vintage: '2025', search: 'E10000021' }, io);
    expect(areas).toHaveLength(1);
    expect(areas[0]).toMatchObject({ kind: 'former-county', name: 'Northamptonshire', lsoas: 442, population: 783310 });
    expect(areas[0]!.note).toContain('North Northamptonshire (E06000061) and West Northamptonshire (E06000062)');
  });

  it("lists every row and the districts of the user's own file", async () => {
    const r = await listAreas({ data: 'test/fixtures/data/five-lsoas.csv' }, io);
    expect(r.areas.map((a) => [a.kind, a.name, a.lsoas, a.population])).toEqual([
      ['all', 'All rows of five-lsoas.csv', 5, 600],
      ['district', 'North', 2, 300],
      ['district', 'South', 3, 300],
    ]);
    expect(r.data).toBe('data file five-lsoas.csv');
    expect(r.vintage).toBeUndefined();
  });

  it('rejects an unknown vintage with a usage Failure', async () => {
    await expect(listAreas({ vintage: '1999' }, io)).rejects.toBeInstanceOf(Failure);
  });
});
