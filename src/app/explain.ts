/**
 * The explain use case: one LSOA's amount worked out, from its need rank in each domain to its pennies.
 * `explainRun` gives the engine's allocation and the LSOA's place in it (for the CLI to render as the
 * arithmetic written out, or as a table); `explain` gives plain data for scripts: JSON-serialisable,
 * money as strings with 2 decimals, exact.
 */
import type { Decimal } from 'decimal.js';
import type { Area } from '../data/area.js';
import type { Unit } from '../engine/dataset.js';
import { round2 } from '../engine/exact.js';
import type { Allocation } from '../engine/fairShare.js';
import type { AppIo } from './context.js';
import { findLsoa } from './findLsoa.js';
import type { Inputs } from './inputs.js';
import { runFormula, type FormulaOptions } from './runFormula.js';
import type { InputFile } from '../data/inputFile.js';

/** What `explain` is given: a run of the formula, and the LSOA to explain. */
export interface ExplainOptions extends FormulaOptions {
  /** The LSOA by code or name: `'E01027013'` or `'Daventry 008D'` (any case; spaces trimmed). */
  readonly lsoa: string;
}

/** One explain run, as the engine gives it: what the renderers of the explanation take. */
export interface ExplainRun {
  readonly inputs: Inputs;
  readonly allocation: Allocation;
  /** The LSOA's index in `allocation.dataset.units` (and in every per-unit array of the allocation). */
  readonly index: number;
  readonly unit: Unit;
}

/**
 * Run the formula and find the LSOA in the run's area. An LSOA outside the area, of the other vintage's
 * geography or unknown is a usage Failure whose hint says what to give instead (see findLsoa). Throws
 * Failure.
 *
 * @example const { allocation, index } = await explainRun({ budget: '12.7m', lsoa: 'Daventry 008D', vintage: '2019' }, io);
 */
export async function explainRun(options: ExplainOptions, io: AppIo): Promise<ExplainRun> {
  const { inputs, allocation } = await runFormula(options, io);
  const index = await findLsoa(options.lsoa, inputs, options, io);
  return { inputs, allocation, index, unit: allocation.dataset.units[index] as Unit };
}

/** A source of a domain, for one LSOA: its value in the data and its need rank in the area. */
export interface ExplainedSource {
  readonly field: string;
  readonly label: string;
  readonly higherMeans: string;
  /** The LSOA's value in the data (an IoD rank, a rate); null when the data has none. */
  readonly value: number | null;
  /** The value's need rank within the area: 1 = least need; a tie shares the mean of the ranks it spans. */
  readonly needRank: number | null;
}

/** A domain of the formula, for one LSOA. */
export interface ExplainedDomain {
  readonly id: string;
  readonly label: string;
  /** The weight (a decimal string; `'0'` for an excluded domain). */
  readonly weight: string;
  /**
   * The LSOA's need rank in the domain within the area (of a several-source domain: the rank of the mean of
   * its source ranks).
   */
  readonly needRank: number;
  /** Weight × need rank (a decimal string, exact): the domain's part of the figure. */
  readonly weighted: string;
  readonly sources: readonly ExplainedSource[];
}

/** What `explain` returns: plain data, money as strings with 2 decimals. */
export interface Explanation {
  readonly lsoa: {
    readonly code: string;
    readonly name: string;
    readonly districtCode: string;
    readonly districtName: string;
    readonly population: number;
    /** Σ weight × domain need rank (a decimal string, exact). */
    readonly figure: string;
    /** Figure × population / `weightedTotal`, in % to 6 decimals (half-up): the share before pennies. */
    readonly sharePct: string;
    /** The LSOA's whole pennies, `'52311.41'`. */
    readonly allocation: string;
    /** £ per person to the penny; '' when the LSOA has no people. */
    readonly perPerson: string;
  };
  /** The area the LSOA was ranked and shared within. */
  readonly area: { readonly kind: Area['kind']; readonly code: string; readonly name: string; readonly lsoas: number };
  /** The budget shared across the area, `'12700000.00'`. */
  readonly budget: string;
  /** The population base counted (`population`, `population_0_14`, …). */
  readonly population: string;
  /** The data in words, and the vintage of the shipped data (absent for your own data file). */
  readonly data: string;
  readonly vintage?: string;
  readonly formula: { readonly id: string; readonly name: string };
  /** Every domain of the formula, in its order, excluded ones (weight 0) too. */
  readonly domains: readonly ExplainedDomain[];
  /** Σ figure × population over the area (a decimal string, exact), which the LSOA has a share of. */
  readonly weightedTotal: string;
  /** Every input file by name and SHA-256. */
  readonly inputs: readonly InputFile[];
}

/**
 * Explain one LSOA's amount as `fairshare explain` does and return plain data. Relative paths are taken
 * from `io.cwd`; notices go to `io.stderr`. Rejects with a Failure whose `error` is the typed error
 * value.
 *
 * @example
 * const e = await explain({ budget: '12.7m', exclude: ['young-people', 'early-years'], vintage: '2019', lsoa: 'E01027013' }, io);
 * e.lsoa // => { code: 'E01027013', name: 'Daventry 008D', …, figure: '1725.5', sharePct: '0.411901', allocation: '52311.41', perPerson: '28.89' }
 */
export async function explain(options: ExplainOptions, io: AppIo): Promise<Explanation> {
  const { inputs, allocation, index, unit } = await explainRun(options, io);
  const { dataset, figures, populations, amounts, totalWeighted } = allocation;
  const figure = figures[index] as Decimal;
  const population = populations[index] as number;
  const amount = amounts[index] as Decimal;
  const numberOrNull = (value: number | undefined): number | null => (value === undefined || Number.isNaN(value) ? null : value);
  return {
    lsoa: {
      code: unit.code,
      name: unit.name,
      districtCode: unit.districtCode,
      districtName: unit.districtName,
      population,
      figure: figure.toString(),
      sharePct: figure.times(population).dividedBy(totalWeighted).times(100).toDecimalPlaces(6).toString(),
      allocation: amount.toFixed(2),
      perPerson: population > 0 ? round2(amount.dividedBy(population)) : '',
    },
    area: { kind: inputs.area.kind, code: inputs.area.code, name: inputs.area.name, lsoas: dataset.units.length },
    budget: allocation.budget.toFixed(2),
    population: allocation.populationField,
    data: inputs.dataWords,
    ...(inputs.vintage === undefined ? {} : { vintage: inputs.vintage }),
    formula: { id: allocation.formula.id, name: allocation.formula.name },
    domains: allocation.domains.map(({ domain, ranks, sourceRanks }) => {
      const rank = ranks[index] as number;
      return {
        id: domain.id,
        label: domain.label,
        weight: domain.weightValue.toString(),
        needRank: rank,
        weighted: domain.weightValue.times(rank).toString(),
        sources: domain.sources.map((source, s) => ({
          field: source.field,
          label: source.label,
          higherMeans: source.higherMeans,
          value: numberOrNull(dataset.fields.get(source.field)?.[index]),
          needRank: numberOrNull(sourceRanks[s]?.[index]),
        })),
      };
    }),
    weightedTotal: totalWeighted.toString(),
    inputs: inputs.provenance,
  };
}
