import type { ChalkInstance } from 'chalk';
import type { Decimal } from 'decimal.js';
import type { Area } from '../data/area.js';
import { Exact, round2 } from '../engine/exact.js';
import type { Allocation } from '../engine/fairShare.js';
import { groupThousands } from './display.js';
import { plain } from '../engine/shown.js';

export interface ExplainOptions {
  readonly area: Area;
  readonly chalk: ChalkInstance;
}

/**
 * One unit's amount with every step written out, like the example row in the council's method paper:
 * the source values and need ranks in each domain, the weighted sum (figure), figure × population,
 * its share of the area's total, the exact amount, and how the whole pennies were settled.
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
  const pounds = (value: Decimal): string => `£${groupThousands(value.toFixed(2))}`;
  const num = (value: Decimal | number): string => groupThousands(typeof value === 'number' ? String(value) : value.toString());

  const lines: string[] = [];
  // Names come from users' files: shown inert (plain) before any colour is added.
  lines.push(chalk.bold(plain(`${unit.name} – ${unit.code}`)) + plain(`, ${unit.districtName}${unit.districtCode ? ` (${unit.districtCode})` : ''}`));
  lines.push(chalk.dim(`Ranked within ${plain(area.name)} (${num(n)} LSOAs): 1 = least need, ${num(n)} = most need. Budget ${pounds(budget)}.`));
  lines.push('');
  lines.push(chalk.bold('1. Need rank in each domain'));
  for (const ranking of domains) {
    const { domain } = ranking;
    const weight = domain.weightValue;
    const state = weight.isZero() ? chalk.dim('excluded (weight 0)') : `weight ${weight.toString()}`;
    lines.push(`  ${plain(domain.label)} [${plain(domain.id)}]: need rank ${ranking.ranks[index]} of ${n}; ${state}`);
    domain.sources.forEach((source, s) => {
      const value = dataset.fields.get(source.field)?.[index] ?? NaN;
      const shown = Number.isInteger(value) ? num(value) : value.toFixed(4);
      const suppressed = dataset.fields.get(source.field.replace(/_rate$/, '_suppressed'))?.[index] === 1 && source.field.endsWith('_rate')
        ? ' (numerator suppressed at source: fewer than 10, counted as 5)'
        : '';
      const direction = source.higherMeans === 'less-need' ? 'higher = less need' : 'higher = more need';
      lines.push(chalk.dim(`    ${plain(source.label)}: ${shown}${suppressed} (${direction}) → need rank ${ranking.sourceRanks[s]?.[index]}`));
    });
    if (domain.sources.length > 1) {
      const mean = ranking.sourceRanks.reduce((sum, r) => sum + (r[index] as number), 0) / domain.sources.length;
      lines.push(chalk.dim(`    mean of the source ranks ${formatMean(mean)} → need rank ${ranking.ranks[index]}`));
    }
  }
  const counted = domains.filter((d) => !d.domain.weightValue.isZero());
  const terms = counted.map((d) => `${d.domain.weightValue.toString()} × ${d.ranks[index]}`).join(' + ');
  lines.push('');
  lines.push(chalk.bold('2. LSOA figure = Σ weight × domain rank'));
  lines.push(`  ${terms} = ${num(figure)}`);
  lines.push('');
  lines.push(chalk.bold('3. Share of the budget, in proportion to figure × population'));
  const w = figure.times(population);
  lines.push(`  figure × population = ${num(figure)} × ${num(population)} = ${num(w)}`);
  lines.push(`  Σ figure × population over the ${num(n)} LSOAs = ${num(totalWeighted)}`);
  const share = w.dividedBy(totalWeighted);
  lines.push(`  share = ${num(w)} / ${num(totalWeighted)} = ${share.times(100).toDecimalPlaces(6).toString()}%`);
  const exact = budget.times(w).dividedBy(totalWeighted);
  const shown = exact.decimalPlaces() > 6 ? `${exact.toDecimalPlaces(6, Exact.ROUND_DOWN).toFixed(6)}…` : exact.toFixed(Math.max(2, exact.decimalPlaces()));
  lines.push(`  exact amount = ${pounds(budget)} × share = £${groupThousands(shown)}`);
  lines.push('');
  lines.push(chalk.bold('4. Whole pennies'));
  const pennies = budget.times(100);
  const floors = figures.reduce((sum, f, i) => sum.plus(pennies.times(f).times(populations[i] as number).dividedToIntegerBy(totalWeighted)), new Exact(0));
  const leftover = pennies.minus(floors);
  const floor = pennies.times(w).dividedToIntegerBy(totalWeighted);
  const remainder = pennies.times(w).dividedBy(totalWeighted).minus(floor);
  const gotPenny = amount.times(100).minus(floor).equals(1);
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

function formatMean(mean: number): string {
  return Number.isInteger(mean * 2) ? String(mean) : mean.toFixed(4);
}
