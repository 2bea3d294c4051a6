import type { Ratio } from '../engine/damp.js';
import type { Tabulation } from '../engine/tabulate.js';
import type { Transition } from '../engine/transition.js';
import { percentOf, poundsPlain } from '../engine/money.js';
import { describeDamping } from './describeDamping.js';
import { levelColumns, type Column, type Table } from './table.js';

/**
 * A pace as people read it: `50%`, or a fraction such as `1/3` where no percentage is exact.
 *
 * @example paceText({ numerator: 1n, denominator: 3n }) // => '1/3'
 */
export function paceText(pace: Ratio): string {
  const hundred = pace.numerator * 100n;
  return hundred % pace.denominator === 0n ? `${hundred / pace.denominator}%` : `${pace.numerator}/${pace.denominator}`;
}

/** The level a transition runs at. */
export type TransitionLevel = 'district' | 'former-district';

/**
 * The path of every area: last year's allocation, then each year's amount and its change on the year
 * before (%), then the final year's formula target and the change over the whole path. A total row adds
 * up each money column (every year adds up to its budget).
 */
export function transitionSummary(path: Transition, level: TransitionLevel): Table {
  const n = path.areas.length;
  const columns: Column[] = [
    ...levelColumns(level),
    { key: 'previous', title: 'Last year', kind: 'money' },
    ...path.years.flatMap((y): Column[] => [
      { key: `year_${y.year}`, title: `Year ${y.year}`, kind: 'money' },
      { key: `year_${y.year}_change_pct`, title: `Year ${y.year} %`, kind: 'pct', signed: true },
    ]),
    { key: 'target', title: 'Target', kind: 'money' },
    { key: 'change_pct', title: 'Change %', kind: 'pct', signed: true },
  ];
  const final = path.years.at(-1);
  const row = (i: number): string[] => {
    const previous = path.areas[i]?.previous ?? 0n;
    let before = previous;
    const cells: string[] = [path.areas[i]?.code ?? '', path.areas[i]?.name ?? '', poundsPlain(previous)];
    for (const y of path.years) {
      const amount = y.damping.districts[i]?.amount ?? 0n;
      cells.push(poundsPlain(amount), percentOf((amount - before).toString(), before.toString()));
      before = amount;
    }
    cells.push(poundsPlain(final?.target[i] ?? 0n), percentOf((before - previous).toString(), previous.toString()));
    return cells;
  };
  const sum = (pick: (i: number) => bigint): bigint => Array.from({ length: n }, (_, i) => pick(i)).reduce((s, v) => s + v, 0n);
  const total = [
    '',
    'Total',
    poundsPlain(sum((i) => path.areas[i]?.previous ?? 0n)),
    ...path.years.flatMap((y) => [poundsPlain(y.budget), '']),
    poundsPlain(final?.budget ?? 0n),
    '',
  ];
  return { columns, rows: Array.from({ length: n }, (_, i) => row(i)), total };
}

/**
 * One year of the path: each area's amount the year before, its target at this year's budget, its
 * amount, the change and whether the floor or ceiling held it; the year's table (need index and all)
 * gives the need index.
 */
export function transitionYearTable(path: Transition, year: number, table: Tabulation, level: TransitionLevel): Table {
  const y = path.years[year - 1];
  if (y === undefined) throw new RangeError(`transitionYearTable: there is no year ${year}`);
  const columns: Column[] = [
    ...levelColumns(level),
    { key: 'previous', title: year === 1 ? 'Last year' : `Year ${year - 1}`, kind: 'money' },
    { key: 'target', title: 'Target', kind: 'money' },
    { key: 'allocation', title: 'Allocation', kind: 'money' },
    { key: 'change_pct', title: 'Change %', kind: 'pct', signed: true },
    { key: 'held', title: 'Held', kind: 'text' },
    { key: 'need_index', title: 'Need index', kind: 'index' },
  ];
  const rows = y.damping.districts.map((d, i) => [
    d.code,
    d.name,
    poundsPlain(d.previous),
    poundsPlain(y.target[i] ?? 0n),
    poundsPlain(d.amount),
    percentOf((d.amount - d.previous).toString(), d.previous.toString()),
    d.held,
    table.rows[i]?.needIndex ?? '',
  ]);
  const previous = y.damping.districts.reduce((s, d) => s + d.previous, 0n);
  const total = [
    '',
    'Total',
    poundsPlain(previous),
    poundsPlain(y.budget),
    poundsPlain(y.budget),
    percentOf((y.budget - previous).toString(), previous.toString()),
    '',
    table.total.needIndex,
  ];
  return { columns, rows, total };
}

/**
 * Who was protected each year and who paid for it, one sentence a year, then whether the final year
 * reaches the target or by how much it falls short.
 */
export function transitionNotes(path: Transition, level: TransitionLevel, previousFile: string): string[] {
  const lines = path.years.map(
    (y) => `Year ${y.year}: ${describeDamping(y.damping, y.year === 1 ? previousFile : `year ${y.year - 1}`, { level, amounts: 'paced' })}`,
  );
  lines.push(
    path.shortfall === 0n
      ? `Year ${path.years.length} reaches the formula's target for every ${level === 'district' ? 'district' : 'former district'}.`
      : `Year ${path.years.length} falls short of the formula's target by £${poundsPlain(path.shortfall)}: the floor or ceiling still holds some areas away from it.`,
  );
  return lines;
}
