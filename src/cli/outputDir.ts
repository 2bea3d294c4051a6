import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fail, ok, type Result } from '../engine/errors.js';

/**
 * Refuse early (before any work) an output folder whose parent does not exist, a path that is a file,
 * or a folder that already has files in it (unless `force`).
 */
export async function checkOutputDir(dir: string, force: boolean, cwd: string): Promise<Result<void>> {
  const target = resolve(cwd, dir);
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
  if (existing && !force && (await readdir(target)).length > 0) {
    return fail('usage', 'output-not-empty', `the output folder ${dir} already has files in it`, {
      hint: 'Choose an empty or new folder, or add --force to replace its contents',
    });
  }
  return ok(undefined);
}

/**
 * Write every file into a new temporary folder beside `dir`, then swap it into place with renames, so
 * that either every file is written or none is (an existing folder is replaced whole, only with force).
 */
export async function writeOutputDir(dir: string, files: ReadonlyMap<string, string | Uint8Array>, cwd: string): Promise<Result<void>> {
  const target = resolve(cwd, dir);
  const tag = randomBytes(4).toString('hex');
  const temp = join(dirname(target), `.${basename(target)}.tmp-${tag}`);
  const old = join(dirname(target), `.${basename(target)}.old-${tag}`);
  try {
    await mkdir(temp);
    for (const [name, content] of files) await writeFile(join(temp, name), content, { flag: 'wx' });
    const existing = await stat(target).catch(() => undefined);
    if (existing) {
      if ((await readdir(target)).length === 0) await rmdir(target);
      else await rename(target, old);
    }
    await rename(temp, target);
    await rm(old, { recursive: true, force: true });
    return ok(undefined);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    const moved = await stat(old).catch(() => undefined);
    if (moved && !(await stat(target).catch(() => undefined))) await rename(old, target).catch(() => undefined);
    return fail('io', 'write-failed', `cannot write to ${dir}: ${(error as Error).message}`);
  }
}
