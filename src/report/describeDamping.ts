import type { Damping, DampedDistrict } from '../engine/damp.js';
import { formatPercent } from '../engine/parsePercent.js';
import { pounds } from '../engine/tabulate.js';
import { groupThousands } from './display.js';

export interface DescribeDampingOptions {
  /** What was damped, for the wording: `district` (the default) or `former-district` ("the other former districts paid …"). */
  readonly level?: 'district' | 'former-district';
}

/**
 * A damped run in one line, for the table header, the Markdown caption, JSON and stderr: the band, what
 * the floors cost and whom they protected, what the ceilings freed and from whom, and how the other
 * districts (or former districts, with `level: 'former-district'`) paid (or received) the difference,
 * each against its formula amount.
 *
 * @example describeDamping(damping, 'prev.csv')
 * // => 'Damped against prev.csv (floor -5%, ceiling +5%): the floor cost £20,000.00 (Corby +£20,000.00);
 * //     the other districts paid the net £20,000.00 in proportion to their formula amounts (Daventry -£…, …).'
 */
export function describeDamping(damping: Damping, previousFile: string, options: DescribeDampingOptions = {}): string {
  const { districts } = damping;
  const noun = options.level === 'former-district' ? 'former district' : 'district';
  const band = [
    ...(damping.floor === undefined ? [] : [`floor ${formatPercent(damping.floor)}`]),
    ...(damping.ceiling === undefined ? [] : [`ceiling ${formatPercent(damping.ceiling)}`]),
  ];
  const lead = `Damped against ${previousFile}${band.length ? ` (${band.join(', ')})` : ' (no floor or ceiling)'}`;
  const floors = districts.filter((d) => d.held === 'floor');
  const ceilings = districts.filter((d) => d.held === 'ceiling');
  const free = districts.filter((d) => d.held === '');
  const parts: string[] = [];
  if (floors.length === 0 && ceilings.length === 0) {
    parts.push(
      districts.every((d) => d.amount === d.formula)
        ? `no ${noun} reached its floor or ceiling, so every ${noun} gets its formula amount`
        : `no ${noun} reached its floor or ceiling`,
    );
  } else {
    if (floors.length) parts.push(`the floor cost ${amount(damping.floorCost)} (${changes(floors)})`);
    if (ceilings.length) parts.push(`ceilings freed ${amount(damping.ceilingsFreed)} (${changes(ceilings)})`);
    const net = damping.floorCost - damping.ceilingsFreed;
    const moved = free.filter((d) => d.amount !== d.formula);
    if (free.length === 0) parts.push(`every ${noun} is held, so none is left to pay or receive the difference`);
    else if (moved.length === 0) parts.push(`the other ${noun}s get their formula amounts`);
    else {
      const verb = net >= 0n ? `paid the net £${money(net)}` : `received the net £${money(-net)}`;
      parts.push(`the other ${noun}s ${verb} in proportion to their formula amounts (${changes(moved)})`);
    }
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
      floor_cost: pounds(damping.floorCost).toFixed(2),
      ceilings_freed: pounds(damping.ceilingsFreed).toFixed(2),
      held_at_floor: damping.districts.filter((d) => d.held === 'floor').map((d) => d.code),
      held_at_ceiling: damping.districts.filter((d) => d.held === 'ceiling').map((d) => d.code),
      summary: describeDamping(damping, previousFile, options),
    },
  };
}

function changes(districts: readonly DampedDistrict[]): string {
  return districts.map((d) => `${label(d)} ${signedMoney(d.amount - d.formula)}`).join(', ');
}

function label(d: DampedDistrict): string {
  return d.name || d.code;
}

function money(pennies: bigint): string {
  return groupThousands(pounds(pennies).toFixed(2));
}

/** An amount that is usually positive: `£1,234.50`, or `-£1,234.50`. */
function amount(pennies: bigint): string {
  return pennies < 0n ? `-£${money(-pennies)}` : `£${money(pennies)}`;
}

function signedMoney(pennies: bigint): string {
  return pennies < 0n ? `-£${money(-pennies)}` : `+£${money(pennies)}`;
}
