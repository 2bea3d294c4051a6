import type { Damping, DampedDistrict } from '../engine/damp.js';
import { formatPercent } from '../engine/parsePercent.js';
import { pounds, poundsPlain } from '../engine/money.js';
import { andList } from '../engine/wording.js';
import { poundsText, signedPoundsText } from './display.js';

export interface DescribeDampingOptions {
  /**
   * What was damped, for the wording: `district` (the default) or `former-district` ("the other former
   * districts paid …").
   */
  readonly level?: 'district' | 'former-district';
  /** What the undamped amounts are, for the wording: `formula` (the default), or `paced` in a transition. */
  readonly amounts?: 'formula' | 'paced';
}

/**
 * A damped run in one line, for the table header, the Markdown caption, JSON and stderr: the band, which
 * districts (or former districts, with `level: 'former-district'`) the floor and the ceiling held, and
 * how much money moved against the formula amounts: from every district that got less than its formula
 * amount to every one that got more, each with its signed change. Who paid is read from the money, not
 * from who was held, so a district held at its floor is never said to have paid for it.
 *
 * @example describeDamping(damping, 'prev.csv')
 * // => 'Damped against prev.csv (floor -5%, ceiling +5%): held at the floor: Corby; against their formula
 * //     amounts, £20,000.00 moved from Daventry (-£12,000.00) and Kettering (-£8,000.00) to Corby
 * (+£20,000.00).'
 */
export function describeDamping(damping: Damping, previousFile: string, options: DescribeDampingOptions = {}): string {
  const { districts } = damping;
  const noun = options.level === 'former-district' ? 'former district' : 'district';
  const what = options.amounts ?? 'formula';
  const band = [
    ...(damping.floor === undefined ? [] : [`floor ${formatPercent(damping.floor)}`]),
    ...(damping.ceiling === undefined ? [] : [`ceiling ${formatPercent(damping.ceiling)}`]),
  ];
  const lead = `Damped against ${previousFile}${band.length ? ` (${band.join(', ')})` : ' (no floor or ceiling)'}`;
  const floors = districts.filter((d) => d.held === 'floor');
  const ceilings = districts.filter((d) => d.held === 'ceiling');
  const parts: string[] = [];
  if (floors.length === 0 && ceilings.length === 0) {
    parts.push(
      districts.every((d) => d.amount === d.formula)
        ? `no ${noun} reached its floor or ceiling, so every ${noun} gets its ${what} amount`
        : `no ${noun} reached its floor or ceiling`,
    );
  } else {
    const held = [
      ...(floors.length ? [`held at the floor: ${floors.map(label).join(', ')}`] : []),
      ...(ceilings.length ? [`held at the ceiling: ${ceilings.map(label).join(', ')}`] : []),
    ];
    parts.push(held.join('; '));
    // Who paid and who received, judged by what each got against its formula amount, whatever held it:
    // a district held at its floor can still get less than its formula amount, and one at its ceiling more.
    const paid = districts.filter((d) => d.amount < d.formula);
    const received = districts.filter((d) => d.amount > d.formula);
    const moved = received.reduce((sum, d) => sum + (d.amount - d.formula), 0n);
    if (moved === 0n) parts.push(`every ${noun} gets its ${what} amount all the same`);
    else parts.push(`against their ${what} amounts, ${poundsText(pounds(moved))} moved from ${listed(paid)} to ${listed(received)}`);
  }
  const unbanded = districts.filter((d) => !d.damped);
  if (unbanded.length) {
    const names = unbanded.map(label).join(', ');
    parts.push(`${names} had no previous allocation, so no band applies to ${unbanded.length === 1 ? 'it' : 'them'}`);
  }
  return `${lead}: ${parts.join('; ')}.`;
}

/** The damping as data for JSON output, under `damping`: band in percent, costs in pounds, who was held. */
export function dampingMeta(damping: Damping, previousFile: string, options: DescribeDampingOptions = {}): Record<string, unknown> {
  const percent = (fraction: Damping['floor']): number | null => (fraction === undefined ? null : Number(fraction.times(100).toString()));
  return {
    damping: {
      previous: previousFile,
      floor_pct: percent(damping.floor),
      ceiling_pct: percent(damping.ceiling),
      floor_cost: poundsPlain(damping.floorCost),
      ceilings_freed: poundsPlain(damping.ceilingsFreed),
      held_at_floor: damping.districts.filter((d) => d.held === 'floor').map((d) => d.code),
      held_at_ceiling: damping.districts.filter((d) => d.held === 'ceiling').map((d) => d.code),
      summary: describeDamping(damping, previousFile, options),
    },
  };
}

/**
 * Districts with their change against the formula amount: `Daventry (-£175,365.45) and Corby (+£75,630.68)`.
 */
function listed(districts: readonly DampedDistrict[]): string {
  return andList(districts.map((d) => `${label(d)} (${signedPoundsText(d.amount - d.formula)})`));
}

function label(d: DampedDistrict): string {
  return d.name || d.code;
}
