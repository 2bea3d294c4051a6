/**
 * The transition use case: move the districts (or former districts) from last year's allocation to the
 * formula's target over several years, at a pace, with a yearly floor and ceiling paid for visibly.
 * `transitionRun` gives the engine's own result for the CLI to render; every year's table adds up to that
 * year's budget to the penny.
 */
import type { Decimal } from 'decimal.js';
import { transitionFromPrevious } from '../data/transitionFromPrevious.js';
import { readSource, userTable, type Inputs } from './inputs.js';
import { parseBandEnd } from '../engine/parseBandEnd.js';
import { fairShare, type Allocation } from '../engine/fairShare.js';
import { tabulate, type Tabulation } from '../engine/tabulate.js';
import { paceText, transitionPace, transitionYears, type Transition } from '../engine/transition.js';
import { formatPercent } from '../engine/parsePercent.js';
import { percentOf, poundsPlain } from '../engine/money.js';
import { runBasis, type RunBasis } from './runBasis.js';
import type { Ratio } from '../engine/damp.js';
import { resolve } from 'node:path';
import type { AppIo } from './context.js';
import { Failure, unwrap } from './failure.js';
import { budgetAmount, type BudgetSetting } from './formulaSettings.js';
import { runFormula, type FormulaOptions } from './runFormula.js';
import type { InputFile } from '../data/inputFile.js';

export { MAX_YEARS } from '../engine/transition.js';

/** What `transition` is given: the formula's settings and data, the path's settings, last year's table. */
export interface TransitionOptions extends Omit<FormulaOptions, 'budget'> {
  /** Last year's allocation: a district table (district_code,allocation) or a former-district one. */
  readonly previous: string;
  /** How many years the path takes: 1 to {@link MAX_YEARS}. */
  readonly years: number;
  /** Each year's budget, or one budget for every year. */
  readonly budgets: readonly BudgetSetting[];
  /** The share of the remaining gap each year closes, `'50%'`; default 100% ÷ years. */
  readonly pace?: string;
  /** The largest fall allowed each year against the year before, with its sign: `'-2%'`. */
  readonly floor?: string;
  /** The largest rise allowed each year against the year before, with its sign: `'+5%'`. */
  readonly ceiling?: string;
  /** `district` (default) or `former-district`. */
  readonly level?: 'district' | 'former-district';
}

/** One transition run, as the engine gives it. */
export interface TransitionRun {
  readonly inputs: Inputs;
  /** The first year's allocation (the formula at the first year's budget), for the run's header. */
  readonly allocation: Allocation;
  readonly level: 'district' | 'former-district';
  /** The share of the remaining gap each year closes, exactly. */
  readonly pace: Ratio;
  readonly floor?: Decimal;
  readonly ceiling?: Decimal;
  readonly transition: Transition;
  /** Each year's table, with that year's amounts (the formula targets are in `transition.years`). */
  readonly tables: readonly Tabulation[];
  /** Last year's allocation file, as the provenance names it. */
  readonly previous: InputFile;
  readonly provenance: readonly InputFile[];
}

/**
 * Check the settings, run the formula at each year's budget and move last year's allocation to it.
 * Throws Failure (usage for bad settings or an infeasible floor, data for a bad previous file).
 *
 * @example await transitionRun({ previous: 'last-year.csv', years: 3, budgets: ['12.7m'], pace: '50%', floor: '-2%' }, io)
 */
export async function transitionRun(options: TransitionOptions, io: AppIo): Promise<TransitionRun> {
  const years = unwrap(transitionYears(String(options.years), '--years'));
  if (options.budgets.length !== 1 && options.budgets.length !== years) {
    throw new Failure({
      kind: 'usage',
      code: 'budgets-not-years',
      message: `${options.budgets.length} budgets for ${years} years`,
      hint: `Give one budget for every year, or ${years} separated by commas, like --budget 12.7m,13m,13.4m`,
    });
  }
  const budgets = Array.from({ length: years }, (_, t) => budgetAmount(options.budgets.length === 1 ? options.budgets[0] : options.budgets[t]));
  const floor = options.floor === undefined ? undefined : unwrap(parseBandEnd(options.floor, 'floor', '--floor'));
  const ceiling = options.ceiling === undefined ? undefined : unwrap(parseBandEnd(options.ceiling, 'ceiling', '--ceiling'));
  const level = options.level ?? 'district';
  // By default every year closes the same share of what remains: 100% ÷ years, exactly.
  const steps = unwrap(transitionPace(options.pace, years, '--pace'));

  const first = await runFormula({ ...options, budget: budgets[0] as Decimal }, io);
  const { inputs } = first;
  const allocations = [
    first.allocation,
    ...budgets.slice(1).map((b) => unwrap(fairShare(inputs.dataset, first.allocation.formula, b, { populationField: first.allocation.populationField }))),
  ];
  const targets = allocations.map((a) => (level === 'district' ? tabulate(a) : tabulate(a, { level })));
  const source = unwrap(await readSource(resolve(io.cwd, options.previous), 'previous allocation', options.previous));
  const text = await userTable(source.bytes, options.previous, io.stderr, options.sheet);
  const band = { ...(floor === undefined ? {} : { floor }), ...(ceiling === undefined ? {} : { ceiling }) };
  const { path, tables } = unwrap(transitionFromPrevious(targets, text, options.previous, { pace: steps, ...band }));
  return {
    inputs,
    allocation: first.allocation,
    level,
    pace: steps,
    ...(floor === undefined ? {} : { floor }),
    ...(ceiling === undefined ? {} : { ceiling }),
    transition: path,
    tables,
    previous: source.provenance,
    provenance: [...inputs.provenance, source.provenance],
  };
}

/** One area in one year of a transition, as plain data: money as strings with 2 decimals, exact. */
export interface TransitionRow {
  readonly code: string;
  readonly name: string;
  /** The year before's amount (last year's allocation in the first year). */
  readonly previous: string;
  /** The formula's target at this year's budget. */
  readonly target: string;
  readonly allocation: string;
  /** The change on the year before, in %, 2 decimals. */
  readonly changePct: string;
  /** `floor` or `ceiling` when the band held the area there, else ''. */
  readonly held: '' | 'floor' | 'ceiling';
  readonly needIndex: string;
}

/** What `transition` returns: plain data. */
export interface TransitionResult extends RunBasis {
  readonly level: 'district' | 'former-district';
  /** The share of the gap closed each year: `50%`, or a fraction such as `1/3`. */
  readonly pace: string;
  readonly floor?: string;
  readonly ceiling?: string;
  readonly years: readonly { readonly year: number; readonly budget: string; readonly rows: readonly TransitionRow[] }[];
  /** How far the final year is from the target: the money still to move ('0.00' at the target). */
  readonly shortfall: string;
}

/**
 * A multi-year transition as `fairshare transition` works it out, as plain data for scripts. Rejects with
 * a Failure carrying the typed error value.
 *
 * @example (await transition({ previous: 'last-year.csv', years: 3, budgets: ['12.7m'], pace: '50%', floor: '-2%' }, io)).years[2].rows
 */
export async function transition(options: TransitionOptions, io: AppIo): Promise<TransitionResult> {
  const run = await transitionRun(options, io);
  return {
    ...runBasis(run.inputs, run.provenance),
    level: run.level,
    pace: paceText(run.pace),
    ...(run.floor === undefined ? {} : { floor: formatPercent(run.floor) }),
    ...(run.ceiling === undefined ? {} : { ceiling: formatPercent(run.ceiling) }),
    years: plainTransitionYears(run.transition, run.tables),
    shortfall: poundsPlain(run.transition.shortfall),
  };
}

/**
 * Each year of a transition as plain data: its budget, and per area the year before's amount, the target,
 * the amount, the change and who was held, with the need index of the year's table.
 */
export function plainTransitionYears(path: Transition, tables: readonly Tabulation[]): TransitionResult['years'] {
  return path.years.map((y, t) => ({
    year: y.year,
    budget: poundsPlain(y.budget),
    rows: y.damping.districts.map((d, i) => ({
      code: d.code,
      name: d.name,
      previous: poundsPlain(d.previous),
      target: poundsPlain(y.target[i] ?? 0n),
      allocation: poundsPlain(d.amount),
      changePct: percentOf((d.amount - d.previous).toString(), d.previous.toString()),
      held: d.held,
      needIndex: tables[t]?.rows[i]?.needIndex ?? '',
    })),
  }));
}
