import type { Decimal } from 'decimal.js';
import { Exact } from './exact.js';
import { largestRemainder } from './largestRemainder.js';

/** One share of one unit (by index) in one area. */
export interface UnitShare {
  readonly unit: number;
  readonly area: string;
  /** The share as exact decimal text (0 to 1); a unit's shares are taken relative to their sum. */
  readonly share: string;
}

/**
 * Share whole pennies held by units (LSOAs) out to the areas they are split between, so that the area
 * totals are whole pennies adding up exactly to the units' total. Each area's exact amount is
 * Σ unit pennies × share / (sum of that unit's shares); areas get the floor of it, and the pennies
 * left over go one each to the largest remainders (equal remainders: lower area code first). The
 * arithmetic is exact: shares are scaled to whole numbers and every unit's shares brought to a common
 * denominator, so a share written as 0.333333333333 three times is exactly a third.
 *
 * @example apportion([100n], [{ unit: 0, area: 'A', share: '0.5' }, { unit: 0, area: 'B', share: '0.5' }]) // => Map { A: 50n, B: 50n }
 */
export function apportion(pennies: readonly bigint[], shares: readonly UnitShare[]): Map<string, bigint> {
  const scaled = scaleShares(shares);
  const totals = new Map<number, bigint>();
  shares.forEach((s, i) => totals.set(s.unit, (totals.get(s.unit) ?? 0n) + (scaled[i] as bigint)));
  let denominator = 1n;
  for (const t of new Set(totals.values())) {
    if (t === 0n) throw new RangeError('apportion: a unit whose shares are all 0');
    denominator = lcm(denominator, t);
  }
  const weights = new Map<string, bigint>();
  let total = 0n;
  for (const unit of totals.keys()) total += pennies[unit] as bigint;
  shares.forEach((s, i) => {
    const w = (pennies[s.unit] as bigint) * (scaled[i] as bigint) * (denominator / (totals.get(s.unit) as bigint));
    weights.set(s.area, (weights.get(s.area) ?? 0n) + w);
  });
  const areas = [...weights.keys()].sort();
  if (total === 0n) return new Map(areas.map((a) => [a, 0n]));
  const parts = largestRemainder(
    total,
    areas.map((a) => weights.get(a) as bigint),
    areas,
  );
  return new Map(areas.map((a, i) => [a, parts[i] as bigint]));
}

/**
 * Each unit's share as an exact fraction of its shares' sum, as a decimal.js value (for apportioning
 * people, which need not be whole).
 */
export function shareFractions(shares: readonly UnitShare[]): Decimal[] {
  const totals = new Map<number, Decimal>();
  for (const s of shares) totals.set(s.unit, (totals.get(s.unit) ?? new Exact(0)).plus(s.share));
  return shares.map((s) => new Exact(s.share).dividedBy(totals.get(s.unit) as Decimal));
}

function scaleShares(shares: readonly UnitShare[]): bigint[] {
  const values = shares.map((s) => new Exact(s.share));
  const places = Math.max(0, ...values.map((v) => v.decimalPlaces()));
  const scale = new Exact(10).pow(places);
  return values.map((v) => {
    if (v.isNegative()) throw new RangeError(`apportion: negative share ${v}`);
    return BigInt(v.times(scale).toFixed(0));
  });
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
