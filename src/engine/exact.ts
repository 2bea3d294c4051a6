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
