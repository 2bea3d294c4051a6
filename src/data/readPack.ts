/**
 * Reads a data pack from disk: the one place the pack's bytes are read, so loadPack can stay pure.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fail, type Result } from '../engine/errors.js';
import { loadPackWithMeta, type LoadedPack } from './loadPack.js';
import { DEFAULT_VINTAGE, packFileName, type Vintage } from './vintage.js';

/** The shipped pack's file name inside the package's `data/` folder, for the default vintage. */
export const DEFAULT_PACK_FILE = packFileName(DEFAULT_VINTAGE);

/**
 * The shipped pack of a vintage: `<package root>/data/england-lsoa-<vintage>.pack`. The package root is
 * two levels up from this module's folder, both for `dist/data/readPack.js` and for `src/data/readPack.ts`
 * under vitest.
 * @example defaultPackPath('2019') // '/usr/lib/node_modules/fairshare/data/england-lsoa-2019.pack'
 */
export function defaultPackPath(vintage: Vintage = DEFAULT_VINTAGE): string {
  return fileURLToPath(new URL(`../../data/${packFileName(vintage)}`, import.meta.url));
}

/**
 * Reads and loads a data pack (by default the shipped one); a missing or unreadable file is an `io` error.
 * @example
 * const pack = await readPack();
 * if (!pack.ok) console.error(formatError(pack.error));
 */
export async function readPack(path: string = defaultPackPath()): Promise<Result<LoadedPack>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The message names the file, so no `location`: formatError would print the path twice.
    if (code === 'ENOENT') {
      return fail('io', 'pack-not-found', `data pack ${path} does not exist`, {
        hint: 'Build it with `npm run build:data`, or reinstall fairshare',
      });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      return fail('io', 'pack-unreadable', `no permission to read data pack ${path}`, {
        hint: 'Check the file permissions, or rebuild it with `npm run build:data`',
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    return fail('io', 'pack-unreadable', `cannot read data pack ${path}: ${reason}`, {
      hint: 'Rebuild it with `npm run build:data`',
    });
  }
  return loadPackWithMeta(bytes, path);
}
