import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPack } from '../../build/buildPack.js';
import { encodePack } from '../../build/encodePack.js';
import { V2019 } from '../../build/vintages/v2019.js';
import { loadPackWithMeta } from '../../src/data/loadPack.js';
import { decodePack } from '../../src/data/packBinary.js';
import type { PackDocumentV2 } from '../../src/data/packFormat.js';
import type { FairshareError } from '../../src/engine/errors.js';
import { fixtureInputs } from '../build/packFixtures.js';

/** A small made-up version 2 document, with the 2025 geography and every kind of number column. */
function fixture(): PackDocumentV2 {
  return {
    format: 'fairshare-data-pack',
    version: 2,
    vintage: '2025',
    vintageLabel: 'a made-up fixture vintage',
    title: 'fixture',
    licence: 'fixture licence',
    sources: [{ file: 'fixture.csv', sha256: 'f'.repeat(64) }],
    fills: { count: 1 },
    textFields: ['lsoa_code', 'lsoa_name', 'district_code', 'district_name', 'county_code', 'county_name', 'region_code', 'region_name', 'former_district_code', 'former_district_name', 'ward_code', 'ward_name'],
    fields: ['population', 'flag', 'rank', 'count', 'signed', 'rate'],
    rows: [
      ['F01', 'Fixture 001A, “quoted”', 'D1', 'Dee', 'C1', 'See', 'R1', 'Are', 'O1', 'Old', 'W1', 'Ŵard', 100, 1, 33_755, 70_000, -5, 0.1],
      ['F02', 'Fixture 001B', 'D1', 'Dee', 'C1', 'See', 'R1', 'Are', 'O2', 'Older', 'W2', 'Wards', 50, 0, 1, 5, 3, 1 / 3],
      ['F03', '__proto__', 'D2', 'Dee two', 'C1', 'See', 'R1', 'Are', 'O2', 'Older', 'W2', 'Wards', 0, 1, 2, 4_000_000_000, 0, 2.5e-300],
    ],
  };
}

function gz(document: unknown): Uint8Array {
  return gzipSync(Buffer.from(JSON.stringify(document), 'utf8'));
}

function refused(bytes: Uint8Array): FairshareError {
  const loaded = decodePack(bytes, 'broken.pack');
  if (loaded.ok) throw new Error('expected a refusal');
  return loaded.error;
}

describe('the binary pack', () => {
  it('decodes to exactly what the same document gives as gzipped JSON: units, every field bit for bit, provenance', () => {
    for (const document of [fixture(), (() => {
      const built = buildPack(V2019, fixtureInputs());
      if (!built.ok) throw new Error(built.error.message);
      return built.value.json;
    })()]) {
      const binary = decodePack(encodePack(document), 'x');
      const json = loadPackWithMeta(gz(document), 'x');
      if (!binary.ok || !json.ok) throw new Error('did not load');
      // The pack's fields are a Map of its own (each column widened when first read): compare the entries.
      const { dataset, meta } = binary.value;
      expect({ dataset: { ...dataset, fields: new Map(dataset.fields) }, meta }).toEqual(json.value);
      expect([...dataset.fields.keys()]).toEqual([...json.value.dataset.fields.keys()]);
    }
  });

  it('stores each number column in the narrowest exact type, and text that repeats as a dictionary', () => {
    const bytes = encodePack(fixture());
    const header = JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(12)).toString('utf8'));
    expect(Object.fromEntries(header.numbers.map((c: { name: string; type: string }) => [c.name, c.type]))).toEqual({
      population: 'u8',
      flag: 'u8',
      rank: 'u16',
      count: 'u32',
      signed: 'i32',
      rate: 'f64',
    });
    expect(Object.fromEntries(header.text.map((c: { name: string; kind: string }) => [c.name, c.kind]))).toMatchObject({ lsoa_code: 'lines', lsoa_name: 'lines', district_code: 'dictionary' });
    expect(bytes.subarray(0, 9).toString('latin1')).toBe('FSHRPACK\u0004');
  });

  it('writes the same bytes for the same document', () => {
    expect(encodePack(fixture()).equals(encodePack(fixture()))).toBe(true);
  });

  it('is read through loadPack like any pack, and loadPack tells it from gzipped JSON', () => {
    const loaded = loadPackWithMeta(encodePack(fixture()), 'fixture.pack');
    expect(loaded.ok && loaded.value.dataset.units.map((u) => u.name)).toEqual(['Fixture 001A, “quoted”', 'Fixture 001B', '__proto__']);
  });

  it('refuses an unknown version, naming the file, and what is not a pack', () => {
    const future = Buffer.from(encodePack(fixture()));
    future[8] = 5;
    expect(refused(future)).toMatchObject({ code: 'unsupported-pack-version', location: { file: 'broken.pack' } });
    expect(refused(Buffer.from('PK\u0003\u0004 not a pack at all')).code).toBe('bad-pack');
  });

  it('refuses a truncated file and a column outside the file', () => {
    const whole = encodePack(fixture());
    expect(refused(whole.subarray(0, whole.length - 8)).message).toMatch(/do(es)? not fit the file/);
    expect(refused(whole.subarray(0, 40)).message).toMatch(/header/);
  });

  it('throws, naming the file, when rows it reads are out of order or hold a number that is not finite', () => {
    const loaded = (document: PackDocumentV2) => {
      const result = decodePack(encodePack(document), 'broken.pack');
      if (!result.ok) throw new Error(result.error.message);
      return result.value.dataset;
    };
    const unsorted = fixture();
    const backwards = loaded({ ...unsorted, rows: [...unsorted.rows].reverse() });
    expect(() => backwards.units).toThrow(/broken\.pack is broken: rows must be sorted by lsoa_code/);
    expect(() => backwards.index?.pick([0, 1])).toThrow(/sorted by lsoa_code/);
    const nan = fixture();
    const notFinite = loaded({ ...nan, rows: nan.rows.map((row, i) => (i === 1 ? [...row.slice(0, -1), Number.NaN] : row)) });
    expect(() => notFinite.fields.get('rate')).toThrow(/broken\.pack is broken: row 2: rate must be a finite number/);
    expect(() => notFinite.index?.pick([1, 2])).toThrow(/row 2: rate must be a finite number/);
    // The rows that are fine still read.
    expect(notFinite.index?.pick([0]).fields.get('rate')).toEqual(new Float64Array([0.1]));
  });

  it('groups rows by district, county, region, former district and ward, and picks an area without reading the rest', () => {
    const result = decodePack(encodePack(fixture()), 'fixture.pack');
    if (!result.ok) throw new Error(result.error.message);
    const index = result.value.dataset.index;
    if (index === undefined) throw new Error('no index');
    const rowsOf = (field: Parameters<typeof index.groups>[0]) => index.groups(field)?.map((g) => [index.place(g.first), g.rows()]);
    expect(rowsOf('districtCode')?.map(([place, rows]) => [(place as { districtCode: string }).districtCode, rows])).toEqual([
      ['D1', [0, 1]],
      ['D2', [2]],
    ]);
    expect(index.groups('formerDistrictCode')?.map((g) => g.rows())).toEqual([[0], [1, 2]]);
    expect(index.groups('wardCode')?.map((g) => g.rows())).toEqual([[0], [1, 2]]);
    const picked = index.pick([1, 2]);
    expect(picked.units.map((u) => u.code)).toEqual(['F02', 'F03']);
    expect(picked.fields.get('count')).toEqual(new Float64Array([5, 4_000_000_000]));
    expect(index.unit(0).name).toBe('Fixture 001A, “quoted”');
  });

  it('will not write a text value with a line feed in it', () => {
    const document = fixture();
    expect(() => encodePack({ ...document, rows: document.rows.map((row, i) => (i === 0 ? ['F01', 'two\nlines', ...row.slice(2)] : row)) })).toThrow(/line feed/);
  });
});
