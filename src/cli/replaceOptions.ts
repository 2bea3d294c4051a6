/**
 * `--replace SOURCE=FILE` (and `replace:` in scenario files): which source of the formula to swap for
 * which of the officer's files. src/app/inputs.ts reads the files and applies them (withReplacements).
 */
import type { ReplaceSetting } from '../app/inputs.js';
import { keyValues } from './keyValues.js';

export const REPLACE_HELP =
  'swap one source of the formula for your own figures: SOURCE=FILE, SOURCE a domain id (or domain.field when it has several sources; see fairshare domains), FILE a CSV or XLSX with lsoa_code and value (higher = more need) or national_rank (1 = most need); repeatable';

/** `--replace` settings, each of the form SOURCE=FILE and each source once. Throws a usage Failure. */
export function parseReplaceSettings(settings: readonly string[]): ReplaceSetting[] {
  const parsed = keyValues(settings, {
    option: '--replace',
    form: 'SOURCE=FILE',
    example: 'community-safety=my-crime.csv',
    twice: (source) => `names the source "${source}" twice`,
    once: 'Give each source one --replace',
    code: 'replace',
    valueRequired: true,
  });
  return [...parsed].map(([source, file]) => ({ source, file }));
}
