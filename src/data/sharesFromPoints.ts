/**
 * The shares of a lookup counted from point data, as Northamptonshire County Council did where LSOAs do
 * not nest in electoral divisions: "we have mapped these areas … and then used postcode information to
 * allocate how much of the population falls into which divisions" (Fair and Equitable Funding model).
 * Pure: it takes parsed points and returns the lookup's rows; writing them (CSV, a workbook) is the
 * report layer's job (src/report/lookupTable.ts). Not to be confused with build/buildLookups.ts, the
 * build-time script that makes the shipped lookups.
 */
import { fail, ok, type Result } from '../engine/errors.js';
import { Exact } from '../engine/exact.js';
import type { LookupRow } from '../engine/lookup.js';
import type { Point } from './parsePoints.js';
import { oneNamePerCode } from './oneNamePerCode.js';
import { compareText } from '../engine/compareText.js';
import { firstFew } from '../engine/wording.js';

/** One row of a lookup counted from points. It has no input line: it comes from many points. */
export type PointsLookupRow = Omit<LookupRow, 'line'>;

/** The lookup counted from points: its rows, and what went in. */
export interface PointsLookup {
  /** Sorted by LSOA code, then area code (code-point order). */
  readonly rows: readonly PointsLookupRow[];
  /** How many points, distinct LSOAs and distinct areas went in. */
  readonly points: number;
  readonly lsoas: number;
  readonly areas: number;
}

export interface SharesFromPointsOptions {
  /** The points file, for messages. */
  readonly file?: string;
}

/** Decimal places a share is written with. 12 keeps a 1-in-a-trillion share without float noise. */
const SHARE_DECIMALS = 12;

/**
 * The share of each LSOA in each area: the total weight of the LSOA's points in the area over the total
 * weight of all its points, computed exactly and written rounded half-up to 12 decimal places with
 * trailing zeros trimmed (`1`, `0.5`, `0.333333333333`). So rounded, an LSOA's shares add up to 1 within
 * half a unit in the 12th place per area. `estimated` is always false: shares are counted from the
 * points, not assumed. An area that only zero-weight points reach keeps a row with share `0`.
 *
 * Fails when one area code has two names (`conflicting-name`) or an LSOA's points all weigh 0
 * (`zero-weight-lsoa`: its shares would be 0/0).
 *
 * @example sharesFromPoints([{ lsoaCode: 'A', areaCode: 'X', areaName: 'Ex', weight: '3', line: 2 }, { lsoaCode: 'A', areaCode: 'Y', areaName: 'Wy', weight: '1', line: 3 }])
 * // => ok({ rows: [{ lsoaCode: 'A', areaCode: 'X', areaName: 'Ex', share: '0.75', estimated: false }, { …, areaCode: 'Y', share: '0.25', … }], points: 2, lsoas: 1, areas: 2 })
 */
export function sharesFromPoints(points: readonly Point[], options: SharesFromPointsOptions = {}): Result<PointsLookup> {
  const where = (line: number) => ({ location: options.file === undefined ? { line } : { file: options.file, line } });
  if (points.length === 0) {
    return fail('data', 'no-rows', 'there are no points to build the lookup from', { hint: 'Add one row per point (e.g. per postcode)' });
  }

  // Library callers may pass points that did not come through parsePoints: the same one-name check.
  const oneName = oneNamePerCode(options.file === undefined ? {} : { file: options.file });
  const names = new Map<string, string>();
  for (const point of points) {
    const checked = oneName({ code: point.areaCode, name: point.areaName, line: point.line });
    if (!checked.ok) return checked;
    names.set(point.areaCode, point.areaName);
  }

  const byLsoa = new Map<string, { total: Exact; byArea: Map<string, Exact>; lines: number[] }>();
  for (const point of points) {
    const weight = new Exact(point.weight);
    const lsoa = byLsoa.get(point.lsoaCode) ?? { total: new Exact(0), byArea: new Map<string, Exact>(), lines: [] };
    lsoa.total = lsoa.total.plus(weight);
    lsoa.byArea.set(point.areaCode, (lsoa.byArea.get(point.areaCode) ?? new Exact(0)).plus(weight));
    lsoa.lines.push(point.line);
    byLsoa.set(point.lsoaCode, lsoa);
  }

  const lsoaCodes = [...byLsoa.keys()].sort(compareText);
  const empty = lsoaCodes.filter((code) => byLsoa.get(code)?.total.isZero());
  if (empty.length > 0) {
    const listed = firstFew(empty.map((code) => `${code} (line${plural(byLsoa.get(code)?.lines ?? [])})`));
    const firstLine = empty.flatMap((code) => byLsoa.get(code)?.lines ?? []).reduce((a, b) => Math.min(a, b));
    return fail(
      'data',
      'zero-weight-lsoa',
      `${empty.length === 1 ? '1 LSOA has' : `${empty.length} LSOAs have`} only points of weight 0, so ${empty.length === 1 ? 'its' : 'their'} shares would be 0/0: ${listed}`,
      { hint: 'Give each LSOA at least one point with a weight above 0, or remove its points', ...where(firstLine) },
    );
  }

  const rows: PointsLookupRow[] = [];
  for (const lsoaCode of lsoaCodes) {
    const lsoa = byLsoa.get(lsoaCode) as { total: Exact; byArea: Map<string, Exact> };
    for (const areaCode of [...lsoa.byArea.keys()].sort(compareText)) {
      const weight = lsoa.byArea.get(areaCode) as Exact;
      rows.push({ lsoaCode, areaCode, areaName: names.get(areaCode) ?? '', share: formatShare(weight.dividedBy(lsoa.total)), estimated: false });
    }
  }
  return ok({ rows, points: points.length, lsoas: lsoaCodes.length, areas: names.size });
}

/**
 * A share rounded half-up to 12 decimal places, trailing zeros trimmed.
 *
 * @example formatShare(new Exact(1).dividedBy(3)) // => '0.333333333333'
 */
export function formatShare(share: Exact): string {
  return share.toFixed(SHARE_DECIMALS, Exact.ROUND_HALF_UP).replace(/0+$/, '').replace(/\.$/, '');
}

/** ` 4`, `s 4, 5` or `s 4, 5, 6, …`: what follows the word "line". */
function plural(lines: readonly number[]): string {
  if (lines.length === 1) return ` ${lines[0]}`;
  return `s ${lines.slice(0, 3).join(', ')}${lines.length > 3 ? ', …' : ''}`;
}

