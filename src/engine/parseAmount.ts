import type { Decimal } from 'decimal.js';
import { fail, ok, type Result } from './errors.js';
import { Exact } from './exact.js';

/** The forms `parseAmount` accepts, for messages and --help. */
export const AMOUNT_FORMS = '12.7m, £12.7m, 12,700,000, 12700000.50, 500k, 1.2bn';

const MULTIPLIERS: Readonly<Record<string, number>> = { '': 1, k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };
const PATTERN = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*(k|thousand|m|mn|million|bn|billion)?$/i;

/**
 * Parse a budget as officers write it: an optional £, digits with or without thousands separators,
 * optional decimals, and an optional k or thousand, m, mn or million, or bn or billion. The result is exact
 * (no floating point) and must be more than £0 and a whole number of pennies.
 *
 * @example parseAmount('£12.7m') // => ok(12700000)
 * @example parseAmount('12,700,000.50') // => ok(12700000.5)
 */
export function parseAmount(text: string): Result<Decimal> {
  const trimmed = text.trim();
  const match = PATTERN.exec(trimmed);
  const refuse = (why: string): Result<Decimal> =>
    fail('usage', 'bad-budget', `budget "${text}" ${why}`, { hint: `Write it like ${AMOUNT_FORMS}` });
  if (/^-/.test(trimmed) || /^£\s*-/.test(trimmed)) return refuse('is negative; it must be more than £0');
  if (!match || (match[1] === undefined && match[2] === undefined)) return refuse('is not an amount of money');
  const digits = (match[1] ?? '0').replace(/,/g, '') + (match[2] ?? '');
  const multiplier = MULTIPLIERS[(match[3] ?? '').toLowerCase()] ?? 1;
  const value = new Exact(digits).times(multiplier);
  if (value.isZero()) return refuse('is zero; it must be more than £0');
  if (!value.times(100).isInteger()) return refuse('has fractions of a penny');
  return ok(value);
}
