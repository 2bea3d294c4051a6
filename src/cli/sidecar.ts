/**
 * `--manifest`: a run's provenance in a sidecar `FILE.manifest.json` beside its `-o FILE`, so a plain CSV
 * can stay clean for Excel and still say what made it.
 */
import { rm } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Failure, unwrap } from '../app/failure.js';
import type { InputRef } from './guardOutput.js';
import type { Io } from './io.js';
import { checkOutputPath, writeOutput } from './output.js';
import { TOOL } from './workbook.js';
import { sha256, type InputFile } from '../data/inputFile.js';

export const MANIFEST_HELP =
  'also write FILE.manifest.json beside -o FILE: the tool, the settings, and the name and SHA-256 of every input and of FILE (off by default, so a CSV stays clean for Excel)';

/** The sidecar's path for an output file. */
export function sidecarPath(output: string): string {
  return `${output}.manifest.json`;
}

/**
 * Before any work: `--manifest` needs `-o FILE`, and its sidecar must not be an input. Returns the
 * sidecar's path, or undefined without `--manifest`. Throws Failure.
 */
export async function checkSidecar(wanted: boolean | undefined, output: string | undefined, io: Io, inputs: readonly InputRef[]): Promise<string | undefined> {
  if (wanted !== true) return undefined;
  if (output === undefined || output === '-') {
    throw new Failure({
      kind: 'usage',
      code: 'manifest-without-output',
      message: '--manifest writes FILE.manifest.json beside -o FILE, but there is no -o FILE',
      hint: 'Add -o FILE, e.g. -o table.csv --manifest',
    });
  }
  const path = sidecarPath(output);
  unwrap(await checkOutputPath(path, io, inputs));
  return path;
}

/**
 * The sidecar's text: the tool, the command, the run's settings (its JSON metadata), every input by name
 * and SHA-256, and the output by name, format and SHA-256. No timestamps and no folders, so the same
 * inputs give the same bytes from any folder.
 */
export function sidecarText(
  command: string,
  run: Record<string, unknown>,
  inputs: readonly InputFile[],
  output: { readonly file: string; readonly format: string; readonly content: string | Uint8Array },
): string {
  const doc = {
    tool: TOOL,
    command,
    run,
    inputs: inputs,
    output: { file: basename(output.file), format: output.format, sha256: sha256(output.content) },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Write the sidecar after its output was written. If the sidecar cannot be written, the output is removed
 * too, so a run never leaves a table without the manifest it was asked for. Throws Failure.
 */
export async function writeSidecar(path: string, text: string, output: string, io: Io): Promise<void> {
  const written = await writeOutput(text, path, io);
  if (!written.ok) {
    await rm(resolve(io.cwd, output), { force: true });
    unwrap(written);
  }
}
