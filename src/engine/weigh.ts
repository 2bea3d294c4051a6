import type { Decimal } from 'decimal.js';
import { fail, ok, type Result } from './errors.js';
import { Exact } from './exact.js';
import type { Domain, Formula } from './formula.js';
import { nearest } from './nearest.js';
import { shown } from './shown.js';

export interface WeighOptions {
  /** Domain ids to leave out (weight 0). */
  readonly exclude?: readonly string[];
  /**
   * Domain id → weight, as typed (a decimal number ≥ 0). Pass a Map when the ids are user text: a plain
   * object cannot hold every name (`{}['__proto__'] = '2'` sets its prototype instead of a key).
   */
  readonly weights?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** What the user calls the two settings, for messages; default the CLI's `--exclude` and `--weight`. */
  readonly labels?: { readonly exclude: string; readonly weight: string };
}

/** A domain with the weight it counts with in this run. */
export interface WeightedDomain extends Domain {
  readonly weightValue: Decimal;
}

/** A formula with every domain's weight settled for one run. */
export interface WeightedFormula extends Omit<Formula, 'domains'> {
  readonly domains: readonly WeightedDomain[];
}

/** At most this many decimal places in a weight, so that every product in the engine stays exact. */
export const MAX_WEIGHT_DECIMALS = 10;

/**
 * Settle each domain's weight: the formula's default, 0 for an excluded domain, or the value given.
 * Refuses unknown domain ids (suggesting the nearest), weights that are not non-negative decimal
 * numbers, a domain both excluded and weighted, and settings that leave every weight at 0.
 *
 * @example weigh(formula, { exclude: ['young-people', 'early-years'] })
 */
export function weigh(formula: Formula, options: WeighOptions = {}): Result<WeightedFormula> {
  const ids = formula.domains.map((d) => d.id);
  const labels = options.labels ?? { exclude: '--exclude', weight: '--weight' };
  const unknown = (id: string, how: string): Result<WeightedFormula> => {
    const guess = nearest(id, ids);
    return fail('usage', 'unknown-domain', `unknown domain "${shown(id)}" in ${how}`, {
      hint: guess ? `Did you mean "${guess}"? Domains: ${ids.join(', ')}` : `Domains: ${ids.join(', ')}`,
    });
  };

  const exclude = new Set<string>();
  for (const id of options.exclude ?? []) {
    if (!ids.includes(id)) return unknown(id, labels.exclude);
    exclude.add(id);
  }
  const given = new Map<string, Decimal>();
  const weights = options.weights instanceof Map ? [...options.weights] : Object.entries(options.weights ?? {});
  for (const [id, text] of weights) {
    if (!ids.includes(id)) return unknown(id, labels.weight);
    if (exclude.has(id)) {
      return fail('usage', 'conflicting-weight', `domain "${id}" is both excluded and given a weight`, {
        hint: 'Either exclude it or give it a weight, not both',
      });
    }
    const parsed = parseWeight(text);
    if (!parsed.ok) {
      return fail('usage', 'bad-weight', `weight for "${id}" must be a number of 0 or more, got "${shown(text)}"`, {
        hint: `Use a number like 2 or 0.5 (at most ${MAX_WEIGHT_DECIMALS} decimal places); 0 leaves the domain out`,
      });
    }
    given.set(id, parsed.value);
  }

  const domains = formula.domains.map((domain): WeightedDomain => {
    const weightValue = exclude.has(domain.id) ? new Exact(0) : (given.get(domain.id) ?? new Exact(domain.weight));
    return { ...domain, weightValue };
  });
  if (domains.every((d) => d.weightValue.isZero())) {
    return fail('usage', 'no-domains', 'every domain is excluded or weighted 0, so there is nothing to share the budget by', {
      hint: 'Keep at least one domain with a weight above 0',
    });
  }
  return ok({ ...formula, domains });
}

function parseWeight(text: string): Result<Decimal> {
  const trimmed = text.trim();
  // Weights are small numbers; a long one is refused before the pattern and Decimal see it.
  if (trimmed.length > 40) return fail('usage', 'bad-weight', 'too long');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return fail('usage', 'bad-weight', 'not a number');
  const value = new Exact(trimmed);
  if (value.decimalPlaces() > MAX_WEIGHT_DECIMALS) return fail('usage', 'bad-weight', 'too many decimals');
  return ok(value);
}
