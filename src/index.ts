/**
 * fairshare as a library: the same use cases the CLI runs, with typed options and plain results (money as
 * strings with 2 decimals, exact; JSON-serialisable). A script imports from 'fairshare':
 *
 * @example
 * import { allocate } from 'fairshare';
 * const r = await allocate({ budget: '12.7m', exclude: ['young-people', 'early-years'], vintage: '2019' });
 * for (const d of r.districts) console.log(d.name, d.allocation);
 *
 * Every function takes its options with a {@link RunContext} (the folder relative paths are taken from,
 * and where notices go) and rejects with a {@link Failure} whose `error` is the typed error value the CLI
 * prints (`kind`, `code`, `message`, `hint`, `location`).
 *
 * @packageDocumentation
 */
import { allocate as allocateWith, type AllocateOptions, type AllocationResult } from './app/allocate.js';
import { buildLookup as buildLookupWith, type BuildLookupOptions, type BuiltLookup } from './app/buildLookup.js';
import { compareVintages as compareVintagesWith, type CompareVintagesOptions, type VintageComparison } from './app/compareVintages.js';
import type { AppIo } from './app/context.js';
import { explain as explainWith, type ExplainOptions, type Explanation } from './app/explain.js';
import { listAreas as listAreasWith, type AreaList, type ListAreasOptions } from './app/listAreas.js';
import { listDomains as listDomainsWith, type DomainList, type ListDomainsOptions } from './app/listDomains.js';
import { overlap as overlapWith, type OverlapOptions, type OverlapResult } from './app/overlap.js';
import { weights as weightsWith, type WeightsOptions, type WeightsResult } from './app/weights.js';
import { transition as transitionWith, type TransitionOptions, type TransitionResult } from './app/transition.js';
import { profile as profileWith, type ProfileOptions, type ProfileResult } from './app/profile.js';
import { explore as exploreWith, type ExploreOptions, type ExplorePage } from './app/explore.js';
import { reportData, type ReportOptions } from './app/report.js';
import {
  checkScenarios as checkScenariosWith,
  scenarios as scenariosWith,
  type ScenarioCheck,
  type ScenariosOptions,
  type ScenariosResult,
} from './app/scenarios.js';
import { sensitivity as sensitivityWith, type SensitivityOptions, type SensitivitySummary } from './app/sensitivity.js';
import { TOOL } from './app/tool.js';

export type { AllocateOptions, AllocationResult, AllocationRow, LsoaAllocationRow } from './app/allocate.js';
export type { BuildLookupOptions, BuiltLookup, PointsContents } from './app/buildLookup.js';
export type { CompareVintagesOptions, VintageComparison, VintageComparisonRow, VintageSideSummary } from './app/compareVintages.js';
export type { DataOptions } from './app/dataOptions.js';
export type { ExplainOptions, Explanation, ExplainedDomain, ExplainedSource } from './app/explain.js';
export type { BudgetSetting, WeightSettings } from './app/formulaSettings.js';
export type { InputFile, InputRole } from './data/inputFile.js';
export type { ReplaceSetting } from './app/inputs.js';
export type { AreaList, AreaListing, ListAreasOptions } from './app/listAreas.js';
export type { DomainList, DomainListing, ListDomainsOptions, SourceListing } from './app/listDomains.js';
export type { OverlapOptions, OverlapResult, OverlapResultPair } from './app/overlap.js';
export type { WeightsOptions, WeightsResult } from './app/weights.js';
export type { TransitionOptions, TransitionResult, TransitionRow } from './app/transition.js';
export type { AreaProfile, DomainProfile, ProfileLevel, ProfileOptions, ProfileResult } from './app/profile.js';
export type { ExploreOptions, ExplorePage } from './app/explore.js';
export type { ReportOptions } from './app/report.js';
export type { AreaSummary, RunBasis } from './app/runBasis.js';
export type { FormulaOptions } from './app/runFormula.js';
export type { ScenarioCheck, ScenarioComparisonRow, ScenarioOutcome, ScenariosOptions, ScenariosResult, ScenarioText } from './app/scenarios.js';
export type { DrawOptions, PlainBand, SensitivityOptions, SensitivityRow, SensitivitySummary } from './app/sensitivity.js';
export type { PointsLookupRow } from './data/sharesFromPoints.js';
export type { AreaKind } from './data/area.js';
export type { PopulationBase } from './data/populationBase.js';
export type { ErrorCode, ErrorKind, FairshareError, Location } from './engine/errors.js';
export type { Direction } from './engine/formula.js';
export { LEVELS, type Level } from './app/levels.js';
export { PROFILE_LEVELS } from './app/profile.js';
export { MAX_DRAWS, SENSITIVITY_LEVELS } from './app/sensitivity.js';
export { Failure } from './app/failure.js';

/** Where a script's run takes its relative paths from, and where its notices go. */
export interface RunContext {
  /** The folder relative paths are taken from; default the process's working folder. */
  readonly cwd?: string;
  /**
   * Called with each notice (e.g. a CSV read as Windows-1252), one line without its newline; default:
   * dropped.
   */
  readonly onNotice?: (line: string) => void;
}

/**
 * Share a budget as `fairshare allocate` does: the district table (`districts`), the table of the level
 * asked for (`rows`), every LSOA (`lsoas`), the formula with its weights and the inputs by name and SHA-256.
 *
 * @example
 * const r = await allocate({ budget: '12.7m', weights: { 'community-safety': 2 }, level: 'former-district' });
 * r.total // => '12700000.00'
 */
export async function allocate(options: AllocateOptions & RunContext): Promise<AllocationResult> {
  return allocateWith(options, contextIo(options));
}

/** One LSOA's ranks, figure, share and pennies, as `fairshare explain` works them out. */
export async function explain(options: ExplainOptions & RunContext): Promise<Explanation> {
  return explainWith(options, contextIo(options));
}

/**
 * How much each area's money depends on the weights, as `fairshare sensitivity` works it out (seeded: the
 * same every run).
 */
export async function sensitivity(options: SensitivityOptions & RunContext): Promise<SensitivitySummary> {
  return sensitivityWith(options, contextIo(options));
}

/**
 * Run a scenario file (a path, or its text) as `fairshare scenarios run` does, without writing files: each
 * scenario's tables and the comparison.
 */
export async function scenarios(options: ScenariosOptions & RunContext): Promise<ScenariosResult> {
  return scenariosWith(options, contextIo(options));
}

/** Check a scenario file as `fairshare scenarios check` does: what it would run. */
export async function checkScenarios(options: ScenariosOptions & RunContext): Promise<ScenarioCheck> {
  return checkScenariosWith(options, contextIo(options));
}

/** The committee report as one self-contained HTML page, as `fairshare report` writes it. */
export async function report(options: ReportOptions & RunContext): Promise<string> {
  const model = await reportData(options, contextIo(options));
  // The report's HTML and map code load only when a report is made.
  const [{ reportContent }, { reportHtml }] = await Promise.all([import('./report/html/reportContent.js'), import('./report/html/reportHtml.js')]);
  return reportHtml(reportContent({ tool: TOOL, ...model }));
}

/**
 * The explorer page, as `fairshare explore` writes it: one offline HTML file (`page.html`) in which the
 * weights, domains, budget and level can be moved, with the options as its baseline.
 */
export async function explore(options: ExploreOptions & RunContext): Promise<ExplorePage> {
  return exploreWith(options, contextIo(options));
}

/** Each area's need in every domain, as `fairshare profile` gives it. */
export async function profile(options: ProfileOptions & RunContext = {}): Promise<ProfileResult> {
  return profileWith(options, contextIo(options));
}

/**
 * Spearman's ρ between every pair of domains and the sources inside each, as `fairshare overlap` gives it.
 */
export async function overlap(options: OverlapOptions & RunContext = {}): Promise<OverlapResult> {
  return overlapWith(options, contextIo(options));
}

/**
 * Each counted domain's nominal and effective weight (its share of the variance of the LSOA figure), and the
 * counted domains that tell the same story, as `fairshare weights` gives them.
 *
 * @example (await weights({ exclude: ['young-people', 'early-years'] })).weights[0] // => { id: 'deprivation', nominalPct: 20, effectivePct: 32.8…, … }
 */
export async function weights(options: WeightsOptions & RunContext = {}): Promise<WeightsResult> {
  return weightsWith(options, contextIo(options));
}

/**
 * A multi-year transition from last year's allocation to the formula's target, as `fairshare transition`
 * gives it: each year's rows (previous, target, allocation, change, held, need index) and the shortfall.
 *
 * @example (await transition({ previous: 'last-year.csv', years: 3, budgets: ['12.7m'], pace: '50%', floor: '-2%' })).years.length // => 3
 */
export async function transition(options: TransitionOptions & RunContext): Promise<TransitionResult> {
  return transitionWith(options, contextIo(options));
}

/**
 * The same budget and weights on the 2019 and 2025 vintages, by former district, with each change split into
 * its causes.
 */
export async function compareVintages(options: CompareVintagesOptions & RunContext): Promise<VintageComparison> {
  return compareVintagesWith(options, contextIo(options));
}

/**
 * A share lookup counted from points (e.g. postcodes), as `fairshare lookup build` counts it; the rows are
 * returned, not written.
 */
export async function buildLookup(options: BuildLookupOptions & RunContext): Promise<BuiltLookup> {
  return buildLookupWith(options, contextIo(options));
}

/** The areas `area` accepts, with their LSOAs and people, as `fairshare areas` lists them. */
export async function listAreas(options: ListAreasOptions & RunContext = {}): Promise<AreaList> {
  return listAreasWith(options, contextIo(options));
}

/** The formula's domains, sources, weights and `replace` ids, as `fairshare domains` lists them. */
export async function listDomains(options: ListDomainsOptions & RunContext = {}): Promise<DomainList> {
  return listDomainsWith(options, contextIo(options));
}

function contextIo(context: RunContext): AppIo {
  return {
    cwd: context.cwd ?? process.cwd(),
    stderr: { write: (text: string) => context.onNotice?.(text.replace(/\n$/, '')) },
  };
}
