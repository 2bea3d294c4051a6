import { Decimal } from 'decimal.js';

/**
 * The one Decimal constructor the engine uses for money and figures. 100 significant digits is far
 * more than any budget × figure × population product needs (about 50 digits at most for weights with
 * up to 10 decimal places), so every multiplication and integer division in the engine is exact;
 * rounding only ever happens where the rules say so (whole pennies, 2-decimal percentages).
 */
export const Exact = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP });
export type Exact = Decimal;

/** Round half-up to 2 decimal places, as a fixed-point string (`12.30`). */
export function round2(value: Decimal): string {
  return value.toFixed(2, Decimal.ROUND_HALF_UP);
}
