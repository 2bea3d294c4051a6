/**
 * Most end-to-end tests were written against the 2019 vintage and check its numbers (Northamptonshire's
 * 422 LSOAs, the seven districts, the golden files), so they pin it: the default vintage is 2025. A run
 * that names its own vintage, asks for help or the version, or whose command has no --vintage, is left
 * as it is.
 *
 * @example pin2019(['allocate', '--budget', '1m']) // => ['allocate', '--budget', '1m', '--vintage', '2019']
 */
export function pin2019(args: readonly string[]): string[] {
  const asIs =
    args.includes('--vintage') ||
    args.some((a) => ['--help', '-h', '--version', '-V', 'help'].includes(a)) ||
    (args[0] === 'scenarios' && args[1] === 'init') ||
    args.length === 0;
  return asIs ? [...args] : [...args, '--vintage', '2019'];
}
