import { wholeText } from '../engine/wording.js';
import { MAX_EXPONENT, MAX_NUMBER_CHARS } from './limits.js';

/**
 * What the readers of users' CSV files accept as a number: a plain decimal as a spreadsheet writes it,
 * optionally with thousands separators. Pure; each reader decides what a number may be (finite, 0 or
 * more) and says so in its own words.
 */

/** Plain decimals, optional thousands separators ("1,296", only where they group in threes) and exponents. */
const WITH_THOUSANDS = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** A plain decimal, optionally signed and with an exponent; no thousands separators, no hex, no Infinity. */
const WITHOUT_THOUSANDS = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

export interface PlainDecimalOptions {
  /** Accept thousands separators, like "1,296" (the default). With false, "1,296" is not a number. */
  readonly thousands?: boolean;
}

/**
 * The text (already trimmed) with any thousands separators removed, ready for `Number` or `Exact`, or
 * undefined if it is not written as a plain decimal. Hex, `Infinity`, `NaN` and blanks are not numbers.
 *
 * @example plainDecimal('1,296.5') // => '1296.5'
 * @example plainDecimal('1,296', { thousands: false }) // => undefined
 */
export function plainDecimal(text: string, options: PlainDecimalOptions = {}): string | undefined {
  if (oversizedNumber(text) !== undefined) return undefined;
  const thousands = options.thousands ?? true;
  if (!(thousands ? WITH_THOUSANDS : WITHOUT_THOUSANDS).test(text)) return undefined;
  return thousands ? text.replace(/,/g, '') : text;
}

/**
 * Why a value is too big to be read as a number, or undefined if it is not: more than
 * {@link MAX_NUMBER_CHARS} characters, or an exponent beyond ±{@link MAX_EXPONENT}. Checked before
 * anything else, so a 100,000-digit value or `1e99999999` is refused at once, without building it.
 * The readers use it to say so; {@link plainDecimal} refuses such values too.
 *
 * @example oversizedNumber('1e99999999') // => 'its exponent is beyond ±100'
 * @example oversizedNumber('12.5') // => undefined
 */
export function oversizedNumber(text: string): string | undefined {
  if (text.length > MAX_NUMBER_CHARS) {
    return `it has ${wholeText(text.length)} characters, more than the ${MAX_NUMBER_CHARS} a number may have`;
  }
  const exponent = /e([+-]?)0*(\d+)$/i.exec(text);
  if (exponent !== null && /^[+-]?[\d.,]+e/i.test(text) && Number(exponent[2]) > MAX_EXPONENT) return `its exponent is beyond ±${MAX_EXPONENT}`;
  return undefined;
}
