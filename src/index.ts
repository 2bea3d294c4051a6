/**
 * fairshare as a library: the same use cases the CLI runs, with typed options and plain results (money as
 * strings with 2 decimals, exact). A script imports from 'fairshare':
 *
 * @example
 * import { allocate } from 'fairshare';
 * const r = await allocate({ budget: '12.7m', exclude: ['young-people', 'early-years'], vintage: '2019' });
 * for (const d of r.districts) console.log(d.name, d.allocation);
 *
 * @packageDocumentation
 */
import { allocate as allocateWith, type AllocateOptions, type AllocationResult } from './app/allocate.js';
import type { AppIo } from './app/context.js';

export type { AllocateOptions, AllocationResult, AllocationRow, LsoaAllocationRow } from './app/allocate.js';
export type { FormulaOptions } from './app/runFormula.js';
export type { ReplaceSetting } from './app/inputs.js';
export type { ErrorKind, FairshareError, Location } from './engine/errors.js';
export type { AreaKind } from './data/area.js';
export { LEVELS, type Level } from './app/levels.js';
export { Failure } from './app/failure.js';

/** Where a script's run takes its relative paths from, and where its notices go. */
export interface RunContext {
  /** The folder relative paths are taken from; default the process's working folder. */
  readonly cwd?: string;
  /** Called with each notice (e.g. a CSV read as Windows-1252), one line without its newline; default: dropped. */
  readonly onNotice?: (line: string) => void;
}

/**
 * Share a budget as `fairshare allocate` does. Resolves to plain data: the district table (`districts`),
 * the table of the level asked for (`rows`), every LSOA (`lsoas`), the formula with its weights and the
 * inputs by name and SHA-256. Rejects with a {@link Failure} whose `error` says what is wrong and how to
 * fix it (`kind` is `usage`, `data` or `io`).
 *
 * @example
 * const r = await allocate({ budget: '12.7m', weights: { 'community-safety': 2 }, level: 'former-district' });
 * r.total // => '12700000.00'
 */
export async function allocate(options: AllocateOptions & RunContext): Promise<AllocationResult> {
  return allocateWith(options, contextIo(options));
}

function contextIo(context: RunContext): AppIo {
  return {
    cwd: context.cwd ?? process.cwd(),
    stderr: { write: (text: string) => context.onNotice?.(text.replace(/\n$/, '')) },
  };
}
