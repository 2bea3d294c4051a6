import type { Decimal } from 'decimal.js';
import { fail, ok, type Result } from './errors.js';
import { Exact } from './exact.js';
import { shown } from './shown.js';

/** The forms `parsePercent` accepts, for messages and --help. */
export const PERCENT_FORMS = '-5%, +10%, -0.5%, +2 or 0%';

// An optional sign (ASCII, or the minus sign U+2212 that word processors put in papers), digits with
// optional decimals, and an optional % sign. A bare number is read as percent too: `-5` is -5%.
const PATTERN = /^([+\-\u2212])?\s*(\d+(?:\.\d+)?|\.\d+)\s*%?$/;

export interface ParsePercentOptions {
  /**
   * Refuse a percentage other than 0 written without a sign, spelling out the two readings in the hint:
   * `minus` and `plus` are what the option means with each sign, `{}` standing for the amount (for
   * --floor: `"no district loses more than {}"` and `"every district gains at least {}"`).
   */
  readonly signRequired?: { readonly minus: string; readonly plus: string };
}

/**
 * Parse a percentage change as officers write it (`-5%`, `+10%`, `-5`, `0.5%`) into an exact
 * fraction: -5% is -0.05. A number without a % sign is still percent. No floating point is involved,
 * so `0.1%` is exactly 0.001. With `signRequired`, `5%` is refused: a floor of 5% reads as "lose at most
 * 5%" to one officer and "gain at least 5%" to another.
 *
 * @param text what was typed
 * @param option the option it was given to, for the message (e.g. `--floor`)
 * @example parsePercent('-5%', '--floor') // => ok(-0.05)
 * @example parsePercent('+10', '--ceiling') // => ok(0.1)
 */
export function parsePercent(text: string, option: string, options: ParsePercentOptions = {}): Result<Decimal> {
  const match = PATTERN.exec(text.trim());
  if (!match) {
    return fail('usage', 'bad-percent', `${option} "${shown(text)}" is not a percentage`, { hint: `Write it like ${PERCENT_FORMS}` });
  }
  const value = new Exact(match[2] as string).dividedBy(100);
  const readings = options.signRequired;
  if (readings !== undefined && match[1] === undefined && !value.isZero()) {
    const amount = `${match[2] as string}%`;
    return fail('usage', 'unsigned-percent', `${option} ${shown(text.trim())} has no sign, so it could mean a fall or a rise`, {
      hint: `${readings.minus.replace('{}', amount)} is ${option} -${amount}; ${readings.plus.replace('{}', amount)} is ${option} +${amount}`,
    });
  }
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
