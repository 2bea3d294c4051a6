import type { Area } from '../data/area.js';
import type { Allocation } from '../engine/fairShare.js';
import { plain } from '../engine/shown.js';
import { poundsText } from './display.js';
import { groupThousands } from '../engine/wording.js';

/** A run in words and as data, for table headers, Markdown captions and JSON metadata. */
export interface RunDescription {
  readonly area: string;
  readonly budget: string;
  readonly counted: string;
  readonly excluded: string;
  readonly dataWords: string;
  /** What the area's LSOAs leave out or take in (a former county whose LSOA moved council), if anything. */
  readonly note?: string;
}

/**
 * Describe a run: the area, the budget, which domains count with what weight and which are excluded,
 * and where the data came from.
 *
 * @example describeRun(allocation, area, 'IoD2019').counted // => 'deprivation ×1, access-to-facilities ×1, …'
 */
export function describeRun(allocation: Allocation, area: Area, source: string): RunDescription {
  const people = allocation.populations.reduce((sum, p) => sum + p, 0);
  const code = area.kind !== 'england' && area.kind !== 'all' && area.code && area.code !== area.name ? ` (${area.code})` : '';
  const domains = allocation.formula.domains;
  const counted = domains.filter((d) => !d.weightValue.isZero()).map((d) => `${d.id} ×${d.weightValue.toString()}`);
  const excluded = domains.filter((d) => d.weightValue.isZero()).map((d) => d.id);
  return {
    area: `${area.name}${code}: ${groupThousands(String(allocation.dataset.units.length))} LSOAs, ${groupThousands(String(people))} ${peopleLabel(allocation.populationField)}`,
    budget: `${poundsText(allocation.budget)}`,
    counted: counted.join(', '),
    excluded: excluded.length ? excluded.join(', ') : 'none',
    dataWords: source,
    ...(area.note === undefined ? {} : { note: area.note }),
  };
}

/** How the people counted are described: "people", or "people aged 0-15" for a population base. */
export function peopleLabel(populationField: string): string {
  const match = /^population_(\d+)_(\d+|plus)$/.exec(populationField);
  if (!match) return 'people';
  return match[2] === 'plus' ? `people aged ${match[1]}+` : `people aged ${match[1]}-${match[2]}`;
}

/**
 * The description as lines of text for the top of a terminal table. The area's name and the data
 * file's name come from inputs, so each line goes through {@link plain}: no control or bidirectional
 * character reaches a terminal, whoever prints the lines. (Markdown needs more: see `markdownLines`.)
 */
export function runHeader(description: RunDescription): string[] {
  return [
    `${description.area}. Budget ${description.budget}.`,
    `Domains counted: ${description.counted}. Excluded: ${description.excluded}.`,
    `Data: ${description.dataWords}.`,
    ...(description.note === undefined ? [] : [description.note]),
  ].map(plain);
}

/**
 * Machine-readable run metadata for JSON output. The budget is money, so it is a string with exactly 2
 * decimals (`"12700000.00"`), as the money columns of `toJson` are: no reader loses a penny.
 */
export function runMeta(allocation: Allocation, area: Area, source: string, vintage?: string): Record<string, unknown> {
  return {
    area: { kind: area.kind, code: area.code, name: area.name, lsoas: allocation.dataset.units.length },
    budget: allocation.budget.toFixed(2),
    population: allocation.populationField,
    data: source,
    // The shipped data's vintage (2025, 2019); absent for a --data file.
    ...(vintage === undefined ? {} : { vintage }),
    formula: {
      id: allocation.formula.id,
      name: allocation.formula.name,
      domains: allocation.formula.domains.map((d) => ({
        id: d.id,
        label: d.label,
        weight: Number(d.weightValue.toString()),
        sources: d.sources.map((s) => ({ field: s.field, label: s.label, higherMeans: s.higherMeans })),
      })),
    },
  };
}
