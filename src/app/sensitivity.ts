/**
 * The sensitivity use case: how much each area's money depends on the weights, as bands over random
 * draws of the weights and the exact change when each domain alone is left out. `sensitivityRun` gives
 * the engine's own result (for the CLI to render); `sensitivity` gives plain data for scripts:
 * JSON-serialisable, money as strings with 2 decimals.
 */
import { wholeText } from '../engine/wording.js';
import type { Area } from '../data/area.js';
import type { Allocation } from '../engine/fairShare.js';
import type { ErrorCode } from '../engine/errors.js';
import { mulberry32 } from '../engine/random.js';
import { MIN_CONCENTRATION, sensitivity as drawBands, type PercentileRange, type DrawMethod, type SensitivityResult } from '../engine/sensitivity.js';
import type { GroupLevel } from '../engine/tabulate.js';
import type { AppIo } from './context.js';
import { Failure, unwrap } from './failure.js';
import type { Inputs } from './inputs.js';
import { planLevel, type Level } from './levels.js';
import { runFormula, type FormulaOptions } from './runFormula.js';
import type { InputFile } from '../data/inputFile.js';

/** The levels sensitivity bands: those of whole LSOAs (a draw re-weights sums over each area's LSOAs). */
export const SENSITIVITY_LEVELS: readonly Level[] = ['district', 'former-district', 'county', 'region', 'ward'];

/** The most draws a run may ask for; more adds nothing a committee could see and only takes time. */
export const MAX_DRAWS = 1_000_000;

/**
 * How the weights are drawn. Numbers may be given as text as typed (`'10,000'` draws), so a refusal
 * quotes what was given.
 */
export interface DrawOptions {
  /** How many random draws of the weights, 1 to {@link MAX_DRAWS}; default 1000. */
  readonly draws?: number | string;
  /** `uniform` (default: independent factors) or `dirichlet` (weight shares drawn around the formula's). */
  readonly method?: DrawMethod;
  /** Uniform draws: each weight × a factor in [1 − spread, 1 + spread], 0 < spread < 1; default 0.25. */
  readonly spread?: number | string;
  /** Dirichlet draws: {@link MIN_CONCENTRATION} or more (default 50); larger keeps nearer the weights. */
  readonly concentration?: number | string;
  /** The random seed, a whole number from 0 to 4294967295: the same seed gives the same bands; default 1. */
  readonly seed?: number | string;
}

/** What `sensitivity` is given: a run of the formula, the level to band, and how to draw the weights. */
export interface SensitivityOptions extends FormulaOptions, DrawOptions {
  /**
   * The areas whose money is banded: `district` (default), `former-district`, `county`, `region` or `ward`
   * (made of whole LSOAs).
   */
  readonly level?: string;
  /** Called with (0, draws) as the draws begin, then now and then with the number done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The draw settings, checked. */
export interface DrawSettings {
  readonly draws: number;
  readonly method: DrawMethod;
  readonly spread: number;
  readonly concentration: number;
  readonly seed: number;
}

/** One sensitivity run, as the engine gives it. */
export interface SensitivityRun {
  readonly inputs: Inputs;
  readonly allocation: Allocation;
  /** The level banded. */
  readonly level: GroupLevel;
  readonly settings: DrawSettings;
  readonly result: SensitivityResult;
}

/**
 * Check the draw settings, before any file is read: draws, spread, seed, method, then concentration.
 * Throws a usage Failure naming the option and what it takes.
 *
 * @example planSensitivity({ draws: '10,000', method: 'dirichlet' }) // => { draws: 10000, method: 'dirichlet', spread: 0.25, concentration: 50, seed: 1 }
 */
export function planSensitivity(options: DrawOptions): DrawSettings {
  const draws = parseDraws(String(options.draws ?? 1000));
  const spread = parseSpread(String(options.spread ?? 0.25));
  const seed = parseSeed(String(options.seed ?? 1));
  const method = parseMethod(String(options.method ?? 'uniform'));
  const written = String(options.concentration ?? 50);
  const concentration = parsePositive(written, '--concentration');
  // Below the minimum the Dirichlet draws underflow to all-zero weights: blank bands, every rank "moved".
  if (concentration < MIN_CONCENTRATION) {
    usage(
      'concentration-too-small',
      `--concentration must be at least ${MIN_CONCENTRATION}, got "${written}"`,
      `Below ${MIN_CONCENTRATION} the draws are not sound; a smaller --concentration spreads the weights more, e.g. --concentration 5`,
    );
  }
  return { draws, method, spread, concentration, seed };
}

/**
 * Run the formula, then draw the weights and leave each domain out in turn (see the engine's
 * `sensitivity`). The random source is mulberry32 of the seed, so a seed gives the same bands on every
 * run. Throws Failure: on bad draw settings (as planSensitivity), bad input, or a level not made of
 * whole LSOAs.
 */
export async function sensitivityRun(options: SensitivityOptions, io: AppIo): Promise<SensitivityRun> {
  const settings = planSensitivity(options);
  const { inputs, allocation } = await runFormula(options, io);
  const plan = unwrap(planLevel(options.level ?? 'district', inputs.all, inputs.vintage, false, SENSITIVITY_LEVELS));
  if (plan.by !== 'group') {
    const data = inputs.vintage === undefined ? 'a --data file has' : `the ${inputs.vintage} vintage has`;
    usage(
      'level-not-whole-lsoas',
      `sensitivity bands areas made of whole LSOAs, and ${data} no such wards (its wards are shared out through a lookup)`,
      'Use --vintage 2025 for wards made of whole LSOAs, or another --level',
    );
  }
  const { draws, method, spread, concentration, seed } = settings;
  const onProgress = options.onProgress;
  onProgress?.(0, draws);
  const result = drawBands(allocation, {
    draws,
    method,
    spread,
    concentration,
    random: mulberry32(seed),
    level: plan.level,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  return { inputs, allocation, level: plan.level, settings, result };
}

/** Low, middle and high over the draws, in pounds to the penny ('' where none: an area without people). */
export interface PlainBand {
  readonly p5: string;
  readonly median: string;
  readonly p95: string;
}

/** An area of a sensitivity result. */
export interface SensitivityRow {
  readonly code: string;
  readonly name: string;
  /** The unperturbed allocation and £ per person, exactly as allocate gives them. */
  readonly allocation: string;
  readonly perPerson: string;
  /** Rank by £ per person in the unperturbed run: 1 = the most per person; 0 when it has none. */
  readonly rank: number;
  /** Over the draws: 5th, 50th and 95th percentiles (shares in floating point, to well under a penny). */
  readonly allocationBand: PlainBand;
  readonly perPersonBand: PlainBand;
  /** The % of draws in which the rank by £ per person moved, to 2 decimals. */
  readonly rankMovedPct: string;
  /** The exact £ change when each counted domain alone is left out, in the order of `domains`. */
  readonly withoutDomain: readonly { readonly domain: string; readonly change: string }[];
}

/** What `sensitivity` returns: plain data, money as strings with 2 decimals. */
export interface SensitivitySummary {
  readonly area: { readonly kind: Area['kind']; readonly code: string; readonly name: string; readonly lsoas: number };
  readonly level: GroupLevel;
  /** The budget shared, `'12700000.00'`. */
  readonly budget: string;
  /** The population base counted (`population`, `population_0_14`, …). */
  readonly population: string;
  /** The data in words, and the vintage of the shipped data (absent for your own data file). */
  readonly data: string;
  readonly vintage?: string;
  readonly draws: number;
  readonly seed: number;
  readonly method: DrawMethod;
  readonly spread: number;
  readonly concentration: number;
  /** The counted domains (weight above 0), in formula order: those drawn and left out. */
  readonly domains: readonly string[];
  readonly rows: readonly SensitivityRow[];
  /** Every input file by name and SHA-256. */
  readonly inputs: readonly InputFile[];
}

/**
 * How much each area's money depends on the weights, as `fairshare sensitivity` works it out, as plain
 * data. Relative paths are taken from `io.cwd`; notices go to `io.stderr`. Rejects with a Failure whose
 * `error` is the typed error value.
 *
 * @example
 * const s = await sensitivity({ budget: '12.7m', vintage: '2019', draws: 10_000, method: 'dirichlet', concentration: 20 }, io);
 * s.rows[0].allocationBand // => { p5: '…', median: '…', p95: '…' }
 */
export async function sensitivity(options: SensitivityOptions, io: AppIo): Promise<SensitivitySummary> {
  const { inputs, allocation, settings, result } = await sensitivityRun(options, io);
  return {
    area: { kind: inputs.area.kind, code: inputs.area.code, name: inputs.area.name, lsoas: allocation.dataset.units.length },
    level: result.level,
    budget: allocation.budget.toFixed(2),
    population: allocation.populationField,
    data: inputs.dataWords,
    ...(inputs.vintage === undefined ? {} : { vintage: inputs.vintage }),
    ...settings,
    domains: [...result.domains],
    rows: result.districts.map((d) => ({
      code: d.code,
      name: d.name,
      allocation: d.allocation.toFixed(2),
      perPerson: d.perPerson,
      rank: d.rank,
      allocationBand: plainBand(d.allocationBand),
      perPersonBand: plainBand(d.perPersonBand),
      rankMovedPct: (100 * d.rankChanged).toFixed(2),
      withoutDomain: result.domains.flatMap((domain) => {
        const change = d.withoutDomain.get(domain);
        return change === undefined ? [] : [{ domain, change: change.toFixed(2) }];
      }),
    })),
    inputs: inputs.provenance,
  };
}

function plainBand(band: PercentileRange): PlainBand {
  const pounds = (v: number): string => (Number.isNaN(v) ? '' : v.toFixed(2));
  return { p5: pounds(band.p5), median: pounds(band.median), p95: pounds(band.p95) };
}

function parseDraws(text: string): number {
  const n = Number(text.replace(/[,_]/g, ''));
  if (!Number.isInteger(n) || n < 1) usage('bad-draws', `--draws must be a whole number of 1 or more, got "${text}"`, 'e.g. --draws 10000');
  if (n > MAX_DRAWS)
    usage('too-many-draws', `--draws ${text} is more than the ${wholeText(MAX_DRAWS)} allowed`, 'Percentiles settle long before that: 10,000 draws is plenty');
  return n;
}

function parseSpread(text: string): number {
  const s = Number(text);
  if (!(s > 0 && s < 1))
    usage('bad-spread', `--spread must be between 0 and 1 (not including them), got "${text}"`, 'e.g. --spread 0.25 for factors from 0.75 to 1.25');
  return s;
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) usage('bad-seed', `--seed must be a whole number from 0 to 4294967295, got "${text}"`, 'e.g. --seed 1');
  return n;
}

function parseMethod(text: string): DrawMethod {
  if (text !== 'uniform' && text !== 'dirichlet') usage('bad-method', `unknown --method "${text}"`, 'Use --method uniform or --method dirichlet');
  return text;
}

function parsePositive(text: string, option: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) usage('bad-number', `${option} must be a number above 0, got "${text}"`, `e.g. ${option} 50`);
  return n;
}

function usage(code: ErrorCode, message: string, hint: string): never {
  throw new Failure({ kind: 'usage', code, message, hint });
}
