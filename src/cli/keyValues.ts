import { shown } from '../engine/shown.js';
import { Failure } from '../app/failure.js';

/** The stems of the options' error codes; each gives a `bad-` and a `conflicting-` code in ERROR_CODES. */
export type KeyValueCode = 'weight' | 'replace';

/** How a repeatable `KEY=VALUE` option is written and refused, in its own words. */
export interface KeyValueOption {
  /** `--weight`, `--replace`. */
  readonly option: string;
  /** `id=x`, `SOURCE=FILE`. */
  readonly form: string;
  /** A setting written right, for the hint: `community-safety=2`. */
  readonly example: string;
  /** The message for a key given twice, e.g. `gives domain "x" a weight twice`. */
  readonly twice: (key: string) => string;
  /** The hint for it, e.g. `Give each domain one --weight`. */
  readonly once: string;
  /** The error codes' stem: `weight` gives `bad-weight` and `conflicting-weight`. */
  readonly code: KeyValueCode;
  /** Whether an empty value is refused here (else the value's own reader refuses it). */
  readonly valueRequired?: boolean;
}

/**
 * Repeatable `KEY=VALUE` settings as a Map in the order given (keys are user text, so not keys of a
 * plain object), each key once, spaces around the `=` and the value trimmed. Throws a usage Failure.
 *
 * @example keyValues(['community-safety = 2'], WEIGHT) // => Map { 'community-safety' => '2' }
 */
export function keyValues(settings: readonly string[], how: KeyValueOption): Map<string, string> {
  const values = new Map<string, string>();
  for (const setting of settings) {
    const match = /^\s*([^=\s]+)\s*=\s*(.*?)\s*$/.exec(setting);
    if (!match || (how.valueRequired === true && match[2] === '')) {
      throw new Failure({
        kind: 'usage',
        code: `bad-${how.code}`,
        message: `${how.option} "${shown(setting)}" is not of the form ${how.form}`,
        hint: `Write it like ${how.option} ${how.example}`,
      });
    }
    const key = match[1] as string;
    if (values.has(key)) {
      throw new Failure({ kind: 'usage', code: `conflicting-${how.code}`, message: `${how.option} ${how.twice(shown(key))}`, hint: how.once });
    }
    values.set(key, match[2] as string);
  }
  return values;
}
