import type { FairshareError, Result } from '../engine/errors.js';

/**
 * A FairshareError on its way out of a command. Commands unwrap results with `unwrap`; the one handler
 * in main.ts catches this, prints the message and maps the kind to an exit code.
 */
export class Failure extends Error {
  constructor(readonly error: FairshareError) {
    super(error.message);
    this.name = 'Failure';
  }
}

/** The value of a result, or a thrown Failure carrying its error. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Failure(result.error);
  return result.value;
}
