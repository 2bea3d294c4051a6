import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BOUNDARY_FILES, parseBoundaries, type Boundaries } from '../../../src/data/parseBoundaries.js';
import { defaultPackPath, readPack } from '../../../src/data/readPack.js';
import { choropleth } from '../../../src/report/svg/choropleth.js';
import { projectBoundaries, type ProjectedMap } from '../../../src/report/svg/projectBoundaries.js';
import { DISTRICT, pathLength, subpaths, threeSquares } from './svgFixtures.js';

const SIZE = { width: 300, height: 200 };
const ALL = new Set(['F01', 'F02', 'F03']);
const districtOf = (code: string): string => DISTRICT[code] ?? '';

function projected(boundaries: Boundaries = threeSquares(), codes: ReadonlySet<string> = ALL): ProjectedMap {
  const result = projectBoundaries(boundaries, codes, districtOf, SIZE);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function bbox(points: readonly (readonly [number, number])[]): { x0: number; y0: number; x1: number; y1: number } {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const near = (a: readonly [number, number], b: readonly [number, number]): boolean => Math.hypot(a[0] - b[0], a[1] - b[1]) < 0.2;

describe('projectBoundaries', () => {
  it('draws one closed path per LSOA, sorted by code, with its name and district', () => {
    const map = projected();
    expect(map.lsoas.map((l) => [l.code, l.name, l.district])).toEqual([
      ['F01', 'Testtown F01', 'D1'],
      ['F02', 'Testtown F02', 'D1'],
      ['F03', 'Testtown F03', 'D2'],
    ]);
    for (const lsoa of map.lsoas) {
      expect(lsoa.d).toMatch(/^M[\d.,L]+Z$/);
      expect(subpaths(lsoa.d)).toHaveLength(1);
    }
    expect(map.missing).toEqual([]);
    expect(map.viewBox).toBe('0 0 300 200');
  });

  it('fits the shapes inside the size, less the padding, touching it on the long side', () => {
    const map = projected();
    const box = bbox(map.lsoas.flatMap((l) => subpaths(l.d).flat()));
    expect(box.x0).toBeGreaterThanOrEqual(4 - 0.05);
    expect(box.y0).toBeGreaterThanOrEqual(4 - 0.05);
    expect(box.x1).toBeLessThanOrEqual(296 + 0.05);
    expect(box.y1).toBeLessThanOrEqual(196 + 0.05);
    // 0.3° of longitude at 52°N is about 1.85 × 0.1° of latitude, so the width is the limit.
    expect(box.x1 - box.x0).toBeCloseTo(292, 0);
    expect((box.x1 - box.x0) / (box.y1 - box.y0)).toBeCloseTo((0.3 * Math.cos((52.05 * Math.PI) / 180)) / 0.1, 1);
  });

  it('keeps north up and west on the left', () => {
    const [f01, , f03] = projected().lsoas.map((l) => bbox(subpaths(l.d).flat()));
    expect(f01!.x0).toBeLessThan(f03!.x0);
    const f01Points = subpaths(projected().lsoas[0]!.d)[0]!;
    // The ring starts at the south-west corner and goes north first: y decreases on screen.
    expect(f01Points[1]![1]).toBeLessThan(f01Points[0]![1]);
  });

  it('rounds coordinates to one decimal place', () => {
    const map = projected();
    for (const d of [...map.lsoas.map((l) => l.d), map.districtBoundaries, map.outline]) {
      expect(d).not.toMatch(/\d\.\d\d/);
    }
  });

  it('draws the border between the two districts once, where F02 meets F03', () => {
    const map = projected();
    const lines = subpaths(map.districtBoundaries);
    expect(lines).toHaveLength(1);
    const f02 = subpaths(map.lsoas[1]!.d)[0]!;
    const f03 = subpaths(map.lsoas[2]!.d)[0]!;
    for (const point of lines[0]!) {
      expect(f02.some((p) => near(p, point))).toBe(true);
      expect(f03.some((p) => near(p, point))).toBe(true);
    }
    // One square's height: not the F01 | F02 border, which is inside district D1.
    const box = bbox(f02);
    expect(pathLength(map.districtBoundaries)).toBeCloseTo(box.y1 - box.y0, 0);
  });

  it('draws the outline of all the LSOAs together as one closed line, without the inner borders', () => {
    const map = projected();
    const lines = subpaths(map.outline);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(near(line[0]!, line[line.length - 1]!)).toBe(true);
    const box = bbox(map.lsoas.flatMap((l) => subpaths(l.d).flat()));
    // The perimeter of the three squares together (within 0.5%: the projection bends them very slightly);
    // the two inner borders would add two squares' heights, about 200 px.
    const perimeter = 2 * (box.x1 - box.x0 + box.y1 - box.y0);
    expect(Math.abs(pathLength(map.outline) - perimeter)).toBeLessThan(perimeter * 0.005);
  });

  it('has no district borders when the LSOAs drawn are all in one district', () => {
    const map = projected(threeSquares(), new Set(['F01', 'F02']));
    expect(map.lsoas.map((l) => l.code)).toEqual(['F01', 'F02']);
    expect(map.districtBoundaries).toBe('');
    expect(subpaths(map.outline)).toHaveLength(1);
  });

  it('draws the same shapes from counterclockwise (RFC 7946) rings', () => {
    const clockwise = projected();
    const counter = projected(threeSquares(true));
    for (const [i, lsoa] of counter.lsoas.entries()) {
      expect(bbox(subpaths(lsoa.d).flat())).toEqual(bbox(subpaths(clockwise.lsoas[i]!.d).flat()));
    }
    expect(pathLength(counter.outline)).toBeCloseTo(pathLength(clockwise.outline), 1);
  });

  it('lists the requested LSOAs that have no boundary, sorted, and draws the rest', () => {
    const map = projected(threeSquares(), new Set(['F03', 'Z09', 'F01', 'Z02']));
    expect(map.lsoas.map((l) => l.code)).toEqual(['F01', 'F03']);
    expect(map.missing).toEqual(['Z02', 'Z09']);
  });

  it('fails with no-boundaries when none of the LSOAs has a boundary', () => {
    const result = projectBoundaries(threeSquares(), new Set(['Z01']), districtOf, SIZE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('no-boundaries');
    expect(result.error.kind).toBe('data');
  });

  it('marks a ward map as one, draws the same shapes, and names wards when none has a boundary', () => {
    const wards = projectBoundaries(threeSquares(), ALL, districtOf, SIZE, { units: 'ward' });
    if (!wards.ok) throw new Error(wards.error.message);
    const { units, ...rest } = wards.value;
    expect(units).toBe('ward');
    expect(rest).toEqual(projected());
    expect(projected().units).toBeUndefined();
    const none = projectBoundaries(threeSquares(), new Set(['Z01']), districtOf, SIZE, { units: 'ward' });
    expect(!none.ok && none.error.message).toBe('none of the 1 wards has a boundary, so there is no map to draw');
  });

  it('leaves its input unchanged', () => {
    const boundaries = threeSquares(true);
    const before = JSON.stringify(boundaries);
    projected(boundaries);
    expect(JSON.stringify(boundaries)).toBe(before);
  });

  it('returns the same paths for the same input', () => {
    expect(projected()).toEqual(projected());
  });
});

// The shipped boundaries, with the shipped pack's districts; skipped if `npm run build:data` has not run.
const boundaryPaths = BOUNDARY_FILES.map((name) => new URL(`../../../data/boundaries/${name}`, import.meta.url));
const haveBoundaries = boundaryPaths.every((url) => existsSync(url));

describe.skipIf(!haveBoundaries)('projectBoundaries on the shipped Northamptonshire boundaries', () => {
  it('draws all 422 LSOAs, seven districts and the county outline, in a choropleth of under 450 kB', async () => {
    const texts = await Promise.all(BOUNDARY_FILES.map(async (file, i) => ({ file, text: await readFile(boundaryPaths[i]!, 'utf8') })));
    const boundaries = parseBoundaries(texts);
    if (!boundaries.ok) throw new Error(boundaries.error.message);
    const pack = await readPack(defaultPackPath('2019'));
    if (!pack.ok) throw new Error(pack.error.message);
    const units = pack.value.dataset.units.filter((unit) => unit.countyCode === 'E10000021');
    const district = new Map(units.map((unit) => [unit.code, unit.districtCode]));

    const result = projectBoundaries(boundaries.value, new Set(district.keys()), (code) => district.get(code) ?? '', {
      width: 600,
      height: 640,
    });
    if (!result.ok) throw new Error(result.error.message);
    const map = result.value;
    expect(map.lsoas).toHaveLength(422);
    expect(map.missing).toEqual([]);
    expect(map.lsoas.every((l) => l.d.startsWith('M'))).toBe(true);
    expect(new Set(map.lsoas.map((l) => l.district)).size).toBe(7);
    // The county is one piece; the two sliver gaps in Corby are left out of its outline.
    expect(subpaths(map.outline)).toHaveLength(1);
    expect(map.districtBoundaries).not.toBe('');

    const population = pack.value.dataset.fields.get('population')!;
    const index = new Map(pack.value.dataset.units.map((unit, i) => [unit.code, i]));
    const svg = choropleth(
      map,
      units.map((unit) => {
        const people = population[index.get(unit.code)!]!;
        return { code: unit.code, value: people, tooltip: `${unit.name} (${unit.code}): ${people} people` };
      }),
      { title: 'People, mid-2015', legend: true, formatValue: (v) => String(v) },
    );
    expect(svg.match(/<path class="lsoa"/g)).toHaveLength(422);
    const bytes = Buffer.byteLength(svg, 'utf8');
    expect(bytes).toBeLessThan(450_000);
  });
});
