/**
 * The report use case: everything the committee report shows, worked out from one run of the formula
 * (or a scenario file's baseline, with every scenario against it): the allocation, the damped table,
 * the division table, the shipped boundaries of the area, the domain profile and every input. Building
 * the HTML stays in src/report/html (reportContent, reportHtml) and writing it in the CLI.
 */
import type { Decimal } from 'decimal.js';
import type { Area } from '../data/area.js';
import type { PackMeta } from '../data/packFormat.js';
import type { Vintage } from '../data/vintage.js';
import { coveredShares } from '../engine/coveredShares.js';
import type { Dataset } from '../engine/dataset.js';
import type { Allocation } from '../engine/fairShare.js';
import { districtMemberships, profile } from '../engine/profile.js';
import { effectiveWeights } from '../engine/effectiveWeights.js';
import { sameStoryPairs } from '../engine/overlap.js';
import { tabulate } from '../engine/tabulate.js';
import { tabulateAreas, type LookupTabulation } from '../engine/tabulateAreas.js';
import type { ReportInput } from '../report/html/reportContent.js';
import { readLsoaBoundaries, readWardBoundaries } from './boundaries.js';
import type { AppIo } from './context.js';
import { parseDampingOptions, runDamping, type DampingSettings } from './damping.js';
import { Failure, unwrap } from './failure.js';
import { loadLookup } from './inputs.js';
import { runFormula, type FormulaOptions } from './runFormula.js';
import { readScenarios, scenariosRun, type ScenarioSource, type ScenarioText, type ScenariosOptions } from './scenarios.js';
import type { InputFile } from '../data/inputFile.js';

/**
 * What a report is given, as `fairshare report` takes it: a run of the formula (a budget, with the
 * options of allocate), or a scenario file; the division lookup; and damping against a previous allocation.
 */
export interface ReportOptions extends Omit<FormulaOptions, 'budget'> {
  /** The budget to report on (`'12.7m'` or a Decimal); needed unless `scenarios` is given. */
  readonly budget?: string | Decimal;
  /**
   * A scenario file to report instead (its path, or its text): its baseline in full, then every scenario
   * against it.
   */
  readonly scenarios?: string | ScenarioText;
  /**
   * The division lookup for the division table (default: the shipped Northamptonshire one, on the 2019
   * vintage).
   */
  readonly lookup?: string;
  /** Last year's allocation to damp the district (or former-district) table against; a budget run only. */
  readonly previous?: string;
  /** The largest fall allowed against `previous`, with its sign: `'-5%'`. */
  readonly floor?: string;
  /** The largest rise allowed against `previous`, with its sign: `'+5%'`. */
  readonly ceiling?: string;
  /** With `previous`, the table it damps: `district` (default) or `former-district`. */
  readonly level?: string;
}

/** The options checked before any file is read: the damping, and the scenario file to read. */
export interface ReportPlan {
  readonly options: ReportOptions;
  readonly damping?: { readonly settings: DampingSettings; readonly level: 'district' | 'former-district' };
  /** The scenario file to report, with the vintage of the options (absent for a budget run). */
  readonly scenarios?: ScenariosOptions;
}

/**
 * Everything the committee report is made from, already worked out: one run (or the baseline of a
 * batch), and what else is known; src/report/html/reportContent.ts turns it (with the tool) into the
 * report's content.
 */
export type ReportModel = Omit<ReportInput, 'tool'>;

/**
 * Check what can be checked before reading any file: a budget or a scenario file is given, and the
 * damping: `previous` (with `floor`, `ceiling`) as allocate takes them, at `level` district (the default)
 * or former-district. `level` says only which table `previous` damps (the report shows every level
 * anyway), so it needs `previous`; and a scenario file's report takes no `previous`. Throws Failure.
 */
export function planReport(options: ReportOptions): ReportPlan {
  if (options.budget === undefined && options.scenarios === undefined) {
    throw new Failure({
      kind: 'usage',
      code: 'no-budget',
      message: 'give a --budget to report on, or a --scenarios file',
      hint: 'e.g. fairshare report --budget 12.7m -o report.html',
    });
  }
  const level = (options.level ?? 'district').trim().toLowerCase();
  if (options.level !== undefined && options.previous === undefined) {
    throw new Failure({
      kind: 'usage',
      code: 'level-without-previous',
      message: '--level in a report says which table --previous damps, but there is no --previous',
      hint: 'Add --previous FILE (and --floor, --ceiling), or leave --level out: the report shows the district, former-district, ward and division tables it has',
    });
  }
  if (options.previous !== undefined && options.scenarios !== undefined) {
    throw new Failure({
      kind: 'usage',
      code: 'previous-with-scenarios',
      message: '--previous damps a --budget report, not a --scenarios one',
      hint: 'Give previous:, floor: and ceiling: for the scenarios in the scenario file, or report a --budget run with --previous',
    });
  }
  const settings = parseDampingOptions(options, level);
  const damping = settings === undefined ? undefined : { settings, level: level === 'former-district' ? ('former-district' as const) : ('district' as const) };
  const scenarios: ScenariosOptions | undefined =
    options.scenarios === undefined
      ? undefined
      : {
          file: options.scenarios,
          ...(options.vintage === undefined ? {} : { vintage: options.vintage }),
          ...(options.level === undefined ? {} : { level: options.level }),
        };
  return { options, ...(damping === undefined ? {} : { damping }), ...(scenarios === undefined ? {} : { scenarios }) };
}

/**
 * Work out a checked report: run the formula (or the scenario file: `source` is the file already read
 * by readScenarios, else it is read here), damp it if asked, and read the boundaries, the division
 * lookup and the profile of the area. Throws Failure.
 */
export async function reportRun(plan: ReportPlan, io: AppIo, source?: ScenarioSource): Promise<ReportModel> {
  const { options, damping } = plan;
  const provenance: InputFile[] = [];
  let headline: { allocation: Allocation; area: Area; dataWords: string; all: Dataset; vintage: Vintage | undefined; pack: PackMeta | undefined };
  let scenarios: ReportModel['scenarios'];
  if (plan.scenarios !== undefined) {
    const run = await scenariosRun(source ?? (await readScenarios(plan.scenarios, io)), io);
    provenance.push(...run.provenance);
    const base = run.results.find((r) => r.plan.name === run.baseline) ?? run.results[0];
    const pot = base?.pots[0];
    if (!base || !pot) throw new Error('report: a scenario file with no scenarios passed its checks');
    headline = {
      allocation: pot.allocation,
      area: base.plan.area,
      dataWords: base.plan.dataWords,
      all: base.plan.dataset,
      vintage: base.plan.vintage,
      pack: run.scenarioPacks.get(base.plan.name),
    };
    scenarios = {
      ...(run.parsed.description ? { title: run.parsed.description } : {}),
      baseline: run.baseline,
      results: run.results,
      comparison: run.comparison,
    };
  } else {
    const { inputs, allocation } = await runFormula({ ...options, budget: options.budget as string | Decimal }, io);
    provenance.push(...inputs.provenance);
    headline = { allocation, area: inputs.area, dataWords: inputs.dataWords, all: inputs.all, vintage: inputs.vintage, pack: inputs.pack };
  }
  const { allocation } = headline;
  let damped: ReportModel['damped'];
  if (damping !== undefined) {
    // As allocate does: on 2025 the former districts keep their 2019 codes, so last year's 2019
    // district table damps this year's former districts.
    const grouped = damping.level === 'district' ? tabulate(allocation) : tabulate(allocation, { level: 'former-district' });
    const formerDistricts = damping.level === 'district' ? new Set(tabulate(allocation, { level: 'former-district' }).rows.map((r) => r.code)) : undefined;
    const result = await runDamping(grouped, damping.settings, io, formerDistricts);
    provenance.push(result.provenance);
    damped = { table: result.table, damping: result.damping, previous: result.provenance.file };
  }
  const lsoaMap = await readLsoaBoundaries(allocation.dataset, headline.vintage);
  provenance.push(...lsoaMap.provenance);
  const wardMap = await readWardBoundaries(allocation.dataset, headline.vintage);
  provenance.push(...(wardMap?.provenance ?? []));
  // The shipped division lookup is of the 2011 LSOAs (the 2019 vintage); a lookup given can be of any.
  const divisions =
    headline.vintage === '2025' && options.lookup === undefined
      ? undefined
      : await divisionTable(allocation, headline.all, options.lookup, io, headline.vintage);
  if (divisions !== undefined) provenance.push(divisions.provenance);
  const { boundaries } = lsoaMap;
  const wardBoundaries = wardMap?.boundaries;
  return {
    allocation,
    area: headline.area,
    dataWords: headline.dataWords,
    ...(headline.vintage ? { vintage: headline.vintage } : {}),
    ...(headline.pack ? { pack: headline.pack } : {}),
    provenance,
    ...(divisions ? { divisions: divisions.table } : {}),
    ...(damped ? { damped } : {}),
    ...(typeof boundaries === 'string' ? { mapsUnavailable: boundaries } : { boundaries }),
    ...(wardBoundaries === undefined ? {} : typeof wardBoundaries === 'string' ? { wardMapUnavailable: wardBoundaries } : { wardBoundaries }),
    profile: profile(allocation.domains, allocation.populations, districtMemberships(allocation.dataset)),
    weights: { weights: effectiveWeights(allocation.domains), sameStory: sameStoryPairs(allocation.domains) },
    ...(scenarios ? { scenarios } : {}),
  };
}

/**
 * Work out a report as `fairshare report` does, for reportContent to lay out. Relative paths are taken
 * from `io.cwd`. Rejects with a Failure whose `error` is the typed error value.
 *
 * @example const model = await reportData({ budget: '12.7m', exclude: ['young-people', 'early-years'] }, io); model.provenance.map((p) => p.file)
 */
export async function reportData(options: ReportOptions, io: AppIo): Promise<ReportModel> {
  return reportRun(planReport(options), io);
}

/**
 * The division table, with its lookup's provenance, when the given (or shipped) division lookup covers the
 * area; else undefined.
 */
async function divisionTable(
  allocation: Allocation,
  all: Dataset,
  file: string | undefined,
  io: AppIo,
  vintage: Vintage | undefined,
): Promise<{ table: LookupTabulation; provenance: InputFile } | undefined> {
  if (file === undefined && all.kind !== 'pack') return undefined;
  const { lookup, provenance } = await loadLookup('division', file, all, io, vintage);
  if (file === undefined && !coveredShares(allocation.dataset, lookup).ok) return undefined;
  return { table: unwrap(tabulateAreas(allocation, lookup)), provenance };
}
