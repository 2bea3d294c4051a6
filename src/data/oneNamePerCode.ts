/**
 * The check every reader makes where rows name an area by code and name: one code, one name. Pure.
 */
import { fail, ok, type Location, type Result } from '../engine/errors.js';
import { shown } from '../engine/shown.js';

/** A row's code and name and where the name is, as a reader met it. */
export interface NamedCode {
  readonly code: string;
  readonly name: string;
  /** The line of the row (from 1). */
  readonly line: number;
}

export interface OneNamePerCodeOptions {
  /** What the code is the code of, in the message: `area` (the default) or `district`. */
  readonly noun?: string;
  /** The file, for the location. */
  readonly file?: string;
}

/**
 * A checker that every code has one name (compared exactly, after the readers' trimming): give it each
 * row in file order. The first row that gives a code a second name is a `conflicting-name` data failure
 * naming the code, both names and both lines, located at the second; every other row is ok. Blank codes
 * are skipped (the readers report those).
 *
 * @example
 * const check = oneNamePerCode({ file: 'p.csv' });
 * check({ code: 'W1', name: 'One', line: 2 }); // => ok
 * check({ code: 'W1', name: 'Uno', line: 4 });
 * // => fail('data', 'conflicting-name', 'area "W1" is called "One" on line 2 but "Uno" on line 4', { location: { file: 'p.csv', line: 4 }, hint: … })
 */
export function oneNamePerCode(options: OneNamePerCodeOptions = {}): (row: NamedCode) => Result<void> {
  const first = new Map<string, NamedCode>();
  return (row) => {
    if (row.code === '') return ok(undefined);
    const seen = first.get(row.code);
    if (seen === undefined) {
      first.set(row.code, row);
      return ok(undefined);
    }
    // A name broken over lines in a quoted value is the same name whichever line ends the editor wrote.
    if (sameLines(seen.name) === sameLines(row.name)) return ok(undefined);
    const noun = options.noun ?? 'area';
    const location: Location = options.file === undefined ? { line: row.line } : { file: options.file, line: row.line };
    return fail(
      'data',
      'conflicting-name',
      `${noun} "${shown(row.code)}" is called "${shown(seen.name)}" on line ${seen.line} but "${shown(row.name)}" on line ${row.line}`,
      { hint: `Spell each ${noun} code’s name the same way on every row`, location },
    );
  };
}

function sameLines(name: string): string {
  return name.replace(/\r\n|\r/g, '\n');
}
