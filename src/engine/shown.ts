/**
 * User text made safe to quote in a message or a terminal: control characters (C0, DEL, C1, which start
 * terminal escape sequences) and bidirectional controls (which can show a line reversed) are replaced by
 * `?`, and anything longer than `max` characters is cut with an ellipsis, so one bad value cannot flood a
 * message or act on the terminal that shows it.
 *
 * @example shown('Corby\u001b]0;pwned\u0007') // => 'Corby?]0;pwned?'
 * @example shown('9'.repeat(100000)).length // => 60
 */
export function shown(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  if (safe.length <= max) return safe;
  return `${[...safe].slice(0, max - 1).join('')}…`;
}
