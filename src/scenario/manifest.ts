import type { Damping } from '../engine/damp.js';
import { formatPercent } from '../engine/parsePercent.js';
import { paceText } from '../engine/transition.js';
import { poundsPlain } from '../engine/money.js';
import type { WeightedFormula } from '../engine/weigh.js';
import type { DampingPlan } from './planScenarios.js';
import type { ScenarioResult } from './runScenarios.js';
import { sha256, type InputFile } from '../data/inputFile.js';

export interface ManifestOptions {
  readonly tool: { readonly name: string; readonly version: string };
  readonly inputs: readonly InputFile[];
  readonly baseline: string;
  readonly format: string;
  /** The output files (name → text or bytes), other than the manifest itself. */
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  /** A damped scenario's damping in one line (describeDamping), by scenario name. */
  readonly dampingSummaries?: ReadonlyMap<string, string>;
}

/**
 * The manifest of a scenario run: the tool version, the SHA-256 of every input and output file, and for
 * each scenario the fully resolved settings (area, data, population base, budgets, every pot's
 * formula with its domains, sources and weights, and its own data and formula files if it names them)
 * and, for a damped scenario, its previous allocation, band and who was held, saying that its table and
 * the comparison are of the damped amounts (for a transition, year 1's, with the years, pace, budgets and
 * shortfall). It holds no timestamps, so a rerun on the same inputs gives
 * the same bytes.
 */
export function manifest(results: readonly ScenarioResult[], options: ManifestOptions): string {
  const doc = {
    tool: options.tool,
    inputs: options.inputs,
    baseline: options.baseline,
    format: options.format,
    scenarios: results.map(({ plan, damping, transition }) => ({
      name: plan.name,
      ...(plan.description === undefined ? {} : { description: plan.description }),
      area: { kind: plan.area.kind, code: plan.area.code, name: plan.area.name, lsoas: plan.dataset.units.length },
      data: plan.data ?? 'shipped data pack',
      ...(plan.vintage === undefined ? {} : { vintage: plan.vintage }),
      source: plan.dataWords,
      populationBase: plan.population,
      budget: plan.budget.toFixed(2),
      ...(plan.damping === undefined || damping === undefined
        ? {}
        : { damping: dampingRecord(plan.damping, damping, options.dampingSummaries?.get(plan.name), transition !== undefined) }),
      ...(plan.transition === undefined || transition === undefined
        ? {}
        : {
            transition: {
              years: plan.transition.years,
              pace: paceText(plan.transition.pace),
              budgets: plan.transition.budgets.map((b) => b.toFixed(2)),
              shortfall: poundsPlain(transition.path.shortfall),
            },
          }),
      pots: plan.pots.map((pot) => ({
        name: pot.name,
        ...(pot.description === undefined ? {} : { description: pot.description }),
        budget: pot.budget.toFixed(2),
        populationBase: pot.population,
        ...(pot.data === undefined ? {} : { data: pot.data, source: pot.dataWords }),
        ...(pot.formulaRef === undefined ? {} : { formulaFile: pot.formulaRef }),
        formula: resolvedFormula(pot.formula),
      })),
    })),
    files: [...options.files.entries()].map(([name, content]) => ({ name, sha256: sha256(content) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * A damped scenario's damping: the previous file (its SHA-256 is among the inputs), the band, who was held
 * and what it cost.
 */
function dampingRecord(plan: DampingPlan, damping: Damping, summary: string | undefined, transition: boolean): unknown {
  return {
    amounts: transition
      ? "transition: the scenario's table and its rows of the comparison are year 1's amounts; who was held is year 1's"
      : "damped: the scenario's table and its rows of the comparison are the damped amounts",
    previous: plan.previous,
    floor: plan.floor === undefined ? null : formatPercent(plan.floor),
    ceiling: plan.ceiling === undefined ? null : formatPercent(plan.ceiling),
    heldAtFloor: damping.districts.filter((d) => d.held === 'floor').map((d) => d.code),
    heldAtCeiling: damping.districts.filter((d) => d.held === 'ceiling').map((d) => d.code),
    floorCost: poundsPlain(damping.floorCost),
    ceilingsFreed: poundsPlain(damping.ceilingsFreed),
    ...(summary === undefined ? {} : { summary }),
  };
}

function resolvedFormula(formula: WeightedFormula): unknown {
  return {
    id: formula.id,
    name: formula.name,
    domains: formula.domains.map((d) => ({
      id: d.id,
      label: d.label,
      weight: d.weightValue.toString(),
      sources: d.sources.map((s) => ({ field: s.field, label: s.label, higherMeans: s.higherMeans })),
    })),
  };
}
