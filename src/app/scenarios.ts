/**
 * The scenarios use case: read a scenario file, load every file it names, plan and run every scenario and
 * compare each with the baseline. `readScenarios` reads and checks the scenario file alone and lists the
 * files it names, before any of them is read (so the CLI can refuse an output that would overwrite one);
 * `scenariosRun` loads, plans and runs them, giving the engine's own results for the CLI to render and
 * write (writing the folder stays in src/cli/outputDir.ts); `checkScenarios` says what a run would run;
 * `scenarios` gives plain data for scripts, money as strings with 2 decimals, exact.
 */
import { basename, dirname, resolve } from 'node:path';
import type { Area } from '../data/area.js';
import { decodeText } from '../data/decodeText.js';
import type { PackMeta } from '../data/packFormat.js';
import { populationField } from '../data/populationBase.js';
import type { Vintage } from '../data/vintage.js';
import { compare, type ComparisonRow } from '../scenario/compare.js';
import { EXAMPLE_SCENARIO_FILE } from '../scenario/exampleScenarioFile.js';
import type { ScenarioFile } from '../scenario/parseScenarioFile.js';
import {
  dataRefs,
  planScenarios,
  potDataRefs,
  previousOf,
  replacementsOf,
  type DataRefs,
  type ScenarioLevel,
  type ScenarioPlan,
} from '../scenario/planScenarios.js';
import { runScenarios, type ScenarioResult } from '../scenario/runScenarios.js';
import type { AllocationRow } from './allocate.js';
import type { AppIo } from './context.js';
import { Failure, unwrap } from './failure.js';
import type { InputRef } from './inputRef.js';
import { formulaPath, loadData, readLocalities, readSource, userTable, type LoadedData } from './inputs.js';
import { plainDamping, plainRows, type PlainDamping } from './plainRows.js';
import { vintageOf } from './runFormula.js';
import { inputFile, type InputFile } from '../data/inputFile.js';
import { packLicence } from '../data/packFormat.js';
import { plainTransitionYears, type TransitionResult } from './transition.js';
import { paceText } from '../engine/transition.js';
import { poundsPlain } from '../engine/money.js';

/**
 * A scenario file already read: its text, and the folder its paths (`data:`, `formula:`, `previous:`,
 * `replace:`) are taken from.
 */
export interface ScenarioText {
  /** The YAML or JSON text. */
  readonly text: string;
  /** The folder its relative paths are taken from, itself relative to `io.cwd`; default `io.cwd`. */
  readonly folder?: string;
  /** Its name, for messages and the provenance; default `scenarios.yaml`. */
  readonly name?: string;
}

/**
 * What a scenario run is given: the file, and the settings of the command line for what the file does not
 * say.
 */
export interface ScenariosOptions {
  /** The scenario file (YAML or JSON): its path (relative to `io.cwd`), or its text already read. */
  readonly file: string | ScenarioText;
  /**
   * The vintage (`'2025'` or `'2019'`) of the scenarios for which neither they nor the file's defaults say
   * one.
   */
  readonly vintage?: string;
  /**
   * The tables' level when the file's defaults say none: `district` (default), `former-district`, `county`,
   * `region` or `ward`.
   */
  readonly level?: string;
}

/** A scenario file read and checked against the schema, with every file the run will read. */
export interface ScenarioSource {
  readonly parsed: ScenarioFile;
  readonly provenance: InputFile;
  /**
   * The scenario file and every data and formula file it names, for the promise that no output overwrites
   * one.
   */
  readonly inputs: readonly InputRef[];
  /** The level of the options, when it is what sets the tables' level (the file's defaults say none). */
  readonly levelOption?: string;
  /** The folder the file's paths are taken from. */
  readonly baseDir: string;
  /** The file as messages name it: the path as given, or the text's name. */
  readonly shown: string;
}

/**
 * A scenario file run: every scenario's plan and result, the comparison with the baseline, and every input.
 */
export interface ScenariosRun {
  readonly parsed: ScenarioFile;
  readonly baseline: string;
  /** The file's description, else `Scenarios from <file name>`. */
  readonly title: string;
  readonly plans: readonly ScenarioPlan[];
  readonly results: readonly ScenarioResult[];
  readonly comparison: readonly ComparisonRow[];
  /** The scenario file, then every file it read, each once, with its SHA-256. */
  readonly provenance: readonly InputFile[];
  /**
   * What each shipped pack used says of itself, in the order first used (none when every scenario has a
   * `data:` file).
   */
  readonly packs: readonly PackMeta[];
  /**
   * The shipped pack each scenario's data came from, by scenario name; absent for a scenario with a `data:`
   * file.
   */
  readonly scenarioPacks: ReadonlyMap<string, PackMeta>;
  /** The licence of the shipped data used, from the packs' own metadata; absent when no pack was used. */
  readonly licence?: string;
}

/**
 * Read and check a scenario file, and list the files it names (before any of them is read). `vintage` is
 * the vintage of scenarios for which neither they nor the file's defaults say one, and `level` the tables'
 * level when the file's defaults say none. Throws Failure.
 *
 * @example const source = await readScenarios({ file: 'examples/directorates-2013.yaml' }, io); source.inputs // => [{ shown: 'examples/directorates-2013.yaml', path: '…' }]
 */
export async function readScenarios(options: ScenariosOptions, io: AppIo): Promise<ScenarioSource> {
  const vintage: Vintage | undefined = vintageOf(options.vintage);
  const { level } = options;
  const file = await scenarioText(options.file, io);
  // The YAML parser and the schema (yaml, zod) load only when a scenario file is read, not at every start-up.
  const { parseScenarioFile } = await import('../scenario/parseScenarioFile.js');
  const read = unwrap(parseScenarioFile(file.text, file.shown));
  const defaults = {
    ...read.defaults,
    ...(vintage === undefined || read.defaults.vintage !== undefined ? {} : { vintage }),
    ...(level === undefined || read.defaults.level !== undefined ? {} : { level }),
  };
  const parsed = { ...read, defaults };
  const { baseDir } = file;
  const inputs: InputRef[] = file.path === undefined ? [] : [{ shown: file.shown, path: file.path }];
  const pots = parsed.scenarios.flatMap((s) => [...(s.spec.pots?.values() ?? [])]);
  for (const spec of [parsed.defaults, ...parsed.scenarios.map((s) => s.spec), ...pots]) {
    if (spec.data !== undefined) inputs.push({ shown: spec.data, path: resolve(baseDir, spec.data) });
    if (spec.formula !== undefined) inputs.push({ shown: spec.formula, path: formulaPath(spec.formula, baseDir) });
    if ('previous' in spec && spec.previous !== undefined) inputs.push({ shown: spec.previous, path: resolve(baseDir, spec.previous) });
    if ('replace' in spec) for (const named of spec.replace?.values() ?? []) inputs.push({ shown: named, path: resolve(baseDir, named) });
    if ('localities' in spec && spec.localities !== undefined) inputs.push({ shown: spec.localities, path: resolve(baseDir, spec.localities) });
  }
  const levelOption = level !== undefined && read.defaults.level === undefined ? level : undefined;
  return { parsed, provenance: file.provenance, inputs, baseDir, shown: file.shown, ...(levelOption === undefined ? {} : { levelOption }) };
}

/**
 * The scenario file's text, where its paths are taken from, and its provenance: read from its path, or as
 * given. Throws Failure.
 */
async function scenarioText(
  file: ScenariosOptions['file'],
  io: AppIo,
): Promise<{ text: string; shown: string; baseDir: string; provenance: InputFile; path?: string }> {
  if (typeof file === 'string') {
    const path = resolve(io.cwd, file);
    const source = unwrap(await readSource(path, 'scenario file', file));
    return { text: decodeText(source.bytes), shown: file, baseDir: dirname(path), provenance: source.provenance, path };
  }
  const shown = file.name ?? 'scenarios.yaml';
  return { text: file.text, shown, baseDir: resolve(io.cwd, file.folder ?? '.'), provenance: inputFile('scenario file', basename(shown), file.text) };
}

/**
 * Load every file a read scenario file names (each once), plan every scenario and run it, and compare
 * each with the baseline. Throws Failure on the first problem, a file that cannot be read at the line
 * of the scenario file that names it.
 */
export async function scenariosRun(source: ScenarioSource, io: AppIo): Promise<ScenariosRun> {
  const { parsed, provenance: read, levelOption, baseDir } = source;
  const provenance: InputFile[] = [read];
  const loaded = new Map<string, LoadedData>();
  const keyOf = (refs: DataRefs): string => JSON.stringify([refs.data, refs.formula, refs.vintage]);
  // Once per file: two files of the same name (in two folders) are both recorded, by their SHA-256.
  const record = (p: InputFile): void => {
    if (!provenance.some((q) => q.file === p.file && q.role === p.role && q.sha256 === p.sha256)) provenance.push(p);
  };
  // A file a scenario file names that cannot be read: point at the line that names it, and say where paths
  // are taken from.
  const atSetting = (error: unknown, path: readonly string[]): never => {
    if (!(error instanceof Failure) || error.error.location) throw error;
    throw new Failure({
      ...error.error,
      location: parsed.locate(path),
      hint: `${error.error.hint ?? ''}${error.error.hint ? '; p' : 'P'}aths in a scenario file are taken from its folder, ${baseDir}`,
    });
  };
  // Each (data, formula, vintage) a scenario or a pot names, loaded once. `owner` is where its data: and
  // formula: would be written.
  const loadRefs = async (refs: DataRefs, owner: (named: 'data' | 'formula') => readonly string[]): Promise<void> => {
    const key = keyOf(refs);
    if (loaded.has(key)) return;
    const inputs = await loadData(refs.data, refs.formula, baseDir, io, refs.vintage).catch((error: unknown) => {
      const named = error instanceof Failure && error.error.message.startsWith('cannot read formula') ? 'formula' : 'data';
      return atSetting(error, [...owner(named), named]);
    });
    loaded.set(key, inputs);
    for (const p of inputs.provenance) record(p);
  };
  const previous = new Map<string, string>();
  const replacements = new Map<string, { text: string; sha256: string }>();
  for (const entry of parsed.scenarios) {
    const { spec, path } = entry;
    await loadRefs(unwrap(dataRefs(parsed, entry)), (named) => (spec[named] !== undefined ? path : ['defaults']));
    for (const [pot, potSpec] of spec.pots ?? []) {
      if (potSpec.data === undefined && potSpec.formula === undefined) continue;
      await loadRefs(unwrap(potDataRefs(parsed, entry, pot)), (named) =>
        potSpec[named] !== undefined ? [...path, 'pots', pot] : spec[named] !== undefined ? path : ['defaults'],
      );
    }
    for (const replace of replacementsOf(parsed, entry)) {
      if (replacements.has(replace.file)) continue;
      const file = await readNamed(replace.file, 'replacement', baseDir, io).catch((error: unknown) => atSetting(error, replace.path));
      replacements.set(replace.file, { text: file.text, sha256: file.provenance.sha256 });
      record(file.provenance);
    }
    const named = previousOf(parsed, entry);
    if (named === undefined || previous.has(named.file)) continue;
    const file = await readNamed(named.file, 'previous allocation', baseDir, io).catch((error: unknown) => atSetting(error, named.path));
    previous.set(named.file, file.text);
    record(file.provenance);
  }
  const named = parsed.defaults.localities;
  const localities =
    named === undefined ? undefined : await readLocalities(named, baseDir, io).catch((error: unknown) => atSetting(error, ['defaults', 'localities']));
  if (localities !== undefined) record(localities.provenance);
  const load = (refs: DataRefs): LoadedData => loaded.get(keyOf(refs)) as LoadedData;
  const planned = planScenarios(parsed, load, {
    previous: (named) => previous.get(named) as string,
    replacement: (named) => replacements.get(named) as { text: string; sha256: string },
    ...(localities === undefined ? {} : { localities: localities.localities }),
  });
  // A level given as an option (--level) is the command line's mistake, not a line of the file.
  if (!planned.ok && levelOption !== undefined && LEVEL_CODES.includes(planned.error.code)) {
    const { location: _, ...error } = planned.error;
    throw new Failure({ ...error, kind: 'usage', message: `--level ${levelOption}: ${error.message}` });
  }
  const plans: ScenarioPlan[] = unwrap(planned);
  const results = unwrap(runScenarios(plans));
  // The packs by the data each scenario loaded (dataRefs cannot fail here: planning has checked it).
  const scenarioPacks = new Map<string, PackMeta>();
  for (const entry of parsed.scenarios) {
    const refs = dataRefs(parsed, entry);
    const pack = refs.ok ? load(refs.value).pack : undefined;
    if (pack !== undefined) scenarioPacks.set(entry.name, pack);
  }
  const packs = [...new Map([...loaded.values()].flatMap((l) => (l.pack === undefined ? [] : [[l.pack.id, l.pack] as const]))).values()];
  return {
    parsed,
    baseline: parsed.baseline,
    title: parsed.description ?? `Scenarios from ${basename(source.shown)}`,
    plans,
    results,
    comparison: compare(results, parsed.baseline),
    provenance,
    packs,
    scenarioPacks,
    ...packLicence(...packs),
  };
}

/** The planning failures about the tables' level, which are the command line's when `--level` set it. */
const LEVEL_CODES: readonly string[] = ['bad-level', 'level-not-in-data', 'lookup-without-level', 'missing-option'];

/**
 * A file named by `previous:` or `replace:` (relative to the scenario file's folder): its text (a workbook
 * read as CSV) and provenance. Throws Failure.
 */
async function readNamed(
  file: string,
  role: 'previous allocation' | 'replacement',
  baseDir: string,
  io: AppIo,
): Promise<{ text: string; provenance: InputFile }> {
  const source = unwrap(await readSource(resolve(baseDir, file), role, file));
  return { text: await userTable(source.bytes, file, io.stderr), provenance: source.provenance };
}

/** What `checkScenarios` found: the baseline, and each scenario it would run. */
export interface ScenarioCheck {
  readonly baseline: string;
  readonly scenarios: readonly {
    readonly name: string;
    /** The scenario's whole budget, `'12700000.00'`. */
    readonly budget: string;
    /** Whether the file gave it `pots:`, and how many budgets it shares (1 without pots). */
    readonly pooled: boolean;
    readonly pots: number;
    /** The previous allocation it is damped against, as written; absent when it is not damped. */
    readonly previous?: string;
    /** For a transition: how many years, and each year's budget (`'12700000.00'`). */
    readonly transition?: { readonly years: number; readonly budgets: readonly string[] };
  }[];
}

/**
 * Check a scenario file as a run checks it (reading every file it names, planning and running every
 * scenario), writing nothing, and say what it would run. Throws Failure on the first problem.
 *
 * @example (await checkScenarios({ file: 'examples/directorates-2013.yaml' }, io)).scenarios.map((s) => s.name)
 */
export async function checkScenarios(options: ScenariosOptions, io: AppIo): Promise<ScenarioCheck> {
  const run = await scenariosRun(await readScenarios(options, io), io);
  return {
    baseline: run.baseline,
    scenarios: run.results.map(({ plan }) => ({
      name: plan.name,
      budget: plan.budget.toFixed(2),
      pooled: plan.pooled,
      pots: plan.pots.length,
      ...(plan.damping === undefined ? {} : { previous: plan.damping.previous }),
      ...(plan.transition === undefined ? {} : { transition: { years: plan.transition.years, budgets: plan.transition.budgets.map((b) => b.toFixed(2)) } }),
    })),
  };
}

/** The commented example scenario file `fairshare scenarios init` writes, to start from. */
export function exampleScenarioFile(): string {
  return EXAMPLE_SCENARIO_FILE;
}

/** One scenario of a `scenarios` result: its settings and its table. Money is strings with 2 decimals. */
export interface ScenarioOutcome {
  readonly name: string;
  readonly description?: string;
  readonly area: { readonly kind: Area['kind']; readonly code: string; readonly name: string; readonly lsoas: number };
  /** The data in words, and the vintage of the shipped data (absent for a `data:` file). */
  readonly data: string;
  readonly vintage?: string;
  /** The population base counted (`population`, `population_0_15`, …). */
  readonly population: string;
  /** The scenario's whole budget, and the sum of its rows: always the budget to the penny. */
  readonly budget: string;
  readonly total: string;
  /** Its table (damped when the scenario is): the sum of its pots, by the file's level. */
  readonly rows: readonly AllocationRow[];
  /** Each budget it shares (one, named after the scenario, without `pots:`), with its own formula amounts. */
  readonly pots: readonly {
    readonly name: string;
    readonly description?: string;
    readonly budget: string;
    readonly population: string;
    readonly rows: readonly AllocationRow[];
  }[];
  /** The damping, when the scenario has `previous:` (for a transition, year 1's). */
  readonly damping?: PlainDamping;
  /**
   * The transition, when the scenario has `transition:`: the pace, each year's table (year 1's is `rows`),
   * and the money the final year still falls short of the target by ('0.00' at the target).
   */
  readonly transition?: {
    readonly pace: string;
    readonly years: TransitionResult['years'];
    readonly shortfall: string;
  };
}

/** One area of one scenario against the same area in the baseline. */
export interface ScenarioComparisonRow {
  readonly scenario: string;
  readonly code: string;
  readonly name: string;
  readonly allocation: string;
  readonly perPerson: string;
  /** allocation − the baseline's, absent when the baseline does not have the area. */
  readonly change?: string;
  /** The change as a percentage of the baseline's allocation, half-up to 2 places; '' without one. */
  readonly changePct: string;
  /**
   * The rank by £ per person (1 = the most), and the places moved against the baseline (+1 = one place up).
   */
  readonly perPersonRank?: number;
  readonly rankChange?: number;
}

/** What `scenarios` returns: plain data, money as strings with 2 decimals. */
export interface ScenariosResult {
  readonly baseline: string;
  readonly title: string;
  /** The level of every scenario's table: whole-LSOA areas, or `locality` (the file's `localities:`). */
  readonly level: ScenarioLevel;
  readonly scenarios: readonly ScenarioOutcome[];
  readonly comparison: readonly ScenarioComparisonRow[];
  /** Every input file by name and SHA-256. */
  readonly inputs: readonly InputFile[];
}

/**
 * Run a scenario file as `fairshare scenarios run` does and return plain data instead of writing a
 * folder. Relative paths are taken from `io.cwd` (the file's own paths from its folder). Rejects with a
 * Failure whose `error` is the typed error value.
 *
 * @example
 * const r = await scenarios({ file: 'examples/directorates-2013.yaml' }, io);
 * r.comparison.filter((c) => c.scenario === r.scenarios[1]?.name) // => each district's change against the baseline
 */
export async function scenarios(options: ScenariosOptions, io: AppIo): Promise<ScenariosResult> {
  const run = await scenariosRun(await readScenarios(options, io), io);
  return {
    baseline: run.baseline,
    title: run.title,
    level: run.results[0]?.plan.level ?? 'district',
    scenarios: run.results.map(outcome),
    comparison: run.comparison.map((c) => ({
      scenario: c.scenario,
      code: c.districtCode,
      name: c.districtName,
      allocation: c.allocation.toFixed(2),
      perPerson: c.perPerson,
      ...(c.change === undefined ? {} : { change: c.change.toFixed(2) }),
      changePct: c.changePct,
      ...(c.perPersonRank === undefined ? {} : { perPersonRank: c.perPersonRank }),
      ...(c.rankChange === undefined ? {} : { rankChange: c.rankChange }),
    })),
    inputs: run.provenance,
  };
}

function outcome(result: ScenarioResult): ScenarioOutcome {
  const { plan, damping } = result;
  return {
    name: plan.name,
    ...(plan.description === undefined ? {} : { description: plan.description }),
    area: { kind: plan.area.kind, code: plan.area.code, name: plan.area.name, lsoas: plan.dataset.units.length },
    data: plan.dataWords,
    ...(plan.vintage === undefined ? {} : { vintage: plan.vintage }),
    population: populationField(plan.population),
    budget: plan.budget.toFixed(2),
    total: result.table.total.allocation.toFixed(2),
    rows: plainRows(result.table, damping),
    pots: result.pots.map((pot) => ({
      name: pot.plan.name,
      ...(pot.plan.description === undefined ? {} : { description: pot.plan.description }),
      budget: pot.plan.budget.toFixed(2),
      population: populationField(pot.plan.population),
      rows: plainRows(pot.table, undefined),
    })),
    ...(damping === undefined || plan.damping === undefined
      ? {}
      : {
          damping: plainDamping(damping, plan.damping.previous),
        }),
    ...(result.transition === undefined || plan.transition === undefined
      ? {}
      : {
          transition: {
            pace: paceText(plan.transition.pace),
            years: plainTransitionYears(result.transition.path, result.transition.tables),
            shortfall: poundsPlain(result.transition.path.shortfall),
          },
        }),
  };
}
