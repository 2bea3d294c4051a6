import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPack, toPackV1 } from '../../build/buildPack.js';
import { V2019 } from '../../build/vintages/v2019.js';
import { PACK_FIELDS, loadPack, loadPackWithMeta } from '../../src/data/loadPack.js';
import type { PackDocument } from '../../src/data/packFormat.js';
import { fixtureInputs } from '../build/packFixtures.js';

function fixtureDocument(): PackDocument {
  const built = buildPack(V2019, fixtureInputs());
  if (!built.ok) throw new Error(built.error.message);
  return toPackV1(built.value.json);
}

function gz(document: unknown): Uint8Array {
  return gzipSync(Buffer.from(JSON.stringify(document), 'utf8'));
}

describe('loadPack', () => {
  it('round-trips a built pack into a Dataset sorted by code', () => {
    const loaded = loadPack(gz(fixtureDocument()), 'fixture.json.gz');
    if (!loaded.ok) throw new Error(loaded.error.message);
    const dataset = loaded.value;
    expect(dataset.kind).toBe('pack');
    expect(dataset.file).toBe('fixture.json.gz');
    expect(dataset.units).toEqual([
      { code: 'E01999901', name: 'Mockton 001A', districtCode: 'E06999901', districtName: 'Mockton', countyCode: 'E06999901', countyName: 'Mockton' },
      { code: 'E01999902', name: 'Fakeborough 001B', districtCode: 'E07999901', districtName: 'Fakeborough', countyCode: 'E10999901', countyName: 'Testshire' },
      { code: 'E01999903', name: 'Fakeborough 001C', districtCode: 'E07999901', districtName: 'Fakeborough', countyCode: 'E10999901', countyName: 'Testshire' },
    ]);
    expect([...dataset.fields.keys()]).toEqual([...PACK_FIELDS]);
    expect([...(dataset.fields.get('population') ?? [])]).toEqual([1296, 1000, 800]);
    expect([...(dataset.fields.get('idaci_suppressed') ?? [])]).toEqual([1, 0, 0]);
    expect([...(dataset.fields.get('idaci_rate') ?? [])]).toEqual([5 / 175, 40 / 200, 20 / 100]);
    expect([...(dataset.fields.get('idaopi_rate') ?? [])]).toEqual([10 / 465, 5 / 200, 50 / 200]);
  });

  it('gives one Float64Array per numeric column, one value per unit', () => {
    const loaded = loadPack(gz(fixtureDocument()), 'fixture.json.gz');
    if (!loaded.ok) throw new Error(loaded.error.message);
    for (const name of PACK_FIELDS) {
      const values = loaded.value.fields.get(name);
      expect(values).toBeInstanceOf(Float64Array);
      expect(values).toHaveLength(3);
    }
  });

  it('returns the pack provenance with loadPackWithMeta', () => {
    const document = fixtureDocument();
    const loaded = loadPackWithMeta(gz(document), 'fixture.json.gz');
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.meta).toEqual({
      id: '2019',
      title: document.title,
      vintage: document.vintage,
      licence: 'Contains public sector information licensed under the Open Government Licence v3.0',
      sources: document.sources,
      fills: { idaci_numerator: 1, idaopi_numerator: 1 },
    });
  });

  it('rejects a document of another format', () => {
    const result = loadPack(gz({ ...fixtureDocument(), format: 'something-else' }), 'other.json.gz');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'data', code: 'bad-pack', location: { file: 'other.json.gz' } });
    expect(result.error.message).toContain('fairshare-data-pack');
  });

  it('rejects a pack version it does not know', () => {
    const result = loadPack(gz({ ...fixtureDocument(), version: 3 }), 'future.json.gz');
    expect(!result.ok && result.error.code).toBe('unsupported-pack-version');
    expect(!result.ok && result.error.message).toContain('version 3');
  });

  it('rejects a pack whose columns differ from the documented ones', () => {
    const document = fixtureDocument();
    const fields = [...document.fields];
    fields[7] = 'children';
    const result = loadPack(gz({ ...document, fields }), 'cols.json.gz');
    expect(!result.ok && result.error.code).toBe('bad-pack');
  });

  it('rejects bytes that are not gzipped JSON', () => {
    expect(loadPack(new TextEncoder().encode('{"format":"fairshare-data-pack"}'), 'plain.json').ok).toBe(false);
    expect(loadPack(gzipSync(Buffer.from('not json')), 'junk.gz').ok).toBe(false);
  });

  it('rejects rows that are not sorted by code', () => {
    const document = fixtureDocument();
    const result = loadPack(gz({ ...document, rows: [...document.rows].reverse() }), 'unsorted.json.gz');
    expect(!result.ok && result.error.message).toContain('sorted');
  });

  it('rejects a non-numeric value in a numeric column, naming the row and column', () => {
    const document = fixtureDocument();
    const rows = document.rows.map((row) => [...row]);
    (rows[1] as (string | number)[])[10] = '12';
    const result = loadPack(gz({ ...document, rows }), 'text.json.gz');
    expect(!result.ok && result.error.message).toBe('row 2 (E01999902): imd_rank must be a finite number');
  });

  it('rejects a row of the wrong length', () => {
    const document = fixtureDocument();
    const rows = document.rows.map((row) => row.slice(0, -1));
    expect(loadPack(gz({ ...document, rows }), 'short.json.gz').ok).toBe(false);
  });

  it('rejects missing provenance', () => {
    const { licence: _licence, ...rest } = fixtureDocument();
    const result = loadPack(gz(rest), 'nolicence.json.gz');
    expect(!result.ok && result.error.message).toContain('licence');
  });

  it('reads a version 2 pack: its own text and number columns, the vintage id, and the 2025 geography', () => {
    const document = {
      format: 'fairshare-data-pack',
      version: 2,
      vintage: '2025',
      vintageLabel: 'a made-up fixture vintage',
      title: 'fixture',
      licence: 'fixture licence',
      sources: [],
      fills: {},
      textFields: ['lsoa_code', 'lsoa_name', 'district_code', 'district_name', 'county_code', 'county_name', 'region_code', 'region_name', 'former_district_code', 'former_district_name', 'ward_code', 'ward_name'],
      fields: ['population', 'need_rank'],
      rows: [
        ['F01', 'Fixture 001A', 'D1', 'Dee', 'C1', 'See', 'R1', 'Are', 'O1', 'Old', 'W1', 'Double-u', 100, 3],
        ['F02', 'Fixture 001B', 'D1', 'Dee', 'C1', 'See', 'R1', 'Are', 'O2', 'Older', 'W2', 'Wards', 50, 1],
      ],
    };
    const loaded = loadPackWithMeta(gz(document), 'v2.json.gz');
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.meta.id).toBe('2025');
    expect(loaded.value.meta.vintage).toBe('a made-up fixture vintage');
    expect(loaded.value.dataset.units[1]).toEqual({
      code: 'F02', name: 'Fixture 001B', districtCode: 'D1', districtName: 'Dee', countyCode: 'C1', countyName: 'See',
      regionCode: 'R1', regionName: 'Are', formerDistrictCode: 'O2', formerDistrictName: 'Older', wardCode: 'W2', wardName: 'Wards',
    });
    expect([...(loaded.value.dataset.fields.get('need_rank') ?? [])]).toEqual([3, 1]);
    const noPopulation = loadPack(gz({ ...document, fields: ['need_rank', 'other'] }), 'v2.json.gz');
    expect(!noPopulation.ok && noPopulation.error.message).toContain('the pack has no population column');
  });
});
