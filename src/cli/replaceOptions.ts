/**
 * `--replace SOURCE=FILE` (and `replace:` in scenario files): which source of the formula to swap for
 * which of the officer's files. inputs.ts reads the files and applies them (applyReplacements).
 */
import { shown } from '../engine/shown.js';
import { Failure } from './failure.js';

/** One `SOURCE=FILE` setting. */
export interface ReplaceSetting {
  readonly source: string;
  readonly file: string;
}

export const REPLACE_HELP = 'swap one source of the formula for your own figures: SOURCE=FILE, SOURCE a domain id (or domain.field when it has several sources; see fairshare domains), FILE a CSV or XLSX with lsoa_code and value (higher = more need) or national_rank (1 = most need); repeatable';

/** `--replace` settings, each of the form SOURCE=FILE and each source once. Throws a usage Failure. */
export function parseReplaceSettings(settings: readonly string[]): ReplaceSetting[] {
  const parsed: ReplaceSetting[] = [];
  for (const setting of settings) {
    const match = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(setting);
    if (!match) {
      throw new Failure({
        kind: 'usage',
        code: 'bad-replace',
        message: `--replace "${shown(setting)}" is not of the form SOURCE=FILE`,
        hint: 'Write it like --replace community-safety=my-crime.csv',
      });
    }
    const source = match[1] as string;
    if (parsed.some((p) => p.source === source)) {
      throw new Failure({ kind: 'usage', code: 'conflicting-replace', message: `--replace names the source "${shown(source)}" twice`, hint: 'Give each source one --replace' });
    }
    parsed.push({ source, file: match[2] as string });
  }
  return parsed;
}
