import type { Decimal } from 'decimal.js';
import { dampTable, type DampTableOptions } from '../data/dampTable.js';
import { transitionFromPrevious, type TransitionTables } from '../data/transitionFromPrevious.js';
import { populationField } from '../data/populationBase.js';
import type { Damping } from '../engine/damp.js';
import { type FairshareError, type Location, ok, type Result } from '../engine/errors.js';
import { fairShare, type Allocation } from '../engine/fairShare.js';
import { tabulate, unitGroup, type GroupLevel, type Tabulatable, type Tabulation } from '../engine/tabulate.js';
import { tabulateAreas, type LookupTabulation } from '../engine/tabulateAreas.js';
import type { DampingPlan, PotPlan, ScenarioPlan, TransitionPlan } from './planScenarios.js';

/**
 * A scenario's or pot's table: a level of whole LSOAs, or its localities (each LSOA's pennies shared out by
 * its shares).
 */
export type ScenarioTable = Tabulation | LookupTabulation;

/**
 * One pot's run: its allocation (for LSOA tables and explanations) and its table (districts, or the file's
 * level).
 */
export interface PotResult {
  readonly plan: PotPlan;
  readonly allocation: Allocation;
  readonly table: ScenarioTable;
}

/**
 * One scenario's run: each pot, and the scenario's table (the sum of its pots), by district or the file's
 * level; for a damped scenario, with the damped amounts (its pots' tables keep their formula amounts).
 */
export interface ScenarioResult {
  readonly plan: ScenarioPlan;
  readonly pots: readonly PotResult[];
  readonly table: ScenarioTable;
  /**
   * Present when the scenario is damped (`previous:`): who was held, and the formula and damped amounts;
   * for a transition, year 1's.
   */
  readonly damping?: Damping;
  /** Present for a transition (`transition:`): the path, and each year's table; `table` is year 1's. */
  readonly transition?: TransitionTables;
}

/**
 * Run every planned scenario: each pot through the engine, then, for a scenario with pots, the pots
 * summed LSOA by LSOA (whole pennies, so the sum is exactly the scenario's budget) into one district
 * table over the scenario's population base; then, for a damped scenario, that table damped against its
 * previous allocation (as `allocate --previous` damps it: see dampTable). Pure; fails on the first
 * scenario that cannot run, a damping failure at the line of the setting (or of the previous file) it is
 * about.
 */
export function runScenarios(plans: readonly ScenarioPlan[]): Result<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const plan of plans) {
    const pots: PotResult[] = [];
    for (const pot of plan.pots) {
      const allocation = fairShare(pot.dataset, pot.formula, pot.budget, { populationField: populationField(pot.population) });
      if (!allocation.ok) return { ok: false, error: within(allocation.error, plan, pot) };
      const table = tableOf(allocation.value, plan);
      if (!table.ok) return { ok: false, error: within(table.error, plan, pot) };
      pots.push({ plan: pot, allocation: allocation.value, table: table.value });
    }
    const table = scenarioTable(plan, pots);
    if (!table.ok) return table;
    if (plan.damping === undefined) {
      results.push({ plan, pots, table: table.value });
      continue;
    }
    // Planning allows damping only at the district and former-district levels, whose tables are Tabulations.
    if (plan.transition !== undefined) {
      const moved = transitionScenario(plan, plan.damping, plan.transition, table.value as Tabulation);
      if (!moved.ok) return moved;
      const [first] = moved.value.path.years;
      if (first === undefined) throw new Error(`runScenarios: the transition of scenario "${plan.name}" has no year`);
      results.push({ plan, pots, table: moved.value.tables[0] as Tabulation, damping: first.damping, transition: moved.value });
      continue;
    }
    const damped = dampScenario(plan, plan.damping, table.value as Tabulation);
    if (!damped.ok) return damped;
    results.push({ plan, pots, ...damped.value });
  }
  return ok(results);
}

/** An allocation's table at the scenario's level: its whole-LSOA areas, or its localities. */
function tableOf(allocation: Tabulatable, plan: ScenarioPlan): Result<ScenarioTable> {
  if (plan.localities !== undefined) return tabulateAreas(allocation, plan.localities);
  return ok(tabulate(allocation, { level: plan.level as GroupLevel }));
}

/** A scenario's table before any damping: its one pot's, or its pots summed LSOA by LSOA. */
function scenarioTable(plan: ScenarioPlan, pots: readonly PotResult[]): Result<ScenarioTable> {
  const only = pots[0] as PotResult;
  if (!plan.pooled) return ok(only.table);
  const populations = plan.dataset.fields.get(populationField(plan.population));
  if (!populations) {
    return {
      ok: false,
      error: {
        kind: 'data',
        code: 'missing-field',
        message: `scenario "${plan.name}": the data has no "${populationField(plan.population)}" column for its population base`,
        location: { file: plan.dataset.file },
      },
    };
  }
  // Every pot is shared over its scenario's LSOAs in the same order (see potDataset), so index i is one LSOA.
  const pennies = only.allocation.pennies.map((_, i) => pots.reduce((sum, p) => sum + (p.allocation.pennies[i] as bigint), 0n));
  return tableOf({ dataset: plan.dataset, pennies, populations, budget: plan.budget as Decimal }, plan);
}

/**
 * Damp a scenario's table against its previous allocation. A problem in the previous file keeps its own
 * file and line; any other points at the scenario file's line of the setting it is about: a band the
 * budget cannot meet at `floor:` or `ceiling:`, a file that does not match the districts at `previous:`.
 */
function dampScenario(plan: ScenarioPlan, damping: DampingPlan, table: Tabulation): Result<{ table: Tabulation; damping: Damping }> {
  const damped = dampTable(table, damping.text, damping.previous, damping, previousOptions(plan, table));
  return damped.ok ? damped : atSetting(plan, damping, damped.error);
}

/**
 * Move a scenario from its previous allocation to its formula tables over the transition's years (see
 * transitionFromPrevious): year 1's target is the scenario's table; a later year's is the formula at that
 * year's budget (the same table when the budget is the same). Failures as {@link dampScenario}'s.
 */
function transitionScenario(plan: ScenarioPlan, damping: DampingPlan, transition: TransitionPlan, first: Tabulation): Result<TransitionTables> {
  const targets: Tabulation[] = [first];
  const only = plan.pots[0] as PotPlan;
  for (const budget of transition.budgets.slice(1)) {
    // Budgets other than year 1's come only from budgets:, which planning allows only without pots.
    if (budget.equals(plan.budget)) {
      targets.push(first);
      continue;
    }
    const allocation = fairShare(only.dataset, only.formula, budget, { populationField: populationField(only.population) });
    if (!allocation.ok) return { ok: false, error: within(allocation.error, plan, only) };
    const table = tableOf(allocation.value, plan);
    if (!table.ok) return table;
    targets.push(table.value as Tabulation);
  }
  const band = { ...(damping.floor === undefined ? {} : { floor: damping.floor }), ...(damping.ceiling === undefined ? {} : { ceiling: damping.ceiling }) };
  const moved = transitionFromPrevious(targets, damping.text, damping.previous, { pace: transition.pace, ...band }, previousOptions(plan, first));
  return moved.ok ? moved : atSetting(plan, damping, moved.error);
}

/**
 * How a scenario's previous allocation is read against its table: as `previous:`, and for a 2025 district
 * run given last year's 2019 districts, with a hint that those are its former districts.
 */
function previousOptions(plan: ScenarioPlan, table: Tabulation): DampTableOptions {
  const codes = new Set(table.rows.map((r) => r.code));
  const formerDistricts = new Set(plan.dataset.units.map((unit) => unitGroup(unit, 'former-district')?.code ?? ''));
  const otherLevel =
    table.level !== 'former-district' && [...formerDistricts].some((code) => !codes.has(code))
      ? {
          codes: formerDistricts,
          hint: "Those are the former districts (the districts of 2019): set level: former-district under defaults: to damp them against last year's table",
        }
      : undefined;
  return { setting: 'previous:', dataFile: 'the data: file', ...(otherLevel ? { otherLevel } : {}) };
}

/**
 * A damping or transition failure of a scenario, at the scenario file's line: a problem in the previous
 * file keeps its own file and line; any other points at the line of the setting it is about.
 */
function atSetting(plan: ScenarioPlan, damping: DampingPlan, error: FairshareError): Result<never> {
  if (error.location?.line !== undefined) return { ok: false, error: { ...error, kind: 'data', message: `scenario "${plan.name}": ${error.message}` } };
  // A problem with the previous file as a whole (no line of its own): say which file, at the previous: line.
  const about = error.location?.file === undefined ? '' : `previous: ${damping.previous}: `;
  return { ok: false, error: { ...error, kind: 'data', message: `scenario "${plan.name}": ${about}${error.message}`, location: settingOf(error, damping) } };
}

/**
 * The line of the setting a damping failure is about: the ceiling for a ceiling's, the floor for a band's,
 * else previous:.
 */
function settingOf(error: FairshareError, damping: DampingPlan): Location {
  const { at } = damping;
  if (error.code.includes('ceiling')) return at.ceiling ?? at.previous;
  if (['infeasible-floor', 'bad-floor', 'floor-above-ceiling', 'empty-band'].includes(error.code)) return at.floor ?? at.ceiling ?? at.previous;
  return at.previous;
}

function within(error: FairshareError, plan: ScenarioPlan, pot: PotPlan): FairshareError {
  const where = plan.pooled ? `scenario "${plan.name}", pot "${pot.name}"` : `scenario "${plan.name}"`;
  return { ...error, message: `${where}: ${error.message}` };
}
