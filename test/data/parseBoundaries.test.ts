import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BOUNDARY_DIR, BOUNDARY_FILES, parseBoundaries, WARD_BOUNDARY_FILES_2025, type Boundaries } from '../../src/data/parseBoundaries.js';
import { defaultPackPath, readPack } from '../../src/data/readPack.js';
import type { FairshareError } from '../../src/engine/errors.js';

/** A feature as the ONS files write it, with a square polygon. */
function feature(code: string, name = `Testtown ${code}`, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'Feature',
    properties: { FID: 1, LSOA11CD: code, LSOA11NM: name, LSOA11NMW: name, LADCD_ACTIVE: 'E06999999', ...extra },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-1, 52],
          [-1, 52.1],
          [-0.9, 52.1],
          [-0.9, 52],
          [-1, 52],
        ],
      ],
    },
  };
}

const collection = (...features: unknown[]): string =>
  JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, features });

function parsed(...texts: { file: string; text: string }[]): Boundaries {
  const result = parseBoundaries(texts);
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(text: string, file = 'mine.geojson'): FairshareError {
  const result = parseBoundaries([{ file, text }]);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('parseBoundaries', () => {
  it('keeps each feature with only its LSOA code and name, sorted by code across files', () => {
    const boundaries = parsed(
      { file: 'b.geojson', text: collection(feature('F03'), feature('F01', 'First')) },
      { file: 'a.geojson', text: collection(feature('F02')) },
    );
    expect(boundaries.files).toEqual(['b.geojson', 'a.geojson']);
    expect(boundaries.features.map((f) => f.properties)).toEqual([
      { code: 'F01', name: 'First' },
      { code: 'F02', name: 'Testtown F02' },
      { code: 'F03', name: 'Testtown F03' },
    ]);
    expect(boundaries.features[0]?.type).toBe('Feature');
    expect(boundaries.features[0]?.geometry.type).toBe('Polygon');
    expect(boundaries.features[0]?.geometry.coordinates[0]).toHaveLength(5);
  });

  it('accepts MultiPolygon geometry, lower-case property names and a file without a crs', () => {
    const multi = {
      type: 'Feature',
      properties: { lsoa11cd: 'F01', lsoa11nm: 'Islands' },
      geometry: { type: 'MultiPolygon', coordinates: [(feature('x').geometry as { coordinates: unknown }).coordinates] },
    };
    const boundaries = parsed({ file: 'm.geojson', text: JSON.stringify({ type: 'FeatureCollection', features: [multi] }) });
    expect(boundaries.features[0]?.properties).toEqual({ code: 'F01', name: 'Islands' });
    expect(boundaries.features[0]?.geometry.type).toBe('MultiPolygon');
  });

  it('reads no files as no boundaries', () => {
    expect(parsed()).toEqual({ files: [], features: [] });
  });

  it('rejects a file that is not JSON, naming the file', () => {
    const error = failure('{"type": "FeatureCollection", ', 'broken.geojson');
    expect(error).toMatchObject({ kind: 'data', code: 'bad-boundaries', location: { file: 'broken.geojson' } });
    expect(error.message).toMatch(/^not a JSON file/);
    expect(error.hint).toContain('npm run build:data');
  });

  it('rejects JSON that is not a FeatureCollection', () => {
    expect(failure(JSON.stringify(feature('F01'))).message).toBe('expected a GeoJSON FeatureCollection');
    expect(failure('[]').message).toBe('expected a GeoJSON FeatureCollection');
    expect(failure(JSON.stringify({ type: 'FeatureCollection' })).message).toBe('"features" must be a list');
  });

  it('rejects a feature without an LSOA code, naming the file and the feature', () => {
    const noCode = feature('F02');
    delete (noCode['properties'] as Record<string, unknown>)['LSOA11CD'];
    const error = failure(collection(feature('F01'), noCode), 'north.geojson');
    expect(error).toMatchObject({ kind: 'data', code: 'bad-boundaries', location: { file: 'north.geojson' } });
    expect(error.message).toContain('features[1].properties');
    expect(error.message).toContain('LSOA11CD');
    expect(failure(collection(feature(' '))).message).toContain('features[0].properties has no LSOA code');
    expect(failure(collection({ ...feature('F01'), properties: null })).message).toContain('features[0].properties must be an object');
  });

  it('rejects a feature without an LSOA name', () => {
    const noName = feature('F01');
    delete (noName['properties'] as Record<string, unknown>)['LSOA11NM'];
    expect(failure(collection(noName)).message).toBe('features[0].properties has no LSOA name (LSOA11NM) for LSOA F01');
  });

  it('rejects geometry that is not a Polygon or MultiPolygon, or missing', () => {
    const point = { ...feature('F01'), geometry: { type: 'Point', coordinates: [-1, 52] } };
    expect(failure(collection(feature('F00'), point)).message).toBe(
      'features[1].geometry (LSOA F01) is a "Point"; expected a Polygon or MultiPolygon',
    );
    expect(failure(collection({ ...feature('F01'), geometry: null })).message).toBe('features[0].geometry (LSOA F01) is missing');
    expect(failure(collection({ ...feature('F01'), type: 'Thing' })).message).toBe('features[0] must be a GeoJSON Feature');
  });

  it('rejects malformed rings and positions', () => {
    const open = { ...feature('F01'), geometry: { type: 'Polygon', coordinates: [[[-1, 52], [-1, 52.1], [-1, 52]]] } };
    expect(failure(collection(open)).message).toContain('has a ring with fewer than four positions');
    const text = { ...feature('F01'), geometry: { type: 'Polygon', coordinates: [[['a', 52], [-1, 52.1], [-0.9, 52], ['a', 52]]] } };
    expect(failure(collection(text)).message).toContain('has a position that is not two numbers');
  });

  it('rejects British National Grid coordinates, by their values or by the crs', () => {
    const bng = {
      ...feature('F01'),
      geometry: { type: 'Polygon', coordinates: [[[488370, 288799], [488370, 288899], [488470, 288899], [488370, 288799]]] },
    };
    expect(failure(JSON.stringify({ type: 'FeatureCollection', features: [bng] })).message).toContain(
      'has the position [488370, 288799], which is not a WGS84 longitude/latitude',
    );
    const crs = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } }, features: [] };
    expect(failure(JSON.stringify(crs)).message).toBe('the coordinates are in urn:ogc:def:crs:EPSG::27700; expected WGS84 longitude/latitude (CRS84)');
  });

  it('rejects an LSOA that appears twice, in one file or across files', () => {
    expect(failure(collection(feature('F01'), feature('F01')))).toMatchObject({
      code: 'duplicate-boundary',
      message: 'features[1]: LSOA F01 has a boundary earlier in this file too',
    });
    const result = parseBoundaries([
      { file: 'a.geojson', text: collection(feature('F01')) },
      { file: 'b.geojson', text: collection(feature('F01')) },
    ]);
    expect(!result.ok && result.error).toMatchObject({
      code: 'duplicate-boundary',
      message: 'features[0]: LSOA F01 has a boundary in a.geojson too',
      location: { file: 'b.geojson' },
    });
  });

  it('names the two shipped boundary files', () => {
    expect(BOUNDARY_DIR).toBe('boundaries');
    expect(BOUNDARY_FILES).toEqual([
      'lsoa11_boundaries_E06000061_north_northamptonshire.geojson',
      'lsoa11_boundaries_E06000062_west_northamptonshire.geojson',
    ]);
  });
});

// The shipped boundaries; skipped if `npm run build:data` has not copied them into data/boundaries.
const shipped = BOUNDARY_FILES.map((name) => new URL(`../../data/${BOUNDARY_DIR}/${name}`, import.meta.url));
const haveBoundaries = shipped.every((url) => existsSync(url));

describe.skipIf(!haveBoundaries)('parseBoundaries on the shipped boundary files', () => {
  it("holds exactly the pack's 422 Northamptonshire LSOAs, with the pack's names", async () => {
    const texts = await Promise.all(BOUNDARY_FILES.map(async (file, i) => ({ file, text: await readFile(shipped[i]!, 'utf8') })));
    const boundaries = parseBoundaries(texts);
    if (!boundaries.ok) throw new Error(boundaries.error.message);
    expect(boundaries.value.features).toHaveLength(422);

    const pack = await readPack(defaultPackPath('2019'));
    if (!pack.ok) throw new Error(pack.error.message);
    const units = pack.value.dataset.units.filter((unit) => unit.countyCode === 'E10000021');
    expect(units).toHaveLength(422);
    // Both lists are sorted by code.
    expect(boundaries.value.features.map((f) => f.properties.code)).toEqual(units.map((unit) => unit.code));
    expect(boundaries.value.features.map((f) => f.properties.name)).toEqual(units.map((unit) => unit.name));

    const counts = await Promise.all(texts.map((t) => parseBoundaries([t])));
    expect(counts.map((c) => c.ok && c.value.features.length)).toEqual([194, 228]);
  });
});

describe('parseBoundaries on the 2021 LSOAs', () => {
  /** A fixture feature with the 2021 property names only. */
  const feature2021 = (code: string): Record<string, unknown> => {
    const { properties: _, ...rest } = feature(code);
    return { ...rest, properties: { LSOA21CD: code, LSOA21NM: `Testtown ${code}` } };
  };

  it('reads LSOA21CD and LSOA21NM as well as the 2011 names', () => {
    const result = parsed({ file: 'lsoa21.geojson', text: collection(feature2021('F21B'), feature2021('F21A')) });
    expect(result.features.map((f) => f.properties)).toEqual([
      { code: 'F21A', name: 'Testtown F21A' },
      { code: 'F21B', name: 'Testtown F21B' },
    ]);
  });

  it('keeps only the codes asked for, skipping the rest before checking them', () => {
    const broken = { ...feature2021('F21C'), geometry: null };
    const result = parseBoundaries([{ file: 'lsoa21.geojson', text: collection(feature2021('F21A'), broken, feature2021('F21B')) }], { only: new Set(['F21B']) });
    expect(result.ok && result.value.features.map((f) => f.properties.code)).toEqual(['F21B']);
  });
});

describe('parseBoundaries on ward boundaries', () => {
  /** A fixture feature as the May 2025 ward files write it. */
  const ward = (code: string, name = `Ward ${code}`): Record<string, unknown> => {
    const { properties: _, ...rest } = feature(code);
    return { ...rest, properties: { FID: 1, WD25CD: code, WD25NM: name, WD25NMW: ' ', LAD25CD: 'E06999999' } };
  };

  it('reads WD25CD and WD25NM with units: ward, keeping only the codes asked for', () => {
    const result = parseBoundaries([{ file: 'ward25.geojson', text: collection(ward('W02'), ward('W01', 'Avondale Grange'), ward('W03')) }], {
      units: 'ward',
      only: new Set(['W01', 'W02']),
    });
    expect(result.ok && result.value.features.map((f) => f.properties)).toEqual([
      { code: 'W01', name: 'Avondale Grange' },
      { code: 'W02', name: 'Ward W02' },
    ]);
  });

  it('names wards, not LSOAs, in its messages, and does not read a ward file as LSOAs', () => {
    const wards = (text: string) => parseBoundaries([{ file: 'ward25.geojson', text }], { units: 'ward' });
    const twice = wards(collection(ward('W01'), ward('W01')));
    expect(!twice.ok && twice.error.message).toBe('features[1]: ward W01 has a boundary earlier in this file too');
    const lsoa = wards(collection(feature('F01')));
    expect(!lsoa.ok && lsoa.error.message).toBe('features[0].properties has no ward code: expected a property WD25CD holding a code such as E05016203');
    const asLsoas = parseBoundaries([{ file: 'ward25.geojson', text: collection(ward('W01')) }]);
    expect(!asLsoas.ok && asLsoas.error.message).toContain('has no LSOA code');
  });

  it('names the two shipped ward files, by council', () => {
    expect(WARD_BOUNDARY_FILES_2025).toEqual({
      E06000061: 'ward25_E06000061_north_northamptonshire.geojson',
      E06000062: 'ward25_E06000062_west_northamptonshire.geojson',
    });
  });
});

// The shipped ward files against the 2025 pack's wards; skipped if `npm run build:data` has not run.
const wardFiles = Object.entries(WARD_BOUNDARY_FILES_2025).map(([council, name]) => ({ council, name, url: new URL(`../../data/${BOUNDARY_DIR}/${name}`, import.meta.url) }));

describe.skipIf(!wardFiles.every((f) => existsSync(f.url)))('parseBoundaries on the shipped ward files', () => {
  it("holds exactly the wards each council's LSOAs get in the 2025 pack (31 North, 35 West), with the pack's names", async () => {
    const pack = await readPack(defaultPackPath('2025'));
    if (!pack.ok) throw new Error(pack.error.message);
    const counts: number[] = [];
    for (const { council, name, url } of wardFiles) {
      const parsedFile = parseBoundaries([{ file: name, text: await readFile(url, 'utf8') }], { units: 'ward' });
      if (!parsedFile.ok) throw new Error(parsedFile.error.message);
      const wards = new Map(pack.value.dataset.units.filter((u) => u.districtCode === council).map((u) => [u.wardCode, u.wardName]));
      const features = parsedFile.value.features.map((f) => f.properties);
      expect(features.map((f) => f.code)).toEqual([...wards.keys()].sort());
      expect(features.every((f) => wards.get(f.code) === f.name)).toBe(true);
      counts.push(features.length);
    }
    expect(counts).toEqual([31, 35]);
  });
});
