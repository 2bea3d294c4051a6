/**
 * Hand-made geometry and small helpers for the SVG tests: three square "LSOAs" in a row, F01 and F02 in
 * district D1, F03 in district D2, each 0.1° of longitude by 0.1° of latitude, on British National
 * Grid's central meridian (2°W) so the projection barely bends them.
 *
 *   52.1 +-----+-----+-----+
 *        | F01 | F02 | F03 |
 *   52.0 +-----+-----+-----+
 *      -2.1  -2.0  -1.9  -1.8
 */
import type { Boundaries, BoundaryFeature } from '../../../src/data/parseBoundaries.js';
import type { ProjectedMap } from '../../../src/report/svg/projectBoundaries.js';

export const DISTRICT: Readonly<Record<string, string>> = { F01: 'D1', F02: 'D1', F03: 'D2' };

/** A square LSOA; clockwise (d3-geo's order) unless `rfc7946` asks for counterclockwise. */
export function square(code: string, west: number, south: number, rfc7946 = false): BoundaryFeature {
  const [east, north] = [round(west + 0.1), round(south + 0.1)];
  const ring = [
    [west, south],
    [west, north],
    [east, north],
    [east, south],
    [west, south],
  ];
  return {
    type: 'Feature',
    properties: { code, name: `Testtown ${code}` },
    geometry: { type: 'Polygon', coordinates: [rfc7946 ? [...ring].reverse() : ring] },
  };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The three squares, sorted by code as parseBoundaries returns them. */
export function threeSquares(rfc7946 = false): Boundaries {
  return {
    files: ['fixture.geojson'],
    features: [square('F01', -2.1, 52, rfc7946), square('F02', -2.0, 52, rfc7946), square('F03', -1.9, 52, rfc7946)],
  };
}

/** The points of an SVG path from d3-geo (`M x,y L x,y … Z`), one list per subpath. */
export function subpaths(d: string): [number, number][][] {
  return d
    .split('M')
    .filter((part) => part !== '')
    .map((part) => [...part.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]));
}

/** The length of a path's lines (closing segments of `Z` not included). */
export function pathLength(d: string): number {
  let length = 0;
  for (const points of subpaths(d)) {
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1] as [number, number], points[i] as [number, number]];
      length += Math.hypot(b[0] - a[0], b[1] - a[1]);
    }
  }
  return length;
}

/** A map drawn by hand: one unit square per code, side by side, no projection involved. */
export function squaresMap(codes: readonly string[]): ProjectedMap {
  return {
    width: codes.length * 10,
    height: 10,
    viewBox: `0 0 ${codes.length * 10} 10`,
    lsoas: codes.map((code, i) => ({ code, name: `Testtown ${code}`, district: 'D1', d: `M${i * 10},0L${i * 10 + 10},0L${i * 10 + 10},10L${i * 10},10Z` })),
    districtBoundaries: 'M10,0L10,10',
    outline: `M0,0L${codes.length * 10},0L${codes.length * 10},10L0,10L0,0`,
    missing: [],
  };
}

/** Whether every tag is closed in order (a small well-formedness check; no XML parser is installed). */
export function tagsBalance(svg: string): boolean {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing === '/') continue;
    if (closing === '/') {
      if (stack.pop() !== name) return false;
    } else stack.push(name as string);
  }
  return stack.length === 0;
}

/** Attributes of every element with the given tag and class, in document order. */
export function elements(svg: string, tag: string, className?: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of svg.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    const attributes: Record<string, string> = {};
    for (const a of (match[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[a[1] as string] = a[2] as string;
    if (className === undefined || attributes['class'] === className) found.push(attributes);
  }
  return found;
}
