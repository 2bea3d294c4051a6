import type { Decimal } from 'decimal.js';
import { fail, ok, type Result } from './errors.js';
import { Exact } from './exact.js';

/** The forms `parsePercent` accepts, for messages and --help. */
export const PERCENT_FORMS = '-5%, +10%, 5%, -5, 0.5%';

// An optional sign (ASCII, or the minus sign U+2212 that word processors put in papers), digits with
// optional decimals, and an optional % sign. A bare number is read as percent too: `-5` is -5%.
const PATTERN = /^([+\-\u2212])?\s*(\d+(?:\.\d+)?|\.\d+)\s*%?$/;

/**
 * Parse a percentage change as officers write it (`-5%`, `+10%`, `5%`, `-5`, `0.5%`) into an exact
 * fraction: -5% is -0.05. A number without a % sign is still percent. No floating point is involved,
 * so `0.1%` is exactly 0.001.
 *
 * @param text what was typed
 * @param option the option it was given to, for the message (e.g. `--floor`)
 * @example parsePercent('-5%', '--floor') // => ok(-0.05)
 * @example parsePercent('+10', '--ceiling') // => ok(0.1)
 */
export function parsePercent(text: string, option: string): Result<Decimal> {
  const match = PATTERN.exec(text.trim());
  if (!match) {
    return fail('usage', 'bad-percent', `${option} "${text}" is not a percentage`, { hint: `Write it like ${PERCENT_FORMS}` });
  }
  const value = new Exact(match[2] as string).dividedBy(100);
  const negative = match[1] === '-' || match[1] === '\u2212';
  return ok(negative && !value.isZero() ? value.negated() : value);
}

/**
 * A fraction as a signed percentage, as `parsePercent` reads it back.
 *
 * @example formatPercent(new Exact('-0.05')) // => '-5%'
 * @example formatPercent(new Exact('0.1')) // => '+10%'
 */
export function formatPercent(fraction: Decimal): string {
  const percent = fraction.times(100);
  if (percent.isZero()) return '0%';
  return `${percent.isNegative() ? '-' : '+'}${percent.abs().toFixed()}%`;
}
