/**
 * The check made on the 2021 boundary files before they are copied: a GeoJSON FeatureCollection of
 * Polygon or MultiPolygon features, each with a code in the named property, none repeated. Pure.
 * (The 2011 LSOA files are checked with the runtime reader, parseBoundaries, which reads `LSOA11CD`.)
 */
import { fail, ok, type Result } from '../src/engine/errors.js';

/**
 * The codes of a boundary file's features, by the given property (matched ignoring case).
 * @example featureCodes({ file: 'wards.geojson', text }, 'WD25CD') // ok(Set { 'E05016206', … })
 */
export function featureCodes(source: { readonly file: string; readonly text: string }, property: string): Result<Set<string>> {
  const bad = (message: string): Result<Set<string>> => fail('data', 'bad-boundaries', message, { location: { file: source.file } });
  let doc: unknown;
  try {
    doc = JSON.parse(source.text);
  } catch (error) {
    return bad(`not a JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(doc) || doc['type'] !== 'FeatureCollection' || !Array.isArray(doc['features'])) return bad('expected a GeoJSON FeatureCollection');
  const codes = new Set<string>();
  const wanted = property.toLowerCase();
  for (const [i, feature] of (doc['features'] as unknown[]).entries()) {
    const geometry = isObject(feature) ? feature['geometry'] : undefined;
    if (!isObject(geometry) || (geometry['type'] !== 'Polygon' && geometry['type'] !== 'MultiPolygon') || !Array.isArray(geometry['coordinates'])) {
      return bad(`features[${i}]: expected Polygon or MultiPolygon geometry`);
    }
    const properties = isObject(feature) ? feature['properties'] : undefined;
    const key = isObject(properties) ? Object.keys(properties).find((k) => k.toLowerCase() === wanted) : undefined;
    const code = key === undefined || !isObject(properties) ? undefined : properties[key];
    if (typeof code !== 'string' || code.trim() === '') return bad(`features[${i}].properties.${property}: expected a code`);
    if (codes.has(code)) return bad(`features[${i}]: ${code} appears twice`);
    codes.add(code);
  }
  return ok(codes);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
