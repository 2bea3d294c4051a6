import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { type Area, DEFAULT_AREA, findArea, subset } from '../data/area.js';
import type { Dataset } from '../engine/dataset.js';
import { formulaForData } from '../data/formulaForData.js';
import { parseDataCsv } from '../data/parseDataCsv.js';
import { parseFormula } from '../data/parseFormula.js';
import { readPack } from '../data/readPack.js';
import { fail, ok, type Result } from '../engine/errors.js';
import type { Formula } from '../engine/formula.js';
import type { Io } from './io.js';
import { unwrap } from './failure.js';

/** The shipped default formula (two folders up from this module, in dist/ or src/). */
export const DEFAULT_FORMULA_PATH = fileURLToPath(new URL('../../data/formulas/northamptonshire.json', import.meta.url));

export interface InputOptions {
  /** `--data FILE`: the user's own CSV instead of the shipped pack. */
  readonly data?: string;
  /** `--area NAME|CODE`; default Northamptonshire for the pack, every row for a `--data` file. */
  readonly area?: string;
}

/** The data, formula and area one run works on. */
export interface Inputs {
  /** The whole dataset that was loaded. */
  readonly all: Dataset;
  /** The selected area's part of it. */
  readonly dataset: Dataset;
  readonly area: Area;
  readonly formula: Formula;
  /** Where the data came from, in a few words (data vintage or file name). */
  readonly source: string;
}

/** Load the default formula, the shipped pack or a `--data` file, and select the area. */
export async function loadInputs(options: InputOptions, io: Io): Promise<Inputs> {
  const base = unwrap(parseFormula(unwrap(await readText(DEFAULT_FORMULA_PATH, 'formula')), DEFAULT_FORMULA_PATH));
  let all: Dataset;
  let formula: Formula;
  let source: string;
  if (options.data !== undefined) {
    const text = unwrap(await readText(resolve(io.cwd, options.data), '--data', options.data));
    const parsed = unwrap(parseDataCsv(text, options.data));
    all = parsed.dataset;
    formula = formulaForData(parsed.domainIds, base);
    source = `data file ${options.data}`;
  } else {
    const pack = unwrap(await readPack());
    all = pack.dataset;
    formula = base;
    source = pack.meta.vintage;
  }
  const area = unwrap(findArea(all, options.area ?? (all.kind === 'pack' ? DEFAULT_AREA : 'all')));
  return { all, dataset: subset(all, area), area, formula, source };
}

/** Read a text file, turning the usual failures into one-line errors that name the file. */
export async function readText(path: string, what: string, shown: string = path): Promise<Result<string>> {
  try {
    return ok(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return fail('io', 'unreadable-file', `cannot read ${what} file ${shown}: ${why}`, { hint: 'Check the path and try again' });
  }
}
