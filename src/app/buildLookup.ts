/**
 * The `lookup build` use case: a share lookup (LSOA → ward or division) counted from point data (e.g.
 * postcodes), checked against the LSOAs of the shipped data, with the LSOAs of an area it leaves
 * uncovered. The rows are returned, not written: the CSV or workbook is the caller's to make
 * (src/report/lookupTable.ts) and write. Not to be confused with build/buildLookups.ts, which makes the
 * shipped lookups at build time.
 */
import { basename, resolve } from 'node:path';
import type { Area } from '../data/area.js';
import { parsePoints } from '../data/parsePoints.js';
import { sharesFromPoints, type PointsLookupRow } from '../data/sharesFromPoints.js';
import type { Vintage } from '../data/vintage.js';
import type { AppIo } from './context.js';
import { unwrap } from './failure.js';
import { codeHints, loadInputs, readSource, userTable } from './inputs.js';
import { vintageOf } from './runFormula.js';
import { inputFile, type InputFile } from '../data/inputFile.js';
import { packLicence } from '../data/packFormat.js';

/** A points file already read: its bytes or text, and the name messages and provenance call it by. */
export interface PointsContents {
  /** The file's name (`postcodes.csv`); provenance records it without its folder. */
  readonly name: string;
  /** The file's bytes (a CSV or an .xlsx workbook) or its text. */
  readonly contents: Uint8Array | string;
}

/** What `buildLookup` is given. */
export interface BuildLookupOptions {
  /**
   * The points, one row per point with `lsoa_code`, `area_code`, `area_name` and optionally `weight`
   * (default 1): the path of a CSV or .xlsx file (relative to `io.cwd`), or a file already read.
   */
  readonly points: string | PointsContents;
  /** The area whose LSOAs without points are listed as uncovered (default Northamptonshire). */
  readonly area?: string;
  /** The shipped data whose LSOA codes the points must use: `'2025'` (default) or `'2019'`. */
  readonly vintage?: string;
  /** The sheet to read of a workbook points file (default its first). */
  readonly sheet?: string;
}

/** A lookup counted from points: plain data, shares as exact decimal text. */
export interface BuiltLookup {
  /** `lsoaCode, areaCode, areaName, share, estimated` (always false), sorted by LSOA code then area code. */
  readonly rows: readonly PointsLookupRow[];
  /** How many points, distinct LSOAs and distinct areas went in. */
  readonly points: number;
  readonly lsoas: number;
  readonly areas: number;
  /** The area checked for coverage, with its number of LSOAs. */
  readonly area: { readonly kind: Area['kind']; readonly code: string; readonly name: string; readonly lsoas: number };
  /** The area's LSOAs that no point lies in, in the data's order: the lookup does not cover them. */
  readonly uncovered: readonly string[];
  /** The data the LSOA codes were checked against, in words, and its vintage. */
  readonly data: string;
  readonly vintage?: Vintage;
  /** The licence of the shipped data, from the pack's own metadata; absent for your own data file. */
  readonly licence?: string;
  /** Every input by name and SHA-256: the data pack, its formula and the points file. */
  readonly provenance: readonly InputFile[];
}

/**
 * Count a share lookup from points as `fairshare lookup build` does (see
 * src/data/sharesFromPoints.ts for the rule): an LSOA's share of an area is the weight of its points in
 * the area over the weight of all its points, rounded half-up to 12 decimal places. Relative paths are
 * taken from `io.cwd`; notices (a CSV read as Windows-1252, a `sheet` that does not apply) go to
 * `io.stderr`. Throws a Failure carrying the typed error (an unknown LSOA code, a negative weight, an
 * area code with two names, an LSOA whose points all weigh 0).
 *
 * @example
 * const built = await buildLookup({ points: 'postcodes.csv', area: 'Corby', vintage: '2019' }, io);
 * built.rows[0] // => { lsoaCode: 'E01026949', areaCode: '…', areaName: '…', share: '1', estimated: false }
 * built.uncovered // => [] when every LSOA of Corby has a point
 */
export async function buildLookup(options: BuildLookupOptions, io: AppIo): Promise<BuiltLookup> {
  const vintage = vintageOf(options.vintage);
  const inputs = await loadInputs({ ...(options.area === undefined ? {} : { area: options.area }), ...(vintage === undefined ? {} : { vintage }) }, io);
  const file = await pointsFile(options.points, io);
  const text = await userTable(file.bytes, file.shown, io.stderr, options.sheet);
  const known = new Set(inputs.all.units.map((u) => u.code));
  const points = unwrap(parsePoints(text, file.shown, known, { codes: await codeHints(inputs.dataset, inputs.vintage) }));
  const built = unwrap(sharesFromPoints(points, { file: file.shown }));
  const covered = new Set(points.map((p) => p.lsoaCode));
  const units = inputs.dataset.units;
  return {
    ...built,
    area: { kind: inputs.area.kind, code: inputs.area.code, name: inputs.area.name, lsoas: units.length },
    uncovered: units.map((u) => u.code).filter((code) => !covered.has(code)),
    data: inputs.dataWords,
    ...(inputs.vintage === undefined ? {} : { vintage: inputs.vintage }),
    ...packLicence(inputs.pack),
    provenance: [...inputs.provenance, file.provenance],
  };
}

/** The points file's bytes, the name messages call it by, and its provenance. Throws Failure. */
async function pointsFile(points: BuildLookupOptions['points'], io: AppIo): Promise<{ bytes: Uint8Array; shown: string; provenance: InputFile }> {
  if (typeof points === 'string') {
    const source = unwrap(await readSource(resolve(io.cwd, points), 'points', points));
    return { bytes: source.bytes, shown: points, provenance: source.provenance };
  }
  const bytes = typeof points.contents === 'string' ? Buffer.from(points.contents, 'utf8') : points.contents;
  return { bytes, shown: points.name, provenance: inputFile('points', basename(points.name), bytes) };
}
