/**
 * Running the formula once: the budget, the weights and the data of a run, from typed options, to the
 * exact allocation of every LSOA of the area. Every use case that shares a budget (allocate, explain,
 * sensitivity, report) starts here.
 */
import { checkPopulationBase, parsePopulationBase, populationField } from '../data/populationBase.js';
import { fairShare, type Allocation } from '../engine/fairShare.js';
import { weigh } from '../engine/weigh.js';
import type { AppIo } from './context.js';
import { unwrap } from './failure.js';
import { budgetAmount, weightMap, type BudgetSetting, type WeightSettings } from './formulaSettings.js';
import { loadInputs, type Inputs } from './inputs.js';
import { inputOptions, type DataOptions } from './dataOptions.js';

export { vintageOf } from './dataOptions.js';

/** What a run of the formula is given. Money is text or a Decimal, never a JavaScript number. */
export interface FormulaOptions extends DataOptions {
  /** The budget: `'12.7m'`, `'£12,700,000'`, `'12700000.50'`, or a Decimal. */
  readonly budget: BudgetSetting;
  /** Domain ids to leave out (weight 0). */
  readonly exclude?: readonly string[];
  /** Domain id → weight (`{ 'community-safety': 2 }`, or a Map); a weight is a number of 0 or more. */
  readonly weights?: WeightSettings;
  /**
   * The population base: `total` (default), `0-4`, `0-14`, `60+`, `65+` (2025), `0-15`, `16-59`, `60+`
   * (2019).
   */
  readonly population?: string;
}

/** One run of the formula: the data, formula and area it used, and every LSOA's exact amount. */
export interface FormulaRun {
  readonly inputs: Inputs;
  readonly allocation: Allocation;
}

/**
 * Load the data, weigh the formula and share the budget. Relative paths are taken from `io.cwd`;
 * notices (a file read as Windows-1252) go to `io.stderr`. Throws Failure on bad input.
 *
 * @example await runFormula({ budget: '12.7m', exclude: ['young-people', 'early-years'] }, io)
 */
export async function runFormula(options: FormulaOptions, io: AppIo): Promise<FormulaRun> {
  const budget = budgetAmount(options.budget);
  const asked = unwrap(parsePopulationBase(options.population ?? 'total'));
  const inputs = await loadInputs(inputOptions(options), io);
  const base = unwrap(checkPopulationBase(inputs.all, asked, inputs.vintage));
  const formula = unwrap(weigh(inputs.formula, { exclude: options.exclude ?? [], weights: weightMap(options.weights) }));
  const allocation = unwrap(fairShare(inputs.dataset, formula, budget, { populationField: populationField(base) }));
  return { inputs, allocation };
}
