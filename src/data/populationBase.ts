import { fail, ok, type Result } from '../engine/errors.js';

/** The populations a budget can be shared by (and £ per person worked out over). */
export const POPULATION_BASES = ['total', '0-15', '16-59', '60+'] as const;
export type PopulationBase = (typeof POPULATION_BASES)[number];

const FIELDS: Readonly<Record<PopulationBase, string>> = {
  total: 'population',
  '0-15': 'population_0_15',
  '16-59': 'population_16_59',
  '60+': 'population_60_plus',
};

/**
 * The dataset field holding a population base, e.g. `0-15` → `population_0_15` (children, for early
 * years per child).
 *
 * @example populationField('60+') // => 'population_60_plus'
 */
export function populationField(base: PopulationBase): string {
  return FIELDS[base];
}

/** Read a population base as typed (`total`, `0-15`, `16-59`, `60+`). */
export function parsePopulationBase(text: string): Result<PopulationBase> {
  const base = POPULATION_BASES.find((b) => b === text.trim().toLowerCase());
  return base
    ? ok(base)
    : fail('usage', 'bad-population-base', `unknown population base "${text}"`, { hint: `Use one of: ${POPULATION_BASES.join(', ')}` });
}
