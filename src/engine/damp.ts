/**
 * Damping: keep each district's change against last period's allocation inside a band (a floor and a
 * ceiling, as percentages), and still share exactly the budget. Pure, and exact: every comparison is
 * integer arithmetic on pennies (BigInt) and exact ratios, so the result adds up to the budget to the
 * penny and no district is outside its band by even a penny.
 *
 * Method: the "clamp" solution. Every district gets clamp(t × formula, lo, hi) for one common scale t
 * chosen so that the amounts add up to the budget. That is the fixed point of the procedure NHS England
 * and the DfE describe for their funding floors and caps: hold a district at its floor or ceiling, share
 * the money this needs or frees among the districts that are not held, in proportion to their formula
 * amounts, and repeat until nothing moves (NHS England, "Technical Guide to the formulae for 2019/20 to
 * 2023/24 revenue allocations", pace-of-change; DfE, "Schools block national funding formula: technical
 * note", minimum funding guarantee and gains cap). Solving for t directly also releases a district that a
 * first pass held at its ceiling when paying for the floors brings it back under, which a pass-by-pass
 * procedure that never releases a district gets wrong. The whole pennies of the districts that are not held
 * are then shared by the largest remainder method, which keeps each inside its band because the band's
 * ends are whole pennies.
 */
import type { Decimal } from 'decimal.js';
import { fail, ok, type Result } from './errors.js';
import { largestRemainder } from './largestRemainder.js';
import { formatPercent } from './parsePercent.js';

/** Why a district's amount is not its share of the budget at the common scale. */
export type Held = 'floor' | 'ceiling' | '';

/** One district to damp. */
export interface DampInput {
  readonly code: string;
  readonly name: string;
  /** The formula amount (undamped), in whole pennies. */
  readonly formula: bigint;
  /** The previous allocation, in whole pennies. */
  readonly previous: bigint;
}

export interface DampOptions {
  /** The lowest change allowed, as a fraction: -0.05 for -5%. Absent: no floor (only £0). At least -1. */
  readonly floor?: Decimal;
  /**
   * The highest change allowed, as a fraction: 0.1 for +10%. Absent: no ceiling. At least -1 and the floor.
   */
  readonly ceiling?: Decimal;
}

/** One district, damped. */
export interface DampedDistrict extends DampInput {
  /** The damped amount, in whole pennies. */
  readonly amount: bigint;
  /** The least it may get: ⌈previous × (1 + floor)⌉ pennies, or 0 without a floor or a band. */
  readonly lo: bigint;
  /** The most it may get: ⌊previous × (1 + ceiling)⌋ pennies; undefined without a ceiling or a band. */
  readonly hi: bigint | undefined;
  /** `floor` or `ceiling` when the band held it there, empty when it took its share at the common scale. */
  readonly held: Held;
  /**
   * False when the previous allocation was £0: a percentage of nothing is nothing, so a band would pin the
   * district at £0 for ever. Such a district has no band and takes its share at the common scale.
   */
  readonly damped: boolean;
}

/** An exact ratio of whole numbers; the denominator is positive. */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export interface Damping {
  /** The districts in the order given. */
  readonly districts: readonly DampedDistrict[];
  /** The common scale t: a district not held gets t × its formula amount, within a penny. */
  readonly scale: Ratio;
  /** Σ (amount − formula) over the districts held at their floor, in pennies. */
  readonly floorCost: bigint;
  /** Σ (formula − amount) over the districts held at their ceiling, in pennies. */
  readonly ceilingsFreed: bigint;
  readonly floor?: Decimal;
  readonly ceiling?: Decimal;
}

/** Percentages are suggested to 0.01 percentage point: a whole number of ten-thousandths. */
const SUGGESTION_STEPS = 10_000n;

/**
 * Damp formula amounts against previous allocations: each district's change stays within [floor,
 * ceiling], and the amounts add up exactly to `budget` pennies. A floor the budget cannot fund (or a
 * ceiling too low to spend it) is a `usage` failure naming the tightest floor (ceiling) that works, to
 * 0.01 percentage point; so are a floor above the ceiling, a floor or ceiling below -100%, and a band that
 * holds no whole penny for some district.
 *
 * @param districts the districts with their formula amounts and previous allocations, in pennies
 * @param budget the whole number of pennies to share (usually Σ formula)
 * @example
 * damp([{ code: 'A', name: 'A', formula: 800n, previous: 1000n }, { code: 'B', name: 'B', formula: 1200n, previous: 1000n }],
 *   2000n, { floor: new Exact('-0.05'), ceiling: new Exact('0.1') })
 * // => ok: A gets 950n (held at its floor of -5%); B gets the other 1050n, not held: paying for A's floor
 * //    takes it back under its ceiling of 1100n
 */
export function damp(districts: readonly DampInput[], budget: bigint, options: DampOptions = {}): Result<Damping> {
  const { floor, ceiling } = options;
  if (budget < 0n) throw new RangeError(`damp: budget ${budget} is negative`);
  for (const d of districts) {
    if (d.formula < 0n || d.previous < 0n) throw new RangeError(`damp: district ${d.code} has a negative amount`);
  }
  const checked = checkBand(floor, ceiling);
  if (!checked.ok) return checked;

  const floorRatio = floor === undefined ? undefined : toRatio(floor);
  const ceilingRatio = ceiling === undefined ? undefined : toRatio(ceiling);
  const bands = districts.map((d) => band(d.previous, floorRatio, ceilingRatio));
  const empty = districts.findIndex((_, i) => {
    const { lo, hi } = bands[i] as Band;
    return hi !== undefined && lo > hi;
  });
  if (empty >= 0) {
    const d = districts[empty] as DampInput;
    return fail(
      'usage',
      'empty-band',
      `the band from ${formatPercent(floor as Decimal)} to ${formatPercent(ceiling as Decimal)} holds no whole penny for ${d.name || d.code}, whose previous allocation was £${penniesText(d.previous)}`,
      {
        hint: 'Widen the band: lower the floor or raise the ceiling',
      },
    );
  }

  const sumLo = bands.reduce((sum, b) => sum + b.lo, 0n);
  if (sumLo > budget) {
    const tightest = tightestFloor(districts, budget);
    return fail(
      'usage',
      'infeasible-floor',
      `the floor ${formatPercent(floor as Decimal)} cannot be funded: it needs £${penniesText(sumLo)}, more than the budget of £${penniesText(budget)}`,
      {
        hint: `The tightest floor this budget can fund is ${formatSteps(tightest)}; give that or lower, or a larger budget`,
      },
    );
  }
  const capacity = capacityOf(districts, bands);
  if (capacity !== undefined && capacity < budget) {
    const tightest = tightestCeiling(districts, bands, budget);
    if (tightest === undefined || ceiling === undefined) {
      // Only districts with no formula amount: nothing can be scaled up to take the budget.
      return fail('usage', 'no-formula-amounts', `no district has a formula amount, so the budget of £${penniesText(budget)} cannot be shared`, {
        hint: 'Check the formula and the data: at least one district needs a formula amount above £0',
      });
    }
    const message = `the ceiling ${formatPercent(ceiling)} cannot spend the budget: it lets the districts take £${penniesText(capacity)}, less than the budget of £${penniesText(budget)}`;
    return fail('usage', 'infeasible-ceiling', message, {
      hint: `The lowest ceiling that spends this budget is ${formatSteps(tightest)}; give that or higher, or a smaller budget`,
    });
  }

  const scale = solveScale(districts, bands, budget);
  return ok(settle(districts, bands, budget, scale, options));
}

// ---------------------------------------------------------------------------------------------------
// Bands

interface Band {
  readonly lo: bigint;
  readonly hi: bigint | undefined;
  readonly damped: boolean;
}

function checkBand(floor: Decimal | undefined, ceiling: Decimal | undefined): Result<void> {
  if (floor !== undefined && floor.lt(-1)) {
    return fail('usage', 'bad-floor', `the floor ${formatPercent(floor)} is below -100%, which would take a district below £0`, {
      hint: 'Give a floor of -100% or more, like -5%',
    });
  }
  if (ceiling !== undefined && ceiling.lt(-1)) {
    return fail('usage', 'bad-ceiling', `the ceiling ${formatPercent(ceiling)} is below -100%, which would take a district below £0`, {
      hint: 'Give a ceiling of -100% or more, like +10%',
    });
  }
  if (floor !== undefined && ceiling !== undefined && floor.gt(ceiling)) {
    return fail('usage', 'floor-above-ceiling', `the floor ${formatPercent(floor)} is above the ceiling ${formatPercent(ceiling)}`, {
      hint: 'Give a floor at or below the ceiling, like a floor of -5% and a ceiling of +5%',
    });
  }
  return ok(undefined);
}

/** The band in whole pennies: the pennies inside [previous × (1 + floor), previous × (1 + ceiling)]. */
function band(previous: bigint, floor: Ratio | undefined, ceiling: Ratio | undefined): Band {
  if (previous === 0n) return { lo: 0n, hi: undefined, damped: false };
  return {
    lo: floor === undefined ? 0n : ceilDiv(previous * (floor.denominator + floor.numerator), floor.denominator),
    hi: ceiling === undefined ? undefined : (previous * (ceiling.denominator + ceiling.numerator)) / ceiling.denominator,
    damped: true,
  };
}

/**
 * The most the districts can take: their ceilings, but a district with no formula amount stays at its
 * floor whatever the scale. Undefined when unbounded (a district with a formula amount and no ceiling).
 */
function capacityOf(districts: readonly DampInput[], bands: readonly Band[]): bigint | undefined {
  let capacity = 0n;
  for (const [i, d] of districts.entries()) {
    const { lo, hi } = bands[i] as Band;
    if (d.formula === 0n) capacity += lo;
    else if (hi === undefined) return undefined;
    else capacity += hi;
  }
  return capacity;
}

/**
 * The highest floor, in ten-thousandths (0.01 percentage point), whose whole-penny floors the budget can
 * fund; -100% always can. The floors' sum only grows with the floor, so a binary search finds it.
 */
function tightestFloor(districts: readonly DampInput[], budget: bigint): bigint {
  const need = (steps: bigint): bigint => districts.reduce((sum, d) => sum + ceilDiv(d.previous * (SUGGESTION_STEPS + steps), SUGGESTION_STEPS), 0n);
  let good = -SUGGESTION_STEPS;
  let bad = 1n;
  while (need(bad) <= budget) bad *= 2n;
  while (bad - good > 1n) {
    const mid = (good + bad) / 2n;
    if (need(mid) <= budget) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * The lowest ceiling, in ten-thousandths, under which the districts can take the whole budget, or
 * undefined if no ceiling can (no district has a formula amount to scale up).
 */
function tightestCeiling(districts: readonly DampInput[], bands: readonly Band[], budget: bigint): bigint | undefined {
  if (!districts.some((d) => d.formula > 0n && d.previous > 0n)) return undefined;
  const room = (steps: bigint): bigint =>
    districts.reduce((sum, d, i) => sum + (d.formula === 0n ? (bands[i] as Band).lo : (d.previous * (SUGGESTION_STEPS + steps)) / SUGGESTION_STEPS), 0n);
  let bad = -SUGGESTION_STEPS - 1n;
  let good = 1n;
  while (room(good) < budget) good *= 2n;
  while (good - bad > 1n) {
    const mid = (good + bad) / 2n;
    if (room(mid) >= budget) good = mid;
    else bad = mid;
  }
  return good;
}

// ---------------------------------------------------------------------------------------------------
// The scale

type Place = 'floor' | 'ceiling' | 'free';

/** Where a district is at scale t: below its floor, above its ceiling, or inside its band. */
function place(d: DampInput, b: Band, t: Ratio): Place {
  const scaled = t.numerator * d.formula;
  if (scaled < b.lo * t.denominator) return 'floor';
  if (b.hi !== undefined && scaled > b.hi * t.denominator) return 'ceiling';
  return 'free';
}

/** At scale t: the pennies of the held districts and the formula amounts of the others. */
function split(districts: readonly DampInput[], bands: readonly Band[], t: Ratio): { held: bigint; free: bigint } {
  let held = 0n;
  let free = 0n;
  for (const [i, d] of districts.entries()) {
    const b = bands[i] as Band;
    const where = place(d, b, t);
    if (where === 'floor') held += b.lo;
    else if (where === 'ceiling') held += b.hi as bigint;
    else free += d.formula;
  }
  return { held, free };
}

/** Σ clamp(t × formula, lo, hi) compared with the budget: -1, 0 or 1. */
function compareTotal(districts: readonly DampInput[], bands: readonly Band[], t: Ratio, budget: bigint): number {
  const { held, free } = split(districts, bands, t);
  const total = held * t.denominator + t.numerator * free;
  const target = budget * t.denominator;
  return total < target ? -1 : total > target ? 1 : 0;
}

/**
 * The scale t at which the clamped amounts add up to the budget (the caller has checked one exists).
 * The total is continuous, piecewise linear and non-decreasing in t, with corners where a district
 * reaches its floor (lo / formula) or ceiling (hi / formula). Find the last corner at which the total is
 * at most the budget; between it and the next corner the same districts are held, so t follows exactly.
 *
 * Where the total equals the budget over a whole stretch of t (every district with a formula amount is
 * held there), the amounts are the same for any t in it and only the labels differ; t = 1 is taken if it
 * lies in the stretch, so a district is labelled by how its formula amount compares with its band, and
 * otherwise a point inside the stretch, so that every district at a bound is labelled held.
 */
function solveScale(districts: readonly DampInput[], bands: readonly Band[], budget: bigint): Ratio {
  const all: Ratio[] = [{ numerator: 0n, denominator: 1n }];
  for (const [i, d] of districts.entries()) {
    if (d.formula === 0n) continue;
    const b = bands[i] as Band;
    all.push({ numerator: b.lo, denominator: d.formula });
    if (b.hi !== undefined) all.push({ numerator: b.hi, denominator: d.formula });
  }
  all.sort(compareRatio);
  const corners = all.filter((c, i) => i === 0 || compareRatio(c, all[i - 1] as Ratio) !== 0);
  const totalAt = (index: number): number => compareTotal(districts, bands, corners[index] as Ratio, budget);
  const last = corners.length - 1;

  // The total at the first corner (t = 0) is Σ lo, which the caller has checked is within the budget.
  const j = lastIndex(0, last, (index) => totalAt(index) <= 0);
  const corner = corners[j] as Ratio;
  if (totalAt(j) < 0) {
    // Any scale strictly between this corner and the next has the same districts held: take it there.
    const { held, free } = split(districts, bands, inside(corner, corners[j + 1]));
    if (free === 0n) throw new Error('damp: no district is free to take the rest of the budget');
    return reduce({ numerator: budget - held, denominator: free });
  }

  // The total meets the budget at this corner: find the stretch [left, right] over which it does.
  const i = lastIndex(0, j, (index) => index === 0 || totalAt(index - 1) < 0);
  const left = corners[i] as Ratio;
  // Beyond the last corner the total grows only if some district with a formula amount has no ceiling.
  const right = j === last && compareTotal(districts, bands, inside(corner, undefined), budget) === 0 ? undefined : corner;
  if (right !== undefined && i === j) return reduce(corner);
  const one: Ratio = { numerator: 1n, denominator: 1n };
  if (compareRatio(left, one) <= 0 && (right === undefined || compareRatio(one, right) <= 0)) return one;
  return compareRatio(one, left) < 0 ? inside(left, corners[i + 1]) : inside(corners[j - 1] as Ratio, right);
}

/**
 * The largest index in [low, high] for which `test` holds, given that it holds at `low` and, once false,
 * stays false.
 */
function lastIndex(low: number, high: number, test: (index: number) => boolean): number {
  let a = low;
  let b = high;
  while (a < b) {
    const mid = Math.ceil((a + b) / 2);
    if (test(mid)) a = mid;
    else b = mid - 1;
  }
  return a;
}

/** A scale strictly between two corners (the midpoint), or beyond the last one. */
function inside(corner: Ratio, next: Ratio | undefined): Ratio {
  return next === undefined
    ? { numerator: corner.numerator + corner.denominator, denominator: corner.denominator }
    : { numerator: corner.numerator * next.denominator + next.numerator * corner.denominator, denominator: 2n * corner.denominator * next.denominator };
}

/**
 * The amounts at scale t: held districts at their bound, the rest sharing what is left by largest remainder.
 */
function settle(districts: readonly DampInput[], bands: readonly Band[], budget: bigint, scale: Ratio, options: DampOptions): Damping {
  const places = districts.map((d, i) => place(d, bands[i] as Band, scale));
  const amounts = districts.map((_, i) => {
    const b = bands[i] as Band;
    return places[i] === 'floor' ? b.lo : places[i] === 'ceiling' ? (b.hi as bigint) : 0n;
  });
  const freeIndex = places.flatMap((p, i) => (p === 'free' ? [i] : []));
  const rest = budget - amounts.reduce((sum, a) => sum + a, 0n);
  const weights = freeIndex.map((i) => (districts[i] as DampInput).formula);
  if (weights.some((w) => w > 0n)) {
    const parts = largestRemainder(
      rest,
      weights,
      freeIndex.map((i) => (districts[i] as DampInput).code),
    );
    freeIndex.forEach((i, k) => (amounts[i] = parts[k] as bigint));
  } else if (rest !== 0n) {
    throw new Error(`damp: ${rest} pennies left with no district free to take them`);
  }

  let floorCost = 0n;
  let ceilingsFreed = 0n;
  const result = districts.map((d, i): DampedDistrict => {
    const b = bands[i] as Band;
    const amount = amounts[i] as bigint;
    // A bug, never a user error: the method guarantees both.
    if (amount < b.lo || (b.hi !== undefined && amount > b.hi)) throw new Error(`damp: ${d.code} is outside its band`);
    const held: Held = places[i] === 'free' ? '' : (places[i] as Held);
    if (held === 'floor') floorCost += amount - d.formula;
    if (held === 'ceiling') ceilingsFreed += d.formula - amount;
    return { ...d, amount, lo: b.lo, hi: b.hi, held, damped: b.damped };
  });
  if (amounts.reduce((sum, a) => sum + a, 0n) !== budget) throw new Error('damp: the amounts do not add up to the budget');
  return {
    districts: result,
    scale,
    floorCost,
    ceilingsFreed,
    ...(options.floor === undefined ? {} : { floor: options.floor }),
    ...(options.ceiling === undefined ? {} : { ceiling: options.ceiling }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Exact arithmetic

/** A Decimal as an exact ratio over a power of ten. */
function toRatio(value: Decimal): Ratio {
  const places = value.decimalPlaces();
  // toFixed writes every digit (never an exponent), so dropping the point scales by 10^places exactly.
  return { numerator: BigInt(value.toFixed(places).replace('.', '')), denominator: 10n ** BigInt(places) };
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return quotient * denominator < numerator ? quotient + 1n : quotient;
}

function compareRatio(a: Ratio, b: Ratio): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

function reduce(r: Ratio): Ratio {
  let a = r.numerator < 0n ? -r.numerator : r.numerator;
  let b = r.denominator;
  while (b !== 0n) [a, b] = [b, a % b];
  return a <= 1n ? r : { numerator: r.numerator / a, denominator: r.denominator / a };
}

/** Whole pennies as pounds with thousands separators, `1,234.50`, for messages. */
function penniesText(pennies: bigint): string {
  const sign = pennies < 0n ? '-' : '';
  const abs = pennies < 0n ? -pennies : pennies;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Ten-thousandths as a signed percentage with 2 decimals: -742n → `-7.42%`. */
function formatSteps(steps: bigint): string {
  const sign = steps < 0n ? '-' : steps > 0n ? '+' : '';
  const abs = steps < 0n ? -steps : steps;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}%`;
}
