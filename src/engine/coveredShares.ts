import type { UnitShare } from './apportion.js';
import type { Dataset } from './dataset.js';
import { fail, ok, type Result } from './errors.js';
import { Exact } from './exact.js';
import type { Lookup, LookupRow } from './lookup.js';
import { firstFew } from './wording.js';

/**
 * The lookup rows for the dataset's units, as unit shares, after checking that every unit has a share
 * above 0 somewhere (a lookup that leaves LSOAs out would lose their money). Rows for units outside
 * the dataset are dropped.
 *
 * @example coveredShares(northamptonshire, divisions) // 422 LSOAs → rows and shares by unit index
 */
export function coveredShares(dataset: Dataset, lookup: Lookup): Result<{ rows: LookupRow[]; shares: UnitShare[] }> {
  const index = new Map(dataset.units.map((u, i) => [u.code, i]));
  const rows = lookup.rows.filter((r) => index.has(r.lsoaCode));
  const covered = new Set(rows.filter((r) => new Exact(r.share).gt(0)).map((r) => r.lsoaCode));
  const missing = dataset.units.filter((u) => !covered.has(u.code)).map((u) => u.code);
  if (missing.length > 0) {
    const listed = firstFew(missing);
    return fail(
      'data',
      'lookup-not-covering',
      `the ${lookup.level} lookup does not cover ${missing.length} of the ${dataset.units.length} LSOAs in the selected area: ${listed}`,
      {
        hint: 'Use a lookup that covers the whole area (--lookup FILE), or choose an area it covers',
        location: { file: lookup.file },
      },
    );
  }
  return ok({ rows, shares: rows.map((r) => ({ unit: index.get(r.lsoaCode) as number, area: r.areaCode, share: r.share })) });
}
