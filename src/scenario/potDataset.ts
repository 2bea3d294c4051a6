import type { Dataset } from '../engine/dataset.js';
import { fail, ok, type Result } from '../engine/errors.js';
import { shown } from '../engine/shown.js';
import { firstFew } from '../engine/wording.js';

/**
 * The dataset of a pot that names its own `data:`: its scenario's LSOAs, in the scenario's order and
 * with their names and districts (so the pot's table has the scenario's rows, at the file's level, and
 * the pots add up LSOA by LSOA), carrying every column of the pot's own data (its need figures and its
 * population). Every LSOA of the scenario's area must have a row in the pot's data; rows for other LSOAs
 * are ignored, as `--area` ignores them. A missing LSOA is a `data` failure listing the first few codes;
 * the caller adds the line of the `data:` setting. Linear in the sizes of the two datasets.
 *
 * @example potDataset(northamptonshire, ownLsoaCsv) // => ok: Northamptonshire's LSOAs with the file's columns
 */
export function potDataset(scenario: Dataset, own: Dataset): Result<Dataset> {
  const index = new Map(own.units.map((unit, i) => [unit.code, i]));
  const missing = scenario.units.filter((unit) => !index.has(unit.code)).map((unit) => unit.code);
  if (missing.length > 0) {
    const listed = firstFew(missing.map((code) => shown(code)));
    const what = missing.length === 1 ? 'an LSOA' : `${grouped(missing.length)} of the ${grouped(scenario.units.length)} LSOAs`;
    return fail('data', 'pot-data-missing-lsoas', `its data file ${shown(own.file)} has no row for ${what} the scenario shares over: ${listed}`, {
      hint: "A pot's data: needs a row for every LSOA of its scenario's area and vintage (rows for other LSOAs are ignored)",
    });
  }
  const from = scenario.units.map((unit) => index.get(unit.code) as number);
  const fields = new Map<string, Float64Array>();
  for (const [name, values] of own.fields)
    fields.set(
      name,
      Float64Array.from(from, (i) => values[i] as number),
    );
  return ok({ kind: own.kind, file: own.file, units: scenario.units, fields });
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
