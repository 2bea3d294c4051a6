import type { ErrorKind } from '../engine/errors.js';

/** Exit codes: 0 success, 1 bad data or a failed run, 2 wrong usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The one place an error's kind becomes an exit code. */
export function exitCode(kind: ErrorKind): number {
  return kind === 'usage' ? EXIT.usage : EXIT.failed;
}
