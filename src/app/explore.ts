/**
 * `explore`: one self-contained HTML page in which an officer moves the weights, leaves out domains,
 * changes the budget and the level, and sees the table and the LSOA map worked out again at once, by the
 * project's own engine bundled into the page (src/explore/page.ts). The settings it is made with are its
 * baseline.
 */
import type { Decimal } from 'decimal.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { InputFile } from '../data/inputFile.js';
import { packLicence } from '../data/packFormat.js';
import { areaKey } from '../engine/areaKey.js';
import type { Dataset } from '../engine/dataset.js';
import { hasLevel, unitGroup, WARD_DERIVED_FIELD, type GroupLevel } from '../engine/tabulate.js';
import { round2 } from '../engine/exact.js';
import { exploreHtml } from '../report/explore/exploreHtml.js';
import type { ExploreLevel, ExploreModel } from '../report/explore/exploreModel.js';
import { MAX_MAP_LSOAS, readLsoaBoundaries } from './boundaries.js';
import type { AppIo } from './context.js';
import { replaceSettings } from './dataOptions.js';
import { Failure } from './failure.js';
import { runFormula, type FormulaOptions } from './runFormula.js';
import { TOOL } from './tool.js';

/** The bundled page script, built by `npm run build` (scripts/bundle.mjs). */
const BUNDLE = fileURLToPath(new URL('../../dist/explore/page.js', import.meta.url));

/** The levels a page can switch between, in this order, with their names for people. */
const PAGE_LEVELS: readonly { readonly id: GroupLevel | 'lsoa'; readonly label: string }[] = [
  { id: 'district', label: 'District' },
  { id: 'former-district', label: 'Former district (before 2021)' },
  { id: 'county', label: 'County' },
  { id: 'region', label: 'Region' },
  { id: 'ward', label: 'Ward' },
  { id: 'lsoa', label: 'LSOA' },
];

/** How big the map is drawn, in CSS pixels. */
const MAP_SIZE = { width: 640, height: 640 };

export interface ExploreOptions extends FormulaOptions {
  /**
   * The level the table starts at: `district` (default), `former-district`, `county`, `region`, `ward` or
   * `lsoa`, as the data has them.
   */
  readonly level?: string;
}

/** What `explore` returns: the page, and what it holds. */
export interface ExplorePage {
  /** The whole HTML file. */
  readonly html: string;
  readonly area: { readonly kind: string; readonly code: string; readonly name: string; readonly lsoas: number };
  /** The levels the page offers, the first its baseline's. */
  readonly levels: readonly string[];
  /** Why the page has no map, when it has none. */
  readonly mapUnavailable?: string;
  /** Every input by name and SHA-256. */
  readonly inputs: readonly InputFile[];
}

/**
 * Make the explorer page for an area: the allocate options are its baseline. Throws Failure on bad
 * settings or data, as allocate does, and when the page's script has not been built.
 *
 * @example const page = await explore({ budget: '12.7m', exclude: ['young-people', 'early-years'] }, io); // page.html
 */
export async function explore(options: ExploreOptions, io: AppIo): Promise<ExplorePage> {
  const { inputs, allocation } = await runFormula(options, io);
  const { dataset, area } = inputs;
  const levels = pageLevels(inputs.dataset);
  const level = (options.level ?? 'district').trim().toLowerCase();
  if (!levels.some((l) => l.id === level)) {
    throw new Failure({
      kind: 'usage',
      code: 'bad-level',
      message: `the explorer has no level "${level}" for ${area.name}`,
      hint: `Use --level ${levels.map((l) => l.id).join(', ')}`,
    });
  }
  const ordered = [...levels.filter((l) => l.id === level), ...levels.filter((l) => l.id !== level)];
  const bundle = await readFile(BUNDLE, 'utf8').catch(() => {
    throw new Failure({
      kind: 'io',
      code: 'explorer-not-built',
      message: `the explorer's script ${BUNDLE} is missing`,
      hint: 'Build it with npm run build (npm install does so)',
    });
  });

  const excluded = new Set(options.exclude ?? []);
  // The weight each domain counts with (an excluded one keeps the formula's, for when it is ticked again).
  const weighted = new Map(allocation.formula.domains.filter((d) => !excluded.has(d.id)).map((d) => [d.id, d.weightValue.toFixed()]));
  const population = allocation.populationField;
  const fieldNames = new Set([population, ...inputs.formula.domains.flatMap((d) => d.sources.map((s) => s.field))]);
  if (dataset.fields.has(WARD_DERIVED_FIELD)) fieldNames.add(WARD_DERIVED_FIELD);
  const model: ExploreModel = {
    tool: TOOL,
    area: { kind: area.kind, code: area.code, name: area.name, lsoas: dataset.units.length },
    dataWords: inputs.dataWords,
    ...(inputs.vintage === undefined ? {} : { vintage: inputs.vintage }),
    ...packLicence(inputs.pack),
    formula: inputs.formula,
    populationField: population,
    baseline: {
      budget: typeof options.budget === 'string' ? options.budget.trim() : allocation.budget.toFixed(2),
      exclude: inputs.formula.domains.filter((d) => excluded.has(d.id)).map((d) => d.id),
      weights: inputs.formula.domains.map((d) => [d.id, weighted.get(d.id) ?? d.weight] as const),
      level,
    },
    levels: ordered,
    units: dataset.units,
    fields: [...fieldNames].map((name) => [name, Array.from(dataset.fields.get(name) ?? [])] as const),
    scenario: {
      area: options.area ?? area.code,
      ...(inputs.vintage === undefined ? {} : { vintage: inputs.vintage }),
      ...(options.formula === undefined ? {} : { formula: options.formula }),
      ...(options.data === undefined ? {} : { data: options.data }),
      population: options.population ?? 'total',
      replace: replaceSettings(options.replace).map((r) => [r.source, r.file] as const),
    },
  };

  const read = await readLsoaBoundaries(dataset, inputs.vintage);
  let svg: string | undefined;
  let mapUnavailable: string | undefined = typeof read.boundaries === 'string' ? read.boundaries : undefined;
  if (typeof read.boundaries !== 'string') {
    // The map code (d3-geo, topojson) loads only for a page with a map, not at every start-up.
    const [{ choropleth }, { projectBoundaries }] = await Promise.all([import('../report/svg/choropleth.js'), import('../report/svg/projectBoundaries.js')]);
    const districtOf = new Map(dataset.units.map((u) => [u.code, u.districtCode || u.districtName]));
    const projected = projectBoundaries(read.boundaries, new Set(dataset.units.map((u) => u.code)), (code) => districtOf.get(code) ?? '', MAP_SIZE);
    if (!projected.ok) mapUnavailable = projected.error.message;
    else {
      const areas = dataset.units.map((u, i) => {
        const people = allocation.populations[i] ?? 0;
        return {
          code: u.code,
          value: people > 0 ? Number(round2((allocation.amounts[i] as Decimal).dividedBy(people))) : undefined,
          tooltip: `${u.name} (${u.code})`,
        };
      });
      svg = choropleth(projected.value, areas, { title: '£ per person by LSOA', idPrefix: 'explore-', legend: false, formatValue: String, interactive: true });
    }
  }
  const page = { ...model, ...(mapUnavailable === undefined ? {} : { mapUnavailable }) };
  return {
    html: exploreHtml(page, bundle, svg),
    area: model.area,
    levels: ordered.map((l) => l.id),
    ...(mapUnavailable === undefined ? {} : { mapUnavailable }),
    inputs: [...inputs.provenance, ...read.provenance],
  };
}

/** The levels of the data worth a switch: each that groups its LSOAs into more than one area, and LSOAs. */
function pageLevels(dataset: Dataset): ExploreLevel[] {
  const levels: ExploreLevel[] = [];
  for (const level of PAGE_LEVELS) {
    if (level.id === 'lsoa') {
      if (dataset.units.length <= MAX_MAP_LSOAS) levels.push(level);
      continue;
    }
    if (!hasLevel(dataset, level.id)) continue;
    if (level.id === 'district' || groupsOtherThanDistricts(dataset, level.id)) levels.push(level);
  }
  return levels;
}

/**
 * Whether a level groups the LSOAs into more than one area, and not just as the districts do (2019's
 * former districts are its districts; a county of two unitaries is its two districts).
 */
function groupsOtherThanDistricts(dataset: Dataset, level: GroupLevel): boolean {
  const groupOf = new Map<string, string>();
  const groups = new Set<string>();
  let sameAsDistricts = true;
  for (const unit of dataset.units) {
    const group = areaKey(unitGroup(unit, level) ?? { code: '', name: '' });
    const district = areaKey(unitGroup(unit, 'district') ?? { code: '', name: '' });
    groups.add(group);
    if ((groupOf.get(district) ?? group) !== group) sameAsDistricts = false;
    groupOf.set(district, group);
  }
  return groups.size > 1 && !(sameAsDistricts && groups.size === groupOf.size);
}
