/**
 * Why an area's money changed from one vintage of the data to the next: the same budget and formula on
 * both, the LSOAs of each added up into the same rows (the districts of the older vintage), and each
 * row's change split exactly into what moved it. Pure: the caller loads both vintages and says which
 * LSOAs of the two cover the same ground.
 *
 * The split follows a chain of runs, each step changing one thing:
 *
 *   before (old data, old LSOAs) → bridge (new data, new LSOAs, the old formula's sources) → after (the new
 * sources)
 *
 * **Groups.** The LSOAs of the two geographies are put in groups that cover the same ground in both: an
 * LSOA ONS left unchanged is a group of one on each side; a 2011 LSOA split in two is a group with one
 * LSOA before and two after; a merge or a redesign, the LSOAs it joined. A group's exact share of the
 * budget B is B × Σ(figure × people) / Σ(figure × people over the area), which is B times its share of the
 * area's people s times its need index n (its people-weighted mean figure ÷ the area's). From before to
 * bridge, for a group on both sides and in one row:
 *
 * - **population**: B × (s_bridge − s_before) × n_before, what the change in its share of the people alone
 *   moves;
 * - **data** (an unchanged LSOA) or **boundaries** (a split, merge or redesign): the rest of its change,
 *   B × s_bridge × (n_bridge − n_before): new need ranks, and for a changed group also the ranking of
 *   its new, smaller or larger, LSOAs;
 *
 * and a group on one side only (an LSOA that moved council, in or out of the area) or in two rows (a
 * 2021 LSOA made from 2011 LSOAs of two districts) counts all its money under **boundaries**, out of its
 * old row and into its new one. From bridge to after, on the same LSOAs:
 *
 * - **sources**: the after run's pennies less the bridge run's (what the new sources alone change).
 *
 * Population and boundaries are exact sums, each rounded half-up to the penny once per row; sources is a
 * sum of whole pennies; data is the change less the other three, so the four add up exactly to the
 * change in pennies, and data also carries the rounding of each LSOA's share to whole pennies.
 */
import type { Decimal } from 'decimal.js';
import { Exact } from './exact.js';
import type { Allocation } from './fairShare.js';
import { compareText } from './compareText.js';
import { areaKey } from './areaKey.js';

/**
 * A row of the comparison: an area of the older vintage (its district) that LSOAs of both vintages are
 * counted in.
 */
export interface VintageRowKey {
  readonly code: string;
  readonly name: string;
}

/** One vintage's run with the row each of its units is counted in (one key per unit, in unit order). */
/**
 * One vintage's run, with the row and the group (see the module comment) of each of its units, in unit order.
 */
export interface VintageSide {
  readonly allocation: Pick<Allocation, 'dataset' | 'pennies' | 'populations' | 'figures' | 'totalWeighted' | 'budget'>;
  readonly rows: readonly VintageRowKey[];
  /** Units of the two sides with the same group id cover the same ground. */
  readonly groups: readonly string[];
}

export interface CompareVintagesOptions {
  /**
   * The newer vintage with the newer formula, on exactly the units of `bridge` (same codes, same order):
   * the change from bridge to after is the sources effect. Absent when the bridge is already the newer
   * run (the sources are the same).
   */
  readonly after?: Pick<Allocation, 'dataset' | 'pennies'>;
}

/** One row of the comparison, money in whole pennies and people as counted. */
export interface VintageChangeRow {
  readonly code: string;
  readonly name: string;
  /** LSOAs of each vintage counted in the row. */
  readonly lsoasBefore: number;
  readonly lsoasAfter: number;
  /** Of those, the ones split, merged, redesigned or moved between the vintages. */
  readonly changedBefore: number;
  readonly changedAfter: number;
  readonly peopleBefore: number;
  readonly peopleAfter: number;
  readonly before: bigint;
  /** The newer vintage's allocation (the after run's, or the bridge's when there is no after run). */
  readonly after: bigint;
  /** after − before, and its parts: population + boundaries + data + sources = change exactly. */
  readonly change: bigint;
  readonly population: bigint;
  readonly boundaries: bigint;
  readonly data: bigint;
  /** 0 when there is no after run. */
  readonly sources: bigint;
}

export interface VintageChange {
  /** Rows by code (then name); a row with no LSOA in one vintage has 0 there. */
  readonly rows: readonly VintageChangeRow[];
  /**
   * Every column summed (the budget before and after; the changes add up to 0 when the budgets are equal).
   */
  readonly total: VintageChangeRow;
  /** Whether the sources effect was worked out (an after run was given). */
  readonly sources: boolean;
}

/**
 * Compare two vintages' runs row by row and split each row's change into population, boundaries, data
 * and sources (see the module comment). A group is unchanged when it is one unit on each side with the
 * same code. Throws a RangeError when a side's row keys or groups do not match its units, or `after` is
 * not on the bridge's units (bugs of the caller).
 *
 * @example compareVintages(side2019, side2025LikeSources, { after: run2025 }).rows[0]
 * // => { code: 'E07000150', name: 'Corby', before: 142664949n, after: 128420061n, change: -14244888n, population: …, … }
 */
export function compareVintages(before: VintageSide, bridge: VintageSide, options: CompareVintagesOptions = {}): VintageChange {
  checkSide(before, 'before');
  checkSide(bridge, 'bridge');
  const after = options.after;
  if (after !== undefined) {
    const same =
      after.dataset.units.length === bridge.allocation.dataset.units.length &&
      after.dataset.units.every((u, i) => u.code === bridge.allocation.dataset.units[i]?.code);
    if (!same) throw new RangeError('compareVintages: the after run must be on the units of the bridge run');
  }

  const rows = new Map<string, Accumulator>();
  const rowOf = (key: VintageRowKey): Accumulator => {
    const id = areaKey(key);
    let row = rows.get(id);
    if (row === undefined) {
      row = emptyRow(key);
      rows.set(id, row);
    }
    return row;
  };

  // Each side's units by group, and every unit's pennies into its row.
  const groups = new Map<string, { before: number[]; bridge: number[] }>();
  const sides = [
    [before, 'before'],
    [bridge, 'bridge'],
  ] as const;
  for (const [side, which] of sides) {
    side.allocation.dataset.units.forEach((_, i) => {
      const row = rowOf(side.rows[i] as VintageRowKey);
      const people = side.allocation.populations[i] as number;
      const pennies = side.allocation.pennies[i] as bigint;
      if (which === 'before') {
        row.lsoasBefore += 1;
        row.peopleBefore += people;
        row.before += pennies;
      } else {
        row.lsoasAfter += 1;
        row.peopleAfter += people;
        const final = after === undefined ? pennies : (after.pennies[i] as bigint);
        row.after += final;
        row.sources += final - pennies;
      }
      const id = side.groups[i] as string;
      let group = groups.get(id);
      if (group === undefined) {
        group = { before: [], bridge: [] };
        groups.set(id, group);
      }
      group[which].push(i);
    });
  }

  // Population and need effects of each group on both sides and in one row, exactly (see the module
  // comment), summed per row and rounded once.
  const P = sumPeople(before.allocation.populations);
  const Pn = sumPeople(bridge.allocation.populations);
  const X = before.allocation.totalWeighted;
  const Xn = bridge.allocation.totalWeighted;
  const B = before.allocation.budget.times(100);
  const Bn = bridge.allocation.budget.times(100);
  for (const group of groups.values()) {
    const keys = new Set(
      [...group.before.map((i) => before.rows[i] as VintageRowKey), ...group.bridge.map((i) => bridge.rows[i] as VintageRowKey)].map(areaKey),
    );
    const unchanged =
      group.before.length === 1 &&
      group.bridge.length === 1 &&
      before.allocation.dataset.units[group.before[0] as number]?.code === bridge.allocation.dataset.units[group.bridge[0] as number]?.code;
    if (group.before.length === 0 || group.bridge.length === 0 || keys.size > 1) {
      // On one side only, or in two rows: all its money moves, out of its old row and into its new one.
      for (const i of group.before) {
        const row = rowOf(before.rows[i] as VintageRowKey);
        row.boundaries = row.boundaries.minus((before.allocation.pennies[i] as bigint).toString());
      }
      for (const i of group.bridge) {
        const row = rowOf(bridge.rows[i] as VintageRowKey);
        row.boundaries = row.boundaries.plus((bridge.allocation.pennies[i] as bigint).toString());
      }
      continue;
    }
    const row = rowOf(before.rows[group.before[0] as number] as VintageRowKey);
    if (unchanged) row.unchanged += 1;
    const Pg = people(before, group.before);
    const Png = people(bridge, group.bridge);
    const Xg = weighted(before, group.before);
    const Xng = weighted(bridge, group.bridge);
    const share = B.times(Xg).dividedBy(X);
    const shareNew = Bn.times(Xng).dividedBy(Xn);
    // B × (s_new − s) × n, with s = Pg/P and n = (Xg/Pg)/(X/P); zero when no one lived there before.
    const population = Pg.isZero()
      ? new Exact(0)
      : B.times(Png.dividedBy(Pn).minus(Pg.dividedBy(P)))
          .times(Xg.times(P))
          .dividedBy(Pg.times(X));
    row.population = row.population.plus(population);
    if (!unchanged) row.boundaries = row.boundaries.plus(shareNew.minus(share).minus(population));
  }

  const out: VintageChangeRow[] = [...rows.values()]
    .sort((a, b) => compareText(a.code, b.code) || compareText(a.name, b.name))
    .map((row) => {
      const population = wholePennies(row.population);
      const boundaries = wholePennies(row.boundaries);
      const change = row.after - row.before;
      return {
        code: row.code,
        name: row.name,
        lsoasBefore: row.lsoasBefore,
        lsoasAfter: row.lsoasAfter,
        changedBefore: row.lsoasBefore - row.unchanged,
        changedAfter: row.lsoasAfter - row.unchanged,
        peopleBefore: row.peopleBefore,
        peopleAfter: row.peopleAfter,
        before: row.before,
        after: row.after,
        change,
        population,
        boundaries,
        data: change - population - boundaries - row.sources,
        sources: row.sources,
      };
    });
  return { rows: out, total: totalRow(out), sources: after !== undefined };
}

/** The people of some units of a side. */
function people(side: VintageSide, units: readonly number[]): Decimal {
  return units.reduce((sum, i) => sum.plus(side.allocation.populations[i] as number), new Exact(0));
}

/** Σ figure × people over some units of a side. */
function weighted(side: VintageSide, units: readonly number[]): Decimal {
  return units.reduce((sum, i) => sum.plus((side.allocation.figures[i] as Decimal).times(side.allocation.populations[i] as number)), new Exact(0));
}

/** Exact pennies, half-up to a whole penny. */
function wholePennies(value: Decimal): bigint {
  return BigInt(value.toDecimalPlaces(0, Exact.ROUND_HALF_UP).toFixed(0));
}

interface Accumulator {
  code: string;
  name: string;
  lsoasBefore: number;
  lsoasAfter: number;
  changedBefore: number;
  changedAfter: number;
  peopleBefore: number;
  peopleAfter: number;
  before: bigint;
  after: bigint;
  sources: bigint;
  /** Unchanged LSOAs (one on each side). */
  unchanged: number;
  /** The exact population and boundaries effects, in pennies, before rounding. */
  population: Decimal;
  boundaries: Decimal;
}

function emptyRow(key: VintageRowKey): Accumulator {
  return {
    code: key.code,
    name: key.name,
    lsoasBefore: 0,
    lsoasAfter: 0,
    changedBefore: 0,
    changedAfter: 0,
    peopleBefore: 0,
    peopleAfter: 0,
    before: 0n,
    after: 0n,
    sources: 0n,
    unchanged: 0,
    population: new Exact(0),
    boundaries: new Exact(0),
  };
}

function totalRow(rows: readonly VintageChangeRow[]): VintageChangeRow {
  const count = (pick: (r: VintageChangeRow) => number): number => rows.reduce((s, r) => s + pick(r), 0);
  const money = (pick: (r: VintageChangeRow) => bigint): bigint => rows.reduce((s, r) => s + pick(r), 0n);
  return {
    code: '',
    name: 'Total',
    lsoasBefore: count((r) => r.lsoasBefore),
    lsoasAfter: count((r) => r.lsoasAfter),
    changedBefore: count((r) => r.changedBefore),
    changedAfter: count((r) => r.changedAfter),
    peopleBefore: count((r) => r.peopleBefore),
    peopleAfter: count((r) => r.peopleAfter),
    before: money((r) => r.before),
    after: money((r) => r.after),
    change: money((r) => r.change),
    population: money((r) => r.population),
    boundaries: money((r) => r.boundaries),
    data: money((r) => r.data),
    sources: money((r) => r.sources),
  };
}

function checkSide(side: VintageSide, which: string): void {
  if (side.rows.length !== side.allocation.dataset.units.length) throw new RangeError(`compareVintages: the ${which} run needs one row key per unit`);
}

/** People are whole numbers in the shipped packs; a sum of them is exact as a double below 2^53. */
function sumPeople(populations: Float64Array): Decimal {
  return populations.reduce((sum, p) => sum.plus(p), new Exact(0));
}
