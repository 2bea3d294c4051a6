/**
 * The options every use case that reads the data takes (profile, overlap, the lists of areas and
 * domains; allocate's FormulaOptions has the same fields): which data, formula and area, as a script or
 * the CLI writes them, turned into what loadInputs reads.
 */
import type { AppIo } from './context.js';
import { loadInputs, type InputOptions, type Inputs, type ReplaceSetting } from './inputs.js';
import { parseVintage, type Vintage } from '../data/vintage.js';
import { unwrap } from './failure.js';

/** Which data a use case reads, and which part of it. Files are paths, relative to `io.cwd`. */
export interface DataOptions {
  /** A district, county, region or council by name or code, or `england`; default Northamptonshire. */
  readonly area?: string;
  /** Your own data file (CSV or XLSX) instead of the shipped data; `-` reads standard input. */
  readonly data?: string;
  /** A built-in formula name or a formula JSON file. */
  readonly formula?: string;
  /** The shipped data: `'2025'` (default) or `'2019'`. */
  readonly vintage?: string;
  /** Sources of the formula swapped for your own figures: source id → file, or a list of settings. */
  readonly replace?: readonly ReplaceSetting[] | Readonly<Record<string, string>>;
  /** The sheet to read of every workbook input (default: each one's first). */
  readonly sheet?: string;
}

/**
 * Load the data, formula and area the options name (see loadInputs), the vintage checked first. Throws
 * Failure.
 *
 * @example await loadDataOptions({ vintage: '2019', area: 'Corby' }, io) // => Corby's 41 LSOAs of the 2019 pack
 */
export async function loadDataOptions(options: DataOptions, io: AppIo): Promise<Inputs> {
  return loadInputs(inputOptions(options), io);
}

/** The options as loadInputs takes them: the vintage checked, the replacements as a list. Throws Failure. */
export function inputOptions(options: DataOptions): InputOptions {
  const vintage = vintageOf(options.vintage);
  const replace = replaceSettings(options.replace);
  const { area, data, formula, sheet } = options;
  return {
    ...(area === undefined ? {} : { area }),
    ...(data === undefined ? {} : { data }),
    ...(formula === undefined ? {} : { formula }),
    ...(vintage === undefined ? {} : { vintage }),
    ...(replace.length === 0 ? {} : { replace }),
    ...(sheet === undefined ? {} : { sheet }),
  };
}

/** Replacements as settings, in order: a list as given, a record in its key order. */
export function replaceSettings(replace: DataOptions['replace']): ReplaceSetting[] {
  if (replace === undefined) return [];
  if (Array.isArray(replace)) return [...(replace as readonly ReplaceSetting[])];
  return Object.entries(replace as Readonly<Record<string, string>>).map(([source, file]) => ({ source, file }));
}

/** The vintage asked for, checked; undefined when none was given. Throws Failure. */
export function vintageOf(text: string | undefined): Vintage | undefined {
  return text === undefined ? undefined : unwrap(parseVintage(text));
}
