/**
 * The compare-vintages use case: the same budget and formula on the 2019 and 2025 vintages of the
 * shipped data, added up into the districts of 2019 (former districts), with each row's change split
 * exactly into population, boundaries, data and sources (see src/engine/compareVintages.ts).
 * `compareVintagesRun` gives the engine's own results (for the CLI to render); `compareVintages` gives
 * plain data for scripts: JSON-serialisable, money as strings with 2 decimals, exact.
 */
import type { Decimal } from 'decimal.js';
import { findArea, subset, type Area } from '../data/area.js';
import { parsePopulationBase, populationBases, populationField, type PopulationBase } from '../data/populationBase.js';
import { vintageBridge } from '../data/vintageBridge.js';
import type { Vintage } from '../data/vintage.js';
import { compareVintages as splitChange, type VintageChange, type VintageChangeRow } from '../engine/compareVintages.js';
import { fairShare, type Allocation } from '../engine/fairShare.js';
import type { Formula } from '../engine/formula.js';
import { poundsPlain } from '../engine/money.js';
import { weigh } from '../engine/weigh.js';
import type { AppIo } from './context.js';
import { Failure, unwrap } from './failure.js';
import { budgetAmount, weightMap, type BudgetSetting, type WeightSettings } from './formulaSettings.js';
import { loadData, loadFormula, loadLsoaChanges, selectArea, type LoadedData } from './inputs.js';
import type { InputFile } from '../data/inputFile.js';

/** The vintages compared, older first. */
export const YEARS: { readonly before: Vintage; readonly after: Vintage } = { before: '2019', after: '2025' };

/**
 * The newer vintage's formula with exactly the older one's sources: the step that splits "new sources"
 * from "new data".
 */
export const BRIDGE_FORMULA = 'northamptonshire-2025-like-2019';

/** What `compareVintages` is given. Money is text or a Decimal, never a JavaScript number. */
export interface CompareVintagesOptions {
  /** The budget shared on both vintages: `'12.7m'`, `'£12,700,000'`, `'12700000.50'`, or a Decimal. */
  readonly budget: BudgetSetting;
  /** Domain ids to leave out (weight 0) on both vintages. */
  readonly exclude?: readonly string[];
  /** Domain id → weight on both vintages (`{ 'community-safety': 2 }`, or a Map). */
  readonly weights?: WeightSettings;
  /**
   * The area as on the 2025 vintage (default Northamptonshire); the 2019 side is the 2019 area of the
   * same code, or else the 2011 LSOAs its 2021 LSOAs were made from.
   */
  readonly area?: string;
  /** The population base to share by on both vintages: `total` (default) or `60+`, the ones both have. */
  readonly population?: string;
  /** The formula on the 2019 vintage, a built-in name or a formula JSON file (default `northamptonshire`). */
  readonly formula2019?: string;
  /**
   * The formula on the 2025 vintage (default `northamptonshire-2025`; then the change its new sources
   * make is split out against {@link BRIDGE_FORMULA}).
   */
  readonly formula2025?: string;
}

/** The options checked before any file is read: the budget and the population base. */
export interface CompareVintagesPlan {
  readonly options: CompareVintagesOptions;
  readonly budget: Decimal;
  readonly base: PopulationBase;
}

/** One compare-vintages run, as the engine gives it. */
export interface CompareVintagesRun {
  /** The rows (former districts), each change split into its parts, and the total row. */
  readonly change: VintageChange;
  readonly budget: Decimal;
  /** The 2019 run, and the 2025 run with the 2025 formula. */
  readonly before: Allocation;
  readonly after: Allocation;
  /** The area on each vintage. */
  readonly areaBefore: Area;
  readonly areaAfter: Area;
  /** Whether the 2019 side is the 2019 area of the same code (else the 2011 LSOAs the area was made from). */
  readonly sameCode: boolean;
  /** The data and formula loaded for each vintage. */
  readonly older: LoadedData;
  readonly newer: LoadedData;
  /** The formula the sources were split out against, when the default 2025 formula was used. */
  readonly bridgeFormula?: Formula;
  /**
   * Every input file of the run, with its SHA-256: both packs and formulas, the bridge formula, the LSOA
   * changes.
   */
  readonly provenance: readonly InputFile[];
}

/**
 * Check what can be checked before reading any file: the budget and the population base as written.
 * Throws Failure.
 */
export function planCompareVintages(options: CompareVintagesOptions): CompareVintagesPlan {
  const budget = budgetAmount(options.budget);
  const base = unwrap(parsePopulationBase(options.population ?? 'total'));
  return { options, budget, base };
}

/** Run a checked comparison: both vintages, the areas on each, and the change split. Throws Failure. */
export async function compareVintagesRun(checked: CompareVintagesPlan, io: Pick<AppIo, 'cwd'>): Promise<CompareVintagesRun> {
  const { options, budget, base } = checked;
  const weights = weightMap(options.weights);
  const newer = await loadData(undefined, options.formula2025, io.cwd, undefined, YEARS.after);
  const older = await loadData(undefined, options.formula2019, io.cwd, undefined, YEARS.before);
  const changesFile = await loadLsoaChanges();
  const bridge = vintageBridge(changesFile.changes, older.dataset);

  const areaAfter = unwrap(selectArea(newer.dataset, options.area));
  // The 2019 area of the same code (Northamptonshire, a district, a county, England) is last year's
  // table; a council made since (West Northamptonshire, Cumberland) is the 2011 LSOAs it was made from.
  const sameCode = findArea(older.dataset, areaAfter.code);
  const areaBefore: Area = sameCode.ok ? sameCode.value : bridge.olderArea(areaAfter, newer.dataset);

  const bases = populationBases(newer.dataset).filter((b) => populationBases(older.dataset).includes(b));
  if (!bases.includes(base)) {
    throw new Failure({
      kind: 'usage',
      code: 'bad-population-base',
      message: `the ${base} population is not in both vintages, so the two cannot be compared by it`,
      hint: `Use --population ${bases.join(' or ')}, which both vintages have`,
    });
  }
  const run = (loaded: LoadedData, formula: Formula, area: Area): Allocation => {
    const weighted = unwrap(weigh(formula, { exclude: options.exclude ?? [], weights }));
    return unwrap(fairShare(subset(loaded.dataset, area), weighted, budget, { populationField: populationField(base) }));
  };
  const before = run(older, older.formula, areaBefore);
  const after = run(newer, newer.formula, areaAfter);
  const bridgeFormula = options.formula2025 === undefined ? await loadFormula(BRIDGE_FORMULA, io.cwd) : undefined;
  const middle = bridgeFormula === undefined ? after : run(newer, bridgeFormula.formula, areaAfter);

  const change = splitChange(
    {
      allocation: before,
      rows: before.dataset.units.map((u) => ({ code: u.districtCode, name: u.districtName })),
      groups: before.dataset.units.map((u) => bridge.group(u.code, '2011')),
    },
    {
      allocation: middle,
      rows: middle.dataset.units.map((u) => bridge.olderDistrict(u)),
      groups: middle.dataset.units.map((u) => bridge.group(u.code, '2021')),
    },
    middle === after ? {} : { after },
  );
  const provenance = [...older.provenance, ...newer.provenance, ...(bridgeFormula ? [bridgeFormula.provenance] : []), changesFile.provenance];
  return {
    change,
    budget,
    before,
    after,
    areaBefore,
    areaAfter,
    sameCode: sameCode.ok,
    older,
    newer,
    ...(bridgeFormula === undefined ? {} : { bridgeFormula: bridgeFormula.formula }),
    provenance,
  };
}

/** A row of a comparison: a district of 2019 (former district). Money is strings with 2 decimals, exact. */
export interface VintageComparisonRow {
  readonly code: string;
  readonly name: string;
  /** LSOAs of each vintage counted in the row, and of those the ones split, merged, redesigned or moved. */
  readonly lsoasBefore: number;
  readonly lsoasAfter: number;
  readonly changedBefore: number;
  readonly changedAfter: number;
  /** The people counted (of the population base) on each vintage. */
  readonly peopleBefore: number;
  readonly peopleAfter: number;
  /** The 2019 and 2025 allocations, `'1426649.49'`. */
  readonly before: string;
  readonly after: string;
  /** after − before, and its parts: population + boundaries + data + sources = change, to the penny. */
  readonly change: string;
  readonly population: string;
  readonly boundaries: string;
  readonly data: string;
  /** `'0.00'` when the sources were not split out (`formula2025` given). */
  readonly sources: string;
}

/** One vintage's side of a comparison, in plain data. */
export interface VintageSideSummary {
  readonly vintage: Vintage;
  readonly area: { readonly kind: Area['kind']; readonly code: string; readonly name: string; readonly lsoas: number };
  /** The data in words (the pack's vintage). */
  readonly data: string;
  readonly formula: { readonly id: string; readonly name: string };
  /** The population field shared by (`population`, `population_60_plus`). */
  readonly population: string;
}

/** What `compareVintages` returns: plain data, money as strings with 2 decimals. */
export interface VintageComparison {
  /** The budget shared on both vintages, `'12700000.00'`. */
  readonly budget: string;
  /** The area as on the 2025 vintage. */
  readonly area: { readonly kind: Area['kind']; readonly code: string; readonly name: string };
  /** The two vintages' runs: `before` is 2019, `after` is 2025. */
  readonly before: VintageSideSummary;
  readonly after: VintageSideSummary;
  /** Whether the 2019 side is the 2019 area of the same code (else the 2011 LSOAs the area was made from). */
  readonly sameCode: boolean;
  /** The rows by code, and every column summed. */
  readonly rows: readonly VintageComparisonRow[];
  readonly total: VintageComparisonRow;
  /** The formula the sources effect was split out against; absent when `formula2025` was given. */
  readonly sourcesSplitAgainst?: string;
  /** Every input file by name and SHA-256. */
  readonly inputs: readonly InputFile[];
}

/**
 * Compare the 2019 and 2025 vintages as `fairshare compare-vintages` does and return plain data. Formula
 * files are taken from `io.cwd`. Rejects with a Failure whose `error` is the typed error value.
 *
 * @example
 * const c = await compareVintages({ budget: '12.7m', exclude: ['young-people', 'early-years'] }, io);
 * c.rows[0] // => { code: 'E07000150', name: 'Corby', before: '1426649.49', after: '…', change: '…', population: '…', … }
 */
export async function compareVintages(options: CompareVintagesOptions, io: Pick<AppIo, 'cwd'>): Promise<VintageComparison> {
  const run = await compareVintagesRun(planCompareVintages(options), io);
  const { areaAfter } = run;
  return {
    budget: run.budget.toFixed(2),
    area: { kind: areaAfter.kind, code: areaAfter.code, name: areaAfter.name },
    before: side(YEARS.before, run.before, run.areaBefore, run.older),
    after: side(YEARS.after, run.after, run.areaAfter, run.newer),
    sameCode: run.sameCode,
    rows: run.change.rows.map(plainRow),
    total: plainRow(run.change.total),
    ...(run.bridgeFormula === undefined ? {} : { sourcesSplitAgainst: run.bridgeFormula.id }),
    inputs: run.provenance,
  };
}

function side(vintage: Vintage, allocation: Allocation, area: Area, loaded: LoadedData): VintageSideSummary {
  return {
    vintage,
    area: { kind: area.kind, code: area.code, name: area.name, lsoas: allocation.dataset.units.length },
    data: loaded.dataWords,
    formula: { id: allocation.formula.id, name: allocation.formula.name },
    population: allocation.populationField,
  };
}

function plainRow(r: VintageChangeRow): VintageComparisonRow {
  const money = poundsPlain;
  return {
    code: r.code,
    name: r.name,
    lsoasBefore: r.lsoasBefore,
    lsoasAfter: r.lsoasAfter,
    changedBefore: r.changedBefore,
    changedAfter: r.changedAfter,
    peopleBefore: r.peopleBefore,
    peopleAfter: r.peopleAfter,
    before: money(r.before),
    after: money(r.after),
    change: money(r.change),
    population: money(r.population),
    boundaries: money(r.boundaries),
    data: money(r.data),
    sources: money(r.sources),
  };
}
