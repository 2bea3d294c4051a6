import { shown } from '../engine/shown.js';

/** Characters a POSIX shell takes literally in an unquoted word. */
const BARE = /^[A-Za-z0-9_.,:/@%+=-]+$/;

/** Characters a shell still acts on inside double quotes (and `!`, history expansion in bash). */
const LIVE_IN_DOUBLE_QUOTES = /["$`\\!]/;

/**
 * A value written so that a hint's command runs as printed when pasted into a shell: as it is when it
 * is one plain word, in double quotes when it has spaces or an apostrophe (`"King's Lynn"`), else in
 * single quotes with each `'` written `'\''`. Then {@link shown}, so a value from an input file cannot
 * act on the terminal that shows the hint or flood it.
 *
 * @example shellWord('Corby') // => 'Corby'
 * @example shellWord('West Northamptonshire') // => '"West Northamptonshire"'
 * @example shellWord('a "b" $c') // => `'a "b" $c'`
 */
export function shellWord(value: string): string {
  if (BARE.test(value)) return shown(value, 200);
  if (!LIVE_IN_DOUBLE_QUOTES.test(value)) return shown(`"${value}"`, 200);
  return shown(`'${value.replace(/'/g, `'\\''`)}'`, 200);
}
