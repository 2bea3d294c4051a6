import type { Decimal } from 'decimal.js';
import type { Result } from './errors.js';
import { parsePercent } from './parsePercent.js';

/** Which end of a damping band: the largest fall allowed, or the largest rise. */
export type BandEnd = 'floor' | 'ceiling';

/** The two readings of an unsigned floor or ceiling, for the message that refuses one (`{}`: the amount). */
const READINGS: Readonly<Record<BandEnd, { readonly minus: string; readonly plus: string }>> = {
  floor: { minus: '"no district loses more than {}"', plus: '"every district gains at least {}"' },
  ceiling: { minus: '"every district loses at least {}"', plus: '"no district gains more than {}"' },
};

/**
 * Parse a damping floor or ceiling as an exact fraction, written with its sign (`-5%`, `+2%`, `0%`): an
 * unsigned `5%` is refused, spelling out both readings, because "no district loses more than 5%" and
 * "every district gains at least 5%" are both what an officer may mean. `label` is how the setting is
 * written where it was given, for the message and the hint: `--floor` on the command line, `floor:` in
 * a scenario file. One function for both, so the two say the same.
 *
 * @example parseBandEnd('-2%', 'floor', '--floor') // => ok(-0.02)
 * @example parseBandEnd('5%', 'floor', 'floor:') // => fail: 'floor: 5% has no sign, so it could mean a fall or a rise'
 */
export function parseBandEnd(text: string, end: BandEnd, label: string): Result<Decimal> {
  return parsePercent(text, label, { signRequired: READINGS[end] });
}
