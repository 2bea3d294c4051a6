import type { SensitivityResult } from '../engine/sensitivity.js';
import { levelColumns, type Column, type Table } from './table.js';

const money = (v: number): string => (Number.isNaN(v) ? '' : v.toFixed(2));

/**
 * The sensitivity of each district as one wide table (CSV, JSON): the unperturbed allocation and £ per
 * person with their 5th, 50th and 95th percentiles over the draws (to the nearest penny), the rank by
 * £ per person and the % of draws in which it changed, then one `without_<domain>` column per counted
 * domain: the exact £ change when that domain alone is left out.
 */
export function sensitivityTable(result: SensitivityResult): Table {
  return {
    columns: [...bandColumns(result), ...dropColumns(result)],
    rows: result.districts.map((d, i) => [...bandCells(result, i), ...dropCells(result, i)]),
  };
}

/** Just the bands (for a terminal or a committee paper). */
export function bandsTable(result: SensitivityResult): Table {
  return { columns: bandColumns(result), rows: result.districts.map((_, i) => bandCells(result, i)) };
}

/** Just the leave-one-out changes (for a terminal or a committee paper). */
export function dropOneTable(result: SensitivityResult): Table {
  return {
    columns: [...bandColumns(result).slice(0, 3), ...dropColumns(result)],
    rows: result.districts.map((d, i) => [d.code, d.name, d.allocation.toFixed(2), ...dropCells(result, i)]),
  };
}

/**
 * The band columns; the first two are named for the level (`district_code,district_name`,
 * `former_district_code,…`).
 */
function bandColumns(result: SensitivityResult): Column[] {
  return [
    ...levelColumns(result.level),
    { key: 'allocation', title: 'Allocation', kind: 'money' },
    { key: 'allocation_p5', title: '5th pct', kind: 'money' },
    { key: 'allocation_median', title: 'Median', kind: 'money' },
    { key: 'allocation_p95', title: '95th pct', kind: 'money' },
    { key: 'per_person', title: '£/person', kind: 'money' },
    { key: 'per_person_p5', title: '5th pct', kind: 'money' },
    { key: 'per_person_median', title: 'Median', kind: 'money' },
    { key: 'per_person_p95', title: '95th pct', kind: 'money' },
    { key: 'per_person_rank', title: 'Rank', kind: 'int' },
    { key: 'rank_changed_pct', title: 'Rank moved', kind: 'pct' },
  ];
}

function bandCells(result: SensitivityResult, i: number): string[] {
  const d = result.districts[i];
  if (!d) return [];
  return [
    d.code,
    d.name,
    d.allocation.toFixed(2),
    money(d.allocationBand.p5),
    money(d.allocationBand.median),
    money(d.allocationBand.p95),
    d.perPerson,
    money(d.perPersonBand.p5),
    money(d.perPersonBand.median),
    money(d.perPersonBand.p95),
    d.rank > 0 ? String(d.rank) : '',
    (100 * d.rankChanged).toFixed(2),
  ];
}

function dropColumns(result: SensitivityResult): Column[] {
  return result.domains.map((id) => ({ key: `without_${id}`, title: `without ${id}`, kind: 'money' as const, signed: true }));
}

function dropCells(result: SensitivityResult, i: number): string[] {
  const d = result.districts[i];
  return result.domains.map((id) => d?.withoutDomain.get(id)?.toFixed(2) ?? '');
}
