/**
 * Projects LSOA boundaries onto a flat drawing: one SVG path per LSOA, plus the lines between districts
 * and the outline of the whole area, ready for choropleth (./choropleth.ts). Ward boundaries are drawn
 * the same way (`units: 'ward'`), one path per ward. Pure: no files, no DOM.
 *
 * Method: d3-geo (Bostock, https://d3js.org/d3-geo) for the projection and the path strings; the shared
 * borders come from a TopoJSON topology (topojson-server `topology`) and topojson-client `mesh`, which
 * keeps each border once, so a line between two districts is drawn once and not twice.
 */
import { geoArea, geoPath, geoTransverseMercator, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import type { Boundaries, BoundaryFeature, BoundaryUnits } from '../../data/parseBoundaries.js';
import { fail, ok, type Result } from '../../engine/errors.js';
import { compareText } from '../../engine/compareText.js';

// The TopoJSON geometry type, taken from mesh's signature (its package is only a transitive dependency).
type GeometryObject = NonNullable<Parameters<typeof mesh>[1]>;

/** One LSOA (or ward, on a ward map), drawn. */
export interface ProjectedLsoa {
  readonly code: string;
  readonly name: string;
  /** Its district, as `districtOf` said. */
  readonly district: string;
  /** The SVG path data, in the map's viewBox coordinates. */
  readonly d: string;
}

/** LSOA shapes and borders in SVG coordinates: x to the right, y down, origin top left. */
export interface ProjectedMap {
  readonly width: number;
  readonly height: number;
  /** `0 0 width height`. */
  readonly viewBox: string;
  /** What the map's areas are; absent means LSOAs. */
  readonly units?: BoundaryUnits;
  /** The LSOAs (or the wards, on a ward map) that have a boundary, sorted by code. */
  readonly lsoas: readonly ProjectedLsoa[];
  /** Path data of every border between two LSOAs of different districts, each drawn once ('' if none). */
  readonly districtBoundaries: string;
  /** Path data of the outline of all the drawn LSOAs together. */
  readonly outline: string;
  /** The requested LSOAs that have no boundary, sorted: if any, the map is incomplete. */
  readonly missing: readonly string[];
}

/** The size of the drawing, in SVG user units (CSS pixels at 100%). */
export interface MapSize {
  readonly width: number;
  readonly height: number;
  /** Space kept clear around the shapes, so the outline's stroke is not cut off; default 4. */
  readonly padding?: number;
}

/** How projectBoundaries draws the map. */
export interface ProjectOptions {
  /**
   * What the boundaries are: `lsoa` (default) or `ward`; said in messages and kept on the map for choropleth.
   */
  readonly units?: BoundaryUnits;
}

/**
 * British National Grid's central meridian (2°W; Ordnance Survey, "A guide to coordinate systems in
 * Great Britain", 2020). Rotating the transverse Mercator to it gives the shapes and the ~1° tilt of the
 * OS maps and council GIS maps readers know.
 */
const BNG_CENTRAL_MERIDIAN = -2;

/**
 * Closed rings of the outline smaller than this (in square pixels) are dropped: the generalised ONS
 * boundaries leave a few sliver gaps between neighbouring LSOAs (two in Corby, under 75 m long), which
 * would otherwise be drawn as stray dots of outline inside the county.
 */
const MIN_RING_AREA = 1;

/**
 * Fits the LSOAs (or, with `units: 'ward'`, the wards) in `codes` into `size` with a transverse
 * Mercator projection on British National Grid's central meridian (conformal, so small areas keep their
 * shape; the same projection as OS maps) and returns their SVG paths (coordinates to 1 decimal place),
 * the borders between districts and the outline. Fails with `no-boundaries` if none of the codes has a
 * boundary.
 * @example
 * const map = projectBoundaries(boundaries, new Set(codes), (code) => districtOf.get(code) ?? '', { width: 600, height: 640 });
 * if (map.ok && map.value.missing.length > 0) console.warn(`${map.value.missing.length} LSOAs are not drawn`);
 * const wardMap = projectBoundaries(wardBoundaries, wardCodes, (code) => councilOf.get(code) ?? '', { width: 480, height: 560 }, { units: 'ward' });
 */
export function projectBoundaries(
  boundaries: Boundaries,
  codes: ReadonlySet<string>,
  districtOf: (code: string) => string,
  size: MapSize,
  options: ProjectOptions = {},
): Result<ProjectedMap> {
  const padding = size.padding ?? 4;
  if (!(size.width > 2 * padding && size.height > 2 * padding)) {
    throw new RangeError(`projectBoundaries: a ${size.width} × ${size.height} map leaves no room inside a padding of ${padding}`);
  }
  const selected = boundaries.features
    .filter((feature) => codes.has(feature.properties.code))
    .map(withD3Winding)
    .sort((a, b) => compareText(a.properties.code, b.properties.code));
  const drawn = new Set(selected.map((feature) => feature.properties.code));
  const missing = [...codes].filter((code) => !drawn.has(code)).sort(compareText);
  if (selected.length === 0) {
    return fail(
      'data',
      'no-boundaries',
      `none of the ${codes.size} ${options.units === 'ward' ? 'wards' : 'LSOAs'} has a boundary, so there is no map to draw`,
      {
        hint: 'The shipped boundaries cover Northamptonshire only (data/boundaries)',
      },
    );
  }

  const collection: FeatureCollection<Polygon | MultiPolygon> = { type: 'FeatureCollection', features: selected };
  const projection = geoTransverseMercator()
    .rotate([-BNG_CENTRAL_MERIDIAN, 0])
    .fitExtent(
      [
        [padding, padding],
        [size.width - padding, size.height - padding],
      ],
      collection,
    );
  const path = geoPath(projection).digits(1);

  const district = new Map<string, string>();
  const lsoas = selected.map((feature): ProjectedLsoa => {
    const { code, name } = feature.properties;
    district.set(code, districtOf(code));
    return { code, name, district: district.get(code) ?? '', d: path(feature) ?? '' };
  });

  // The id of each topology geometry is its LSOA code, so mesh's filter can look up the district.
  const topo = topology({ lsoas: collection });
  const object = topo.objects['lsoas'] as GeometryObject;
  const districtOfGeometry = (g: GeometryObject): string | undefined => district.get(String(g.id));
  const between = mesh(topo, object, (a, b) => a !== b && districtOfGeometry(a) !== districtOfGeometry(b));
  const exterior = mesh(topo, object, (a, b) => a === b);
  const outline: MultiLineString = {
    type: 'MultiLineString',
    coordinates: exterior.coordinates.filter((line) => !isSliver(line, projection)),
  };

  return ok({
    width: size.width,
    height: size.height,
    viewBox: `0 0 ${size.width} ${size.height}`,
    ...(options.units === 'ward' ? { units: 'ward' as const } : {}),
    lsoas,
    districtBoundaries: between.coordinates.length === 0 ? '' : (path(between) ?? ''),
    outline: path(outline) ?? '',
    missing,
  });
}

/**
 * d3-geo reads polygons on the sphere, so a ring's direction says which side is inside: clockwise
 * exteriors (as the ONS files are). A polygon wound the other way (RFC 7946 order) would cover the rest of
 * the globe, so any polygon larger than a hemisphere has its rings reversed.
 */
function withD3Winding(feature: BoundaryFeature): BoundaryFeature {
  const geometry = feature.geometry;
  const rewound: Polygon | MultiPolygon =
    geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: rewindPolygon(geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rewindPolygon) };
  return { type: 'Feature', id: feature.properties.code, properties: feature.properties, geometry: rewound };
}

function rewindPolygon(rings: Position[][]): Position[][] {
  const polygon: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } };
  return geoArea(polygon) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings;
}

/** A closed line whose projected area is under MIN_RING_AREA square pixels (shoelace formula). */
function isSliver(line: Position[], projection: GeoProjection): boolean {
  const first = line[0];
  const last = line[line.length - 1];
  if (first === undefined || last === undefined || first[0] !== last[0] || first[1] !== last[1]) return false;
  let twiceArea = 0;
  let previous = projection([first[0] ?? 0, first[1] ?? 0]);
  for (const position of line.slice(1)) {
    const point = projection([position[0] ?? 0, position[1] ?? 0]);
    if (previous !== null && point !== null) twiceArea += previous[0] * point[1] - point[0] * previous[1];
    previous = point;
  }
  return Math.abs(twiceArea) / 2 < MIN_RING_AREA;
}
