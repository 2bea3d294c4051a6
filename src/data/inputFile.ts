/**
 * An input file as every output records it (the result's `inputs`, JSON sidecars, scenario manifests,
 * workbook Notes, the report's sources): what it is, its name, and the SHA-256 of its bytes. One shape,
 * from reading the file to writing it down.
 */
import { crypto } from './builtins.js';

/** What an input file is to a run. */
export type InputRole = 'data pack' | 'data file' | 'formula' | 'scenario file' | 'lookup' | 'boundaries' | 'previous allocation' | 'replacement' | 'points' | 'localities';

/** An input file of a run: what it is, its name as outputs record it, and the SHA-256 of its bytes. */
export interface InputFile {
  readonly role: InputRole;
  /**
   * The file's name as outputs record it: a shipped file's path in the package
   * (`data/england-lsoa-2025.pack`), else the name of the user's file without its folder
   * (`my-crime.csv`, `-` for standard input), so the same inputs give the same bytes from any folder.
   * Messages name a file as the user typed it, not by this.
   */
  readonly file: string;
  readonly sha256: string;
}

/**
 * The SHA-256 of some bytes, or of a text's UTF-8 bytes, in lower-case hex (or base64, as a page's
 * Content-Security-Policy writes it).
 *
 * @example sha256('') // => 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function sha256(content: string | Uint8Array, encoding: 'hex' | 'base64' = 'hex'): string {
  const hash = crypto().createHash('sha256');
  return (typeof content === 'string' ? hash.update(content, 'utf8') : hash.update(content)).digest(encoding);
}

/**
 * The record of an input file read as `content`, its SHA-256 worked out when first read.
 *
 * @example inputFile('points', 'points.csv', 'lsoa_code,area_code,area_name\n').file // => 'points.csv'
 */
export function inputFile(role: InputRole, file: string, content: string | Uint8Array): InputFile {
  // Worked out when first read (a manifest, a workbook's Notes, JSON): hashing the 5 MB data pack is a
  // tenth of a county run that writes none of them. The content is never changed after it is read.
  let hash: string | undefined;
  return {
    role,
    file,
    get sha256(): string {
      hash ??= sha256(content);
      return hash;
    },
  };
}
