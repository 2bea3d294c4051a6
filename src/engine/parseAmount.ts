import type { Decimal } from 'decimal.js';
import { fail, ok, type Result } from './errors.js';
import { Exact } from './exact.js';
import { shown } from './shown.js';

/** The forms `parseAmount` accepts, for messages and --help. */
export const AMOUNT_FORMS = '12.7m, £12.7m, 12,700,000, 12700000.50, 500k, 1.2bn';

/**
 * The largest budget fairshare accepts: £1 trillion (£1,000,000,000,000.00), several times any UK
 * public budget. Every budget up to it is shared exactly to the penny (the engine's arithmetic is BigInt);
 * the limit is there so that a slip (`12.7bn` for `12.7m`, a pasted number) is caught, not shared.
 */
export const MAX_BUDGET: Decimal = new Exact('1000000000000');
/** The same limit in words, for messages and --help. */
export const MAX_BUDGET_TEXT = '£1,000,000,000,000.00 (£1 trillion)';
/** The longest budget text read (characters): longer text is refused before it is parsed. */
export const MAX_AMOUNT_CHARS = 40;

const MULTIPLIERS: Readonly<Record<string, number>> = { '': 1, k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };
const PATTERN = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*(k|thousand|m|mn|million|bn|billion)?$/i;

/**
 * Parse a budget as officers write it: an optional £, digits with or without thousands separators,
 * optional decimals, and an optional k or thousand, m, mn or million, or bn or billion. The result is exact
 * (no floating point) and must be more than £0, at most {@link MAX_BUDGET} and a whole number of pennies.
 * Text longer than {@link MAX_AMOUNT_CHARS} is refused at once, and messages quote at most 60 characters.
 *
 * @example parseAmount('£12.7m') // => ok(12700000)
 * @example parseAmount('12,700,000.50') // => ok(12700000.5)
 */
export function parseAmount(text: string): Result<Decimal> {
  const trimmed = text.trim();
  const refuse = (why: string, hint = `Write it like ${AMOUNT_FORMS}`): Result<Decimal> =>
    fail('usage', 'bad-budget', `budget "${shown(trimmed)}" ${why}`, { hint });
  if (trimmed.length > MAX_AMOUNT_CHARS) return refuse(`is too long to be an amount of money (${trimmed.length} characters; at most ${MAX_AMOUNT_CHARS})`);
  const match = PATTERN.exec(trimmed);
  if (/^-/.test(trimmed) || /^£\s*-/.test(trimmed)) return refuse('is negative; it must be more than £0');
  if (!match || (match[1] === undefined && match[2] === undefined)) return refuse('is not an amount of money');
  const digits = (match[1] ?? '0').replace(/,/g, '') + (match[2] ?? '');
  const multiplier = MULTIPLIERS[(match[3] ?? '').toLowerCase()] ?? 1;
  const value = new Exact(digits).times(multiplier);
  if (value.isZero()) return refuse('is zero; it must be more than £0');
  if (value.greaterThan(MAX_BUDGET)) {
    return refuse(
      `is more than ${MAX_BUDGET_TEXT}, the largest budget fairshare shares`,
      'Check the amount and its unit (k thousands, m millions, bn billions)',
    );
  }
  if (!value.times(100).isInteger()) return refuse('has fractions of a penny');
  return ok(value);
}
