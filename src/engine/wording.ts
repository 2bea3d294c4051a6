/**
 * How messages put words together: a sentence's capital, a list in English, the first few of a long
 * list. One place, so every message of the tool lists and capitalises the same way. Pure.
 */

/** How many items {@link firstFew} lists before "and N more", unless told otherwise. */
export const LISTED = 5;

/**
 * `text` with its first letter capitalised.
 *
 * @example sentence('the header needs code') // => 'The header needs code'
 */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * `items` joined as English: "a", "a and b", "a, b and c".
 *
 * @example andList(['a', 'b', 'c']) // => 'a, b and c'
 */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * The first `max` of `items`, comma-separated, then "and N more" for the rest.
 *
 * @example firstFew(['a', 'b', 'c', 'd', 'e', 'f', 'g']) // => 'a, b, c, d, e and 2 more'
 */
export function firstFew(items: readonly string[], max = LISTED): string {
  return items.slice(0, max).join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');
}

/**
 * Insert commas between groups of three digits in the whole part of a plain decimal string.
 *
 * @example groupThousands('1234567.5') // => '1,234,567.5'
 */
export function groupThousands(plain: string): string {
  const negative = plain.startsWith('-');
  const body = negative ? plain.slice(1) : plain;
  const dot = body.indexOf('.');
  const whole = dot === -1 ? body : body.slice(0, dot);
  const rest = dot === -1 ? '' : body.slice(dot);
  return (negative ? '-' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + rest;
}

/**
 * A whole number with its thousands grouped, as people read it: `1,000,000`. Not toLocaleString, whose
 * first call starts ICU (about 18 ms of every run's start-up where a help text used it).
 *
 * @example wholeText(32844) // => '32,844'
 */
export function wholeText(n: number): string {
  return groupThousands(String(n));
}
