import type { Decimal } from 'decimal.js';
import type { Area } from '../data/area.js';
import { Exact, round2 } from '../engine/exact.js';
import type { Allocation } from '../engine/fairShare.js';
import { plain } from '../engine/shown.js';
import { describeRun, runHeader } from './describeRun.js';
import { groupThousands } from '../engine/wording.js';
import { pennySettlement, sharePercent } from './explain.js';
import type { Column, Table } from './table.js';

const COLUMNS: readonly Column[] = [
  { key: 'lsoa_code', title: 'LSOA code', kind: 'text' },
  { key: 'lsoa_name', title: 'LSOA', kind: 'text' },
  { key: 'domain', title: 'Domain', kind: 'text' },
  { key: 'source', title: 'Source', kind: 'text' },
  { key: 'higher_means', title: 'Higher means', kind: 'text' },
  { key: 'value', title: 'Value', kind: 'number' },
  { key: 'need_rank', title: 'Need rank', kind: 'number' },
  { key: 'domain_rank', title: 'Domain rank', kind: 'number' },
  { key: 'weight', title: 'Weight', kind: 'number' },
  { key: 'weighted', title: 'Weight × rank', kind: 'number' },
  { key: 'figure', title: 'Figure', kind: 'number' },
  { key: 'population', title: 'Population', kind: 'int' },
  { key: 'share_pct', title: 'Share', kind: 'pct' },
  { key: 'allocation', title: 'Allocation', kind: 'money' },
  { key: 'per_person', title: '£ per person', kind: 'money' },
];

/**
 * One unit's explanation as a table: one row per source of each domain (in the formula's order), with
 * `lsoa_code,lsoa_name,domain,source,higher_means,value,need_rank,domain_rank,weight,weighted,figure,
 * population,share_pct,allocation,per_person`. `value` is the source's value and `need_rank` its need
 * rank in the area; `domain_rank`, `weight` and `weighted` (weight × domain rank) are on a domain's first
 * row only, so `weighted` adds up to the figure (the total row). The unit's figure, population, share
 * (figure × population / Σ over the area, % to 6 places) and allocation (pounds to the penny) are on
 * every row, so that the rows of several LSOAs' CSVs can be stacked. Every cell is an exact plain string.
 *
 * @example explainTable(allocation, index).rows[0].slice(0, 4) // => ['E01027013', 'Daventry 008D', 'deprivation', 'Income domain rank']
 */
export function explainTable(allocation: Allocation, index: number): Table {
  const { dataset, domains, figures, populations, amounts } = allocation;
  const unit = dataset.units[index];
  if (!unit) throw new RangeError(`explainTable: no unit at ${index}`);
  const figure = figures[index] as Decimal;
  const population = populations[index] as number;
  const amount = amounts[index] as Decimal;
  const lsoa = [
    figure.toString(),
    String(population),
    sharePercent(allocation, index),
    amount.toFixed(2),
    population > 0 ? round2(amount.dividedBy(population)) : '',
  ];
  const rows = domains.flatMap((ranking) => {
    const { domain } = ranking;
    const rank = ranking.ranks[index] as number;
    return domain.sources.map((source, s) => [
      unit.code,
      unit.name,
      domain.id,
      source.label,
      source.higherMeans.replace('-', ' '),
      String(dataset.fields.get(source.field)?.[index] ?? ''),
      String(ranking.sourceRanks[s]?.[index] ?? ''),
      ...(s === 0 ? [String(rank), domain.weightValue.toString(), domain.weightValue.times(rank).toString()] : ['', '', '']),
      ...lsoa,
    ]);
  });
  const weighted = domains.reduce((sum, d) => sum.plus(d.domain.weightValue.times(d.ranks[index] as number)), new Exact(0));
  const total = ['', 'Total', '', '', '', '', '', '', '', weighted.toString(), ...lsoa.map(() => '')];
  return { columns: COLUMNS, rows, total };
}

/**
 * The lines above the explanation table (Markdown and HTML captions, the workbook's sheet and Notes):
 * the unit, the run, and how to read the columns. Names come from inputs, so each line is {@link plain}.
 *
 * @example explainCaption(allocation, index, area, 'IoD2019')[0] // => 'Daventry 008D – E01027013, Daventry (E07000151)'
 */
export function explainCaption(allocation: Allocation, index: number, area: Area, source: string): string[] {
  const unit = allocation.dataset.units[index];
  if (!unit) throw new RangeError(`explainCaption: no unit at ${index}`);
  const n = groupThousands(String(allocation.dataset.units.length));
  const { leftover, gotPenny } = pennySettlement(allocation, index);
  const pennies = `${groupThousands(leftover.toString())} leftover ${leftover.equals(1) ? 'penny' : 'pennies'}`;
  return [
    `${unit.name} – ${unit.code}, ${unit.districtName}${unit.districtCode ? ` (${unit.districtCode})` : ''}`,
    ...runHeader(describeRun(allocation, area, source)),
    `Need ranks within the area: 1 = least need, ${n} = most need. A domain's rank, weight and weight × rank are on its first row; the weight × rank column adds up to the figure.`,
    `Share = figure × population / ${groupThousands(allocation.totalWeighted.toString())} (Σ figure × population over the ${n} LSOAs). ` +
      `Allocation: the share in whole pennies by largest remainder; this LSOA ${gotPenny ? 'got' : 'did not get'} one of the ${pennies}.`,
  ].map(plain);
}
