import type { Ratio } from '../engine/damp.js';
import type { Tabulation } from '../engine/tabulate.js';
import { paceText, type Transition } from '../engine/transition.js';
import { percentOf, poundsPlain } from '../engine/money.js';
import type { Decimal } from 'decimal.js';
import { formatPercent } from '../engine/parsePercent.js';
import { jsonRows } from './toJson.js';
import { describeDamping } from './describeDamping.js';
import { levelColumns, type Column, type Table } from './table.js';

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

/** What a transition was asked for, for the lines and documents that describe it. */
export interface TransitionSettings {
  /** Last year's allocation file, as written. */
  readonly previous: string;
  readonly pace: Ratio;
  readonly floor?: Decimal;
  readonly ceiling?: Decimal;
}

/**
 * The transition in one sentence: the years, the previous file, the pace and the band.
 *
 * @example transitionLine(path, { previous: 'last-year.csv', pace: half, floor: new Exact('-0.02') })
 * // => "Transition over 3 years from last-year.csv: each year closes 50% of the gap to the formula's target, floor -2% against the year before."
 */
export function transitionLine(path: Transition, settings: TransitionSettings): string {
  const years = path.years.length;
  const band = [
    ...(settings.floor === undefined ? [] : [`floor ${formatPercent(settings.floor)}`]),
    ...(settings.ceiling === undefined ? [] : [`ceiling ${formatPercent(settings.ceiling)}`]),
  ];
  return (
    `Transition over ${years} year${years === 1 ? '' : 's'} from ${settings.previous}: each year closes ${paceText(settings.pace)} of the gap to the formula's target` +
    `${band.length === 0 ? '' : `, ${band.join(', ')}`} against the year before.`
  );
}

/**
 * A transition as a JSON document's part: the previous file, the pace, the band, the shortfall, the path's
 * rows and each year's budget, protection line and rows (money as exact strings).
 */
export function transitionJson(path: Transition, tables: readonly Tabulation[], level: TransitionLevel, settings: TransitionSettings): Record<string, unknown> {
  const notes = transitionNotes(path, level, settings.previous);
  const summary = transitionSummary(path, level);
  return {
    previous: settings.previous,
    pace: paceText(settings.pace),
    ...(settings.floor === undefined ? {} : { floor: formatPercent(settings.floor) }),
    ...(settings.ceiling === undefined ? {} : { ceiling: formatPercent(settings.ceiling) }),
    shortfall: poundsPlain(path.shortfall),
    path: jsonRows(summary),
    years: path.years.map((y, t) => ({
      year: y.year,
      budget: poundsPlain(y.budget),
      protection: notes[t],
      rows: jsonRows(transitionYearTable(path, y.year, tables[t] as Tabulation, level)),
    })),
  };
}
