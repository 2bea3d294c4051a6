/**
 * Numbers written into SVG attributes: short, and the same on every machine.
 */

/**
 * A coordinate or length for an SVG attribute: at most two decimals, no trailing zeros, no `-0`.
 * @example svgNumber(12.3456) // => '12.35'
 */
export function svgNumber(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
