import { accessSync, constants, linkSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { fail, ok, type Result } from '../engine/errors.js';
import { guardOutput, type InputRef } from './guardOutput.js';
import type { Io } from './io.js';
import { removeStale, temporaryPath, track, untrack } from './temporaries.js';

export type Format = 'table' | 'csv' | 'json' | 'md' | 'html';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html'];
/** The text formats and, for the commands that write workbooks, `xlsx` (to a file only). */
export type OutputFormat = Format | 'xlsx';

export interface ChooseFormatOptions {
  /** The formats this command writes, in the order the usage hint lists them; default {@link FORMATS}. */
  readonly formats: readonly OutputFormat[];
}

/** The output file extensions fairshare knows, and the format each means. */
const EXTENSIONS: ReadonlyMap<string, OutputFormat> = new Map([
  ['.csv', 'csv'],
  ['.json', 'json'],
  ['.md', 'md'],
  ['.txt', 'table'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.xlsx', 'xlsx'],
]);

/**
 * The format to write: as asked; else from the -o file's extension (.csv, .json, .md, .txt for the
 * plain table, .xlsx where the command writes workbooks; no extension is CSV); else `table` on a
 * terminal and CSV into a pipe. Only the formats in `options.formats` are accepted, and an extension
 * that is none of these (`.xls`, `.ods`, `.docx`) is refused rather than written as CSV.
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
    const byExtension = EXTENSIONS.get(ext);
    if (byExtension === undefined && ext !== '') {
      // Never write CSV text into a file whose name promises something else (book.xls, paper.docx).
      return fail('usage', 'unknown-extension', `fairshare does not write ${extname(outFile)} files (${outFile})`, {
        hint: `Give -o a name ending ${extensionsOf(formats)}`,
      });
    }
    const format = byExtension ?? 'csv';
    if (!formats.includes(format)) {
      return fail('usage', 'format-not-written', `this command does not write ${extname(outFile)} files (${outFile})`, {
        hint: `Give -o a name ending ${extensionsOf(formats)}`,
      });
    }
    return ok(format);
  }
  return ok(io.stdoutIsTTY ? 'table' : 'csv');
}

/** The extensions of some formats, for a hint: `.csv, .json, .md or .txt (the table)`. */
function extensionsOf(formats: readonly OutputFormat[]): string {
  const names = formats.map((f) => (f === 'table' ? '.txt (the table)' : `.${f}`));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}` : (names[0] ?? '');
}

/**
 * Refuse early (before any work) an output path whose folder does not exist, that is a folder, or that
 * would overwrite a file the run reads or anything in the installed data folder (see {@link guardOutput}).
 * Temporaries that runs which are gone left in the folder are removed first.
 */
export async function checkOutputPath(outFile: string | undefined, io: Io, inputs: readonly InputRef[] = []): Promise<Result<void>> {
  if (outFile === undefined || outFile === '-') return ok(undefined);
  const target = resolve(io.cwd, outFile);
  const folder = dirname(target);
  // Synchronous file-system calls here and in writeOutput: a run waits for them anyway, and they spare
  // a short run the start of libuv's thread pool.
  const folderStat = statOrUndefined(folder);
  if (!folderStat?.isDirectory()) {
    return fail('usage', 'no-output-dir', `cannot write ${outFile}: the folder ${dirname(outFile)} does not exist`, {
      hint: 'Create the folder first or choose another -o path',
    });
  }
  const targetStat = statOrUndefined(target);
  if (targetStat?.isDirectory()) {
    return fail('usage', 'output-is-dir', `cannot write ${outFile}: it is a folder`, { hint: 'Give a file name, e.g. -o results.csv' });
  }
  // The rename would replace a read-only file too; someone made it read-only to keep it.
  if (targetStat?.isFile() && !writable(target)) {
    return fail('usage', 'output-read-only', `cannot write ${outFile}: the file is read-only`, {
      hint: 'Choose another -o file, or make it writable first if it may be replaced',
    });
  }
  const guarded = guardOutput(outFile, target, { kind: 'file', inputs, cwd: io.cwd });
  if (guarded.ok) removeStale(folder);
  return guarded;
}

export interface WriteOutputOptions {
  /** Refuse to replace an existing file (decided at the moment the file is put in place). */
  readonly exclusive?: boolean;
}

/**
 * Write text (or a binary file's bytes) to stdout (no file, or `-`), or to a file atomically: to a
 * temporary `.NAME.fairshare-tmp-PID` beside the target first, then a rename, so a failed or interrupted
 * run never leaves a half-written file behind. Something that is not a regular file (a device such as
 * /dev/stdout, a FIFO, `/dev/fd/N` from a shell's `>(…)`) is written straight to, never renamed over.
 */
export async function writeOutput(content: string | Uint8Array, outFile: string | undefined, io: Io, options: WriteOutputOptions = {}): Promise<Result<void>> {
  const target = outFile === undefined || outFile === '-' ? '/dev/stdout' : resolve(io.cwd, outFile);
  // Our own standard streams by name: written through the streams (a socket cannot be opened by path).
  const stream = STANDARD_STREAMS.get(target);
  if (stream !== undefined) {
    io[stream].write(content);
    return ok(undefined);
  }
  if (isSpecial(target)) {
    try {
      await writeFile(target, content, { flag: 'a' });
      return ok(undefined);
    } catch (error) {
      return writeFailure(error, outFile ?? '-');
    }
  }
  const temp = temporaryPath(target);
  track(temp);
  try {
    rmSync(temp, { force: true });
    writeFileSync(temp, content, { flag: 'wx' });
    if (options.exclusive) {
      // link() fails if the target exists, at the moment it would be replaced.
      linkSync(temp, target);
      rmSync(temp);
    } else {
      renameSync(temp, target);
    }
    untrack(temp);
    return ok(undefined);
  } catch (error) {
    rmSync(temp, { force: true });
    untrack(temp);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return fail('usage', 'output-exists', `${outFile} already exists`, { hint: 'Choose another name, or add --force to overwrite it' });
    }
    return writeFailure(error, outFile ?? '-');
  }
}

const STANDARD_STREAMS: ReadonlyMap<string, 'stdout' | 'stderr'> = new Map([
  ['/dev/stdout', 'stdout'],
  ['/dev/fd/1', 'stdout'],
  ['/proc/self/fd/1', 'stdout'],
  ['/dev/stderr', 'stderr'],
  ['/dev/fd/2', 'stderr'],
  ['/proc/self/fd/2', 'stderr'],
]);

/** A device, FIFO or socket, or a path under /dev or /proc (whose names stand for open files). */
function isSpecial(target: string): boolean {
  if (/^\/(dev|proc)\//.test(target)) return true;
  const found = statOrUndefined(target);
  return found !== undefined && !found.isFile();
}

/** What stat says of a path, or undefined where it cannot say (no such path, no permission). */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Whether this process may write to the file. */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A write failure in words the user can act on, naming the path they gave (never the temporary). */
export function writeFailure(error: unknown, outFile: string): Result<never> {
  const code = (error as NodeJS.ErrnoException).code;
  const folder = dirname(outFile) === '.' ? 'the folder you are in' : `the folder ${dirname(outFile)}`;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return fail(
        'io',
        'write-failed',
        `cannot write ${outFile}: ${folder} is not writable (${code === 'EROFS' ? 'read-only file system' : 'permission denied'})`,
        {
          hint: `Choose an -o path in a folder you can write to, or ask for write access to ${folder.replace(/^the folder /, '')}`,
        },
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return fail('io', 'write-failed', `cannot write ${outFile}: the disk is full`, { hint: 'Free some space or choose another -o folder' });
    default:
      return fail('io', 'write-failed', `cannot write ${outFile}: ${(error as Error).message.replace(/, \w+ '.*'$/, '')}`);
  }
}
