/**
 * A multi-year transition from last year's allocation to the formula's target: each year every area moves
 * a share (the pace) of the gap that remains between its amount and that year's target, and a floor (and
 * ceiling) against the year before is paid for by the areas not held, in proportion to their paced
 * amounts (NHS England's pace of change; the DfE's funding floor with capping and scaling). The final
 * year aims at the target itself. Pure and exact: amounts are whole pennies, the paced amounts exact
 * ratios shared out by the largest remainder method, and each year adds up to its budget to the penny.
 */
import type { Decimal } from 'decimal.js';
import { damp, type Damping, type Ratio } from './damp.js';
import { fail, ok, type Result } from './errors.js';
import { largestRemainder } from './largestRemainder.js';
import { parsePercent } from './parsePercent.js';
import { shown } from './shown.js';

/** The most years a transition may take. */
export const MAX_YEARS = 10;

/**
 * A pace as people read it: `50%`, or a fraction such as `1/3` where no percentage is exact.
 *
 * @example paceText({ numerator: 1n, denominator: 3n }) // => '1/3'
 */
export function paceText(pace: Ratio): string {
  const hundred = pace.numerator * 100n;
  return hundred % pace.denominator === 0n ? `${hundred / pace.denominator}%` : `${pace.numerator}/${pace.denominator}`;
}

/**
 * How many years a transition takes, as written (`'3'`): a whole number from 1 to {@link MAX_YEARS}, else a
 * `usage` failure naming the setting (`--years`, `years:`).
 *
 * @example transitionYears('3', '--years') // => ok(3)
 */
export function transitionYears(written: string, setting: string): Result<number> {
  const text = written.trim();
  const years = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (years >= 1 && years <= MAX_YEARS) return ok(years);
  return fail('usage', 'bad-years', `${setting} ${shown(text)} is not a whole number of years from 1 to ${MAX_YEARS}`, {
    hint: `Give it like ${setting === '--years' ? '--years 3' : `${setting} 3`}`,
  });
}

/**
 * The share of the remaining gap each year closes, as an exact ratio: the pace as written (`'50%'`), above 0%
 * and at most 100%, or by default 1/years (every year the same share of what remains). A pace outside that is
 * a `usage` failure naming the setting (`--pace`, `pace:`).
 *
 * @example transitionPace('50%', 3, '--pace') // => ok({ numerator: 1n, denominator: 2n })
 * @example transitionPace(undefined, 3, '--pace') // => ok({ numerator: 1n, denominator: 3n })
 */
export function transitionPace(written: string | undefined, years: number, setting: string): Result<Ratio> {
  if (written === undefined) return ok({ numerator: 1n, denominator: BigInt(years) });
  const pace = parsePercent(written, setting);
  if (!pace.ok) return pace;
  if (!(pace.value.gt(0) && pace.value.lte(1))) {
    return fail('usage', 'bad-pace', `${setting} ${shown(written)} is not above 0% and at most 100%`, {
      hint: `Give the share of the gap closed each year, like ${setting === '--pace' ? '--pace' : setting} 50%`,
    });
  }
  const [numerator, denominator] = pace.value.toFraction().map((part) => BigInt(part.toFixed(0))) as [bigint, bigint];
  return ok({ numerator, denominator });
}

/** One area on the path: its code and name, and last year's allocation in pennies. */
export interface TransitionArea {
  readonly code: string;
  readonly name: string;
  readonly previous: bigint;
}

export interface TransitionOptions {
  /**
   * The share of the remaining gap each year closes, as an exact ratio: above 0, at most 1 (1: straight to
   * the target; 1/3: a third of what remains, for 100% ÷ 3 years).
   */
  readonly pace: Ratio;
  /** The lowest change allowed each year against the year before, as a fraction: -0.02 for -2%. */
  readonly floor?: Decimal;
  /** The highest change allowed each year against the year before, as a fraction: 0.05 for +5%. */
  readonly ceiling?: Decimal;
}

/** One year of the path. */
export interface TransitionYear {
  /** 1 for the first year. */
  readonly year: number;
  readonly budget: bigint;
  /** Each area's formula target at this year's budget, in the order of the areas. */
  readonly target: readonly bigint[];
  /** Each area's paced amount before the floor and ceiling, shared out to the budget. */
  readonly paced: readonly bigint[];
  /** The floor and ceiling applied against the year before: each area's amount, and who was held. */
  readonly damping: Damping;
}

export interface Transition {
  readonly areas: readonly TransitionArea[];
  readonly years: readonly TransitionYear[];
  /**
   * How far the final year falls short of the target: the pennies that would still have to move (half the
   * sum of |amount − target|), 0 when every area reaches its target.
   */
  readonly shortfall: bigint;
}

/**
 * Move `areas` from their previous allocations to their formula targets over one year per entry of
 * `targets` (each the formula's pennies per area at that year's budget, adding up to it). Year t's paced
 * amount of an area is last year's amount plus `pace` × (its target − last year's amount), shared out to
 * the year's budget; the final year's is the target itself. The floor and ceiling then hold each area
 * within its band against the year before ({@link damp}). A floor a year's budget cannot fund is a
 * `usage` failure naming the year and the tightest floor that works.
 *
 * @example transition(areas, [target1, target2, target3], { pace: new Exact('0.5'), floor: new Exact('-0.02') })
 */
export function transition(areas: readonly TransitionArea[], targets: readonly (readonly bigint[])[], options: TransitionOptions): Result<Transition> {
  const { numerator: num, denominator: den } = options.pace;
  if (!(num > 0n && den > 0n && num <= den)) throw new RangeError(`transition: pace ${num}/${den} is not in (0, 1]`);
  const n = areas.length;
  let before = areas.map((a) => a.previous);
  const years: TransitionYear[] = [];
  for (const [t, target] of targets.entries()) {
    if (target.length !== n) throw new RangeError(`transition: year ${t + 1} has ${target.length} targets for ${n} areas`);
    const budget = target.reduce((sum, p) => sum + p, 0n);
    const last = t === targets.length - 1;
    // den × paced = den × before + num × (target − before), never negative since both ends are not.
    const weights = last ? [...target] : before.map((b, i) => den * b + num * ((target[i] as bigint) - b));
    const total = weights.reduce((sum, w) => sum + w, 0n);
    const paced =
      total === 0n
        ? weights.map(() => 0n)
        : largestRemainder(
            budget,
            weights,
            areas.map((a) => a.code),
          );
    const damping = damp(
      areas.map((a, i) => ({ code: a.code, name: a.name, formula: paced[i] as bigint, previous: before[i] as bigint })),
      budget,
      { ...(options.floor === undefined ? {} : { floor: options.floor }), ...(options.ceiling === undefined ? {} : { ceiling: options.ceiling }) },
    );
    if (!damping.ok) {
      return fail(damping.error.kind, damping.error.code, `year ${t + 1} of ${targets.length}: ${damping.error.message}`, {
        ...(damping.error.hint === undefined ? {} : { hint: damping.error.hint }),
      });
    }
    years.push({ year: t + 1, budget, target, paced, damping: damping.value });
    before = damping.value.districts.map((d) => d.amount);
  }
  const final = years.at(-1);
  const gap = final === undefined ? 0n : final.damping.districts.reduce((sum, d, i) => sum + abs(d.amount - (final.target[i] as bigint)), 0n);
  return ok({ areas, years, shortfall: gap / 2n });
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
