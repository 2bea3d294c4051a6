import { randomBytes } from 'node:crypto';
import { rm, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fail, ok, type Result } from '../engine/errors.js';
import type { Io } from './io.js';

export type Format = 'table' | 'csv' | 'json' | 'md';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md'];
/** The text formats and, for the commands that write workbooks, `xlsx` (to a file only). */
export type OutputFormat = Format | 'xlsx';

export interface ChooseFormatOptions {
  /** The formats this command writes, in the order the usage hint lists them; default {@link FORMATS}. */
  readonly formats: readonly OutputFormat[];
}

/**
 * The format to write: as asked; else from the -o file's extension (.csv, .json, .md, .txt for the
 * plain table, .xlsx where the command writes workbooks; anything else CSV); else `table` on a terminal
 * and CSV into a pipe. Only the formats in `options.formats` are accepted.
 *
 * @example chooseFormat(undefined, 'out.xlsx', io, { formats: [...FORMATS, 'xlsx'] }) // => ok('xlsx')
 */
export function chooseFormat(asked: string | undefined, outFile: string | undefined, io: Io): Result<Format>;
export function chooseFormat(asked: string | undefined, outFile: string | undefined, io: Io, options: ChooseFormatOptions): Result<OutputFormat>;
export function chooseFormat(asked: string | undefined, outFile: string | undefined, io: Io, options?: ChooseFormatOptions): Result<OutputFormat> {
  const formats = options?.formats ?? FORMATS;
  if (asked !== undefined) {
    const format = asked.toLowerCase() as OutputFormat;
    if (!formats.includes(format)) {
      return fail('usage', 'bad-format', `unknown format "${asked}"`, { hint: `Use one of: ${formats.join(', ')}` });
    }
    return ok(format);
  }
  if (outFile !== undefined && outFile !== '-') {
    const ext = extname(outFile).toLowerCase();
    const byExtension: OutputFormat = ext === '.json' ? 'json' : ext === '.md' ? 'md' : ext === '.txt' ? 'table' : ext === '.xlsx' ? 'xlsx' : 'csv';
    return ok(formats.includes(byExtension) ? byExtension : 'csv');
  }
  return ok(io.stdoutIsTTY ? 'table' : 'csv');
}

/** Refuse early (before any work) an output path whose folder does not exist or that is a folder. */
export async function checkOutputPath(outFile: string | undefined, io: Io): Promise<Result<void>> {
  if (outFile === undefined || outFile === '-') return ok(undefined);
  const target = resolve(io.cwd, outFile);
  const folder = dirname(target);
  const folderStat = await stat(folder).catch(() => undefined);
  if (!folderStat?.isDirectory()) {
    return fail('usage', 'no-output-dir', `cannot write ${outFile}: the folder ${dirname(outFile)} does not exist`, {
      hint: 'Create the folder first or choose another -o path',
    });
  }
  const targetStat = await stat(target).catch(() => undefined);
  if (targetStat?.isDirectory()) {
    return fail('usage', 'output-is-dir', `cannot write ${outFile}: it is a folder`, { hint: 'Give a file name, e.g. -o results.csv' });
  }
  return ok(undefined);
}

/**
 * Write text (or a binary file's bytes) to stdout, or to a file atomically: to a temporary file beside
 * the target first, then a rename, so a failed run never leaves a half-written file behind.
 */
export async function writeOutput(content: string | Uint8Array, outFile: string | undefined, io: Io): Promise<Result<void>> {
  if (outFile === undefined || outFile === '-') {
    io.stdout.write(content);
    return ok(undefined);
  }
  const target = resolve(io.cwd, outFile);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
    return ok(undefined);
  } catch (error) {
    await rm(temp, { force: true });
    return fail('io', 'write-failed', `cannot write ${outFile}: ${(error as Error).message}`);
  }
}
