/**
 * The one key by which the engine matches a district or other area across tables (a run and its
 * baseline, two vintages, sensitivity draws): its code and its name together. Codes alone are not
 * enough for a `--data` file, whose districts may share a code under two names; a NUL between them cannot
 * occur in either (input text with control characters is refused or shown escaped). Pure.
 *
 * @example areaKey({ code: 'E07000150', name: 'Corby' }) // => 'E07000150\u0000Corby'
 */
export function areaKey(area: { readonly code: string; readonly name: string }): string {
  return `${area.code}\u0000${area.name}`;
}
