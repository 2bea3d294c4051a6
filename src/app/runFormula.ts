/**
 * Running the formula once: the budget, the weights and the data of a run, from typed options, to the
 * exact allocation of every LSOA of the area. Every use case that shares a budget (allocate, explain,
 * sensitivity, report) starts here.
 */
import { Decimal } from 'decimal.js';
import { checkPopulationBase, parsePopulationBase, populationField } from '../data/populationBase.js';
import { parseVintage, type Vintage } from '../data/vintage.js';
import { fairShare, type Allocation } from '../engine/fairShare.js';
import { parseAmount } from '../engine/parseAmount.js';
import { weigh } from '../engine/weigh.js';
import type { AppIo } from './context.js';
import { Failure, unwrap } from './failure.js';
import { loadInputs, type Inputs, type ReplaceSetting } from './inputs.js';

/** What a run of the formula is given. Money is text or a Decimal, never a JavaScript number. */
export interface FormulaOptions {
  /** The budget: `'12.7m'`, `'£12,700,000'`, `'12700000.50'`, or a Decimal. */
  readonly budget: string | Decimal;
  /** Domain ids to leave out (weight 0). */
  readonly exclude?: readonly string[];
  /** Domain id → weight (`{ 'community-safety': 2 }`, or a Map); a weight is a number of 0 or more. */
  readonly weights?: ReadonlyMap<string, string | number> | Readonly<Record<string, string | number>>;
  /** A district, county, region or council by name or code, or `england`; default Northamptonshire. */
  readonly area?: string;
  /** Your own data file (CSV or XLSX) instead of the shipped data; `-` reads standard input. */
  readonly data?: string;
  /** A built-in formula name or a formula JSON file. */
  readonly formula?: string;
  /** The population base: `total` (default), `0-4`, `0-14`, `60+`, `65+` (2025), `0-15`, `16-59`, `60+` (2019). */
  readonly population?: string;
  /** The shipped data: `'2025'` (default) or `'2019'`. */
  readonly vintage?: string;
  /** Sources of the formula swapped for your own figures: source id → file, or a list of settings. */
  readonly replace?: readonly ReplaceSetting[] | Readonly<Record<string, string>>;
  /** The sheet to read of every workbook input (default: each one's first). */
  readonly sheet?: string;
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
  const budget = unwrap(parseAmount(budgetText(options.budget)));
  const asked = unwrap(parsePopulationBase(options.population ?? 'total'));
  const vintage = vintageOf(options.vintage);
  const replace = replaceSettings(options.replace);
  const inputs = await loadInputs(
    {
      ...(options.data === undefined ? {} : { data: options.data }),
      ...(options.area === undefined ? {} : { area: options.area }),
      ...(options.formula === undefined ? {} : { formula: options.formula }),
      ...(vintage === undefined ? {} : { vintage }),
      ...(replace.length === 0 ? {} : { replace }),
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    },
    io,
  );
  const base = unwrap(checkPopulationBase(inputs.all, asked, inputs.vintage));
  const formula = unwrap(weigh(inputs.formula, { exclude: options.exclude ?? [], weights: weightSettings(options.weights) }));
  const allocation = unwrap(fairShare(inputs.dataset, formula, budget, { populationField: populationField(base) }));
  return { inputs, allocation };
}

/** The vintage asked for, checked; undefined when none was given. Throws Failure. */
export function vintageOf(text: string | undefined): Vintage | undefined {
  return text === undefined ? undefined : unwrap(parseVintage(text));
}

/** A budget as the text the amount reader takes. A JavaScript number is refused: it may already have lost pennies. */
function budgetText(budget: unknown): string {
  if (typeof budget === 'string') return budget;
  if (Decimal.isDecimal(budget)) return (budget as Decimal).toFixed();
  throw new Failure({
    kind: 'usage',
    code: 'bad-budget',
    message: `the budget must be text like '12.7m' or a Decimal, not ${typeof budget === 'number' ? 'a JavaScript number, which can lose pennies' : typeof budget}`,
    hint: "Give it as text, e.g. budget: '12700000.50'",
  });
}

/** Weights as the Map `weigh` takes: ids are the user's text, so never keys of a plain object on the way in. */
function weightSettings(weights: FormulaOptions['weights']): Map<string, string> {
  if (weights === undefined) return new Map();
  const entries = weights instanceof Map ? [...weights] : Object.entries(weights as Readonly<Record<string, string | number>>);
  return new Map(entries.map(([id, value]) => [id, String(value)]));
}

function replaceSettings(replace: FormulaOptions['replace']): ReplaceSetting[] {
  if (replace === undefined) return [];
  if (Array.isArray(replace)) return [...(replace as readonly ReplaceSetting[])];
  return Object.entries(replace as Readonly<Record<string, string>>).map(([source, file]) => ({ source, file }));
}
