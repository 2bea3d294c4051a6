/**
 * The vintages of the shipped data: which official release the numbers come from. Each has its own pack
 * (`data/england-lsoa-<vintage>.json.gz`) and its own default formula.
 */
import { fail, ok, type Result } from '../engine/errors.js';
import { shown } from '../engine/shown.js';

/** The vintages fairshare ships, newest first. */
export const VINTAGES = ['2025', '2019'] as const;
export type Vintage = (typeof VINTAGES)[number];

/** The vintage used when none is named. */
export const DEFAULT_VINTAGE: Vintage = '2025';

/** In words, for help and messages. */
export const VINTAGE_LABELS: Readonly<Record<Vintage, string>> = {
  '2025': 'IoD2025, Census 2021 population, LSOA 2021, councils of 2024',
  '2019': 'IoD2019, mid-2015 population, LSOA 2011, districts of 2019',
};

/** The formula each vintage uses when none is named (a name in data/formulas/). */
export const DEFAULT_FORMULAS: Readonly<Record<Vintage, string>> = {
  '2025': 'northamptonshire-2025',
  '2019': 'northamptonshire',
};

/** The shipped pack's file name for a vintage, inside the package's `data/` folder. */
export function packFileName(vintage: Vintage): string {
  return `england-lsoa-${vintage}.pack`;
}

/**
 * Read a vintage as typed (`2025`, `2019`).
 *
 * @example parseVintage('2025') // => ok('2025')
 * @example parseVintage('2031') // => a usage failure listing the vintages
 */
export function parseVintage(text: string): Result<Vintage> {
  const vintage = VINTAGES.find((v) => v === text.trim());
  if (vintage !== undefined) return ok(vintage);
  return fail('usage', 'bad-vintage', `unknown vintage "${shown(text)}"`, {
    hint: `Use ${VINTAGES.map((v) => `--vintage ${v} (${VINTAGE_LABELS[v]})`).join(' or ')}`,
  });
}
