/**
 * A run's budget and weights as the use cases take them from scripts (a budget as text or a Decimal,
 * weights as a Map or a plain object), turned into what the engine takes. Money never passes through a
 * JavaScript number: one is refused, as it may already have lost pennies.
 */
import { Decimal } from 'decimal.js';
import { parseAmount } from '../engine/parseAmount.js';
import { Failure, unwrap } from './failure.js';

/** A budget as a script gives it: `'12.7m'`, `'£12,700,000'`, `'12700000.50'`, or a Decimal. */
export type BudgetSetting = string | Decimal;

/** Domain id → weight (`{ 'community-safety': 2 }`, or a Map); a weight is a number of 0 or more. */
export type WeightSettings = ReadonlyMap<string, string | number> | Readonly<Record<string, string | number>>;

/**
 * The budget, checked as `--budget` is (more than £0, at most £1 trillion, whole pennies). Throws a
 * Failure (`bad-budget`), also for a JavaScript number.
 *
 * @example budgetAmount('12.7m').toFixed(2) // => '12700000.00'
 */
export function budgetAmount(budget: unknown): Decimal {
  return unwrap(parseAmount(budgetText(budget)));
}

/** A budget as the text the amount reader takes. */
function budgetText(budget: unknown): string {
  if (typeof budget === 'string') return budget;
  if (Decimal.isDecimal(budget)) return (budget as Decimal).toFixed();
  throw new Failure({
    kind: 'usage',
    code: 'bad-budget',
    message: `the budget must be text like '12.7m' or a Decimal, not ${typeof budget === 'number' ? 'a JavaScript number, which can lose pennies' : typeof budget}`,
    hint: "Give it as text, e.g. budget: '12700000.50'",
  });
}

/**
 * Weights as the Map `weigh` takes: ids are the user's text, so never keys of a plain object on the way in.
 *
 * @example weightMap({ 'community-safety': 2 }) // => Map { 'community-safety' => '2' }
 */
export function weightMap(weights: WeightSettings | undefined): Map<string, string> {
  if (weights === undefined) return new Map();
  const entries = weights instanceof Map ? [...weights] : Object.entries(weights as Readonly<Record<string, string | number>>);
  return new Map(entries.map(([id, value]) => [id, String(value)]));
}
