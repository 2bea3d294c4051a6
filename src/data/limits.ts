/**
 * The documented limits on a user's input files (`--data`, `--lookup`, `--previous`, `--points`, scenario
 * and formula files, and standard input). Each is far above any real council file (England's `--data`
 * is about 33,000 rows and a few MB) and low enough that a hostile or mistaken input (`/dev/zero`, a
 * 1.5 GB log, a 100,000-digit number) is refused early, in bounded memory, with a message naming the
 * limit. README.md, "Safety", cites these constants.
 */
import { wholeText } from '../engine/wording.js';

/** The most bytes one input file (or standard input) may have: 256 MiB. Larger files are refused unread. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * The most records (rows, the header and blank rows included) one CSV may have: 1,000,000. England has
 * about 33,000 LSOAs; a `--points` file of every postcode in a county is well under it (a file of every
 * postcode in England is not, and is split by county).
 */
export const MAX_ROWS = 1_000_000;

/**
 * The most characters one CSV record (a row, with any line breaks inside quoted values) may have: 1,000,000.
 */
export const MAX_ROW_CHARS = 1_000_000;

/**
 * The most characters a number may be written with, sign, separators, point and exponent included: 30.
 * Enough for a share written to Excel's full precision (0.33333333333333331) or £1,000,000,000,000.00.
 */
export const MAX_NUMBER_CHARS = 30;

/** The largest exponent a number may have (`1.5e-6`, `2E3`), either way: 100. */
export const MAX_EXPONENT = 100;

/**
 * A size in bytes for a message, in the units the limits are stated in (MB of 1,048,576 bytes), rounded
 * up to a tenth, so a file a byte over 256 MB never reads as 256 MB.
 *
 * @example bytesShown(268435456) // => '256 MB'
 * @example bytesShown(268435457) // => '256.1 MB'
 * @example bytesShown(1610612736) // => '1.5 GB'
 */
export function bytesShown(bytes: number): string {
  const tenths = (value: number): string => String(Math.ceil(value * 10) / 10);
  const mb = bytes / (1024 * 1024);
  if (mb >= 1024) return `${tenths(mb / 1024)} GB`;
  if (mb >= 1) return `${tenths(mb)} MB`;
  return `${wholeText(bytes)} bytes`;
}
