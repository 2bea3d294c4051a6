import type { Command } from 'commander';
import { PERCENT_FORMS } from '../engine/parsePercent.js';
import type { DampingRequest } from '../app/damping.js';

/** The damping options as commander gives them. */
export type DampingOptions = DampingRequest;

/** Add --previous, --floor and --ceiling to a command. */
export function addDampingOptions(command: Command): Command {
  return command
    .option(
      '--previous <file>',
      "last year's allocation to damp the change against: a district CSV (district_code,allocation) or a former-district one (former_district_code,allocation); --level former-district takes last year's 2019 district table too; adds previous,change_pct,held",
    )
    .option('--floor <pct>', `the largest fall allowed against --previous, e.g. -5%; forms: ${PERCENT_FORMS}`)
    .option('--ceiling <pct>', 'the largest rise allowed against --previous, e.g. +10%');
}
