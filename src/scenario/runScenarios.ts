import type { Decimal } from 'decimal.js';
import { populationField } from '../data/populationBase.js';
import { type FairshareError, ok, type Result } from '../engine/errors.js';
import { fairShare, type Allocation } from '../engine/fairShare.js';
import { tabulate, type DistrictTable } from '../engine/tabulate.js';
import type { PotPlan, ScenarioPlan } from './planScenarios.js';

/** One pot's run: its allocation (for LSOA tables and explanations) and its table (districts, or the file's level). */
export interface PotResult {
  readonly plan: PotPlan;
  readonly allocation: Allocation;
  readonly table: DistrictTable;
}

/** One scenario's run: each pot, and the scenario's table (the sum of its pots), by district or the file's level. */
export interface ScenarioResult {
  readonly plan: ScenarioPlan;
  readonly pots: readonly PotResult[];
  readonly table: DistrictTable;
}

/**
 * Run every planned scenario: each pot through the engine, then, for a scenario with pots, the pots
 * summed LSOA by LSOA (whole pennies, so the sum is exactly the scenario's budget) into one district
 * table over the scenario's population base. Pure; fails on the first scenario that cannot run.
 */
export function runScenarios(plans: readonly ScenarioPlan[]): Result<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const plan of plans) {
    const pots: PotResult[] = [];
    for (const pot of plan.pots) {
      const allocation = fairShare(plan.dataset, pot.formula, pot.budget, { populationField: populationField(pot.population) });
      if (!allocation.ok) return { ok: false, error: within(allocation.error, plan, pot) };
      pots.push({ plan: pot, allocation: allocation.value, table: tabulate(allocation.value, { level: plan.level }) });
    }
    const only = pots[0] as PotResult;
    if (!plan.pooled) {
      results.push({ plan, pots, table: only.table });
      continue;
    }
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
    const pennies = only.allocation.pennies.map((_, i) => pots.reduce((sum, p) => sum + (p.allocation.pennies[i] as bigint), 0n));
    results.push({ plan, pots, table: tabulate({ dataset: plan.dataset, pennies, populations, budget: plan.budget as Decimal }, { level: plan.level }) });
  }
  return ok(results);
}

function within(error: FairshareError, plan: ScenarioPlan, pot: PotPlan): FairshareError {
  const where = plan.pooled ? `scenario "${plan.name}", pot "${pot.name}"` : `scenario "${plan.name}"`;
  return { ...error, message: `${where}: ${error.message}` };
}
