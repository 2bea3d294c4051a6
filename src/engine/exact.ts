import { Decimal } from 'decimal.js';

/**
 * The one Decimal constructor the engine uses for money and figures. 100 significant digits is far
 * more than any budget × figure × population product needs (about 50 digits at most for weights with
 * up to 10 decimal places), so every multiplication and integer division in the engine is exact;
 * rounding only ever happens where the rules say so (whole pennies, 2-decimal percentages).
 */
export const Exact = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP });
export type Exact = Decimal;

/**
 * Round half-up to 2 decimal places, as a fixed-point string (`12.30`). A value that rounds to zero is
 * `0.00`, never `-0.00` (a fall of less than half a penny, or of 0.005%, is no fall).
 *
 * @example round2(new Exact('-0.004')) // => '0.00'
 */
export function round2(value: Decimal): string {
  const text = value.toFixed(2, Decimal.ROUND_HALF_UP);
  return text === '-0.00' ? '0.00' : text;
}

/**
 * The exact value of `units` ÷ 10^`places` as decimal.js's `toString()` writes it (no trailing zeros;
 * exponent notation from 1e-7 down and from 1e21 up), from the integer's digits where that is plain notation.
 *
 * @example scaledText(980500n, 3) // => '980.5'
 */
export function scaledText(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  // Plain notation only for exponents from -6 to 20, as decimal.js writes it; elsewhere let it say.
  const exponent = digits.length - 1 - places;
  if (units !== 0n && (exponent <= -7 || exponent >= 21)) return new Exact(units.toString()).dividedBy(new Exact(10).pow(places)).toString();
  const padded = digits.padStart(places + 1, '0');
  const whole = padded.slice(0, padded.length - places);
  const fraction = padded.slice(padded.length - places).replace(/0+$/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && text !== '0' ? `-${text}` : text;
}
