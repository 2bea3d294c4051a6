import type { Decimal } from 'decimal.js';
import type { Area } from '../../data/area.js';
import type { Boundaries } from '../../data/parseBoundaries.js';
import { round2 } from '../../engine/exact.js';
import type { Allocation } from '../../engine/fairShare.js';
import type { Profile } from '../../engine/profile.js';
import { tabulate } from '../../engine/tabulate.js';
import type { AreaTable } from '../../engine/tabulateAreas.js';
import type { ComparisonRow } from '../../scenario/compare.js';
import type { ScenarioResult } from '../../scenario/runScenarios.js';
import { describeRun, peopleLabel } from '../describeRun.js';
import { groupThousands } from '../display.js';
import { barChart } from '../svg/barChart.js';
import { choropleth, type MapArea } from '../svg/choropleth.js';
import { projectBoundaries, type ProjectedMap } from '../svg/projectBoundaries.js';
import { areaTable, comparisonTable, districtTable } from '../table.js';
import { heatTable } from './heatTable.js';
import type { ReportContent, ReportFigure } from './reportHtml.js';

/** What a committee report is made from: one run (or the baseline of a batch), and what else is known. */
export interface ReportInput {
  readonly tool: { readonly name: string; readonly version: string };
  readonly allocation: Allocation;
  readonly area: Area;
  /** Where the data came from, in words (the pack's vintage or a file name). */
  readonly source: string;
  readonly provenance: readonly { readonly role: string; readonly path: string; readonly sha256: string }[];
  /** The division table, when a division lookup covers the area. */
  readonly divisions?: AreaTable;
  /** LSOA boundaries, when shipped for the area (else the report says the maps are not available). */
  readonly boundaries?: Boundaries;
  /** Why there are no maps, when there are none (e.g. every LSOA of England is too many for a page). */
  readonly mapsUnavailable?: string;
  readonly profile?: Profile;
  readonly scenarios?: {
    readonly title?: string;
    readonly baseline: string;
    readonly results: readonly ScenarioResult[];
    readonly comparison: readonly ComparisonRow[];
  };
}

const MAIN_MAP = { width: 480, height: 560 } as const;

/**
 * Work out everything the report shows: the headline, the tables, the bar chart, the maps (figure,
 * £ per person, and one small map per domain's need rank), the profile, the scenarios and the method.
 */
export function reportContent(input: ReportInput): ReportContent {
  const { allocation, area } = input;
  const run = describeRun(allocation, area, input.source);
  const table = tabulate(allocation);
  const pounds = (d: Decimal): string => `£${groupThousands(d.toFixed(2))}`;
  const people = peopleLabel(allocation.populationField);

  const perPerson: ReportFigure = {
    svg: barChart(
      table.rows.map((r) => ({ label: r.name, value: Number(r.perPerson || '0'), display: r.perPerson ? `£${groupThousands(r.perPerson)}` : 'no one' })),
      { title: people === 'people' ? '£ per person by district' : `£ per person by district (${people})`, idPrefix: 'per-person-' },
    ),
    caption: `Each district's allocation divided by its ${people}. County average: £${groupThousands(table.total.perPerson)}.`,
  };

  const scenarios = input.scenarios
    ? {
        baseline: input.scenarios.baseline,
        tables: input.scenarios.results.map((r) => ({
          name: r.plan.name,
          ...(r.plan.description ? { description: r.plan.description } : {}),
          table: districtTable(r.table),
        })),
        comparison: comparisonTable(input.scenarios.comparison),
        changes: input.scenarios.results
          .filter((r) => r.plan.name !== input.scenarios?.baseline)
          .map((r) => changeFigure(r.plan.name, input.scenarios?.baseline ?? '', input.scenarios?.comparison ?? [])),
      }
    : undefined;

  return {
    tool: input.tool,
    title: input.scenarios?.title ?? `Fair share of ${run.budget} across ${area.name}`,
    lede: `How ${run.budget} is shared between the ${table.rows.length} districts of ${area.name} in proportion to need and ${people}, by the Fair and Equitable Funding formula.`,
    facts: [
      ['Area', run.area],
      ['Budget', run.budget],
      ['Domains counted (weight)', run.counted],
      ['Domains excluded', run.excluded],
      ['Shared by', `need figure × ${people}`],
      ['Data', run.source],
    ],
    districts: districtTable(table),
    ...(input.divisions
      ? {
          divisions: {
            table: areaTable(input.divisions),
            note: `LSOA amounts shared out to the ${input.divisions.rows.length} divisions through the division lookup; ${input.divisions.rows.filter((r) => r.estimated).length} divisions rest partly on estimates (a ward split between divisions is shared equally), marked "yes".`,
          },
        }
      : {}),
    perPerson,
    maps: maps(input, pounds),
    ...(input.profile ? { profile: { html: heatTable(input.profile, 'district'), note: profileNote(input.profile) } } : {}),
    ...(scenarios ? { scenarios } : {}),
    method: method(allocation),
    sources: sources(input),
    provenance: input.provenance,
  };
}

function maps(input: ReportInput, pounds: (d: Decimal) => string): ReportContent['maps'] {
  const { allocation, area, boundaries } = input;
  if (!boundaries) {
    const why = input.mapsUnavailable ?? 'the shipped LSOA boundaries cover Northamptonshire only';
    return { unavailable: `Maps are not available for ${area.name}: ${why}. Everything else in this report is.` };
  }
  const units = allocation.dataset.units;
  const districtOf = new Map(units.map((u) => [u.code, u.districtCode || u.districtName]));
  const projected = projectBoundaries(boundaries, new Set(units.map((u) => u.code)), (code) => districtOf.get(code) ?? '', MAIN_MAP);
  if (!projected.ok) return { unavailable: `Maps are not available for ${area.name}: ${projected.error.message}.` };
  const map: ProjectedMap = projected.value;
  const n = units.length;
  const label = (i: number): string => `${units[i]?.name} (${units[i]?.code})`;

  const figureAreas: MapArea[] = units.map((u, i) => ({
    code: u.code,
    value: allocation.figures[i]?.toNumber(),
    tooltip: `${label(i)}: figure ${groupThousands(allocation.figures[i]?.toString() ?? '')}; ${pounds(allocation.amounts[i] as Decimal)}`,
  }));
  const perPersonAreas: MapArea[] = units.map((u, i) => {
    const people = allocation.populations[i] ?? 0;
    const amount = allocation.amounts[i] as Decimal;
    const each = people > 0 ? round2(amount.dividedBy(people)) : '';
    return {
      code: u.code,
      value: people > 0 ? Number(each) : undefined,
      tooltip: `${label(i)}: ${each ? `£${groupThousands(each)} per person` : 'no one lives here'} (${pounds(amount)} for ${groupThousands(String(people))} people)`,
    };
  });
  const main: ReportFigure[] = [
    {
      svg: choropleth(map, figureAreas, { title: 'LSOA figure (weighted sum of need ranks)', idPrefix: 'figure-', legend: true, formatValue: (v) => groupThousands(String(v)) }),
      caption: 'The figure each LSOA is shared by, with population: higher means more need. Quintiles; district boundaries in black.',
    },
    {
      svg: choropleth(map, perPersonAreas, {
        title: '£ per person',
        idPrefix: 'per-person-map-',
        legend: true,
        formatValue: (v) => `£${groupThousands(v.toFixed(2))}`,
      }),
      caption:
        "Each LSOA's allocation divided by its people, in quintiles; point at an LSOA for its name, code and amount. Because the budget is shared by figure × population, £ per person is proportional to the figure, so this map shows the same pattern in pounds.",
    },
  ];
  const domains: ReportFigure[] = allocation.domains.map((d, k) => ({
    svg: choropleth(
      map,
      units.map((u, i) => ({ code: u.code, value: d.ranks[i], tooltip: `${label(i)}: need rank ${d.ranks[i]} of ${n} in ${d.domain.label}` })),
      { title: d.domain.label, idPrefix: `domain-${k}-`, legend: false, formatValue: (v) => String(v), width: 240, class: 'choropleth small' },
    ),
    caption: `${d.domain.label}${d.domain.weightValue.isZero() ? ' (excluded from this formula)' : ''}: need rank 1–${n}.`,
  }));
  const note = map.missing.length ? `${map.missing.length} LSOAs have no boundary and are not drawn: ${map.missing.slice(0, 5).join(', ')}.` : undefined;
  return { main, domains, ...(note ? { note } : {}) };
}

function changeFigure(name: string, baseline: string, comparison: readonly ComparisonRow[]): ReportFigure {
  const rows = comparison.filter((c) => c.scenario === name && c.change !== undefined);
  return {
    svg: barChart(
      rows.map((r) => {
        const change = r.change as Decimal;
        return { label: r.districtName, value: change.toNumber(), display: `${change.isNegative() ? '-' : '+'}£${groupThousands(change.abs().toFixed(2))}` };
      }),
      { title: `${name}: change against ${baseline}`, signed: true, idPrefix: `change-${name}-` },
    ),
    caption: `The change in each district's allocation in "${name}" against the baseline "${baseline}".`,
  };
}

function profileNote(profile: Profile): string {
  return `Population-weighted mean need rank of each district's LSOAs in each domain (1 = least need, ${profile.ranked} = most need across the area); darker cells mean more need. The last column names each district's three highest-need domains.`;
}

function method(allocation: Allocation): string[] {
  const n = allocation.dataset.units.length;
  const domains = allocation.formula.domains.map((d) => `${d.label} (${d.sources.map((s) => s.label).join('; ')})`).join('; ');
  return [
    `Every small area (LSOA) is ranked within the area in each domain of need: 1 = least need, ${n} = most need. Tied values share the mean of the ranks they span (Excel's RANK.AVG). A national IoD rank means less need as it grows; a rate means more need as it grows. A domain with several sources ranks each source, averages the ranks and ranks the average.`,
    `Domains and their sources: ${domains}.`,
    "Each LSOA's figure is the sum of its domain ranks times their weights. The budget is shared in proportion to figure × population: each LSOA's exact share is budget × figure × population / Σ(figure × population).",
    'Whole pennies: each LSOA gets the floor of its exact share, and the pennies left over go one each to the largest remainders (equal remainders: lower LSOA code first), so the LSOAs add up exactly to the budget. A district is the sum of its LSOAs. Shares of the total and £ per person are rounded half-up to 2 decimal places.',
    'The arithmetic is exact: no floating-point rounding enters the pounds. Any LSOA can be traced step by step with: fairshare explain LSOA_CODE.',
  ];
}

function sources(input: ReportInput): string[] {
  const list = [
    `Data: ${input.source}.`,
    'English Indices of Deprivation 2019 (Ministry of Housing, Communities and Local Government): domain and sub-domain ranks, IDACI and IDAOPI numerators (suppressed numerators, fewer than 10, counted as 5); population mid-2015 (ONS estimates as published with the IoD2019).',
    'ONS geography lookups: LSOA (2011) to ward (December 2019); ward to county electoral division (May 2019).',
    'Contains public sector information licensed under the Open Government Licence v3.0.',
  ];
  if (input.boundaries) {
    const year = input.boundaries.files.some((f) => f.includes('lsoa21')) ? '2021' : '2011';
    const detail = input.boundaries.files.some((f) => f.includes('super_generalised')) ? 'super generalised' : 'generalised';
    list.push(`LSOA (${year}) boundaries, ${detail} (ONS). Contains OS data © Crown copyright and database right.`);
  }
  return list;
}
