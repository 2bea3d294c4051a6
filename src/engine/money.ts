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
 * Exact pounds (a whole number of pennies) as pennies: the inverse of {@link pounds}.
 *
 * @example penniesOf(new Exact('1426649.49')) // => 142664949n
 */
export function penniesOf(amount: Decimal): bigint {
  return BigInt(amount.times(100).toFixed(0));
}

/**
 * Whole pennies as plain pounds with 2 decimals, the form of every money cell and JSON field. From the
 * integer's digits, with no decimal arithmetic (a table of every LSOA in England formats 33,755 of them).
 * Pennies may be a BigInt, or a double holding a whole number below 2^53 exactly (anything else throws).
 *
 * @example poundsPlain(-150n) // => '-1.50'
 */
export function poundsPlain(pennies: bigint | number): string {
  if (typeof pennies === 'number') return poundsOfDouble(wholePennies(pennies));
  // Pennies that fit a double (every amount up to £90 trillion) are formatted from the number: exact,
  // and several times quicker than the BigInt's digits.
  if (pennies <= MAX_SAFE_PENNIES && pennies >= -MAX_SAFE_PENNIES) return poundsOfDouble(Number(pennies));
  const negative = pennies < 0n;
  const digits = (negative ? -pennies : pennies).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A double's pennies, refused unless they are a whole number a double holds exactly. */
function wholePennies(pennies: number): number {
  if (!Number.isSafeInteger(pennies)) throw new RangeError(`pennies must be a whole number below 2^53, got ${pennies}`);
  return pennies;
}

/** Whole pennies below 2^53, in a double, as plain pounds. */
function poundsOfDouble(p: number): string {
  const pence = p % 100;
  const whole = (p - pence) / 100;
  const sign = p < 0 ? '-' : '';
  const absPence = pence < 0 ? -pence : pence;
  return `${sign}${whole < 0 ? -whole : whole}.${absPence < 10 ? '0' : ''}${absPence}`;
}

/** The largest whole number of pennies a double holds exactly. */
const MAX_SAFE_PENNIES = BigInt(Number.MAX_SAFE_INTEGER);

/** Pennies and people up to this work out in doubles (2 × pennies + people stays below 2^53). */
const SAFE_PENNIES = 2n ** 50n;
const SAFE_PENNIES_DOUBLE = 2 ** 50;
const SAFE_PEOPLE = 2 ** 50;

/**
 * Whole pennies shared by `population` people, in pounds per person rounded half-up to 2 decimals
 * (as round2 of pounds ÷ people); '' when no one lives there. Whole numbers of people (every shipped
 * pack) are worked out exactly in doubles; a fractional count of people (a --data file), or an amount past
 * £11 trillion, through decimal.js.
 *
 * @example perPersonPlain(142664949n, 66887) // => '21.33'
 */
export function perPersonPlain(pennies: bigint | number, population: number): string {
  if (!(population > 0)) return '';
  if (typeof pennies === 'number') pennies = wholePennies(pennies);
  const small = typeof pennies === 'number' ? pennies >= 0 && pennies <= SAFE_PENNIES_DOUBLE : pennies >= 0n && pennies <= SAFE_PENNIES;
  if (!small || !Number.isSafeInteger(population) || population > SAFE_PEOPLE) {
    return round2(pounds(BigInt(pennies)).dividedBy(population));
  }
  // In doubles, exact: every product below stays under 2^53. pennies ÷ people, rounded half up to a whole
  // penny, is (2 × pennies + people) ÷ (2 × people); the quotient of the division is put right by the
  // remainder, so a quotient rounded up to the next whole number is taken back.
  const a = 2 * Number(pennies) + population;
  const b = 2 * population;
  let each = Math.floor(a / b);
  if (each * b > a) each -= 1;
  else if ((each + 1) * b <= a) each += 1;
  const digits = String(each).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
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
