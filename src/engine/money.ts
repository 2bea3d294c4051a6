import { Decimal } from 'decimal.js';
import { Exact, round2 } from './exact.js';

/**
 * Money and percentages as exact plain text, the form every table cell, JSON field and workbook number
 * starts from: whole pennies become pounds here, and a part of a whole becomes a 2-decimal percentage
 * here. How people read them (£, thousands separators, signs) is src/report/display.ts. Pure.
 */

/**
 * Whole pennies as exact pounds.
 *
 * @example pounds(142664949n).toFixed(2) // => '1426649.49'
 */
export function pounds(pennies: bigint): Decimal {
  return new Exact(pennies.toString()).dividedBy(100);
}

/**
 * Whole pennies as plain pounds with 2 decimals, the form of every money cell and JSON field.
 *
 * @example poundsPlain(-150n) // => '-1.50'
 */
export function poundsPlain(pennies: bigint): string {
  return pounds(pennies).toFixed(2);
}

/**
 * `part` as a percentage of `whole`, rounded half-up to 2 decimals (never `-0.00`); '' when `whole` is 0.
 *
 * @example percentOf(new Exact(1), new Exact(3)) // => '33.33'
 */
export function percentOf(part: Decimal.Value, whole: Decimal.Value): string {
  const base = new Exact(whole);
  return base.isZero() ? '' : round2(new Exact(part).dividedBy(base).times(100));
}
