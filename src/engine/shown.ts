// C0 controls, DEL and C1 controls (ESC and CSI start terminal escape sequences, BEL ends an OSC
// title), the bidirectional embeddings, overrides and isolates and the marks U+200E, U+200F and U+061C
// (which can show a line reversed), and the line and paragraph separators U+2028 and U+2029.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * User text made inert on a terminal or in a one-line message, at its full length: every control
 * character (C0, DEL, C1), bidirectional control and line or paragraph separator is replaced by `?`.
 * Each of them is one UTF-16 unit and so is `?`, so the length (and a table's alignment) is unchanged.
 * Line breaks and tabs become `?` too; callers that want a space there replace them first.
 *
 * @example plain('Alpha\u001b]0;pwned\u0007') // => 'Alpha?]0;pwned?'
 * @example plain('\u202eevil') // => '?evil'
 */
export function plain(text: string): string {
  return text.replace(UNSAFE, '?');
}

/**
 * {@link plain} for text that must stay on one line (a message, a table cell, an HTML or SVG label):
 * line breaks (CR LF, CR, LF) and tabs become one space each, and the rest as {@link plain}.
 *
 * @example oneLine('Alpha\nBeta\u202e') // => 'Alpha Beta?'
 */
export function oneLine(text: string): string {
  return plain(text.replace(/\r\n|[\r\n\t]/g, ' '));
}

/**
 * User text made safe to quote in a message or a terminal: {@link plain}, then anything longer than
 * `max` characters is cut with an ellipsis, so one bad value cannot flood a message or act on the
 * terminal that shows it.
 *
 * @example shown('Corby\u001b]0;pwned\u0007') // => 'Corby?]0;pwned?'
 * @example shown('9'.repeat(100000)).length // => 60
 */
export function shown(text: string, max = 60): string {
  const safe = plain(text);
  if (safe.length <= max) return safe;
  return `${[...safe].slice(0, max - 1).join('')}…`;
}
