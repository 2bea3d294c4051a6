/**
 * The check every reader of a user's CSV makes on its header: are the required columns there, and if
 * not, which column was probably meant (a typo) and which must be added. Pure.
 */
import { fail, ok, type Result } from '../engine/errors.js';
import { nearest } from '../engine/nearest.js';
import { shown } from '../engine/shown.js';
import { andList, sentence } from '../engine/wording.js';

export interface RequireColumnsOptions {
  /**
   * The optional columns the reader also uses. They are never offered as a misspelling of a required
   * column (population_0_15 is not a misspelt population).
   */
  readonly optional?: readonly string[];
}

/**
 * Check that a header has every `required` column, matching lower-cased `names` (trimmed header cells).
 * When some are missing, one `missing-columns` data failure lists them and, in the hint, says which
 * unrecognised column to rename to each (by nearest name) and which to add, ending with `headerNeeds`.
 * It points at the header line, and at the first column to rename when there is one.
 *
 * @example
 * requireColumns(['lsoa_code', 'area_cod'], ['lsoa_code', 'area_code'], 'the header needs lsoa_code and area_code', { file: 'f.csv', line: 1 })
 * // => fail('data', 'missing-columns', 'missing required column "area_code"', {
 * //   hint: 'Rename column "area_cod" to "area_code" (the header needs lsoa_code and area_code)',
 * //   location: { file: 'f.csv', line: 1, column: 2, columnName: 'area_cod' } })
 */
export function requireColumns(
  names: readonly string[],
  required: readonly string[],
  headerNeeds: string,
  header: { readonly file: string; readonly line: number },
  options: RequireColumnsOptions = {},
): Result<void> {
  const keys = names.map((name) => name.toLowerCase());
  const missing = required.filter((column) => !keys.includes(column));
  if (missing.length === 0) return ok(undefined);
  const { file, line } = header;

  // A file saved with semicolons or tabs is refused earlier, by readCsvRecords.
  // Only unrecognised columns can be typos of a required one.
  const known = new Set([...required, ...(options.optional ?? [])]);
  const unknown = names.filter((name, i) => name !== '' && !known.has(keys[i] ?? ''));
  const steps: string[] = [];
  const adds: string[] = [];
  const used = new Set<string>();
  let firstGuess: number | undefined;
  for (const column of missing) {
    const guess = nearest(column, unknown.filter((name) => !used.has(name)));
    if (guess === undefined) {
      adds.push(`"${column}"`);
    } else {
      used.add(guess);
      steps.push(`rename column "${shown(guess)}" to "${column}"`);
      firstGuess ??= names.indexOf(guess);
    }
  }
  if (adds.length > 0) steps.push(`add ${adds.length === 1 ? 'a column' : 'columns'} ${andList(adds)}`);
  return fail('data', 'missing-columns', `missing required column${missing.length === 1 ? '' : 's'} ${andList(missing.map((c) => `"${c}"`))}`, {
    hint: sentence(`${steps.join('; ')} (${headerNeeds})`),
    location: firstGuess === undefined ? { file, line } : { file, line, column: firstGuess + 1, columnName: shown(names[firstGuess] ?? '') },
  });
}

/**
 * Refuse a header that has one of the `used` columns twice (matching lower-cased `names`): which one
 * would be read is a guess. A repeated column the reader does not use is harmless. The failure points at
 * the second of the two.
 *
 * @example repeatedColumn(['code', 'value', 'Value'], ['code', 'value'], { file: 'f.csv', line: 1 })
 * // => fail('data', 'duplicate-column', 'column "Value" appears twice in the header, as columns 2 and 3', …)
 */
export function repeatedColumn(names: readonly string[], used: readonly string[], header: { readonly file: string; readonly line: number }): Result<void> {
  const keys = names.map((name) => name.toLowerCase());
  const firstIndex = new Map<string, number>();
  for (const [index, key] of keys.entries()) {
    const first = firstIndex.get(key);
    if (first !== undefined && used.includes(key)) {
      return fail('data', 'duplicate-column', `column "${shown(names[index] ?? key)}" appears twice in the header, as columns ${first + 1} and ${index + 1}`, {
        hint: 'Rename or remove one of them',
        location: { ...header, column: index + 1, columnName: shown(names[index] ?? '') },
      });
    }
    firstIndex.set(key, first ?? index);
  }
  return ok(undefined);
}
