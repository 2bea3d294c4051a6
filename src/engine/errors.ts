/**
 * Errors as values. The engine and the data readers return a `Failure` instead of throwing, so the CLI
 * can map every expected problem to one line and one exit code in a single place (src/cli/exit.ts).
 * A thrown exception therefore always means a bug.
 */

import { oneLine } from './shown.js';

/** What kind of problem it is; the CLI maps each kind to an exit code. */
export type ErrorKind =
  /** The command line is wrong (bad option value, unknown domain, unknown area): exit 2. */
  | 'usage'
  /** An input file is wrong (malformed CSV, duplicate codes, bad values): exit 1. */
  | 'data'
  /** A file could not be read or written: exit 1. */
  | 'io';

/** Where in an input file the problem is. Lines and columns count from 1. */
export interface Location {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly columnName?: string;
}

export interface FairshareError {
  readonly kind: ErrorKind;
  /** A stable machine-readable code, e.g. `unknown-domain`, `bad-budget`. */
  readonly code: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it, in one sentence (optional). */
  readonly hint?: string;
  readonly location?: Location;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FairshareError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(kind: ErrorKind, code: string, message: string, extra: { hint?: string; location?: Location } = {}): Result<T> {
  return { ok: false, error: { kind, code, message, ...extra } };
}

/**
 * A one-line rendering: `file:line:column (name): message. hint`. Messages quote values from the user's
 * files and arguments, so every part is made inert here, the one place errors become text
 * ({@link oneLine}): line breaks and tabs become spaces, so the message stays one line, and other
 * control and bidirectional characters become `?`, so a crafted value cannot move the cursor, set the
 * window title or show the line reversed.
 *
 * @example formatError({ kind: 'data', code: 'x', message: 'bad name "a\u001b[2J"' }) // => 'bad name "a?[2J"'
 */
export function formatError(error: FairshareError): string {
  const where = formatLocation(error.location);
  const text = where ? `${where}: ${oneLine(error.message)}` : oneLine(error.message);
  return error.hint ? `${text}. ${oneLine(error.hint)}` : text;
}

function formatLocation(location: Location | undefined): string {
  if (!location) return '';
  let where = location.file === undefined ? '' : oneLine(location.file);
  if (location.line !== undefined) where += `${where ? ':' : 'line '}${location.line}`;
  if (location.column !== undefined) where += `:${location.column}`;
  if (location.columnName !== undefined) where += ` (column "${oneLine(location.columnName)}")`;
  return where;
}
