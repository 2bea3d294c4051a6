import type { ChalkInstance } from 'chalk';
import type { Decimal } from 'decimal.js';
import type { Area } from '../data/area.js';
import { Exact, round2 } from '../engine/exact.js';
import type { Allocation } from '../engine/fairShare.js';
import { poundsText } from './display.js';
import { groupThousands } from '../engine/wording.js';
import { plain } from '../engine/shown.js';

export interface ExplainOptions {
  readonly area: Area;
  readonly chalk: ChalkInstance;
}

/**
 * One unit's amount with every step written out, like the example row in the council's method paper:
 * the source values and need ranks in each domain, the weighted sum (figure), figure × population,
 * its share of the area's total, the exact amount, and how the whole pennies were settled. Numbers
 * have thousands separators; a rank shared by tied units is called a tie once, where the tie arises.
 *
 * @example explain(allocation, index, { area, chalk }) // => 'Daventry 008D – E01027013, Daventry (E07000151)\n…'
 */
export function explain(allocation: Allocation, index: number, options: ExplainOptions): string {
  const { chalk, area } = options;
  const { dataset, domains, figures, totalWeighted, amounts, budget, populations } = allocation;
  const unit = dataset.units[index];
  if (!unit) throw new RangeError(`explain: no unit at ${index}`);
  const n = dataset.units.length;
  const figure = figures[index] as Decimal;
  const population = populations[index] as number;
  const amount = amounts[index] as Decimal;
  const pounds = (value: Decimal): string => `${poundsText(value)}`;
  const num = (value: Decimal | number): string => groupThousands(typeof value === 'number' ? String(value) : value.toString());

  const lines: string[] = [];
  // Names come from users' files: shown inert (plain) before any colour is added.
  lines.push(chalk.bold(plain(`${unit.name} – ${unit.code}`)) + plain(`, ${unit.districtName}${unit.districtCode ? ` (${unit.districtCode})` : ''}`));
  lines.push(chalk.dim(`Ranked within ${plain(area.name)} (${num(n)} LSOAs): 1 = least need, ${num(n)} = most need. Budget ${pounds(budget)}.`));
  lines.push('');
  lines.push(chalk.bold('1. Need rank in each domain'));
  // A rank shared by tied LSOAs (397.5 for two over 397 and 398) is explained where the tie arises, the
  // rule (each gets the mean of the ranks they span) the first time only; the domain's line and the sum
  // show the rank again without repeating it.
  let tieRuleShown = false;
  const tie = (ranks: Float64Array, what: string): string => {
    const found = tieAt(ranks, index);
    if (found === undefined) return '';
    const span = `${num(found.low)} ${found.count === 2 ? 'and' : 'to'} ${num(found.high)}`;
    const said = tieRuleShown ? ` (ranks ${span})` : `, so each gets the mean of ranks ${span}`;
    tieRuleShown = true;
    return `, a tie: ${num(found.count)} LSOAs have ${what}${said}`;
  };
  for (const ranking of domains) {
    const { domain } = ranking;
    const weight = domain.weightValue;
    const state = weight.isZero() ? chalk.dim('excluded (weight 0)') : `weight ${weight.toString()}`;
    lines.push(`  ${plain(domain.label)} [${plain(domain.id)}]: need rank ${num(ranking.ranks[index] as number)} of ${num(n)}; ${state}`);
    domain.sources.forEach((source, s) => {
      const value = dataset.fields.get(source.field)?.[index] ?? NaN;
      const shown = sourceValue(value);
      const suppressed =
        dataset.fields.get(source.field.replace(/_rate$/, '_suppressed'))?.[index] === 1 && source.field.endsWith('_rate')
          ? ' (numerator suppressed at source: fewer than 10, counted as 5)'
          : '';
      const direction = source.higherMeans === 'less-need' ? 'higher = less need' : 'higher = more need';
      const ranks = ranking.sourceRanks[s] as Float64Array;
      lines.push(chalk.dim(`    ${plain(source.label)}: ${shown}${suppressed} (${direction}) → need rank ${num(ranks[index] as number)}${tie(ranks, shown)}`));
    });
    if (domain.sources.length > 1) {
      const mean = formatMean(ranking.sourceRanks.reduce((sum, r) => sum + (r[index] as number), 0) / domain.sources.length);
      lines.push(
        chalk.dim(`    mean of the source ranks ${mean} → need rank ${num(ranking.ranks[index] as number)}${tie(ranking.ranks, `a mean of ${mean}`)}`),
      );
    }
  }
  const counted = domains.filter((d) => !d.domain.weightValue.isZero());
  const terms = counted.map((d) => `${d.domain.weightValue.toString()} × ${num(d.ranks[index] as number)}`).join(' + ');
  lines.push('');
  lines.push(chalk.bold('2. LSOA figure = Σ weight × domain rank'));
  lines.push(`  ${terms} = ${num(figure)}`);
  lines.push('');
  lines.push(chalk.bold('3. Share of the budget, in proportion to figure × population'));
  const w = figure.times(population);
  lines.push(`  figure × population = ${num(figure)} × ${num(population)} = ${num(w)}`);
  lines.push(`  Σ figure × population over the ${num(n)} LSOAs = ${num(totalWeighted)}`);
  lines.push(`  share = ${num(w)} / ${num(totalWeighted)} = ${sharePercent(allocation, index)}%`);
  const exact = budget.times(w).dividedBy(totalWeighted);
  const shown = exact.decimalPlaces() > 6 ? `${exact.toDecimalPlaces(6, Exact.ROUND_DOWN).toFixed(6)}…` : exact.toFixed(Math.max(2, exact.decimalPlaces()));
  lines.push(`  exact amount = ${pounds(budget)} × share = £${groupThousands(shown)}`);
  lines.push('');
  lines.push(chalk.bold('4. Whole pennies'));
  const { floor, remainder, leftover, gotPenny } = pennySettlement(allocation, index);
  lines.push(`  floored to ${pounds(floor.dividedBy(100))}, leaving ${remainder.toDecimalPlaces(4).toString()} of a penny.`);
  lines.push(
    `  Flooring every LSOA left ${num(leftover)} ${leftover.equals(1) ? 'penny' : 'pennies'}, given one each to the largest remainders: ` +
      (gotPenny ? 'this LSOA got one.' : 'this LSOA did not get one.'),
  );
  lines.push('');
  const perPerson = population > 0 ? `, ${pounds(new Exact(round2(amount.dividedBy(population))))} per person` : '';
  lines.push(chalk.bold(`Allocation: ${pounds(amount)}${perPerson}`));
  return `${lines.join('\n')}\n`;
}

/**
 * How a unit's whole pennies were settled (README, Exact rules 4): its floor and remainder in pennies, the
 * area's leftover pennies, and whether it got one.
 */
export interface PennySettlement {
  /** The unit's exact share in pennies, floored. */
  readonly floor: Decimal;
  /** What flooring left of a penny (0 ≤ remainder < 1). */
  readonly remainder: Decimal;
  /** The pennies left when every unit is floored, given one each to the largest remainders. */
  readonly leftover: Decimal;
  readonly gotPenny: boolean;
}

/**
 * The whole-penny step for one unit of an allocation.
 *
 * @example pennySettlement(allocation, index) // => { floor: 5231141, remainder: 0.3441…, leftover: 202, gotPenny: false }
 */
export function pennySettlement(allocation: Allocation, index: number): PennySettlement {
  const { figures, populations, totalWeighted, budget, amounts } = allocation;
  const pennies = budget.times(100);
  const weighted = (figures[index] as Decimal).times(populations[index] as number);
  const floors = figures.reduce(
    (sum, f, i) =>
      sum.plus(
        pennies
          .times(f)
          .times(populations[i] as number)
          .dividedToIntegerBy(totalWeighted),
      ),
    new Exact(0),
  );
  const floor = pennies.times(weighted).dividedToIntegerBy(totalWeighted);
  return {
    floor,
    remainder: pennies.times(weighted).dividedBy(totalWeighted).minus(floor),
    leftover: pennies.minus(floors),
    gotPenny: (amounts[index] as Decimal).times(100).minus(floor).equals(1),
  };
}

/**
 * A unit's share of the budget by the formula, figure × population / Σ figure × population, as a
 * percentage to 6 decimal places (half-up): the share before the whole pennies.
 *
 * @example sharePercent(allocation, index) // => '0.411901'
 */
export function sharePercent(allocation: Allocation, index: number): string {
  const weighted = (allocation.figures[index] as Decimal).times(allocation.populations[index] as number);
  return weighted.dividedBy(allocation.totalWeighted).times(100).toDecimalPlaces(6).toString();
}

/**
 * Whether unit `index`'s rank is shared, and by how many over which ranks: tied values share the mean
 * of the ranks they span (rank.ts), so two tied over 397 and 398 both have 397.5.
 */
function tieAt(ranks: Float64Array, index: number): { count: number; low: number; high: number } | undefined {
  const rank = ranks[index] as number;
  let count = 0;
  for (const r of ranks) if (r === rank) count += 1;
  return count < 2 ? undefined : { count, low: rank - (count - 1) / 2, high: rank + (count - 1) / 2 };
}

/**
 * A source value as the explanation shows it: a whole number (an IoD rank) with separators, a rate to 4
 * places.
 */
function sourceValue(value: number): string {
  return Number.isInteger(value) ? groupThousands(String(value)) : value.toFixed(4);
}

/** The mean of a unit's source ranks: exact for halves and quarters (two sources), else to 4 places. */
function formatMean(mean: number): string {
  return groupThousands(Number.isInteger(mean * 4) ? String(mean) : mean.toFixed(4));
}
