import type { Decimal } from 'decimal.js';
import { type Area, defaultArea, findArea, subset } from '../data/area.js';
import { checkPopulationBase, type PopulationBase } from '../data/populationBase.js';
import type { Dataset } from '../engine/dataset.js';
import { fail, ok, type FairshareError, type Location, type Result } from '../engine/errors.js';
import type { Formula } from '../engine/formula.js';
import { Exact } from '../engine/exact.js';
import { shown } from '../engine/shown.js';
import { MAX_BUDGET, MAX_BUDGET_TEXT, parseAmount } from '../engine/parseAmount.js';
import { parseVintage, type Vintage } from '../data/vintage.js';
import { weigh, type WeightedFormula } from '../engine/weigh.js';
import { GROUP_LEVELS, hasLevel, type GroupLevel } from '../engine/tabulate.js';
import { parseBandEnd, type BandEnd } from '../engine/parseBandEnd.js';
import type { PotSpec, ScenarioEntry, ScenarioFile } from './parseScenarioFile.js';
import { potDataset } from './potDataset.js';
import { lsoaCodeHints } from '../data/lsoaCodeHints.js';
import { replaceFromFile } from '../data/replaceSource.js';
import type { Localities } from '../data/parseLocalities.js';
import { localityLookup } from '../data/localityLookup.js';
import type { Lookup } from '../engine/lookup.js';
import type { Ratio } from '../engine/damp.js';
import { transitionPace, transitionYears } from '../engine/transition.js';
import type { TransitionSpec } from './parseScenarioFile.js';

/**
 * What a scenario's tables add the LSOAs up into: a level of whole LSOAs, or `locality` (the file's
 * `localities:`, each LSOA's pennies shared out by its shares as the ward and division tables are).
 */
export type ScenarioLevel = GroupLevel | 'locality';

/** One budget with its formula variant. A scenario without pots has one pot named after it. */
export interface PotPlan {
  readonly name: string;
  readonly description?: string;
  readonly budget: Decimal;
  readonly formula: WeightedFormula;
  readonly population: PopulationBase;
  /**
   * What the pot is shared over: its scenario's LSOAs, with the columns of the pot's own `data:` when it
   * names one (see potDataset), else its scenario's dataset itself.
   */
  readonly dataset: Dataset;
  /** Where its data came from, in words: its own `data:` file's, else its scenario's. */
  readonly dataWords: string;
  /** The pot's own `data:` and `formula:` as written, when it names them (else it uses its scenario's). */
  readonly data?: string;
  readonly formulaRef?: string;
}

/**
 * A scenario's damping (`previous:`, `floor:`, `ceiling:`): its district (or former-district) table is
 * damped against the previous allocation as `allocate --previous --floor --ceiling` damps it.
 */
export interface DampingPlan {
  /** The `previous:` file as written (relative to the scenario file), for messages and the outputs. */
  readonly previous: string;
  /** The previous allocation's text (a workbook already read as CSV). */
  readonly text: string;
  readonly floor?: Decimal;
  readonly ceiling?: Decimal;
  /** Where each setting is written, for messages about it found when the scenario runs. */
  readonly at: { readonly previous: Location; readonly floor?: Location; readonly ceiling?: Location };
}

/** What planScenarios is given besides the loaded data. */
export interface PlanOptions {
  /**
   * The text of a previous allocation named by `previous:` (as written), already read; needed when a scenario
   * is damped.
   */
  readonly previous?: (file: string) => string;
  /** A file named by `replace:` (as written), already read: its text (a workbook as CSV) and SHA-256. */
  readonly replacement?: (file: string) => { readonly text: string; readonly sha256: string };
  /** The file's `localities:`, already read and checked on its own; needed when the defaults name one. */
  readonly localities?: Localities;
}

/** One `replace:` setting in force for a scenario: the source, the file, and where it is written. */
export interface ReplaceEntry {
  readonly source: string;
  readonly file: string;
  readonly path: readonly string[];
}

/**
 * The replacements in force for a scenario: the defaults' `replace:`, then its own (its own wins for a
 * source both name), in the order written.
 */
export function replacementsOf(file: ScenarioFile, entry: ScenarioEntry): ReplaceEntry[] {
  const entries = new Map<string, ReplaceEntry>();
  for (const [source, named] of file.defaults.replace ?? []) entries.set(source, { source, file: named, path: ['defaults', 'replace', source] });
  for (const [source, named] of entry.spec.replace ?? []) entries.set(source, { source, file: named, path: [...entry.path, 'replace', source] });
  return [...entries.values()];
}

/** A scenario with every setting resolved: area, data, formula weights, budgets, population base. */
export interface ScenarioPlan {
  readonly name: string;
  readonly description?: string;
  /** The `data:` reference as written (undefined = the shipped pack). */
  readonly data: string | undefined;
  /** The `formula:` reference as written (undefined = the default). */
  readonly formulaRef: string | undefined;
  /** The vintage of the shipped data (undefined with a `data:` file). */
  readonly vintage: Vintage | undefined;
  /** Where the data came from, in words. */
  readonly dataWords: string;
  readonly area: Area;
  /** The area's part of the data. */
  readonly dataset: Dataset;
  /** The scenario's population base: its pots' default, and the base of the summed table. */
  readonly population: PopulationBase;
  /** True when the file gave `pots:`; then the scenario's table is the sum of the pots. */
  readonly pooled: boolean;
  readonly pots: readonly PotPlan[];
  /** The scenario's whole budget (the sum of its pots). */
  readonly budget: Decimal;
  /**
   * What its tables add the LSOAs up into: the file's `level:` (default `district`, or `locality` with
   * `localities:`), the same for every scenario.
   */
  readonly level: ScenarioLevel;
  /** At the `locality` level: the localities as a share lookup over the scenario's LSOAs. */
  readonly localities?: Lookup;
  /**
   * Present when the scenario's table is damped against a previous allocation; with `transition`, that
   * allocation and the band are the transition's, year by year.
   */
  readonly damping?: DampingPlan;
  /** Present when the scenario moves from its previous allocation over several years (`transition:`). */
  readonly transition?: TransitionPlan;
}

/**
 * A scenario's multi-year transition (`transition:`), as `fairshare transition`: from its `previous:`
 * allocation, within its `floor:` and `ceiling:` each year. Its table and its rows of the comparison are
 * year 1's.
 */
export interface TransitionPlan {
  readonly years: number;
  /** The share of the remaining gap each year closes, exactly (default 1/years). */
  readonly pace: Ratio;
  /** Each year's budget: `budgets:`, else the scenario's budget every year. */
  readonly budgets: readonly Decimal[];
}

/** A loaded dataset and formula for a (data, formula) pair of references. */
export interface LoadedRefs {
  readonly dataset: Dataset;
  readonly formula: Formula;
  readonly dataWords: string;
  readonly vintage?: Vintage;
}

/** What a scenario loads its data by: the `data:` and `formula:` references and the vintage, as written. */
export interface DataRefs {
  readonly data: string | undefined;
  readonly formula: string | undefined;
  readonly vintage: Vintage | undefined;
}

/**
 * The data, formula and vintage a scenario names (its own, else the file's defaults). A `vintage:` that is
 * not one of {@link VINTAGES} is a data failure at its line.
 */
export function dataRefs(file: ScenarioFile, entry: ScenarioEntry): Result<DataRefs> {
  const { spec, path } = entry;
  const written = spec.vintage ?? file.defaults.vintage;
  const parsed = written === undefined ? undefined : parseVintage(written);
  if (parsed !== undefined && !parsed.ok) {
    const at = spec.vintage !== undefined ? [...path, 'vintage'] : ['defaults', 'vintage'];
    return { ok: false, error: { ...parsed.error, kind: 'data', location: file.locate(at) } };
  }
  return ok({ data: spec.data ?? file.defaults.data, formula: spec.formula ?? file.defaults.formula, vintage: parsed?.value });
}

/**
 * The data, formula and vintage a pot is shared by: its own `data:` and `formula:`, else its scenario's
 * (see {@link dataRefs}); the vintage is always its scenario's.
 */
export function potDataRefs(file: ScenarioFile, entry: ScenarioEntry, pot: string): Result<DataRefs> {
  const refs = dataRefs(file, entry);
  if (!refs.ok) return refs;
  const spec = entry.spec.pots?.get(pot);
  return ok({ ...refs.value, data: spec?.data ?? refs.value.data, formula: spec?.formula ?? refs.value.formula });
}

/**
 * The previous allocation a scenario is damped against (its own `previous:`, else the defaults'), and the key
 * path where it is written.
 */
export function previousOf(file: ScenarioFile, entry: ScenarioEntry): { file: string; path: readonly string[] } | undefined {
  if (entry.spec.previous !== undefined) return { file: entry.spec.previous, path: [...entry.path, 'previous'] };
  if (file.defaults.previous !== undefined) return { file: file.defaults.previous, path: ['defaults', 'previous'] };
  return undefined;
}

/**
 * Resolve every scenario of a file against loaded inputs: defaults first, then the scenario's own
 * settings, then each pot's. Pure: `load` returns data already read for a (data, formula) pair.
 * Every problem names the scenario and the line of the setting in the file.
 */
export function planScenarios(file: ScenarioFile, load: (refs: DataRefs) => LoadedRefs, options: PlanOptions = {}): Result<ScenarioPlan[]> {
  const plans: ScenarioPlan[] = [];
  for (const entry of file.scenarios) {
    const plan = planScenario(file, entry, load, options);
    if (!plan.ok) return plan;
    plans.push(plan.value);
  }
  return ok(plans);
}

function planScenario(
  file: ScenarioFile,
  { name, spec, path: at }: ScenarioEntry,
  load: (refs: DataRefs) => LoadedRefs,
  options: PlanOptions,
): Result<ScenarioPlan> {
  const { defaults, locate } = file;
  const where = (key: string): Location => (key in spec ? locate([...at, key]) : key in defaults ? locate(['defaults', key]) : locate(at));
  const context = (error: FairshareError, location: Location): Result<never> => ({
    ok: false,
    error: { ...error, kind: 'data', message: `scenario "${name}": ${error.message}`, location },
  });

  if (spec.localities !== undefined) {
    return fail('data', 'localities-in-scenario', `scenario "${name}" has its own localities:, which is set once for the whole file`, {
      hint: 'Move localities: under defaults:, so that every scenario has the same rows to compare',
      location: locate([...at, 'localities']),
    });
  }
  const refs = dataRefs(file, { name, spec, path: at });
  if (!refs.ok) return refs;
  const { data, formula: formulaRef, vintage } = refs.value;
  const loaded = load(refs.value);
  const areaName = spec.area ?? defaults.area;
  const area = findArea(loaded.dataset, areaName ?? defaultArea(loaded.dataset));
  if (!area.ok) return context(area.error, where('area'));
  const population = spec.population ?? defaults.population ?? 'total';
  const dataset = subset(loaded.dataset, area.value);
  const level = planLevel(file, dataset, data === undefined ? (loaded.vintage ?? vintage) : undefined);
  if (!level.ok) return context(level.error, level.error.location ?? locate(['defaults', 'level']));
  const localities = level.value === 'locality' ? planLocalities(options, loaded.dataset, dataset, area.value.name) : ok(undefined);
  // A problem in the localities file keeps its own line; one of the file as a whole is at localities:.
  if (!localities.ok)
    return context(localities.error, localities.error.location?.line === undefined ? locate(['defaults', 'localities']) : localities.error.location);
  const damping = planDamping(file, { name, spec, path: at }, level.value, where, options);
  if (!damping.ok) return context(damping.error, damping.error.location ?? locate(at));
  const transition = planTransition(file, { name, spec, path: at }, damping.value);
  if (!transition.ok) return context(transition.error, transition.error.location ?? locate(at));
  // The officer's figures for sources of the formula (`replace:`), on the scenario's LSOAs.
  const replacements = replacementsOf(file, { name, spec, path: at });
  const withOwn = (data: PotData): Result<PotData> =>
    replaceSources(replacements, data, loaded.dataset, vintage ?? loaded.vintage, area.value.name, file, options);
  // What a pot without data: or formula: of its own is shared by: its scenario's.
  const base: PotData = { dataset, formula: loaded.formula, dataWords: loaded.dataWords };
  const replacedShared = withOwn(base);
  if (!replacedShared.ok) return context(replacedShared.error, replacedShared.error.location ?? locate(at));
  const shared: PotData = replacedShared.value;

  const pots: PotPlan[] = [];
  if (spec.pots !== undefined) {
    if (spec.budget !== undefined) {
      return fail('data', 'budget-and-pots', `scenario "${name}" has both a budget and pots`, {
        hint: 'A scenario with pots takes its budget from them: remove its budget: line',
        location: locate([...at, 'budget']),
      });
    }
    // Pots have their own exclude and weights; a scenario's own would be silently ignored.
    for (const key of ['weights', 'exclude'] as const) {
      if (spec[key] !== undefined) {
        return fail('data', `${key}-and-pots`, `scenario "${name}" has pots and its own ${key}, which the pots would not use`, {
          hint: `Give each pot its own ${key}: line, under the pot's name`,
          location: locate([...at, key]),
        });
      }
    }
    if (spec.pots.size === 0) {
      return fail('data', 'no-pots', `scenario "${name}" has an empty pots: section`, {
        hint: 'Give each pot a name and a budget',
        location: locate([...at, 'pots']),
      });
    }
    for (const [potName, pot] of spec.pots) {
      const own = potData(file, { name, spec, path: at }, potName, pot, { base, shared }, load, withOwn);
      if (!own.ok) return context({ ...own.error, message: `pot "${potName}": ${own.error.message}` }, own.error.location ?? locate(at));
      const planned = planPot(potName, pot, own.value, population, [...at, 'pots', potName], locate);
      if (!planned.ok) {
        const error = { ...planned.error, message: `pot "${potName}": ${planned.error.message}` };
        return context(error, planned.error.location ?? locate(at));
      }
      pots.push(planned.value);
    }
  } else {
    // A transition's budgets: give year 1's (already checked); a scenario's own budget: is refused with them.
    const budgetText = transition.value?.budgets?.[0]?.toFixed() ?? spec.budget ?? defaults.budget;
    if (budgetText === undefined) {
      return fail('data', 'no-budget', `scenario "${name}" has no budget`, {
        hint: 'Give it a budget: line, or set one for every scenario under defaults:',
        location: locate(at),
      });
    }
    const potSpec: PotSpec = { budget: budgetText, ...(spec.exclude ? { exclude: spec.exclude } : {}), ...(spec.weights ? { weights: spec.weights } : {}) };
    const planned = planPot(name, potSpec, shared, population, at, (path) => (path.at(-1) === 'budget' ? where('budget') : locate(path)));
    if (!planned.ok) return context(planned.error, planned.error.location ?? locate(at));
    pots.push(planned.value);
  }
  // Each pot's population base must be in the data, found here to point at its line (not at run time).
  for (const pot of pots) {
    const own = pot.data !== undefined && pot.data !== data;
    const base = checkPopulationBase(own ? pot.dataset : loaded.dataset, pot.population, data === undefined && !own ? (loaded.vintage ?? vintage) : undefined, {
      vintageSetting: 'vintage:',
    });
    if (base.ok) continue;
    const potPath = spec.pots !== undefined ? [...at, 'pots', pot.name] : at;
    const written = spec.pots?.get(pot.name)?.population !== undefined ? locate([...potPath, 'population']) : where('population');
    return context(spec.pots === undefined ? base.error : { ...base.error, message: `pot "${pot.name}": ${base.error.message}` }, written);
  }
  const budget = pots.reduce((sum, p) => sum.plus(p.budget), new Exact(0));
  if (transition.value !== undefined && spec.pots !== undefined) {
    const clash = [...spec.pots.keys()].find((pot) => /^(path|year-\d+)$/i.test(pot));
    if (clash !== undefined) {
      return fail('data', 'reserved-name', `scenario "${name}": pot name "${clash}" is used by the transition's own files`, {
        hint: 'Choose another name ("path" and "year-1", "year-2", … cannot be pot names in a scenario with a transition:)',
        location: locate([...at, 'pots', clash]),
      });
    }
  }
  if (budget.greaterThan(MAX_BUDGET)) {
    return fail(
      'data',
      'bad-budget',
      `scenario "${name}": its pots add up to £${budget.toFixed(2)}, more than ${MAX_BUDGET_TEXT}, the largest budget fairshare shares`,
      {
        hint: "Check the pots' budgets and their units (k thousands, m millions, bn billions)",
        location: locate([...at, 'pots']),
      },
    );
  }
  return ok({
    name,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    data,
    formulaRef,
    vintage: data === undefined ? (loaded.vintage ?? vintage) : undefined,
    dataWords: shared.dataWords,
    area: area.value,
    dataset,
    population,
    pooled: spec.pots !== undefined,
    pots,
    budget,
    level: level.value,
    ...(transition.value === undefined
      ? {}
      : { transition: { ...transition.value, budgets: transition.value.budgets ?? Array.from({ length: transition.value.years }, () => budget) } }),
    ...(localities.value === undefined ? {} : { localities: localities.value }),
    ...(damping.value === undefined ? {} : { damping: damping.value }),
  });
}

/**
 * What a pot is shared by: the dataset (its scenario's LSOAs), the formula and the words for where the data
 * came from.
 */
interface PotData {
  readonly dataset: Dataset;
  readonly formula: Formula;
  readonly dataWords: string;
  readonly data?: string;
  readonly formulaRef?: string;
}

/**
 * A pot's own data and formula when it names them (`data:`, `formula:`), else its scenario's. A pot's own
 * data must cover its scenario's LSOAs (see potDataset); a failure points at the pot's `data:` line.
 */
function potData(
  file: ScenarioFile,
  entry: ScenarioEntry,
  pot: string,
  spec: PotSpec,
  scenario: { readonly base: PotData; readonly shared: PotData },
  load: (refs: DataRefs) => LoadedRefs,
  replace: (data: PotData) => Result<PotData>,
): Result<PotData> {
  const { base: shared } = scenario;
  if (spec.data === undefined && spec.formula === undefined) return ok(scenario.shared);
  const refs = potDataRefs(file, entry, pot);
  if (!refs.ok) return refs;
  const loaded = load(refs.value);
  const scenarioData = dataRefs(file, entry);
  const sameData = scenarioData.ok && scenarioData.value.data === refs.value.data;
  let dataset = shared.dataset;
  if (!sameData) {
    const aligned = potDataset(shared.dataset, loaded.dataset);
    if (!aligned.ok) return { ok: false, error: { ...aligned.error, location: file.locate([...entry.path, 'pots', pot, 'data']) } };
    dataset = aligned.value;
  }
  return replace({
    dataset,
    formula: loaded.formula,
    dataWords: sameData ? shared.dataWords : loaded.dataWords,
    ...(spec.data === undefined ? {} : { data: spec.data }),
    ...(spec.formula === undefined ? {} : { formulaRef: spec.formula }),
  });
}

/**
 * A scenario's (or a pot's) data and formula with the `replace:` files' figures in place of the sources
 * they name, on its LSOAs (`data.dataset`); rows for other LSOAs of `all` are ignored. A source the
 * formula does not have, or a problem in a file, is a data failure: at the `replace:` line, or at the
 * file's own line and column.
 */
function replaceSources(
  entries: readonly ReplaceEntry[],
  data: PotData,
  all: Dataset,
  vintage: Vintage | undefined,
  areaName: string,
  file: ScenarioFile,
  options: PlanOptions,
): Result<PotData> {
  if (entries.length === 0) return ok(data);
  let { dataset, formula } = data;
  const described: string[] = [];
  const context = { known: new Set(all.units.map((u) => u.code)), codes: lsoaCodeHints(all, vintage, []), areaName };
  for (const entry of entries) {
    const read = options.replacement?.(entry.file);
    if (read === undefined)
      return fail('data', 'replacement-not-read', `the replace: file ${shown(entry.file)} was not read`, { location: file.locate(entry.path) });
    const replaced = replaceFromFile(dataset, formula, { source: entry.source, file: entry.file, ...read }, context);
    if (!replaced.ok) {
      // A source the formula lacks is the scenario file's mistake, at its replace: line; a problem inside
      // the file keeps its own line.
      if (replaced.error.kind !== 'usage') return replaced;
      const message = replaced.error.message.replace('--replace names', 'replace: names');
      return { ok: false, error: { ...replaced.error, kind: 'data', message, location: file.locate(entry.path) } };
    }
    ({ dataset, formula } = replaced.value);
    described.push(replaced.value.described);
  }
  return ok({ ...data, dataset, formula, dataWords: [data.dataWords, ...described].join('; ') });
}

/**
 * A scenario's `transition:` (its own, else the defaults'), checked: it needs a previous allocation to move
 * from; `years:` a whole number from 1 to 10, `pace:` above 0% and at most 100% (default 100% ÷ years);
 * `budgets:`, when given, one a year, and not with the scenario's own `budget:` (budgets: gives year 1's)
 * or with pots (whose budgets hold every year). Each failure at the line of its setting. Undefined when
 * the scenario has no transition.
 */
function planTransition(
  file: ScenarioFile,
  entry: ScenarioEntry,
  damping: DampingPlan | undefined,
): Result<{ years: number; pace: Ratio; budgets?: Decimal[] } | undefined> {
  const own = entry.spec.transition;
  const setting: TransitionSpec | undefined = own ?? file.defaults.transition;
  if (setting === undefined) return ok(undefined);
  const path = own === undefined ? ['defaults', 'transition'] : [...entry.path, 'transition'];
  const at = (key?: string | number, index?: number): Location =>
    file.locate([...path, ...(key === undefined ? [] : [key]), ...(index === undefined ? [] : [index])]);
  if (damping === undefined) {
    return fail('data', 'transition-without-previous', 'transition: moves from a previous allocation, but the scenario has no previous:', {
      hint: "Add previous: FILE (last year's allocate output, CSV or XLSX, relative to the scenario file) to the scenario or under defaults:",
      location: at(),
    });
  }
  const years = transitionYears(setting.years, 'years:');
  if (!years.ok) return { ok: false, error: { ...years.error, location: at('years') } };
  const pace = transitionPace(setting.pace, years.value, 'pace:');
  if (!pace.ok) return { ok: false, error: { ...pace.error, location: at('pace') } };
  const { budgets } = setting;
  if (budgets === undefined) return ok({ years: years.value, pace: pace.value });
  if (entry.spec.pots !== undefined) {
    return fail('data', 'budget-and-pots', 'the scenario has pots and transition budgets:', {
      hint: "A scenario with pots shares its pots' budgets every year: remove budgets:, or give the scenario one budget a year without pots",
      location: at('budgets'),
    });
  }
  if (entry.spec.budget !== undefined) {
    return fail('data', 'budget-and-budgets', 'the scenario has both budget: and transition budgets:', {
      hint: "budgets: gives every year's budget, year 1's first: remove budget:",
      location: file.locate([...entry.path, 'budget']),
    });
  }
  if (budgets.length !== years.value) {
    return fail('data', 'budgets-not-years', `${budgets.length} budgets for ${years.value} years`, {
      hint: "Give one budget a year, like budgets: [12.7m, 13m, 13.4m], or leave budgets: out to use the scenario's budget every year",
      location: at('budgets'),
    });
  }
  const amounts: Decimal[] = [];
  for (const [i, text] of budgets.entries()) {
    const amount = parseAmount(text);
    if (!amount.ok) return { ok: false, error: { ...amount.error, kind: 'data', location: at('budgets', i) } };
    amounts.push(amount.value);
  }
  return ok({ years: years.value, pace: pace.value, budgets: amounts });
}

/**
 * The levels a scenario's table can be damped at: districts, and former districts (keyed by their 2019
 * codes).
 */
const DAMPING_LEVELS: readonly GroupLevel[] = ['district', 'former-district'];

/**
 * A scenario's damping, from its own `previous:`, `floor:` and `ceiling:` or the defaults': checked as
 * `allocate` checks `--previous`, `--floor` and `--ceiling` (a band needs a previous allocation, which
 * needs the district or former-district level; floor and ceiling are signed percentages, the floor not
 * above the ceiling), each failure at the line of its setting. Undefined when the scenario is not damped.
 */
function planDamping(
  file: ScenarioFile,
  entry: ScenarioEntry,
  level: ScenarioLevel,
  where: (key: string) => Location,
  options: PlanOptions,
): Result<DampingPlan | undefined> {
  const { spec } = entry;
  const text = { floor: spec.floor ?? file.defaults.floor, ceiling: spec.ceiling ?? file.defaults.ceiling };
  const previous = previousOf(file, entry);
  if (previous === undefined) {
    const given = (['floor', 'ceiling'] as const).find((end) => text[end] !== undefined);
    if (given === undefined) return ok(undefined);
    const fromDefaults = spec[given] === undefined;
    return fail(
      'data',
      'band-without-previous',
      `${given}: ${shown(text[given] ?? '')}${fromDefaults ? ' (under defaults:)' : ''} limits the change against a previous allocation, but the scenario has no previous:`,
      {
        hint: fromDefaults
          ? 'Give every scenario a previous: line, or set previous: under defaults:, or move the band into the scenarios that have one'
          : "Add previous: FILE (last year's allocate output, CSV or XLSX, relative to the scenario file) to the scenario or under defaults:",
        location: where(given),
      },
    );
  }
  const at = file.locate(previous.path);
  if (!(DAMPING_LEVELS as readonly ScenarioLevel[]).includes(level)) {
    return fail('data', 'previous-needs-district', `previous: damps district or former-district tables, not ${level.replace(/-/g, ' ')} tables`, {
      hint: 'Set level: district (the default) or former-district under defaults:, or remove previous:',
      location: at,
    });
  }
  const band: { floor?: Decimal; ceiling?: Decimal } = {};
  const locations: { floor?: Location; ceiling?: Location } = {};
  for (const end of ['floor', 'ceiling'] as const satisfies readonly BandEnd[]) {
    const written = text[end];
    if (written === undefined) continue;
    const parsed = parseBandEnd(written, end, `${end}:`);
    if (!parsed.ok) return { ok: false, error: { ...parsed.error, location: where(end) } };
    band[end] = parsed.value;
    locations[end] = where(end);
  }
  if (band.floor !== undefined && band.ceiling !== undefined && band.floor.gt(band.ceiling)) {
    return fail('data', 'floor-above-ceiling', `floor: ${shown(text.floor ?? '')} is above ceiling: ${shown(text.ceiling ?? '')}`, {
      hint: 'Give a floor at or below the ceiling, like floor: -5% and ceiling: +5%',
      location: where('floor'),
    });
  }
  const read = options.previous;
  if (read === undefined) throw new Error(`planScenarios: scenario "${entry.name}" is damped against ${previous.file}, but no previous allocation was read`);
  return ok({ previous: previous.file, text: read(previous.file), ...band, at: { previous: at, ...locations } });
}

/**
 * The file's `level:` (default `district`, or `locality` when the defaults name `localities:`), checked
 * against a scenario's data: one of the levels made of whole LSOAs, and one the data has; or `locality`,
 * which needs `localities:` (and `localities:` needs it).
 */
function planLevel(file: ScenarioFile, dataset: Dataset, vintage: Vintage | undefined): Result<ScenarioLevel> {
  const { localities } = file.defaults;
  const text = file.defaults.level ?? (localities === undefined ? 'district' : 'locality');
  const written = text.trim().toLowerCase();
  if (written === 'locality') {
    if (localities !== undefined) return ok('locality');
    return fail('data', 'missing-option', 'level: locality needs a localities file', {
      hint: 'Add localities: FILE under defaults: (CSV or XLSX: lsoa_code or ward_code, and locality), relative to the scenario file',
    });
  }
  const level = GROUP_LEVELS.find((l) => l === written);
  if (level === undefined) {
    return fail('data', 'bad-level', `unknown level "${shown(text)}"`, {
      hint: `Use one of: ${GROUP_LEVELS.join(', ')} (scenario tables add up whole LSOAs), or locality with localities:`,
    });
  }
  if (localities !== undefined) {
    return fail('data', 'lookup-without-level', `localities: gives every table by locality, not by ${level.replace(/-/g, ' ')}`, {
      hint: 'Remove level: (or write level: locality), or remove localities:',
    });
  }
  if (hasLevel(dataset, level)) return ok(level);
  const what = vintage === undefined ? 'its data file has' : `the ${vintage} vintage has`;
  return fail('data', 'level-not-in-data', `${what} no ${level === 'ward' ? 'wards made of whole LSOAs' : level.replace(/-/g, ' ') + ' areas'}`, {
    hint: vintage === '2019' ? 'Use the 2025 vintage for regions and wards, or another level' : 'Use the shipped data (no data:) or another level',
  });
}

/**
 * The file's localities as a share lookup over a scenario's LSOAs (see localityLookup): its codes must be
 * in the data and in the scenario's area, and cover every LSOA of it.
 */
function planLocalities(options: PlanOptions, all: Dataset, dataset: Dataset, areaName: string): Result<Lookup> {
  const { localities } = options;
  if (localities === undefined) throw new Error('planScenarios: the file names localities:, but they were not read');
  const lookup = localityLookup(localities, all, dataset, areaName);
  // The area is the scenario file's area:, not the command line's --area.
  return lookup.ok || lookup.error.hint === undefined ? lookup : { ok: false, error: { ...lookup.error, hint: lookup.error.hint.replace('--area', 'area:') } };
}

function planPot(
  name: string,
  spec: PotSpec,
  shared: PotData,
  population: PopulationBase,
  at: readonly (string | number)[],
  locate: (path: readonly (string | number)[]) => Location,
): Result<PotPlan> {
  const budget = parseAmount(spec.budget);
  if (!budget.ok) return { ok: false, error: { ...budget.error, location: locate([...at, 'budget']) } };
  const exclude =
    typeof spec.exclude === 'string'
      ? spec.exclude
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : (spec.exclude ?? []);
  const weights = spec.weights ?? new Map<string, string>();
  const weighted = weigh(shared.formula, { exclude, weights, labels: { exclude: 'exclude', weight: 'weights' } });
  if (!weighted.ok) {
    const key = weightsProblem(weighted.error, spec) ? 'weights' : 'exclude';
    return { ok: false, error: { ...weighted.error, location: locate([...at, key]) } };
  }
  return ok({
    name,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    budget: budget.value,
    formula: weighted.value,
    population: spec.population ?? population,
    dataset: shared.dataset,
    dataWords: shared.dataWords,
    ...(shared.data === undefined ? {} : { data: shared.data }),
    ...(shared.formulaRef === undefined ? {} : { formulaRef: shared.formulaRef }),
  });
}

/** Whether a weigh() problem is in the weights (else in exclude): so the message points at the right line. */
function weightsProblem(error: FairshareError, spec: PotSpec): boolean {
  switch (error.code) {
    case 'bad-weight':
    case 'conflicting-weight':
      return true;
    case 'unknown-domain':
      return error.message.includes(' in weights');
    default:
      return spec.exclude === undefined && spec.weights !== undefined;
  }
}
