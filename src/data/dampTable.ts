/**
 * Damping a district (or former-district) table against a previous allocation: the one path from a
 * previous allocation's text to damped amounts, for `allocate --previous` and `previous:` in scenario
 * files alike. Pure: the caller reads the file (a workbook already as CSV text) and passes its text in.
 */
import type { Decimal } from 'decimal.js';
import { damp, type Damping } from '../engine/damp.js';
import { fail, ok, type Result } from '../engine/errors.js';
import { withAllocations, type Tabulation } from '../engine/tabulate.js';
import { parsePrevious, type PreviousLevel } from './parsePrevious.js';
import { penniesOf } from '../engine/money.js';

/** The band: the largest fall and rise allowed, as fractions (-0.05 for -5%); either may be absent. */
export interface Band {
  readonly floor?: Decimal;
  readonly ceiling?: Decimal;
}

export interface DampTableOptions {
  /** How the previous allocation is given, for messages: `--previous` (the default) or `previous:`. */
  readonly setting?: string;
  /**
   * Where a district code would come from, for the hint when the districts have none: default `the --data
   * file`.
   */
  readonly dataFile?: string;
  /**
   * The run's former-district codes, and the hint to give when every code of the previous allocation not
   * in the run is one of them (a 2025 district run given last year's 2019 districts).
   */
  readonly otherLevel?: { readonly codes: ReadonlySet<string>; readonly hint: string };
}

/**
 * Check a previous allocation (`text`, read from `file`) against the rows of `table` (districts, or
 * former districts when `table.level` says so) and damp them into `band`: the table with the damped
 * amounts, which add up exactly to the table's total, and the damping. Problems in the file come back as
 * `data` failures naming it, the line and the column (see parsePrevious); a band the budget cannot meet
 * as a `usage` failure naming the tightest one it can (see damp).
 *
 * @example dampTable(tabulate(allocation), lastYearCsv, 'last-year.csv', { floor: new Exact('-0.02'), ceiling: new Exact('0.02') })
 * // => ok({ table: the districts with their damped amounts, damping: who was held, and what moved })
 */
export function dampTable(table: Tabulation, text: string, file: string, band: Band, options: DampTableOptions = {}): Result<{ table: Tabulation; damping: Damping }> {
  const previous = previousAmounts(table, text, file, options);
  if (!previous.ok) return previous;
  const districts = table.rows.map((r) => ({ code: r.code, name: r.name, formula: penniesOf(r.allocation), previous: previous.value.get(r.code) as bigint }));
  const damping = damp(districts, penniesOf(table.total.allocation), {
    ...(band.floor === undefined ? {} : { floor: band.floor }),
    ...(band.ceiling === undefined ? {} : { ceiling: band.ceiling }),
  });
  if (!damping.ok) return damping;
  return ok({ table: withAllocations(table, damping.value.districts.map((d) => d.amount)), damping: damping.value });
}

/**
 * A previous allocation (`text`, read from `file`) checked against the rows of `table` (districts, or former
 * districts when `table.level` says so): each row's code → its previous amount in pennies. The rows need
 * codes, each its own; problems in the file come back as `data` failures naming it, the line and the
 * column (see parsePrevious).
 */
export function previousAmounts(table: Tabulation, text: string, file: string, options: DampTableOptions = {}): Result<Map<string, bigint>> {
  const setting = options.setting ?? '--previous';
  const codes = table.rows.map((r) => r.code);
  if (codes.some((code) => code === '')) {
    return fail('usage', 'no-district-codes', `${setting} matches districts by their codes, but the districts of this run have none`, {
      hint: `Add a district_code column to ${options.dataFile ?? 'the --data file'}`,
    });
  }
  const repeated = codes.find((code, i) => codes.indexOf(code) !== i);
  if (repeated !== undefined) {
    return fail('data', 'ambiguous-district-code', `${setting} matches districts by their codes, but the code ${repeated} belongs to two districts of this run`, {
      hint: `Give each district its own district_code in ${options.dataFile ?? 'the --data file'}`,
    });
  }
  const level: PreviousLevel = table.level === 'former-district' ? 'former-district' : 'district';
  return parsePrevious(text, file, new Map(table.rows.map((r) => [r.code, r.name])), { level, ...(options.otherLevel ? { otherLevel: options.otherLevel } : {}) });
}
