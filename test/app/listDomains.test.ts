import { describe, expect, it } from 'vitest';
import { listDomains } from '../../src/app/listDomains.js';

const io = { cwd: process.cwd(), stderr: { write: () => true } };

describe('listDomains (app)', () => {
  it("lists the 2019 formula's domains with their sources, weights and --replace ids", async () => {
    const r = await listDomains({ vintage: '2019' }, io);
    expect(r.formula).toMatchObject({ id: 'northamptonshire', name: 'Northamptonshire Fair and Equitable Funding' });
    expect(r.domains.map((d) => d.id)).toEqual([
      'deprivation',
      'access-to-facilities',
      'communities',
      'community-safety',
      'adults',
      'young-people',
      'early-years',
    ]);
    expect(r.domains[0]).toEqual({
      id: 'deprivation',
      label: 'Deprivation',
      weight: '1',
      sources: [
        { field: 'income_rank', label: 'Income domain rank', higherMeans: 'less-need', replaceId: 'deprivation.income_rank' },
        { field: 'employment_rank', label: 'Employment domain rank', higherMeans: 'less-need', replaceId: 'deprivation.employment_rank' },
      ],
    });
    expect(r.domains[3]!.sources.map((s) => s.replaceId)).toEqual(['community-safety']);
    expect(r.area).toEqual({ kind: 'county', code: 'E10000021', name: 'Northamptonshire', lsoas: 422 });
    expect(r.vintage).toBe('2019');
  });

  it('names the population bases each vintage has', async () => {
    expect((await listDomains({ vintage: '2019' }, io)).populationBases).toEqual(['total', '0-15', '16-59', '60+']);
    expect((await listDomains({ vintage: '2025' }, io)).populationBases).toContain('65+');
  });

  it('takes the need ranks within the area asked for', async () => {
    expect((await listDomains({ vintage: '2019', area: 'Corby' }, io)).area).toMatchObject({ name: 'Corby', lsoas: 41 });
  });

  it("lists one domain per column of the user's own file", async () => {
    const r = await listDomains({ data: 'test/fixtures/data/five-lsoas.csv' }, io);
    expect(r.domains.map((d) => [d.id, d.sources.map((s) => s.replaceId)])).toEqual([
      ['need_a', ['need_a']],
      ['need_b', ['need_b']],
    ]);
    expect(r.data).toBe('data file five-lsoas.csv');
    expect(r.inputs.map((i) => i.role)).toEqual(['data file']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
