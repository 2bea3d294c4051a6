import { type Command, Option } from 'commander';
import { AMOUNT_FORMS } from '../engine/parseAmount.js';
import { DEFAULT_FORMULA } from '../app/inputs.js';
import { POPULATION_BASES } from '../data/populationBase.js';
import { DEFAULT_VINTAGE, VINTAGE_LABELS, VINTAGES, type Vintage } from '../data/vintage.js';
import { Failure } from '../app/failure.js';
import type { ReplaceSetting } from '../app/inputs.js';
import { vintageOf, type FormulaOptions } from '../app/runFormula.js';
import { keyValues } from './keyValues.js';
import { parseReplaceSettings, REPLACE_HELP } from './replaceOptions.js';

/** The options shared by every command that runs the formula (allocate, explain). */
export interface AllocationOptions {
  readonly budget?: string;
  readonly exclude?: string[];
  readonly weight?: string[];
  readonly area?: string;
  readonly data?: string;
  readonly formula?: string;
  readonly population?: string;
  readonly vintage?: string;
  readonly replace?: string[];
  readonly sheet?: string;
}

/** Add --budget, --exclude, --weight, --area and --data to a command. */
export function addAllocationOptions(command: Command, options: { budgetRequired?: boolean } = {}): Command {
  const budget = `the budget to share, at most £1 trillion, e.g. ${AMOUNT_FORMS}`;
  // Not commander's requiredOption: it is checked before unknown options, so a typo such as --budgt
  // would be reported as a missing --budget. formulaOptions checks it instead (requireBudget).
  return command
    .option('-b, --budget <amount>', options.budgetRequired === false ? budget : `required: ${budget}`)
    .addOption(new Option('-x, --exclude <ids>', 'leave these domains out (weight 0); comma-separated, repeatable').argParser(collectList))
    .addOption(new Option('-w, --weight <id=x>', 'count a domain x times (default 1); repeatable').argParser(collect))
    .option('-a, --area <name|code>', 'district or county by name or code, or "england" (default: Northamptonshire)')
    .option('-d, --data <file>', 'your own CSV instead of the shipped data (- reads standard input): code,name,district,population, one column per domain')
    .option('--formula <name|file>', `a built-in formula name or a formula JSON file (default: ${DEFAULT_FORMULA})`)
    .addOption(replaceOption())
    .addOption(sheetOption())
    .option(
      '-p, --population <base>',
      `the population to share by and count per person: ${POPULATION_BASES.join(', ')} (which ones depends on the vintage)`,
      'total',
    )
    .addOption(vintageOption());
}

/** `--replace SOURCE=FILE`, repeatable. */
/** The options {@link addDataOptions} adds, as commander gives them. */
export interface DataCommandOptions {
  readonly vintage?: string;
  readonly area?: string;
  readonly data?: string;
  readonly formula?: string;
  readonly replace?: string[];
  readonly sheet?: string;
  readonly format?: string;
  readonly output?: string;
}

/**
 * The options of a command that reads the data of an area without sharing a budget (profile, overlap,
 * weights): the area, vintage, data file, formula, replacements and sheet, then the format and output.
 * `areaHelp` says what the area's LSOAs are for; `formats` describes the table format.
 */
export function addDataOptions(command: Command, options: { readonly areaHelp: string; readonly tableFormat?: string }): Command {
  return command
    .option('-a, --area <name|code>', `${options.areaHelp} (default: Northamptonshire)`)
    .addOption(vintageOption())
    .option('-d, --data <file>', 'your own CSV instead of the shipped data')
    .option('--formula <name|file>', 'a built-in formula name or a formula JSON file')
    .addOption(replaceOption())
    .addOption(sheetOption())
    .option(
      '-f, --format <format>',
      `table${options.tableFormat === undefined ? '' : ` (${options.tableFormat})`}, csv, json, md, html or xlsx (default: table on a terminal, csv into a pipe, else from the -o extension)`,
    )
    .option('-o, --output <file>', 'write to this file instead of stdout');
}

export function replaceOption(): Option {
  return new Option('-r, --replace <source=file>', REPLACE_HELP).argParser(collect);
}

/** `--sheet NAME`: which sheet of a workbook input to read. */
export function sheetOption(): Option {
  return new Option('--sheet <name>', 'the sheet to read of every .xlsx input (default: its first sheet)');
}

/** `--vintage 2025|2019`: which shipped data. */
export function vintageOption(): Option {
  return new Option('--vintage <year>', `the shipped data: ${VINTAGES.map((v) => `${v} (${VINTAGE_LABELS[v]})`).join(', or ')}; default ${DEFAULT_VINTAGE}`);
}

/** The vintage asked for, checked; undefined when none was given. Throws Failure. */
export const parseVintageOption: (text: string | undefined) => Vintage | undefined = vintageOf;

/**
 * The command line's formula options as the use cases take them: the budget first (its absence is the
 * first complaint), then the --weight and --replace settings. Throws a usage Failure.
 */
export function formulaOptions(
  options: AllocationOptions,
): FormulaOptions & { readonly budget: string; readonly weights: Map<string, string>; readonly replace: ReplaceSetting[] } {
  const budget = requireBudget(options.budget);
  const weights = parseWeightSettings(options.weight ?? []);
  const replace = parseReplaceSettings(options.replace ?? []);
  const { area, data, formula, population, vintage, sheet } = options;
  return { budget, weights, replace, exclude: options.exclude ?? [], ...withoutUndefined({ area, data, formula, population, vintage, sheet }) };
}

/**
 * The --budget given, or a usage failure saying to give one (after commander has checked for unknown
 * options).
 */
export function requireBudget(budget: string | undefined): string {
  if (budget !== undefined) return budget;
  throw new Failure({ kind: 'usage', code: 'no-budget', message: 'no --budget given: the amount to share', hint: 'Give it like --budget 12.7m' });
}

/** `--weight id=x` settings as a Map (ids are user text, so not keys of a plain object), each id once. */
export function parseWeightSettings(settings: readonly string[]): Map<string, string> {
  return keyValues(settings, {
    option: '--weight',
    form: 'id=x',
    example: 'community-safety=2',
    twice: (id) => `gives domain "${id}" a weight twice`,
    once: 'Give each domain one --weight',
    code: 'weight',
  });
}

/** Commander's argParser for a repeatable option: every value, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Commander's argParser for a repeatable comma-separated option (`--exclude a,b --exclude c`). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...(previous ?? []), ...ids];
}

/** Drop undefined properties (exactOptionalPropertyTypes forbids passing them through). */
export function withoutUndefined<T extends object>(object: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
