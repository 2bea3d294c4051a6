import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fail, ok, type Result } from '../engine/errors.js';
import { shown } from '../engine/shown.js';
import { guardOutput, type InputRef } from './guardOutput.js';
import { writeFailure } from './output.js';
import { removeStale, replacedPath, temporaryPath, track, trackReplaced, untrack } from './temporaries.js';

export interface OutputDirOptions {
  /** Replace a folder that fairshare wrote before (one holding its manifest.json). */
  readonly force: boolean;
  /** The folder relative paths are resolved against, and that the output may not be or hold. */
  readonly cwd: string;
  /** Every file the run reads: the output folder may not be or hold any of them. */
  readonly inputs: readonly InputRef[];
}

/**
 * Refuse early (before any work) an output folder whose parent does not exist, a path that is a file,
 * a folder that is or holds an input (or the working folder, or the data folder), a folder with files in
 * it without `force`, and, even with `force`, a folder that fairshare did not write.
 */
export async function checkOutputDir(dir: string, options: OutputDirOptions): Promise<Result<void>> {
  const target = resolve(options.cwd, dir);
  const parent = await stat(dirname(target)).catch(() => undefined);
  if (!parent?.isDirectory()) {
    return fail('usage', 'no-output-dir', `cannot write to ${dir}: the folder ${dirname(dir)} does not exist`, {
      hint: 'Create it first or choose another -o folder',
    });
  }
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    return fail('usage', 'output-is-file', `cannot write to ${dir}: it is a file, not a folder`, { hint: 'Choose a folder name for -o' });
  }
  const guarded = guardOutput(dir, target, { kind: 'folder', inputs: options.inputs, cwd: options.cwd });
  if (!guarded.ok) return guarded;
  removeStale(dirname(target));
  if (existing) return checkReplaceable(dir, target, options.force);
  return ok(undefined);
}

/** An existing folder may be used if it is empty, or replaced with force if fairshare wrote it. */
async function checkReplaceable(dir: string, target: string, force: boolean): Promise<Result<void>> {
  const entries = await readdir(target).catch(() => [] as string[]);
  if (entries.length === 0) return ok(undefined);
  if (!force) {
    return fail('usage', 'output-not-empty', `the output folder ${dir} already has files in it`, {
      hint: 'Choose an empty or new folder, or add --force to replace a results folder fairshare wrote',
    });
  }
  const written = await writtenByFairshare(target);
  if (written === undefined) {
    return fail('usage', 'output-not-ours', `--force replaces only a results folder that fairshare wrote, and ${dir} has no fairshare manifest.json`, {
      hint: 'Nothing was touched; choose a new folder for -o, or move the files out of it yourself',
    });
  }
  const stranger = entries.sort().find((name) => name !== 'manifest.json' && !written.has(name));
  if (stranger !== undefined) {
    return fail(
      'usage',
      'output-not-ours',
      `--force replaces only what fairshare wrote, and ${dir} also holds ${shown(stranger)}, which its manifest.json does not list`,
      {
        hint: 'Nothing was touched; move that file out of the folder, or choose a new folder for -o',
      },
    );
  }
  return ok(undefined);
}

/** The files a fairshare scenario run's manifest.json lists, or undefined if the folder has none. */
async function writtenByFairshare(folder: string): Promise<Set<string> | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as { tool?: { name?: unknown }; files?: unknown };
    if (manifest.tool?.name !== 'fairshare' || !Array.isArray(manifest.files)) return undefined;
    return new Set(manifest.files.map((f: { name?: unknown }) => String(f?.name)));
  } catch {
    return undefined;
  }
}

/**
 * Start an output folder: a new temporary folder `.NAME.fairshare-tmp-PID` beside `dir`, made before the
 * work so that an unwritable place is found at once, removed by the signal handlers if the run is
 * stopped.
 */
export async function startOutputDir(dir: string, cwd: string): Promise<Result<string>> {
  const temp = temporaryPath(resolve(cwd, dir));
  track(temp);
  try {
    await rm(temp, { recursive: true, force: true });
    await mkdir(temp);
    return ok(temp);
  } catch (error) {
    untrack(temp);
    return writeFailure(error, dir);
  }
}

/**
 * Write every file into the temporary folder from {@link startOutputDir}, then put it in place with a
 * rename, so that either every file is written or none is. Whether the folder already exists is decided
 * at that rename: without force a folder that appeared meanwhile (another run) is refused, never replaced.
 * With force an existing fairshare folder is first renamed to `.NAME.fairshare-old-PID`, then the new one
 * takes its name and the old is removed; if the run is stopped between the two renames the old folder is
 * put back (by the signal handler, or by the next run into the same folder after a hard kill).
 */
export async function writeOutputDir(
  dir: string,
  temp: string,
  files: ReadonlyMap<string, string | Uint8Array>,
  options: Pick<OutputDirOptions, 'force' | 'cwd'>,
): Promise<Result<void>> {
  const target = resolve(options.cwd, dir);
  const old = replacedPath(target);
  try {
    for (const [name, content] of files) await writeFile(join(temp, name), content, { flag: 'wx' });
    const existing = await stat(target).catch(() => undefined);
    const entries = existing?.isDirectory() ? await readdir(target) : [];
    if (options.force && entries.length > 0) {
      const replaceable = await checkReplaceable(dir, target, true);
      if (!replaceable.ok) {
        await discard(temp);
        return replaceable;
      }
      trackReplaced(old, target);
      await rename(target, old);
    }
    await rename(temp, target);
    untrack(temp);
    await rm(old, { recursive: true, force: true });
    untrack(old);
    return ok(undefined);
  } catch (error) {
    await discard(temp);
    if (!(await stat(target).catch(() => undefined)) && (await stat(old).catch(() => undefined))) await rename(old, target).catch(() => undefined);
    untrack(old);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') {
      return fail('usage', 'output-exists', `the output folder ${dir} already exists (another run wrote it meanwhile)`, {
        hint: 'Nothing of this run was kept; choose another folder, or add --force to replace it',
      });
    }
    return writeFailure(error, dir);
  }
}

/** Remove a temporary folder (best effort) and stop tracking it. */
export async function discard(temp: string): Promise<void> {
  await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  untrack(temp);
}
