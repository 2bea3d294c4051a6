/**
 * The allocate use case: share a budget and add the LSOAs up into the level asked for (districts by
 * default), damped against a previous allocation if asked. `allocateRun` gives the engine's own results
 * (for the CLI to render); `allocate` gives plain data for scripts: JSON-serialisable, money as strings
 * with 2 decimals, exact.
 */
import type { Area } from '../data/area.js';
import type { Damping } from '../engine/damp.js';
import type { Allocation } from '../engine/fairShare.js';
import { tabulate, type Tabulation } from '../engine/tabulate.js';
import { tabulateAreas, type LookupTabulation } from '../engine/tabulateAreas.js';
import { plainDamping, plainRows, type PlainDamping } from './plainRows.js';
import type { AppIo } from './context.js';
import { parseDampingOptions, runDamping, type DampingSettings } from './damping.js';
import { Failure, unwrap } from './failure.js';
import { loadLocalities, loadLookup, type Inputs } from './inputs.js';
import { shown } from '../engine/shown.js';
import { LEVELS, levelPlural, planLevel, type Level, type LevelPlan } from './levels.js';
import { runFormula, type FormulaOptions } from './runFormula.js';
import { poundsPlain } from '../engine/money.js';
import type { InputFile } from '../data/inputFile.js';

/** What `allocate` is given: a run of the formula, the level to add up into, and optional damping. */
export interface AllocateOptions extends FormulaOptions {
  /** `lsoa`, `district` (default), `former-district`, `county`, `region`, `ward` or `division`. */
  readonly level?: string;
  /** A share lookup (lsoa_code,area_code,area_name,share) for `ward` or `division`. */
  readonly lookup?: string;
  /**
   * Your localities (`lsoa_code,locality` or `ward_code,locality`, optional `share`): gives the table by
   * locality (level `locality`).
   */
  readonly localities?: string;
  /** Last year's allocation (district or former-district table) to damp the change against. */
  readonly previous?: string;
  /** The largest fall allowed against `previous`, with its sign: `'-5%'`. */
  readonly floor?: string;
  /** The largest rise allowed against `previous`, with its sign: `'+5%'`. */
  readonly ceiling?: string;
}

/** The options checked before any file is read: the level, and the damping. */
export interface AllocatePlan {
  readonly options: AllocateOptions;
  readonly level: Level;
  readonly damping?: DampingSettings;
}

/** One allocate run, as the engine gives it. */
export interface AllocateRun {
  readonly inputs: Inputs;
  readonly allocation: Allocation;
  readonly level: Level;
  readonly plan: LevelPlan;
  /** The table of the level: undefined at `lsoa` (the allocation is the table). */
  readonly table?: Tabulation | LookupTabulation;
  /** The damping, when `previous` was given, with the previous file's provenance. */
  readonly damping?: { readonly damping: Damping; readonly provenance: InputFile };
  /** The share lookup's provenance, for a lookup level. */
  readonly lookup?: InputFile;
  /** Every input file of the run, with its SHA-256. */
  readonly provenance: readonly InputFile[];
}

/**
 * Check what can be checked before reading any file: the level is known, `lookup` goes with a ward or
 * division level, and damping has `previous`, a district or former-district level and signed percents.
 * Throws Failure.
 */
export function planAllocate(options: AllocateOptions): AllocatePlan {
  if (options.localities !== undefined && options.level !== undefined && options.level.trim().toLowerCase() !== 'locality') {
    throw new Failure({
      kind: 'usage',
      code: 'lookup-without-level',
      message: `--localities gives the table by locality, not by ${options.level === 'lsoa' ? 'LSOA' : shown(options.level)}`,
      hint: 'Leave out --level (or give --level locality) with --localities',
    });
  }
  const written = options.level ?? (options.localities === undefined ? 'district' : 'locality');
  const level = written.trim().toLowerCase();
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new Failure({ kind: 'usage', code: 'bad-level', message: `unknown level "${written}"`, hint: `Use --level ${LEVELS.join(', ')}` });
  }
  if (options.lookup !== undefined && level !== 'ward' && level !== 'division') {
    throw new Failure({
      kind: 'usage',
      code: 'lookup-without-level',
      message: `--lookup shares LSOAs out to wards or divisions, not to ${level === 'lsoa' ? 'lsoas' : levelPlural(level)}`,
      hint: 'Add --level ward or --level division',
    });
  }
  const damping = parseDampingOptions(options, level);
  return { options, level: level as Level, ...(damping === undefined ? {} : { damping }) };
}

/** Run a checked allocate: the formula, then the level's table, damped if asked. Throws Failure. */
export async function allocateRun(checked: AllocatePlan, io: AppIo): Promise<AllocateRun> {
  const { options, level, damping } = checked;
  const { inputs, allocation } = await runFormula(options, io);
  const plan = unwrap(planLevel(level, inputs.all, inputs.vintage, level === 'locality' ? options.localities !== undefined : options.lookup !== undefined));
  const base = { inputs, allocation, level, plan };
  if (plan.by === 'lsoa') return { ...base, provenance: inputs.provenance };
  if (plan.by === 'lookup' && plan.level === 'locality') {
    const { lookup, provenance } = await loadLocalities(options.localities as string, inputs, io, options.sheet);
    return { ...base, table: unwrap(tabulateAreas(allocation, lookup)), lookup: provenance, provenance: [...inputs.provenance, provenance] };
  }
  if (plan.by === 'lookup') {
    const { lookup, provenance } = await loadLookup(plan.level, options.lookup, inputs.all, io, inputs.vintage, options.sheet);
    return { ...base, table: unwrap(tabulateAreas(allocation, lookup)), lookup: provenance, provenance: [...inputs.provenance, provenance] };
  }
  const grouped = plan.level === 'district' ? tabulate(allocation) : tabulate(allocation, { level: plan.level });
  if (damping === undefined) return { ...base, table: grouped, provenance: inputs.provenance };
  // On 2025 the former districts keep their 2019 codes, so last year's 2019 district table damps this
  // year's former districts; a district run given it is told to add --level former-district.
  const formerDistricts = plan.level === 'district' ? new Set(tabulate(allocation, { level: 'former-district' }).rows.map((r) => r.code)) : undefined;
  const damped = await runDamping(grouped, damping, io, formerDistricts);
  return {
    ...base,
    table: damped.table,
    damping: { damping: damped.damping, provenance: damped.provenance },
    provenance: [...inputs.provenance, damped.provenance],
  };
}

/** A row of an allocate result. Money and percentages are strings with 2 decimals, exact. */
export interface AllocationRow {
  readonly code: string;
  readonly name: string;
  /** LSOAs in the area; for a lookup level, the LSOAs touching it (an LSOA may touch several). */
  readonly lsoas: number;
  readonly population: number;
  readonly allocation: string;
  readonly sharePct: string;
  readonly perPerson: string;
  /** Share of the money ÷ share of the population, 2 decimals (1.00 = the table's average); '' for none. */
  readonly needIndex: string;
  /** A lookup level: whether the area's share rests on an estimate. */
  readonly estimated?: boolean;
  /** The 2025 ward level: whether the ward is derived (not an ONS product). */
  readonly derived?: boolean;
  /** Damped runs: the previous allocation, and `floor`, `ceiling` or '' (held at neither). */
  readonly previous?: string;
  readonly held?: '' | 'floor' | 'ceiling';
}

/** An LSOA of an allocate result at level `lsoa`. */
export interface LsoaAllocationRow {
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
  readonly districtName: string;
  readonly population: number;
  /** The LSOA's figure: Σ weight × domain need rank (a decimal string, exact). */
  readonly figure: string;
  readonly allocation: string;
}

/** What `allocate` returns: plain data, money as strings with 2 decimals. */
export interface AllocationResult {
  readonly area: { readonly kind: Area['kind']; readonly code: string; readonly name: string; readonly lsoas: number };
  readonly level: Level;
  /** The budget shared, `'12700000.00'`. */
  readonly budget: string;
  /** The sum of the rows, always the budget to the penny. */
  readonly total: string;
  /** The population base counted (`population`, `population_0_14`, …). */
  readonly population: string;
  /** The data in words, and the vintage of the shipped data (absent for your own data file). */
  readonly data: string;
  readonly vintage?: string;
  readonly formula: {
    readonly id: string;
    readonly name: string;
    readonly domains: readonly {
      readonly id: string;
      readonly label: string;
      readonly weight: string;
      readonly sources: readonly { readonly field: string; readonly label: string; readonly higherMeans: string }[];
    }[];
  };
  /** The district table of the run (damped when damping was asked for at the district level). */
  readonly districts: readonly AllocationRow[];
  /** The table of the level asked for (the same as `districts` at the district level). */
  readonly rows: readonly AllocationRow[];
  /** Every LSOA of the area, with its figure and pennies. */
  readonly lsoas: readonly LsoaAllocationRow[];
  /** The damping, when `previous` was given. */
  readonly damping?: PlainDamping;
  /** Every input file by name and SHA-256. */
  readonly inputs: readonly InputFile[];
}

/**
 * Share a budget as `fairshare allocate` does and return plain data. Relative paths are taken from
 * `io.cwd`; notices (a CSV read as Windows-1252) go to `io.stderr`. Rejects with a Failure whose
 * `error` is the typed error value (`kind`, `code`, `message`, `hint`, `location`).
 *
 * @example
 * const r = await allocate({ budget: '12.7m', exclude: ['young-people', 'early-years'], vintage: '2019' }, io);
 * r.districts[0] // => { code: 'E07000150', name: 'Corby', lsoas: 41, population: 66887, allocation: '…', sharePct: '…', perPerson: '…', needIndex: '…' }
 */
export async function allocate(options: AllocateOptions, io: AppIo): Promise<AllocationResult> {
  const run = await allocateRun(planAllocate(options), io);
  const { inputs, allocation } = run;
  const districtTable = run.plan.by === 'group' && run.plan.level === 'district' ? (run.table as Tabulation) : tabulate(allocation);
  const rows = run.table === undefined ? [] : plainRows(run.table, run.damping?.damping);
  const districts = run.table === districtTable ? rows : plainRows(districtTable, undefined);
  const units = allocation.dataset.units;
  const population = allocation.dataset.fields.get(allocation.populationField) as Float64Array;
  const damping = run.damping?.damping;
  return {
    area: { kind: inputs.area.kind, code: inputs.area.code, name: inputs.area.name, lsoas: units.length },
    level: run.level,
    budget: allocation.budget.toFixed(2),
    total: poundsPlain(allocation.pennies.reduce((sum, p) => sum + p, 0n)),
    population: allocation.populationField,
    data: inputs.dataWords,
    ...(inputs.vintage === undefined ? {} : { vintage: inputs.vintage }),
    formula: {
      id: allocation.formula.id,
      name: allocation.formula.name,
      domains: allocation.formula.domains.map((d) => ({
        id: d.id,
        label: d.label,
        weight: d.weightValue.toString(),
        sources: d.sources.map((s) => ({ field: s.field, label: s.label, higherMeans: s.higherMeans })),
      })),
    },
    districts: run.level === 'lsoa' ? plainRows(districtTable, undefined) : districts,
    rows: run.level === 'lsoa' ? [] : rows,
    lsoas: units.map((u, i) => ({
      code: u.code,
      name: u.name,
      districtCode: u.districtCode,
      districtName: u.districtName,
      population: population[i] as number,
      figure: allocation.figures[i]?.toString() ?? '0',
      allocation: poundsPlain(allocation.pennies[i] ?? 0n),
    })),
    ...(damping === undefined || run.damping === undefined
      ? {}
      : {
          damping: plainDamping(damping, run.damping.provenance.file),
        }),
    inputs: run.provenance,
  };
}
