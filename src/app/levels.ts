import type { Vintage } from '../data/vintage.js';
import type { Dataset } from '../engine/dataset.js';
import { fail, ok, type Result } from '../engine/errors.js';
import { hasLevel, type GroupLevel } from '../engine/tabulate.js';
import { shown } from '../engine/shown.js';

/**
 * The levels `allocate --level` and `profile --level` accept, and how each is worked out from the data:
 * `lsoa` is the units themselves; `district`, `former-district`, `county`, `region` and (on data whose
 * units carry wards, the 2025 pack) `ward` group whole LSOAs by a field of each unit; `ward` on the 2019
 * pack and `division` share LSOAs out through a lookup (the shipped one, or `--lookup FILE`); `locality`
 * through the user's localities file (`--localities FILE`).
 */
export const LEVELS = ['lsoa', 'district', 'former-district', 'county', 'region', 'ward', 'division', 'locality'] as const;
export type Level = (typeof LEVELS)[number];

/** How a run gets the areas of its level. */
export type LevelPlan =
  { readonly by: 'lsoa' } | { readonly by: 'group'; readonly level: GroupLevel } | { readonly by: 'lookup'; readonly level: 'ward' | 'division' | 'locality' };

/** A level in words, plural: `former districts`, `counties`. */
export function levelPlural(level: string): string {
  const words = level.replace(/-/g, ' ');
  return words.endsWith('y') ? `${words.slice(0, -1)}ies` : `${words}s`;
}

/** The levels only some data has, and the vintage of the shipped data that has them. */
const ONLY_IN: Readonly<Partial<Record<Level, Vintage>>> = { region: '2025', division: '2019' };

/**
 * Read `--level` and decide how its areas are made, for the data loaded: refused (a usage failure,
 * exit 2) when the level is unknown or the data cannot give it, naming the vintage that can.
 *
 * @example planLevel('former-district', pack2019, '2019', false) // => ok({ by: 'group', level: 'former-district' }): one row per district
 * @example planLevel('region', pack2019, '2019', false) // => the 2019 vintage has no regions; use --vintage 2025
 */
export function planLevel(text: string, dataset: Dataset, vintage: Vintage | undefined, lookup: boolean, levels: readonly Level[] = LEVELS): Result<LevelPlan> {
  const level = levels.find((l) => l === text.trim().toLowerCase());
  if (level === undefined) return fail('usage', 'bad-level', `unknown level "${shown(text)}"`, { hint: `Use --level ${levels.join(', ')}` });
  if (level === 'lsoa') return ok({ by: 'lsoa' });
  if (level === 'locality') {
    return lookup
      ? ok({ by: 'lookup', level })
      : fail('usage', 'no-lookup', 'the locality level needs your localities file', {
          hint: 'Give it with --localities FILE (lsoa_code or ward_code, and locality)',
        });
  }
  if (level === 'division' || (level === 'ward' && (lookup || !hasLevel(dataset, 'ward')))) {
    if (level === 'division' && vintage !== undefined && vintage !== ONLY_IN.division && !lookup) return missing(level, vintage);
    return ok({ by: 'lookup', level });
  }
  if (hasLevel(dataset, level)) return ok({ by: 'group', level });
  return missing(level, vintage);
}

/** The refusal of a level the data cannot give: which data lacks it and which vintage has it. */
function missing(level: Level, vintage: Vintage | undefined): Result<never> {
  const has = ONLY_IN[level];
  const plural = levelPlural(level);
  const what = vintage === undefined ? `a --data file has no ${plural}` : `the ${vintage} vintage has no ${plural}`;
  const why = level === 'division' ? ': the shipped division lookup is of the LSOAs of the 2019 vintage' : '';
  return fail('usage', 'level-not-in-data', `${what}${why}`, {
    hint:
      has === undefined
        ? `Use the shipped data (leave out --data) for --level ${level}`
        : level === 'division'
          ? `Use --vintage ${has}, or give a lookup of these LSOAs with --lookup FILE`
          : `Use --vintage ${has}${vintage === undefined ? ' without --data' : ''}`,
  });
}
