/**
 * Errors as values. The engine and the data readers return a `Failure` instead of throwing, so the CLI
 * can map every expected problem to one line and one exit code in a single place (src/cli/exitCode.ts).
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

/**
 * Every error code fairshare produces, with the kind it has (on the command line, for a code that has
 * two). The exit code follows the kind (src/cli/exitCode.ts). {@link fail} and {@link FairshareError}
 * take only these codes, so a new one is added here first; test/engine/errorCodes.test.ts checks that
 * each is still used. The scenario runner re-raises the usage errors of a scenario file's settings (a
 * budget, a weight, a floor) as `data` at the file's line (src/scenario/planScenarios.ts), and
 * `scenarios run --level` re-raises `bad-level`, `level-not-in-data`, `lookup-without-level` and
 * `missing-option` as `usage`.
 */
export const ERROR_CODES = {
  // usage: the command line is wrong (exit 2).
  'ambiguous-area': 'usage',
  'ambiguous-lsoa-name': 'usage',
  'ambiguous-source': 'usage',
  'bad-budget': 'usage', // data: a scenario whose pots add up to more than the largest budget
  'bad-ceiling': 'usage',
  'bad-draws': 'usage',
  'bad-floor': 'usage',
  'bad-format': 'usage',
  'bad-level': 'usage', // data: a scenario file's level:
  'bad-method': 'usage',
  'bad-number': 'usage', // data in build/: a source table's cell
  'bad-percent': 'usage',
  'bad-population-base': 'usage',
  'bad-replace': 'usage',
  'bad-seed': 'usage',
  'bad-spread': 'usage',
  'bad-vintage': 'usage',
  'bad-weight': 'usage', // data: a --points file's weight column
  'band-without-previous': 'usage', // data: a scenario file's floor: or ceiling:
  'concentration-too-small': 'usage',
  'conflicting-replace': 'usage',
  'conflicting-weight': 'usage',
  'empty-area': 'usage',
  'empty-band': 'usage',
  'floor-above-ceiling': 'usage', // data: a scenario file's floor: and ceiling:
  'format-not-written': 'usage',
  'infeasible-ceiling': 'usage',
  'infeasible-floor': 'usage',
  'level-not-in-data': 'usage', // data: a scenario file's level:
  'level-not-whole-lsoas': 'usage',
  'level-without-previous': 'usage',
  'lookup-without-level': 'usage', // data: a scenario file's level: with localities:
  'lsoa-of-other-vintage': 'usage',
  'lsoa-outside-area': 'usage',
  'manifest-without-output': 'usage',
  'no-budget': 'usage', // data: a scenario without a budget:
  'no-district-codes': 'usage',
  'no-domains': 'usage', // data: a scenario that excludes every domain
  'no-formula-amounts': 'usage',
  'no-lookup': 'usage',
  'no-lsoa': 'usage',
  'no-output-dir': 'usage',
  'no-stdin': 'usage',
  'output-exists': 'usage',
  'output-is-dir': 'usage',
  'output-is-file': 'usage',
  'output-is-input': 'usage',
  'output-not-empty': 'usage',
  'output-not-ours': 'usage',
  'output-read-only': 'usage',
  'previous-needs-district': 'usage', // data: a scenario file's previous:
  'previous-with-scenarios': 'usage',
  'too-many-draws': 'usage',
  'unknown-area': 'usage',
  'bad-years': 'usage',
  'bad-pace': 'usage',
  'budgets-not-years': 'usage',
  'missing-option': 'usage', // data: a scenario file's level: locality without localities:
  'unknown-domain': 'usage',
  'unknown-extension': 'usage',
  'unknown-lsoa': 'usage', // data: an LSOA code in a lookup, points or replacement file
  'unknown-source': 'usage',
  'unsigned-percent': 'usage',
  'xlsx-to-stdout': 'usage',
  // data: an input file is wrong (exit 1).
  'ambiguous-district-code': 'data',
  'bad-boundaries': 'data',
  'bad-domain-id': 'data',
  'bad-estimated': 'data',
  'bad-formula': 'data',
  'bad-key': 'data',
  'bad-name': 'data',
  'bad-need': 'data',
  'bad-pack': 'data',
  'bad-population': 'data',
  'bad-previous-amount': 'data',
  'bad-rank': 'data',
  'bad-scenarios': 'data',
  'bad-share': 'data',
  'bad-value': 'data',
  'bad-workbook': 'data',
  'blank-code': 'data',
  'blank-column-name': 'data',
  'blank-name': 'data',
  'blank-need': 'data',
  'blank-value': 'data',
  'budget-and-budgets': 'data',
  'budget-and-pots': 'data',
  'conflicting-name': 'data',
  'duplicate-boundary': 'data',
  'duplicate-code': 'data',
  'duplicate-column': 'data',
  'duplicate-district': 'data',
  'duplicate-lsoa': 'data',
  'duplicate-name': 'data',
  'duplicate-row': 'data',
  'empty-file': 'data',
  'empty-scenarios': 'data',
  'exclude-and-pots': 'data',
  'localities-in-scenario': 'data',
  'lookup-not-covering': 'data',
  'malformed-csv': 'data',
  'missing-columns': 'data',
  'missing-districts': 'data',
  'missing-field': 'data',
  'missing-lsoas': 'data',
  'no-need-columns': 'data',
  'negative-population': 'data',
  'negative-previous-amount': 'data',
  'negative-share': 'data',
  'negative-weight': 'data',
  'no-boundaries': 'data',
  'no-pots': 'data',
  'no-rows': 'data',
  'no-scenarios': 'data',
  'no-such-sheet': 'data',
  'not-text': 'data', // io: an input refused as binary before it is read as text
  'number-too-long': 'data',
  'pot-data-missing-lsoas': 'data',
  'replacement-not-read': 'data',
  'reserved-name': 'data',
  'row-too-long': 'data',
  'share-above-one': 'data',
  'shares-not-one': 'data',
  'too-deep': 'data',
  'too-many-aliases': 'data',
  'too-many-pots': 'data',
  'too-many-rows': 'data',
  'too-many-scenarios': 'data',
  'transition-without-previous': 'data',
  'two-code-columns': 'data',
  'two-value-columns': 'data',
  'unknown-baseline': 'data',
  'unknown-district': 'data',
  'unknown-ward': 'data',
  'outside-area': 'data',
  'unsupported-pack-version': 'data',
  'weights-and-pots': 'data',
  'wrong-separator': 'data',
  'yaml-syntax': 'data',
  'zero-population': 'data',
  'zero-weight-lsoa': 'data',
  // io: a file could not be read or written (exit 1).
  'explorer-not-built': 'io',
  'file-too-large': 'io', // data: a scenario file over its character limit
  'pack-not-found': 'io',
  'pack-unreadable': 'io',
  'unreadable-file': 'io',
  'write-failed': 'io',
  // data, at build time only: the source tables of `npm run build:data` (build/) are wrong.
  'ambiguous-column': 'data',
  'bad-csv': 'data',
  'check-failed': 'data',
  'inconsistent-source': 'data',
  'lsoa-without-ward': 'data',
  'missing-code': 'data',
  'missing-lsoa': 'data',
  'unknown-county': 'data',
  'ward-without-division': 'data',
  'zero-denominator': 'data',
} as const satisfies Record<string, ErrorKind>;

/** A stable machine-readable error code: one of {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Where in an input file the problem is. Lines and columns count from 1. */
export interface Location {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly columnName?: string;
}

export interface FairshareError {
  readonly kind: ErrorKind;
  /** A stable machine-readable code from {@link ERROR_CODES}, e.g. `unknown-domain`, `bad-budget`. */
  readonly code: ErrorCode;
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

export function fail<T = never>(kind: ErrorKind, code: ErrorCode, message: string, extra: { hint?: string; location?: Location } = {}): Result<T> {
  return { ok: false, error: { kind, code, message, ...extra } };
}

/**
 * A one-line rendering: `file:line:column (name): message. hint`. Messages quote values from the user's
 * files and arguments, so every part is made inert here, the one place errors become text
 * ({@link oneLine}): line breaks and tabs become spaces, so the message stays one line, and other
 * control and bidirectional characters become `?`, so a crafted value cannot move the cursor, set the
 * window title or show the line reversed.
 *
 * @example formatError({ kind: 'data', code: 'bad-name', message: 'bad name "a\u001b[2J"' }) // => 'bad name "a?[2J"'
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
