import type { Damping } from '../engine/damp.js';
import { type DistrictRow, type Tabulation } from '../engine/tabulate.js';
import type { AreaRow, LookupTabulation } from '../engine/tabulateAreas.js';
import type { AllocationRow } from './allocate.js';
import { poundsPlain } from '../engine/money.js';

/**
 * A table's rows as plain data (money and percentages as strings with 2 decimals, exact); with damping,
 * each row's previous allocation and whether it was held at the floor or the ceiling.
 *
 * @example plainRows(tabulate(allocation), undefined)[0] // => { code: 'E07000150', name: 'Corby', lsoas: 41, population: 66887, allocation: '…', sharePct: '…', perPerson: '…', needIndex: '…' }
 */
export function plainRows(table: Tabulation | LookupTabulation, damping: Damping | undefined): AllocationRow[] {
  const byCode = new Map(damping?.districts.map((d) => [d.code, d]));
  return (table.rows as readonly (DistrictRow | AreaRow)[]).map((r) => {
    const damped = byCode.get(r.code);
    return {
      code: r.code,
      name: r.name,
      lsoas: r.lsoas,
      population: Number(r.population.toString()),
      allocation: r.allocation.toFixed(2),
      sharePct: r.sharePct,
      perPerson: r.perPerson,
      needIndex: r.needIndex,
      ...('estimated' in r ? { estimated: r.estimated } : {}),
      ...(r.derived === undefined ? {} : { derived: r.derived }),
      ...(damped === undefined ? {} : { previous: poundsPlain(damped.previous), held: damped.held ?? '' }),
    };
  });
}

/** A run's damping as plain data: the previous file, the band in % and who was held at each end. */
export interface PlainDamping {
  readonly previous: string;
  readonly floorPct?: string;
  readonly ceilingPct?: string;
  readonly heldAtFloor: readonly string[];
  readonly heldAtCeiling: readonly string[];
}

/** The damping as plain data, `previous` being the previous file's name. */
export function plainDamping(damping: Damping, previous: string): PlainDamping {
  return {
    previous,
    ...(damping.floor === undefined ? {} : { floorPct: damping.floor.times(100).toFixed(2) }),
    ...(damping.ceiling === undefined ? {} : { ceilingPct: damping.ceiling.times(100).toFixed(2) }),
    heldAtFloor: damping.districts.filter((d) => d.held === 'floor').map((d) => d.code),
    heldAtCeiling: damping.districts.filter((d) => d.held === 'ceiling').map((d) => d.code),
  };
}
