/**
 * Damping a run's table against a previous allocation: the settings checked before any work, and the
 * previous file read and applied (see src/data/dampTable.ts and src/engine/damp.ts).
 */
import { resolve } from 'node:path';
import type { Decimal } from 'decimal.js';
import { dampTable } from '../data/dampTable.js';
import type { PreviousLevel } from '../data/parsePrevious.js';
import type { Damping } from '../engine/damp.js';
import { parseBandEnd } from '../engine/parseBandEnd.js';
import type { Tabulation } from '../engine/tabulate.js';
import type { AppIo } from './context.js';
import { Failure, unwrap } from './failure.js';
import { readSource, userTable } from './inputs.js';
import { levelPlural } from './levels.js';
import type { InputFile } from '../data/inputFile.js';

/**
 * The damping asked for, as written: the previous allocation's file, the band's ends and the sheet of a
 * workbook.
 */
export interface DampingRequest {
  readonly previous?: string | undefined;
  readonly floor?: string | undefined;
  readonly ceiling?: string | undefined;
  /** The sheet of a workbook --previous (default its first). */
  readonly sheet?: string | undefined;
}

/** The damping asked for, checked: the previous allocation's file and the band as exact fractions. */
export interface DampingSettings {
  readonly previous: string;
  readonly floor?: Decimal;
  readonly ceiling?: Decimal;
  readonly sheet?: string;
}

/** The levels --previous damps: districts, and former districts (keyed by their 2019 district codes). */
export const DAMPING_LEVELS: readonly PreviousLevel[] = ['district', 'former-district'];

/**
 * Check the damping options before any work: --floor and --ceiling need --previous, which needs the
 * district or former-district level, and both must be percentages. Undefined when there is no --previous.
 * Throws Failure.
 */
export function parseDampingOptions(options: DampingRequest, level: string): DampingSettings | undefined {
  if (options.previous === undefined) {
    const given = options.floor !== undefined ? '--floor' : options.ceiling !== undefined ? '--ceiling' : undefined;
    if (given === undefined) return undefined;
    throw new Failure({
      kind: 'usage',
      code: 'band-without-previous',
      message: `${given} limits the change against a previous allocation, but there is no --previous`,
      hint: "Add --previous FILE, a district CSV such as last year's allocate output",
    });
  }
  if (!(DAMPING_LEVELS as readonly string[]).includes(level)) {
    throw new Failure({
      kind: 'usage',
      code: 'previous-needs-district',
      message: `--previous damps district or former-district allocations, not ${levelPlural(level)}`,
      hint: 'Use --level district (the default) or --level former-district with --previous',
    });
  }
  const floor = options.floor === undefined ? undefined : unwrap(parseBandEnd(options.floor, 'floor', '--floor'));
  const ceiling = options.ceiling === undefined ? undefined : unwrap(parseBandEnd(options.ceiling, 'ceiling', '--ceiling'));
  if (floor !== undefined && ceiling !== undefined && floor.gt(ceiling)) {
    throw new Failure({
      kind: 'usage',
      code: 'floor-above-ceiling',
      message: `--floor ${options.floor} is above --ceiling ${options.ceiling}`,
      hint: 'Give a floor at or below the ceiling, like --floor -5% --ceiling +5%',
    });
  }
  return {
    previous: options.previous,
    ...(floor === undefined ? {} : { floor }),
    ...(ceiling === undefined ? {} : { ceiling }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  };
}

/**
 * Read the previous allocation, check it against the rows of the table (districts, or former districts
 * when `table.level` says so) and damp them: the table with the damped amounts, the damping, and the
 * file's provenance. `formerDistricts` (the run's former-district codes) lets the message for a district
 * run's file keyed by them say to add --level former-district. Throws Failure on bad input.
 */
export async function runDamping(
  table: Tabulation,
  settings: DampingSettings,
  io: AppIo,
  formerDistricts?: ReadonlySet<string>,
): Promise<{ table: Tabulation; damping: Damping; provenance: InputFile }> {
  const codes = table.rows.map((r) => r.code);
  const source = unwrap(await readSource(resolve(io.cwd, settings.previous), 'previous allocation', settings.previous));
  const level: PreviousLevel = table.level === 'former-district' ? 'former-district' : 'district';
  // A district run whose former districts differ (2025): last year's 2019 table is keyed by them.
  const otherLevel =
    level === 'district' && formerDistricts !== undefined && [...formerDistricts].some((code) => !codes.includes(code))
      ? {
          codes: formerDistricts,
          hint: "Those are this run's former districts (the districts of 2019): add --level former-district to damp them against last year's table",
        }
      : undefined;
  const text = await userTable(source.bytes, settings.previous, io.stderr, settings.sheet);
  const damped = unwrap(dampTable(table, text, settings.previous, settings, otherLevel ? { otherLevel } : {}));
  return { ...damped, provenance: source.provenance };
}
