/**
 * The promise that an output never destroys an input: `-o` may not name (through symlinks, hard links
 * or `..`) a file the run reads or anything in the installed data folder, and an output folder may not be,
 * or hold, an input, the data folder or the folder the user is working in.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, ok, type Result } from '../engine/errors.js';
import type { InputRef } from '../app/inputRef.js';
import { formulaPath } from '../app/inputs.js';

/** The installed data folder: the packs, formulas, lookups and boundaries the tool ships. */
export const DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

export type { InputRef } from '../app/inputRef.js';

/** The input-file options a command may have, as commander gives them. */
export interface InputOptions {
  readonly data?: string | undefined;
  readonly formula?: string | undefined;
  readonly previous?: string | undefined;
  readonly lookup?: string | undefined;
  readonly points?: string | undefined;
  readonly scenarios?: string | undefined;
  /** `--replace SOURCE=FILE` settings, as typed. */
  readonly replace?: readonly string[] | undefined;
}

/** The files named by a command's input options (`-` for standard input is not a file). */
export function inputRefs(options: InputOptions, cwd: string): InputRef[] {
  const refs: InputRef[] = [];
  for (const value of [options.data, options.previous, options.lookup, options.points, options.scenarios]) {
    if (value !== undefined && value !== '-') refs.push({ shown: value, path: resolve(cwd, value) });
  }
  if (options.formula !== undefined) refs.push({ shown: options.formula, path: formulaPath(options.formula, cwd) });
  for (const setting of options.replace ?? []) {
    // The file after the first `=`; a setting without one is refused later, when the settings are read.
    const file = setting.slice(setting.indexOf('=') + 1).trim();
    if (setting.includes('=') && file !== '') refs.push({ shown: file, path: resolve(cwd, file) });
  }
  return refs;
}

export interface GuardOutputOptions {
  /** A file (`-o FILE`) or a folder (`scenarios run -o DIR`). */
  readonly kind: 'file' | 'folder';
  /** Every file the run reads. */
  readonly inputs: readonly InputRef[];
  /** The folder the user works in: an output folder may not be it or hold it. */
  readonly cwd: string;
}

/**
 * Refuse (as a usage error) an output that would overwrite or remove an input. Paths are compared after
 * following symlinks and `..`, and existing files also by device and inode, so a hard link is caught too.
 *
 * @example guardOutput('d.csv', '/work/d.csv', { kind: 'file', inputs: [{ shown: 'd.csv', path: '/work/d.csv' }], cwd: '/work' })
 * // => fail: "-o d.csv would overwrite d.csv, which this run reads"
 */
export function guardOutput(shown: string, target: string, options: GuardOutputOptions): Result<void> {
  const real = realTarget(target);
  const dataDir = realOr(DATA_DIR);
  const refuse = (why: string, hint: string): Result<void> => fail('usage', 'output-is-input', `-o ${shown} ${why}`, { hint });
  const fileHint = 'Write the output to another file; fairshare never overwrites a file it reads';
  const folderHint = 'Choose a new folder for the results, e.g. -o results/';
  if (within(real, dataDir)) return refuse(`is inside fairshare's own data folder (${dataDir})`, options.kind === 'file' ? fileHint : folderHint);
  if (options.kind === 'folder') {
    const cwd = realOr(options.cwd);
    if (within(cwd, real)) return refuse(real === cwd ? 'is the folder you are working in' : 'holds the folder you are working in', folderHint);
    if (within(dataDir, real)) return refuse(`holds fairshare's own data folder (${dataDir})`, folderHint);
  }
  const targetId = identity(real);
  for (const input of options.inputs) {
    const path = realOr(input.path);
    if (path === real || (targetId !== undefined && targetId === identity(path))) {
      return refuse(`would overwrite ${input.shown}, which this run reads`, options.kind === 'file' ? fileHint : folderHint);
    }
    if (options.kind === 'folder' && within(path, real)) return refuse(`holds ${input.shown}, which this run reads`, folderHint);
  }
  return ok(undefined);
}

/** The real path a target will have: its own if it exists, else its real folder's plus its name. */
function realTarget(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return join(realOr(dirname(target)), basename(target));
  }
}

function realOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `path` is `folder` or inside it. */
function within(path: string, folder: string): boolean {
  if (path === folder) return true;
  const inside = relative(folder, path);
  return inside !== '' && !inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside);
}

function identity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? `${stat.dev}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}
