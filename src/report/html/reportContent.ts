import type { Decimal } from 'decimal.js';
import type { Area } from '../../data/area.js';
import type { PackMeta } from '../../data/packFormat.js';
import type { Boundaries } from '../../data/parseBoundaries.js';
import type { Vintage } from '../../data/vintage.js';
import type { Damping } from '../../engine/damp.js';
import { round2 } from '../../engine/exact.js';
import type { Allocation } from '../../engine/fairShare.js';
import { formatPercent } from '../../engine/parsePercent.js';
import type { Profile } from '../../engine/profile.js';
import type { EffectiveWeight } from '../../engine/effectiveWeights.js';
import type { OverlapPair } from '../../engine/overlap.js';
import { weightsNote, weightsTable } from '../weightsTable.js';
import { hasLevel, tabulate, WARD_DERIVED_FIELD, type Tabulation } from '../../engine/tabulate.js';
import type { LookupTabulation } from '../../engine/tabulateAreas.js';
import type { ComparisonRow } from '../../scenario/compare.js';
import type { ScenarioResult } from '../../scenario/runScenarios.js';
import { describeDamping } from '../describeDamping.js';
import { describeRun, peopleLabel } from '../describeRun.js';
import { poundsText } from '../display.js';
import { groupThousands } from '../../engine/wording.js';
import { barChart } from '../svg/barChart.js';
import { choropleth, type MapArea } from '../svg/choropleth.js';
import { projectBoundaries, type ProjectedMap } from '../svg/projectBoundaries.js';
import { anyLevelTable, areaTable, comparisonTable, districtTable, levelTable, withDampingColumns } from '../table.js';
import { heatTable } from './heatTable.js';
import type { ReportContent, ReportFigure } from './reportHtml.js';
import type { InputFile } from '../../data/inputFile.js';

/**
 * What a committee report is made from: one run (or the baseline of a batch), and what else is known
 * (src/app/report.ts works it out).
 */
export interface ReportInput {
  readonly tool: { readonly name: string; readonly version: string };
  readonly allocation: Allocation;
  readonly area: Area;
  /** Where the data came from, in words (the pack's vintage or a file name). */
  readonly dataWords: string;
  /** The shipped pack's vintage; absent for a `--data` file. */
  readonly vintage?: Vintage;
  /**
   * What the shipped pack says of itself (its licence, the files it was built from); absent for a `--data`
   * file. Decides which sources the report names.
   */
  readonly pack?: PackMeta;
  readonly provenance: readonly InputFile[];
  /** The division table, when a division lookup covers the area. */
  readonly divisions?: LookupTabulation;
  /**
   * The district table (or, when `table.level` is `former-district`, the former-district table) damped
   * against a previous allocation, as allocate --previous damps it; every other table, the chart and the
   * maps keep the formula amounts.
   */
  readonly damped?: {
    readonly table: Tabulation;
    readonly damping: Damping;
    /** The previous allocation's file, as the provenance names it. */
    readonly previous: string;
  };
  /** LSOA boundaries, when shipped for the area (else the report says the maps are not available). */
  readonly boundaries?: Boundaries;
  /** Why there are no maps, when there are none (e.g. every LSOA of England is too many for a page). */
  readonly mapsUnavailable?: string;
  /**
   * Ward boundaries of the area's wards (the May 2025 wards of North and West Northamptonshire), for the ward
   * map.
   */
  readonly wardBoundaries?: Boundaries;
  /** Why there is no ward map, when the data has wards but the shipped ward boundaries do not cover them. */
  readonly wardMapUnavailable?: string;
  readonly profile?: Profile;
  /** The counted domains' nominal and effective weights, and the pairs that tell the same story. */
  readonly weights?: { readonly weights: readonly EffectiveWeight[]; readonly sameStory: readonly OverlapPair[] };
  readonly scenarios?: {
    readonly title?: string;
    readonly baseline: string;
    readonly results: readonly ScenarioResult[];
    readonly comparison: readonly ComparisonRow[];
  };
}

const MAIN_MAP = { width: 480, height: 560 } as const;

/**
 * The most wards the report lists: a county-sized area has well under 200 (Northamptonshire 66,
 * Leicestershire 138); England has thousands, too many for a committee paper.
 */
export const MAX_REPORT_WARDS = 200;

/**
 * Work out everything the report shows: the headline, the tables, the bar chart, the maps (figure,
 * £ per person, and one small map per domain's need rank), the profile, the scenarios and the method.
 */
export function reportContent(input: ReportInput): ReportContent {
  const { allocation, area } = input;
  const run = describeRun(allocation, area, input.dataWords);
  const table = tabulate(allocation);
  const pounds = (d: Decimal): string => `${poundsText(d)}`;
  const people = peopleLabel(allocation.populationField);
  const damped = dampedView(input, table);
  // The districts as the report shows them: damped, when the damping is of districts.
  const districts = damped?.level === 'district' ? damped.table : table;

  const perPerson: ReportFigure = {
    svg: barChart(
      districts.rows.map((r) => ({ label: r.name, value: Number(r.perPerson || '0'), display: r.perPerson ? `£${groupThousands(r.perPerson)}` : 'no one' })),
      { title: people === 'people' ? '£ per person by district' : `£ per person by district (${people})`, idPrefix: 'per-person-' },
    ),
    caption:
      `Each district's ${damped?.level === 'district' ? 'damped ' : ''}allocation divided by its ${people}. ${area.kind === 'county' ? 'County' : 'Area'} average: £${groupThousands(districts.total.perPerson)}.` +
      (damped?.level === 'former-district' ? ` ${BEFORE_DAMPING} (the former districts are damped).` : ''),
  };

  const scenarios = input.scenarios
    ? {
        baseline: input.scenarios.baseline,
        tables: input.scenarios.results.map((r) => ({
          name: r.plan.name,
          ...(r.plan.description ? { description: r.plan.description } : {}),
          table: anyLevelTable(r.table),
        })),
        comparison: comparisonTable(input.scenarios.comparison, input.scenarios.results[0]?.plan.level ?? 'district'),
        changes: input.scenarios.results
          .filter((r) => r.plan.name !== input.scenarios?.baseline)
          .map((r) => changeFigure(r.plan.name, input.scenarios?.baseline ?? '', input.scenarios?.comparison ?? [])),
      }
    : undefined;

  return {
    tool: input.tool,
    title: input.scenarios?.title ?? `Fair share of ${run.budget} across ${area.name}`,
    lede:
      table.rows.length === 1
        ? `How ${run.budget} is shared across the LSOAs of ${area.name} in proportion to need and ${people}, by the Fair and Equitable Funding formula.`
        : `How ${run.budget} is shared between the ${table.rows.length} districts of ${area.name} in proportion to need and ${people}, by the Fair and Equitable Funding formula.`,
    facts: [
      ['Area', run.area],
      ['Budget', run.budget],
      ['Domains counted (weight)', run.counted],
      ['Domains excluded', run.excluded],
      ['Shared by', `need figure × ${people}`],
      ...(damped ? [['Damping', damped.fact] as const] : []),
      ['Data', run.dataWords],
    ],
    districts: damped?.level === 'district' ? withDampingColumns(districtTable(damped.table), damped.damping) : districtTable(table),
    ...(damped ? { damping: { level: damped.level, line: damped.line } } : {}),
    ...(damped?.level === 'former-district' ? { districtsNote: `${BEFORE_DAMPING}: the damped amounts are those of the former districts, below.` } : {}),
    ...formerDistricts(allocation, table, damped),
    ...wards(input, pounds, damped),
    ...(input.divisions
      ? {
          divisions: {
            table: areaTable(input.divisions),
            note:
              `LSOA amounts shared out to the ${input.divisions.rows.length} divisions through the division lookup; ${input.divisions.rows.filter((r) => r.estimated).length} divisions rest partly on estimates (a ward split between divisions is shared equally), marked "yes". ` +
              `${areaColumnsNote('division')}${damped ? ` ${BEFORE_DAMPING}.` : ''}`,
          },
        }
      : {}),
    perPerson,
    maps: withMapsNote(
      maps(input, pounds),
      damped ? `The maps show the formula amounts of the LSOAs, before damping (damping applies to the ${damped.level} table).` : undefined,
    ),
    ...(input.profile ? { profile: { html: heatTable(input.profile, 'district'), note: profileNote(input.profile) } } : {}),
    ...(input.weights ? { weights: { table: weightsTable(input.weights.weights), notes: weightsNote(input.weights.weights, input.weights.sameStory) } } : {}),
    ...(scenarios ? { scenarios } : {}),
    method: [...method(allocation), ...(damped ? [dampingMethod(damped.level)] : [])],
    sources: sources(input),
    provenance: input.provenance,
  };
}

/** What the tables that are not damped say of their amounts, when the report is damped. */
const BEFORE_DAMPING = 'These are the formula amounts, before damping';

/**
 * What the columns of a ward or division table that have no total are, for its note: every figure of the
 * total row is the sum of its column, and these are not sums.
 */
function areaColumnsNote(level: string): string {
  return level === 'ward'
    ? `% of total, £ per person and the need index are each ${level}'s own, rounded half-up, so the total row leaves them empty.`
    : `LSOAs (touching) counts an LSOA in every ${level} it has a share in, and % of total, £ per person and the need index are each ${level}'s own, rounded half-up, so the total row leaves them empty; people are apportioned by the shares and rounded to whole people that add up to the total.`;
}

/** The damped table as the report shows it, with the damping line, the headline fact and the level's name. */
interface DampedView {
  /** Which table is damped: districts, or the former districts of reorganised councils. */
  readonly level: 'district' | 'former-district';
  readonly table: Tabulation;
  readonly damping: Damping;
  /** The one damping line, as allocate prints it in its header. */
  readonly line: string;
  /** The band and the file, for the headline box. */
  readonly fact: string;
}

/**
 * The damping of the report, placed: former districts that are the districts themselves (every council
 * of the 2019 vintage is its own) are shown as the district table, so the same amounts are never shown
 * twice, once damped and once not.
 */
function dampedView(input: ReportInput, districts: Tabulation): DampedView | undefined {
  const { damped } = input;
  if (damped === undefined) return undefined;
  const reorganised = damped.table.level === 'former-district' && !sameAreas(damped.table, districts);
  const level = reorganised ? 'former-district' : 'district';
  const table: Tabulation = reorganised ? damped.table : { rows: damped.table.rows, total: damped.table.total };
  const { floor, ceiling } = damped.damping;
  const band = [...(floor === undefined ? [] : [`floor ${formatPercent(floor)}`]), ...(ceiling === undefined ? [] : [`ceiling ${formatPercent(ceiling)}`])];
  return {
    level,
    table,
    damping: damped.damping,
    line: describeDamping(damped.damping, damped.previous, { level }),
    fact: `${band.length ? band.join(', ') : 'no floor or ceiling'} against ${damped.previous}, by ${level === 'district' ? 'district' : 'former district'}`,
  };
}

/** Whether two tables have the same areas, in the same order. */
function sameAreas(a: Tabulation, b: Tabulation): boolean {
  return a.rows.length === b.rows.length && a.rows.every((r, i) => r.code === b.rows[i]?.code);
}

/** The maps with one more sentence in their note (or the unavailable maps as they are). */
function withMapsNote(figures: ReportContent['maps'], sentence: string | undefined): ReportContent['maps'] {
  if (sentence === undefined || 'unavailable' in figures) return figures;
  return { ...figures, note: figures.note === undefined ? sentence : `${figures.note} ${sentence}` };
}

/** The method of damping, as allocate --previous applies it (README, "Floors and ceilings"). */
function dampingMethod(level: 'district' | 'former-district'): string {
  const name = level === 'district' ? 'district' : 'former district';
  return (
    `Damping: each ${name}'s change against its previous allocation is kept within the floor and the ceiling, every whole penny from previous × (1 + floor), rounded up, to previous × (1 + ceiling), rounded down. ` +
    `A ${name} whose formula amount is outside that band is held at its end; the rest share what is left of the budget in proportion to their formula amounts (one common scale, solved exactly), in whole pennies by the largest remainder, so the total is still exactly the budget. ` +
    'Only that table is damped: the other tables, the chart and the maps show the formula amounts.'
  );
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
      svg: choropleth(map, figureAreas, {
        title: 'LSOA figure (weighted sum of need ranks)',
        idPrefix: 'figure-',
        legend: true,
        formatValue: (v) => groupThousands(String(v)),
      }),
      caption: 'The figure each LSOA is shared by, with population: higher means more need. Quintiles; district boundaries in black.',
    },
    {
      svg: choropleth(map, perPersonAreas, {
        title: '£ per person',
        idPrefix: 'per-person-map-',
        legend: true,
        formatValue: (v) => `${poundsText(v)}`,
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

/**
 * The table of former districts, when the area's councils were reorganised since 2019 (the 2025 pack:
 * North and West Northamptonshire are the seven districts of the 2012 model), so that members can set it
 * beside last year's district table; none when every council is its own former district.
 */
function formerDistricts(allocation: Allocation, districts: Tabulation, damped: DampedView | undefined): Pick<ReportContent, 'formerDistricts'> {
  if (!hasLevel(allocation.dataset, 'former-district')) return {};
  const table = tabulate(allocation, { level: 'former-district' });
  if (sameAreas(table, districts)) return {};
  if (damped?.level === 'former-district') {
    return {
      formerDistricts: {
        table: withDampingColumns(levelTable(damped.table), damped.damping),
        note: `The ${table.rows.length} districts as they were before the councils were reorganised (keyed by their old district codes), damped against the previous allocation: each keeps its change within the band, and together they still share exactly the budget.`,
      },
    };
  }
  return {
    formerDistricts: {
      table: levelTable(table),
      note:
        `The same LSOA amounts added up into the ${table.rows.length} districts as they were before the councils were reorganised (keyed by their old district codes), to set beside tables of the 2019 vintage; fairshare compare-vintages explains the change.` +
        (damped ? ` ${BEFORE_DAMPING} (damping applies to the district table).` : ''),
    },
  };
}

/**
 * The ward table (with a note), when the data places every LSOA in a ward (the 2025 pack) and the area
 * has at most MAX_REPORT_WARDS of them, and the ward map when the ward boundaries cover every ward of the
 * table; else one sentence saying why not.
 */
function wards(input: ReportInput, pounds: (d: Decimal) => string, damped: DampedView | undefined): Pick<ReportContent, 'wards'> {
  const { allocation, area } = input;
  if (!hasLevel(allocation.dataset, 'ward')) return {};
  const table = tabulate(allocation, { level: 'ward' });
  const n = table.rows.length;
  if (n > MAX_REPORT_WARDS) {
    return {
      wards: {
        note: `No ward table or ward map: ${area.name} has ${groupThousands(String(n))} wards, too many for a committee paper (the report lists at most ${MAX_REPORT_WARDS}); fairshare allocate --level ward gives every ward.`,
      },
    };
  }
  const map = wardMap(input, table, pounds);
  const note = `${wardNote(table)} ${areaColumnsNote('ward')}${damped ? ` ${BEFORE_DAMPING}.` : ''}`;
  return { wards: { table: levelTable(table), note, ...(typeof map === 'string' ? { mapNote: map } : { map }) } };
}

function wardNote(table: Tabulation): string {
  const n = table.rows.length;
  const derived = table.rows.filter((r) => r.derived === true).length;
  const wardCount = (k: number): string => `${k} ward${k === 1 ? '' : 's'}`;
  if (derived === 0) {
    return `LSOA amounts added up into the ${wardCount(n)} the data places them in (the ONS best fit of LSOAs to the wards of 2024: each LSOA wholly in one ward), so a ward's LSOAs only approximate its boundary.`;
  }
  const marked = derived === n ? `All ${n} wards are` : `${wardCount(derived)} ${derived === 1 ? 'is' : 'are'}`;
  return (
    `LSOA amounts added up into the ${wardCount(n)} the data places them in, each LSOA wholly in one ward, so a ward's LSOAs only approximate its boundary. ` +
    `${marked} marked derived "yes": the wards of North and West Northamptonshire are the May 2025 wards, derived by area (each LSOA goes to the ward holding the largest share of its area), not an ONS product` +
    (derived === n ? '.' : '; the others are the ONS best fit of LSOAs to the wards of 2024.')
  );
}

/**
 * The choropleth of £ per person by ward, or why there is none. Draws only the table's wards, and only if
 * every one has a boundary.
 */
function wardMap(input: ReportInput, table: Tabulation, pounds: (d: Decimal) => string): ReportFigure | string {
  const none = (why: string): string => `No ward map: ${why}.`;
  if (!input.wardBoundaries)
    return none(input.wardMapUnavailable ?? 'fairshare ships ward boundaries only for North and West Northamptonshire (their May 2025 wards)');
  const councilOf = new Map(input.allocation.dataset.units.map((u) => [u.wardCode ?? '', u.districtCode || u.districtName]));
  const codes = new Set(table.rows.map((r) => r.code));
  const projected = projectBoundaries(input.wardBoundaries, codes, (code) => councilOf.get(code) ?? '', MAIN_MAP, { units: 'ward' });
  if (!projected.ok) return none(projected.error.message);
  if (projected.value.missing.length > 0)
    return none(`${projected.value.missing.length} of the ${codes.size} wards have no boundary in the shipped ward files`);
  const areas: MapArea[] = table.rows.map((r) => ({
    code: r.code,
    value: r.perPerson ? Number(r.perPerson) : undefined,
    tooltip: `${r.name} (${r.code}): ${r.perPerson ? `£${groupThousands(r.perPerson)} per person` : 'no one lives here'} (${pounds(r.allocation)} for ${groupThousands(r.population.toFixed(0))} people)`,
  }));
  return {
    svg: choropleth(projected.value, areas, {
      title: '£ per person by ward',
      idPrefix: 'ward-map-',
      legend: true,
      formatValue: (v) => `${poundsText(v)}`,
    }),
    caption:
      "Each ward's allocation divided by its people, in quintiles; point at a ward for its name, code and amount. The wards are drawn with their own boundaries, but their amounts are those of the whole LSOAs placed in them. District boundaries in black.",
  };
}

function changeFigure(name: string, baseline: string, comparison: readonly ComparisonRow[]): ReportFigure {
  const rows = comparison.filter((c) => c.scenario === name && c.change !== undefined);
  return {
    svg: barChart(
      rows.map((r) => {
        const change = r.change as Decimal;
        return { label: r.districtName, value: change.toNumber(), display: `${change.isNegative() ? '-' : '+'}${poundsText(change.abs())}` };
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
  const previous = input.damped ? [`Previous allocation, for damping: ${input.damped.previous} (your own file).`] : [];
  return [...dataSources(input), ...previous];
}

function dataSources(input: ReportInput): string[] {
  const { dataset } = input.allocation;
  // The file by its name, not the path typed: the same inputs give the same report from any folder.
  if (dataset.kind !== 'pack') return [`Data: your own file (${dataset.file.split(/[\\/]/).pop() ?? dataset.file}); fairshare's shipped data was not used.`];
  const { pack } = input;
  const list = [
    `Data: ${input.dataWords}.`,
    ...(pack === undefined ? [] : [...packSources(pack, input), /[.!?]$/.test(pack.licence) ? pack.licence : `${pack.licence}.`]),
  ];
  if (input.boundaries) {
    const year = input.boundaries.files.some((f) => f.includes('lsoa21')) ? '2021' : '2011';
    const detail = input.boundaries.files.some((f) => f.includes('super_generalised')) ? 'super generalised' : 'generalised';
    list.push(`LSOA (${year}) boundaries, ${detail} (ONS). Contains OS data © Crown copyright and database right.`);
  }
  if (input.wardBoundaries) {
    const councils = [
      input.wardBoundaries.files.some((f) => f.includes('north_northamptonshire')) ? 'North' : '',
      input.wardBoundaries.files.some((f) => f.includes('west_northamptonshire')) ? 'West' : '',
    ]
      .filter((c) => c !== '')
      .join(' and ');
    list.push(`Ward (May 2025) boundaries of ${councils} Northamptonshire, generalised (ONS). Contains OS data © Crown copyright and database right.`);
  }
  return list;
}

/**
 * One publication a shipped pack can be built from: which of the files the pack's metadata lists are
 * its (data/README.md, "Sources" and "2025 sources"), and what the report says of it, given those files
 * and the run (a publication the run does not draw on says nothing).
 */
interface Publication {
  readonly files: RegExp;
  readonly line: (files: readonly string[], input: ReportInput) => string | undefined;
}

const PUBLICATIONS: readonly Publication[] = [
  {
    files: /^iod2019\//,
    line: () =>
      'English Indices of Deprivation 2019 (Ministry of Housing, Communities and Local Government): domain and sub-domain ranks, IDACI and IDAOPI numerators (suppressed numerators, fewer than 10, counted as 5); population mid-2015 (ONS estimates as published with the IoD2019).',
  },
  {
    files: /^geography\/(lsoa11_to_ward19|ward19_to_lad19_county19_ced19)/,
    line: (files) => {
      const lookups = [
        ...(files.some((f) => f.includes('lsoa11_to_ward19')) ? ['LSOA (2011) to ward (December 2019)'] : []),
        ...(files.some((f) => f.includes('ward19_to_lad19_county19_ced19')) ? ['ward to county electoral division (May 2019)'] : []),
      ];
      return `ONS geography lookups: ${lookups.join('; ')}.`;
    },
  },
  {
    files: /^iod2025\//,
    line: () =>
      'English Indices of Deprivation 2025 (Ministry of Housing, Communities and Local Government, October 2025): domain and sub-domain ranks, IDACI and IDAOPI numerators (rounded to 5; suppressed numerators, fewer than 10, counted as 5).',
  },
  { files: /^census2021\//, line: census2021 },
  {
    files: /^geography2021\/lsoa21_(lad24_utla23_region24|ward24)/,
    line: (files, input) => {
      const { dataset } = input.allocation;
      const derived = dataset.fields.get(WARD_DERIVED_FIELD);
      const anyBestFit = hasLevel(dataset, 'ward') && dataset.units.some((_, i) => derived?.[i] !== 1);
      const lookups = [
        ...(files.some((f) => f.includes('lsoa21_lad24_utla23_region24'))
          ? ['LSOA (2021) to local authority district (2024), upper tier (2023) and region (2024)']
          : []),
        ...(anyBestFit && files.some((f) => f.includes('lsoa21_ward24')) ? ['LSOA (2021) to ward (2024), best fit'] : []),
      ];
      return lookups.length === 0 ? undefined : `ONS geography lookups: ${lookups.join('; ')}.`;
    },
  },
  {
    files: /^geography2021\/northants_lsoa21_wd25_bestfit_derived/,
    line: (_, input) => {
      const derived = input.allocation.dataset.fields.get(WARD_DERIVED_FIELD);
      return derived !== undefined && input.allocation.dataset.units.some((_, i) => derived[i] === 1)
        ? 'Wards of North and West Northamptonshire: the May 2025 wards, derived by area (each LSOA goes to the ward holding the largest share of its area), not an ONS product.'
        : undefined;
    },
  },
  // How each district code of 2016–2024 maps forward: it names the former districts, no figure of the report
  // rests on it.
  { files: /^geography2021\/lad_vintages_/, line: () => undefined },
];

/**
 * The publications the pack says it was built from (its metadata's `sources`), one line each, in a
 * fixed order; a file no publication above claims is named by itself, so a pack never has a source the
 * report leaves out unawares.
 */
function packSources(pack: PackMeta, input: ReportInput): string[] {
  const files = pack.sources.map((s) => s.file);
  const lines = PUBLICATIONS.flatMap((p) => {
    const own = files.filter((f) => p.files.test(f));
    const line = own.length === 0 ? undefined : p.line(own, input);
    return line === undefined ? [] : [line];
  });
  const unclaimed = files.filter((f) => !PUBLICATIONS.some((p) => p.files.test(f)));
  return [...lines, ...unclaimed.map((f) => `Source file: ${f}.`)];
}

/**
 * The Census 2021 tables the run draws on: the population always, the disability and unpaid care tables only
 * when a domain uses them.
 */
function census2021(files: readonly string[], input: ReportInput): string | undefined {
  const fields = new Set(input.allocation.formula.domains.flatMap((d) => d.sources.map((s) => s.field)));
  const rates = fields.has('idaci_rate') || fields.has('idaopi_rate');
  const table = (id: string): boolean => files.some((f) => f.includes(`_${id}_`));
  const census = [
    ...(table('ts007a')
      ? [
          `usual residents by age (TS007a), the population${rates ? ' and the denominators of the IDACI and IDAOPI rates (approximations: numerators from 2022 benefit records, ages from the March 2021 census)' : ''}`,
        ]
      : []),
    ...(table('ts040') && fields.has('disabled_households_share') ? ['households with at least one person disabled under the Equality Act (TS040)'] : []),
    ...(table('ts039') && fields.has('unpaid_carers_share') ? ['residents aged 5 and over who provide unpaid care (TS039)'] : []),
  ];
  return census.length === 0 ? undefined : `Census 2021 (ONS, Census day 21 March 2021): ${census.join('; ')}.`;
}
