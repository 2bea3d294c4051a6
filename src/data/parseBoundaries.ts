/**
 * Reads the LSOA boundary files (data/boundaries/*.geojson, see data/README.md "Boundaries") into
 * features that carry only an LSOA code and name, and the ward boundary files (`units: 'ward'`) into
 * features that carry a ward code and name. Pure: the caller reads the files and passes their text.
 *
 * Source: ONS, generalised Lower Layer Super Output Area (2011) boundaries, WGS84. Each feature's properties
 * hold `LSOA11CD` (code) and `LSOA11NM`
 * (name), among others (FID, LSOA11NMW, BNG_E, BNG_N, LONG, LAT, GlobalID, LADCD_ACTIVE, ...), which
 * are dropped here.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { fail, ok, type ErrorCode, type Result } from '../engine/errors.js';
import { compareText } from '../engine/compareText.js';

/** The boundary files fairshare ships, in `data/boundaries/`: together Northamptonshire's 422 LSOAs. */
export const BOUNDARY_FILES: readonly string[] = [
  'lsoa11_boundaries_E06000061_north_northamptonshire.geojson',
  'lsoa11_boundaries_E06000062_west_northamptonshire.geojson',
];

/**
 * The 2021 LSOA boundary files (the 2025 vintage): Northamptonshire's, finer, and all of England's, super
 * generalised.
 */
export const BOUNDARY_FILES_2021 = {
  northamptonshire: 'lsoa21_north_and_west_northamptonshire.geojson',
  england: 'lsoa21_england_super_generalised.geojson.gz',
} as const;

/**
 * The ward boundary files (the 2025 vintage), by council: the May 2025 wards (`WD25CD`, `WD25NM`) of
 * North and West Northamptonshire, exactly the wards their LSOAs get in the 2025 pack. No other council's
 * wards are shipped.
 */
export const WARD_BOUNDARY_FILES_2025: Readonly<Record<string, string>> = {
  E06000061: 'ward25_E06000061_north_northamptonshire.geojson',
  E06000062: 'ward25_E06000062_west_northamptonshire.geojson',
};

/** The folder inside the package's `data/` that holds BOUNDARY_FILES. */
export const BOUNDARY_DIR = 'boundaries';

/** What a boundary feature keeps from the file's properties. */
export interface BoundaryProperties {
  /** LSOA code, e.g. `E01026949` (or a ward code, e.g. `E05016203`, in a ward file). */
  readonly code: string;
  /** LSOA name, e.g. `Corby 005A` (or a ward name, e.g. `Avondale Grange`). */
  readonly name: string;
}

/** One LSOA's (or ward's) boundary: WGS84 longitude/latitude, as published. */
export type BoundaryFeature = Feature<Polygon | MultiPolygon, BoundaryProperties>;

/** The parsed boundary files. */
export interface Boundaries {
  /** The files read, in the order given. */
  readonly files: readonly string[];
  /** One feature per LSOA, sorted by code (plain character-code order). */
  readonly features: readonly BoundaryFeature[];
}

/** One boundary file: its name (for messages) and its text. */
export interface BoundaryText {
  readonly file: string;
  readonly text: string;
}

/** What the features of a boundary file are: LSOAs (2011 or 2021) or wards (May 2025). */
export type BoundaryUnits = 'lsoa' | 'ward';

/**
 * Property names, matched ignoring case (the ONS names: `LSOA11CD`/`LSOA11NM` for the 2011 LSOAs,
 * `LSOA21CD`/`LSOA21NM` for the 2021 ones, `WD25CD`/`WD25NM` for the May 2025 wards), and the words the
 * messages use.
 */
const UNITS: Readonly<Record<BoundaryUnits, { codes: readonly string[]; names: readonly string[]; noun: string; codeProperty: string; nameProperty: string; example: string }>> = {
  lsoa: { codes: ['lsoa11cd', 'lsoa21cd'], names: ['lsoa11nm', 'lsoa21nm'], noun: 'LSOA', codeProperty: 'LSOA11CD', nameProperty: 'LSOA11NM', example: 'E01026949' },
  ward: { codes: ['wd25cd'], names: ['wd25nm'], noun: 'ward', codeProperty: 'WD25CD', nameProperty: 'WD25NM', example: 'E05016203' },
};

const HINT = 'Rebuild data/boundaries with `npm run build:data`, or see data/README.md, section Boundaries';

export interface ParseBoundariesOptions {
  /** Keep only these LSOA (or ward) codes (the area's), skipping every other feature before it is checked. */
  readonly only?: ReadonlySet<string>;
  /** What the features are: `lsoa` (default; `LSOA11CD`/`LSOA21CD`) or `ward` (`WD25CD`, `WD25NM`). */
  readonly units?: BoundaryUnits;
}

/**
 * Parses GeoJSON FeatureCollections of LSOA boundaries (Polygon or MultiPolygon geometry, WGS84
 * longitude/latitude, properties `LSOA11CD` and `LSOA11NM`, or `LSOA21CD` and `LSOA21NM`), or with
 * `units: 'ward'` of ward boundaries (`WD25CD`, `WD25NM`); fails with a `data` error naming the file
 * and the JSON path of the feature (e.g. `features[12].properties.LSOA11CD`) for anything else, and for
 * an LSOA (or ward) that appears twice.
 * @example
 * const boundaries = parseBoundaries([{ file: 'north.geojson', text: readFileSync('north.geojson', 'utf8') }]);
 * if (boundaries.ok) boundaries.value.features.length; // 194
 * const wards = parseBoundaries([{ file: 'ward25_E06000061_north_northamptonshire.geojson', text }], { units: 'ward' }); // 31 features
 */
export function parseBoundaries(texts: readonly BoundaryText[], options: ParseBoundariesOptions = {}): Result<Boundaries> {
  const features: BoundaryFeature[] = [];
  const seen = new Map<string, string>();
  const units = UNITS[options.units ?? 'lsoa'];
  const { noun } = units;
  for (const { file, text } of texts) {
    const bad = (message: string, code: ErrorCode = 'bad-boundaries'): Result<Boundaries> =>
      fail('data', code, message, { hint: HINT, location: { file } });

    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      return bad(`not a JSON file (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isObject(doc) || doc['type'] !== 'FeatureCollection') return bad('expected a GeoJSON FeatureCollection');
    const crs = crsName(doc['crs']);
    if (crs !== undefined && !/CRS84|4326/.test(crs)) {
      return bad(`the coordinates are in ${crs}; expected WGS84 longitude/latitude (CRS84)`);
    }
    const list = doc['features'];
    if (!Array.isArray(list)) return bad('"features" must be a list');

    for (const [i, feature] of list.entries()) {
      const at = `features[${i}]`;
      if (!isObject(feature) || feature['type'] !== 'Feature') return bad(`${at} must be a GeoJSON Feature`);
      const properties = feature['properties'];
      if (!isObject(properties)) return bad(`${at}.properties must be an object holding ${units.codeProperty} and ${units.nameProperty}`);
      const codeKey = findFirstKey(properties, units.codes);
      const rawCode = codeKey === undefined ? undefined : properties[codeKey];
      const code = typeof rawCode === 'string' ? rawCode.trim() : '';
      if (code === '') {
        return bad(`${at}.properties has no ${noun} code: expected a property ${units.codeProperty} holding a code such as ${units.example}`);
      }
      if (options.only !== undefined && !options.only.has(code)) continue;
      const nameKey = findFirstKey(properties, units.names);
      const name = nameKey === undefined ? undefined : properties[nameKey];
      if (typeof name !== 'string') return bad(`${at}.properties has no ${noun} name (${units.nameProperty}) for ${noun} ${code}`);

      const geometry = checkGeometry(feature['geometry']);
      if (typeof geometry === 'string') return bad(`${at}.geometry (${noun} ${code}) ${geometry}`);

      const earlier = seen.get(code);
      if (earlier !== undefined) {
        const where = earlier === file ? 'earlier in this file' : `in ${earlier}`;
        return bad(`${at}: ${noun} ${code} has a boundary ${where} too`, 'duplicate-boundary');
      }
      seen.set(code, file);
      features.push({ type: 'Feature', properties: { code, name }, geometry });
    }
  }
  features.sort((a, b) => compareText(a.properties.code, b.properties.code));
  return ok({ files: texts.map((t) => t.file), features });
}

/** The geometry if it is a well-formed Polygon or MultiPolygon in longitude/latitude, else what is wrong. */
function checkGeometry(geometry: unknown): Polygon | MultiPolygon | string {
  if (!isObject(geometry)) return 'is missing';
  const type = geometry['type'];
  const coordinates = geometry['coordinates'];
  if (type === 'Polygon') {
    const problem = checkPolygon(coordinates);
    return problem ?? { type, coordinates: coordinates as Position[][] };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return 'must hold a list of polygons';
    for (const polygon of coordinates) {
      const problem = checkPolygon(polygon);
      if (problem !== undefined) return problem;
    }
    return { type, coordinates: coordinates as Position[][][] };
  }
  return `is a ${JSON.stringify(type) ?? 'nothing'}; expected a Polygon or MultiPolygon`;
}

function checkPolygon(rings: unknown): string | undefined {
  if (!Array.isArray(rings) || rings.length === 0) return 'must hold a list of rings';
  for (const ring of rings) {
    // A closed ring needs at least four positions (RFC 7946, 3.1.6).
    if (!Array.isArray(ring) || ring.length < 4) return 'has a ring with fewer than four positions';
    for (const position of ring) {
      if (!Array.isArray(position) || position.length < 2) return 'has a position that is not [longitude, latitude]';
      const [lon, lat] = position as unknown[];
      if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
        return 'has a position that is not two numbers';
      }
      // Eastings and northings (British National Grid) are the likely mistake here.
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        return `has the position [${lon}, ${lat}], which is not a WGS84 longitude/latitude`;
      }
    }
  }
  return undefined;
}

function crsName(crs: unknown): string | undefined {
  if (!isObject(crs)) return undefined;
  const properties = crs['properties'];
  if (!isObject(properties)) return undefined;
  const name = properties['name'];
  return typeof name === 'string' ? name : undefined;
}

/** The first of the wanted names (lower case) that the object has as a key, ignoring case. */
function findFirstKey(object: Record<string, unknown>, wanted: readonly string[]): string | undefined {
  for (const name of wanted) {
    const key = Object.keys(object).find((k) => k.toLowerCase() === name);
    if (key !== undefined) return key;
  }
  return undefined;
}


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
