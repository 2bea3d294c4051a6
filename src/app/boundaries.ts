/**
 * The shipped boundaries a report maps an area with: its LSOAs' and, on the 2025 vintage, its wards'.
 * Each reader gives the boundaries of the area's own units and nothing else, with the files read, or one
 * sentence saying why there is no map.
 */
import { wholeText } from '../engine/wording.js';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zlib } from '../data/builtins.js';
import { BOUNDARY_DIR, BOUNDARY_FILES, BOUNDARY_FILES_2021, parseBoundaries, WARD_BOUNDARY_FILES_2025, type Boundaries } from '../data/parseBoundaries.js';
import type { Vintage } from '../data/vintage.js';
import type { Dataset } from '../engine/dataset.js';
import { hasLevel } from '../engine/tabulate.js';
import { unwrap } from './failure.js';
import { readSource } from './inputs.js';
import type { InputFile } from '../data/inputFile.js';

/** The installed data folder, two folders up from this module (in dist/ or src/). */
const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * Beyond this many LSOAs (all of England) the report leaves the maps out: too heavy for a committee paper.
 */
export const MAX_MAP_LSOAS = 5000;

/** The councils whose LSOAs the finer Northamptonshire 2021 boundary file covers. */
const NORTHAMPTONSHIRE_2021 = new Set(['E06000061', 'E06000062']);

/**
 * Boundaries read for a map, with the files they came from; or why there is no map, and the files read to
 * find out.
 */
export interface BoundariesRead {
  readonly boundaries: Boundaries | string;
  readonly provenance: readonly InputFile[];
}

/**
 * The shipped LSOA boundaries of the area's LSOAs and nothing else, or why there is no map. The 2019
 * vintage has Northamptonshire's 2011 LSOAs; the 2025 vintage the finer Northamptonshire 2021 file for
 * North and West Northamptonshire and all of England's 2021 LSOAs (super generalised) for anywhere else.
 * A map is drawn only when every LSOA of the area has its boundary: never a partial map, never another
 * area's. A missing or corrupt boundary file is a Failure naming it.
 */
export async function readLsoaBoundaries(dataset: Dataset, vintage: Vintage | undefined): Promise<BoundariesRead> {
  if (dataset.kind !== 'pack') return { boundaries: 'the data is your own file, and fairshare ships boundaries only for its own LSOAs', provenance: [] };
  if (dataset.units.length > MAX_MAP_LSOAS)
    return { boundaries: `the area has ${wholeText(dataset.units.length)} LSOAs, too many to map legibly on a page`, provenance: [] };
  const codes = new Set(dataset.units.map((u) => u.code));
  const files =
    vintage === '2025'
      ? [dataset.units.every((u) => NORTHAMPTONSHIRE_2021.has(u.districtCode)) ? BOUNDARY_FILES_2021.northamptonshire : BOUNDARY_FILES_2021.england]
      : BOUNDARY_FILES;
  const texts = [];
  const provenance: InputFile[] = [];
  for (const name of files) {
    const source = unwrap(await readSource(resolve(DATA_DIR, BOUNDARY_DIR, name), 'boundaries'));
    texts.push({ file: source.provenance.file, text: (name.endsWith('.gz') ? zlib().gunzipSync(source.bytes) : source.bytes).toString('utf8') });
    provenance.push(source.provenance);
  }
  const boundaries = unwrap(parseBoundaries(texts, { only: codes }));
  const missing = codes.size - boundaries.features.length;
  if (missing > 0)
    return {
      boundaries: `${wholeText(missing)} of its ${wholeText(codes.size)} LSOAs have no boundary in the shipped files`,
      provenance,
    };
  return { boundaries, provenance };
}

/**
 * The shipped ward boundaries of the area's wards and nothing else, or why there is no ward map;
 * undefined when the data has no wards (the 2019 vintage, a `--data` file). Only North and West
 * Northamptonshire's May 2025 wards are shipped (66), so the area must lie within those two councils,
 * and every one of its wards must have a boundary: never a partial map, never another area's wards. A
 * missing or corrupt boundary file is a Failure naming it.
 */
export async function readWardBoundaries(dataset: Dataset, vintage: Vintage | undefined): Promise<BoundariesRead | undefined> {
  if (dataset.kind !== 'pack' || vintage !== '2025' || !hasLevel(dataset, 'ward')) return undefined;
  const wards = new Set(dataset.units.map((u) => u.wardCode ?? ''));
  const councils = [...new Set(dataset.units.map((u) => u.districtCode))].sort();
  if (!councils.every((c) => WARD_BOUNDARY_FILES_2025[c] !== undefined)) {
    return { boundaries: 'fairshare ships ward boundaries only for North and West Northamptonshire (their May 2025 wards)', provenance: [] };
  }
  const texts = [];
  const provenance: InputFile[] = [];
  for (const council of councils) {
    const source = unwrap(await readSource(resolve(DATA_DIR, BOUNDARY_DIR, WARD_BOUNDARY_FILES_2025[council] as string), 'boundaries'));
    texts.push({ file: source.provenance.file, text: source.bytes.toString('utf8') });
    provenance.push(source.provenance);
  }
  const boundaries = unwrap(parseBoundaries(texts, { only: wards, units: 'ward' }));
  const missing = wards.size - boundaries.features.length;
  if (missing > 0) return { boundaries: `${missing} of its ${wards.size} wards have no boundary in the shipped ward files`, provenance };
  return { boundaries, provenance };
}
