import { fail, ok, type Result } from '../engine/errors.js';
import type { Dataset } from '../engine/dataset.js';
import { shown } from '../engine/shown.js';

/**
 * The populations a budget can be shared by (and £ per person worked out over). Which of them a dataset
 * has depends on its vintage: 2019 has mid-2015 `0-15`, `16-59` and `60+`; 2025 has the Census 2021 bands
 * `0-4`, `0-14`, `60+` and `65+` (Census ages come in 5-year bands, so there is no exact 0-15 or 16-59).
 */
export const POPULATION_BASES = ['total', '0-4', '0-14', '0-15', '16-59', '60+', '65+'] as const;
export type PopulationBase = (typeof POPULATION_BASES)[number];

const FIELDS: Readonly<Record<PopulationBase, string>> = {
  total: 'population',
  '0-4': 'population_0_4',
  '0-14': 'population_0_14',
  '0-15': 'population_0_15',
  '16-59': 'population_16_59',
  '60+': 'population_60_plus',
  '65+': 'population_65_plus',
};

/** Other words for a base. */
const ALIASES: ReadonlyMap<string, PopulationBase> = new Map([['all', 'total']]);

/**
 * The dataset field holding a population base, e.g. `0-15` → `population_0_15` (children, for early
 * years per child).
 *
 * @example populationField('60+') // => 'population_60_plus'
 */
export function populationField(base: PopulationBase): string {
  return FIELDS[base];
}

/** The bases a dataset has a population for, in the order of {@link POPULATION_BASES}. */
export function populationBases(dataset: Dataset): PopulationBase[] {
  return POPULATION_BASES.filter((base) => dataset.fields.has(FIELDS[base]));
}

/** Read a population base as typed (`total` or `all`, `0-15`, `60+`, …). */
export function parsePopulationBase(text: string): Result<PopulationBase> {
  const typed = text.trim().toLowerCase();
  const base = ALIASES.get(typed) ?? POPULATION_BASES.find((b) => b === typed);
  return base
    ? ok(base)
    : fail('usage', 'bad-population-base', `unknown population base "${shown(text)}"`, { hint: `Use one of: ${POPULATION_BASES.join(', ')}` });
}

/**
 * Check that a dataset has a base's population; else a usage failure naming the bases it has (for the
 * shipped packs, the vintage that has the one asked for). `vintageSetting` is how the hint names the vintage
 * setting: `--vintage` (default) on the command line, `vintage:` in a scenario file.
 *
 * @example checkPopulationBase(pack2019, '65+') // => fail: "the 2019 vintage has no 65+ population; it has total, 0-15, 16-59, 60+"
 */
export function checkPopulationBase(dataset: Dataset, base: PopulationBase, vintage: string | undefined, options: { vintageSetting?: string } = {}): Result<PopulationBase> {
  if (dataset.fields.has(FIELDS[base])) return ok(base);
  const has = populationBases(dataset).join(', ');
  const what = vintage === undefined ? 'the data' : `the ${vintage} vintage`;
  return fail('usage', 'bad-population-base', `${what} has no ${base} population; it has ${has}`, {
    hint: vintage === undefined ? `Add a ${FIELDS[base]} column, or use one of: ${has}` : `Use one of those, or another ${options.vintageSetting ?? '--vintage'}`,
  });
}
