import type { Decimal } from 'decimal.js';
import { Exact, round2 } from '../engine/exact.js';
import type { ScenarioResult } from './runScenarios.js';
import { areaKey } from '../engine/areaKey.js';

/** One district in one scenario, against the same district in the baseline. */
export interface ComparisonRow {
  readonly scenario: string;
  readonly districtCode: string;
  readonly districtName: string;
  readonly allocation: Decimal;
  readonly perPerson: string;
  /** allocation − baseline allocation; empty when the baseline does not have the district. */
  readonly change: Decimal | undefined;
  /** change / baseline allocation × 100, half-up to 2 places; empty when there is no baseline amount. */
  readonly changePct: string;
  /**
   * The district's rank by £ per person in this scenario: 1 = most per person; ties share the higher rank.
   */
  readonly perPersonRank: number | undefined;
  /**
   * Places up the table by £ per person against the baseline: baseline rank − this rank, so +2 is two
   * places nearer rank 1 and -1 one place further; undefined without a rank in both.
   */
  readonly rankChange: number | undefined;
}

/** What a comparison reads of a table's row: the area, its amount and its £ per person. */
export interface ComparedRow {
  readonly code: string;
  readonly name: string;
  readonly allocation: Decimal;
  readonly perPerson: string;
}

/** One row of a table against the same area (by {@link areaKey}) in the baseline's table. */
export type RowChange = Pick<ComparisonRow, 'change' | 'changePct' | 'perPersonRank' | 'rankChange'>;

/**
 * Each row of `rows` against the same area in `baseRows`: its £ and % change, its rank by £ per person,
 * and how many places that rank moved. The scenario comparison and the explorer's table both use it.
 *
 * @example compareRows(baseline.rows, current.rows)[0] // => { change: Decimal(-1234.56), changePct: '-0.09', perPersonRank: 3, rankChange: -1 }
 */
export function compareRows(baseRows: readonly ComparedRow[], rows: readonly ComparedRow[]): RowChange[] {
  const baseAmounts = new Map(baseRows.map((r) => [areaKey(r), r.allocation]));
  const baseRankList = perPersonRanks(baseRows.map((r) => r.perPerson));
  const baseRanks = new Map(baseRows.map((r, i) => [areaKey(r), baseRankList[i]]));
  const ranks = perPersonRanks(rows.map((r) => r.perPerson));
  return rows.map((row, i) => {
    const before = baseAmounts.get(areaKey(row));
    const change = before === undefined ? undefined : row.allocation.minus(before);
    return {
      change,
      changePct: change === undefined || before === undefined || before.isZero() ? '' : round2(change.dividedBy(before).times(100)),
      perPersonRank: ranks[i],
      rankChange: rankChange(baseRanks.get(areaKey(row)), ranks[i]),
    };
  });
}

/**
 * Compare every scenario's district table with the baseline's: £ and % change per district, its rank
 * by £ per person, and how many places that rank moved against the baseline. Rows are in scenario order, then
 * district order.
 */
export function compare(results: readonly ScenarioResult[], baseline: string): ComparisonRow[] {
  const baseRows = results.find((r) => r.plan.name === baseline)?.table.rows ?? [];
  return results.flatMap((result) => {
    const changes = compareRows(baseRows, result.table.rows);
    return result.table.rows.map((row, i): ComparisonRow => ({
      scenario: result.plan.name,
      districtCode: row.code,
      districtName: row.name,
      allocation: row.allocation,
      perPerson: row.perPerson,
      ...(changes[i] as RowChange),
    }));
  });
}

/** Places up the table: baseline rank − rank (0 stays 0, never -0). */
function rankChange(baseline: number | undefined, rank: number | undefined): number | undefined {
  return baseline === undefined || rank === undefined ? undefined : baseline - rank || 0;
}

/**
 * Rank descending (1 = the most £ per person), ties sharing the better rank, like Excel's RANK.EQ: a
 * value's rank is 1 + how many values are greater. By one sort, so a table of every LSOA in England ranks
 * at once.
 */
function perPersonRanks(values: readonly string[]): (number | undefined)[] {
  const numbers = values.map((v) => (v === '' ? undefined : new Exact(v)));
  const order = numbers.flatMap((v, i) => (v === undefined ? [] : [i])).sort((a, b) => (numbers[b] as Decimal).comparedTo(numbers[a] as Decimal));
  const ranks: (number | undefined)[] = numbers.map(() => undefined);
  order.forEach((index, position) => {
    const previous = order[position - 1];
    const tied = previous !== undefined && (numbers[previous] as Decimal).equals(numbers[index] as Decimal);
    ranks[index] = tied ? ranks[previous] : position + 1;
  });
  return ranks;
}

/**
 * A district's move against the baseline, for a summary: its £ change and its change of share of the budget.
 */
export interface Move {
  readonly row: ComparisonRow;
  /** The change of its share of the budget, in percentage points (exact). */
  readonly sharePoints: Decimal;
}

/**
 * The districts of one scenario that gain and lose most against the baseline. With the baseline's
 * budget they are judged on the £ change; with another budget on the change of share of the budget, in
 * percentage points, since with a smaller budget every district can lose pounds while some gain a larger
 * share (`by` says which), to 0.01 pp as shown. A "gain" is only ever a rise and a "loss" only ever a
 * fall: a scenario in which no district rises has no gain. Ties: the first district in code order.
 *
 * @example gainsAndLosses(results, comparison, 'baseline', 'smaller-budget') // => { by: 'share', gain: {…}, loss: {…} }
 */
export function gainsAndLosses(
  results: readonly ScenarioResult[],
  comparison: readonly ComparisonRow[],
  baseline: string,
  scenario: string,
): { by: 'pounds' | 'share'; gain?: Move; loss?: Move } {
  const base = results.find((r) => r.plan.name === baseline);
  const result = results.find((r) => r.plan.name === scenario);
  if (base === undefined || result === undefined) return { by: 'pounds' };
  const by = result.plan.budget.equals(base.plan.budget) ? 'pounds' : 'share';
  const moves = comparison
    .filter((c) => c.scenario === scenario && c.change !== undefined)
    .map((row): Move => {
      const before = row.allocation.minus(row.change as Decimal);
      return { row, sharePoints: row.allocation.dividedBy(result.plan.budget).minus(before.dividedBy(base.plan.budget)).times(100) };
    });
  // Shares are judged as shown, to 0.01 pp: a budget alone moves them only by the pennies' rounding.
  const size = (m: Move): Decimal => (by === 'pounds' ? (m.row.change as Decimal) : m.sharePoints.toDecimalPlaces(2, Exact.ROUND_HALF_UP));
  let gain: Move | undefined;
  let loss: Move | undefined;
  for (const move of moves) {
    if (size(move).gt(0) && (gain === undefined || size(move).gt(size(gain)))) gain = move;
    if (size(move).lt(0) && (loss === undefined || size(move).lt(size(loss)))) loss = move;
  }
  return { by, ...(gain ? { gain } : {}), ...(loss ? { loss } : {}) };
}
