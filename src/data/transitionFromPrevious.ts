/**
 * A multi-year transition from a previous allocation's text to the formula's yearly tables: the one path
 * for `fairshare transition` and `transition:` in scenario files alike. Pure: the caller reads the file (a
 * workbook already as CSV text) and passes its text in.
 */
import { ok, type Result } from '../engine/errors.js';
import { penniesOf } from '../engine/money.js';
import { withAllocations, type Tabulation } from '../engine/tabulate.js';
import { transition, type Transition, type TransitionOptions } from '../engine/transition.js';
import { previousAmounts, type DampTableOptions } from './dampTable.js';

/** A transition worked out: the path, and each year's table with that year's amounts. */
export interface TransitionTables {
  readonly path: Transition;
  /** Each year's table: the year's target table with the year's amounts (need index and all). */
  readonly tables: readonly Tabulation[];
}

/**
 * Move the areas of `targets[0]` (districts, or former districts when its `level` says so) from the
 * previous allocation in `text` (read from `file`) to each year's formula table in `targets`, one a year,
 * at the pace and within the band of `settings` (see the engine's transition). Every target table has the
 * same areas in the same order. Problems in the file come back as `data` failures naming it, the line
 * and the column; a floor a year cannot fund as a `usage` failure naming the year.
 *
 * @example transitionFromPrevious([year1, year2, year3], lastYearCsv, 'last-year.csv', { pace: { numerator: 1n, denominator: 2n }, floor: new Exact('-0.02') })
 */
export function transitionFromPrevious(
  targets: readonly Tabulation[],
  text: string,
  file: string,
  settings: TransitionOptions,
  options: DampTableOptions = {},
): Result<TransitionTables> {
  const first = targets[0];
  if (first === undefined) throw new RangeError('transitionFromPrevious: no years');
  const previous = previousAmounts(first, text, file, options);
  if (!previous.ok) return previous;
  const areas = first.rows.map((r) => ({ code: r.code, name: r.name, previous: previous.value.get(r.code) as bigint }));
  const path = transition(
    areas,
    targets.map((t) => t.rows.map((r) => penniesOf(r.allocation))),
    settings,
  );
  if (!path.ok) return path;
  const tables = path.value.years.map((y, t) =>
    withAllocations(
      targets[t] as Tabulation,
      y.damping.districts.map((d) => d.amount),
    ),
  );
  return ok({ path: path.value, tables });
}
