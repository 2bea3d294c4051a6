/**
 * What a plain result rests on: the area, the data in words, the vintage of the shipped data, and every
 * input file by name and SHA-256. The same fields, named the same, as allocate's result.
 */
import type { AreaKind } from '../data/area.js';
import type { Inputs } from './inputs.js';
import type { InputFile } from '../data/inputFile.js';

/** The area a run selected: its kind, code, name and number of LSOAs. */
export interface AreaSummary {
  readonly kind: AreaKind;
  readonly code: string;
  readonly name: string;
  readonly lsoas: number;
}

/** The area, data, vintage and input files a result rests on, as plain data. */
export interface RunBasis {
  readonly area: AreaSummary;
  /** The data in words: the pack's vintage, or `data file my.csv`, with any replacements. */
  readonly data: string;
  /** The vintage of the shipped data; absent for your own data file. */
  readonly vintage?: string;
  /** Every input file by name and SHA-256. */
  readonly inputs: readonly InputFile[];
}

/**
 * What a run on these inputs rests on; `provenance` is every file it read, when it read more than them (a
 * lookup).
 *
 * @example runBasis(inputs).area // => { kind: 'county', code: 'E10000021', name: 'Northamptonshire', lsoas: 422 }
 */
export function runBasis(inputs: Inputs, provenance: readonly InputFile[] = inputs.provenance): RunBasis {
  return {
    area: { kind: inputs.area.kind, code: inputs.area.code, name: inputs.area.name, lsoas: inputs.dataset.units.length },
    data: inputs.dataWords,
    ...(inputs.vintage === undefined ? {} : { vintage: inputs.vintage }),
    inputs: provenance,
  };
}
