/**
 * The one order fairshare sorts codes and names in: by UTF-16 code unit, as `<` compares strings. It
 * does not depend on the machine's locale, so every table comes out in the same order everywhere
 * (E06… before E07…, `Corby` before `corby`).
 *
 * @example ['E07000151', 'E06000061'].sort(compareText) // => ['E06000061', 'E07000151']
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
