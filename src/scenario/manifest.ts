import { createHash } from 'node:crypto';
import type { WeightedFormula } from '../engine/weigh.js';
import type { ScenarioResult } from './runScenarios.js';

/** An input file's identity, as recorded in the manifest. */
export interface ManifestInput {
  readonly role: string;
  readonly path: string;
  readonly sha256: string;
}

export interface ManifestOptions {
  readonly tool: { readonly name: string; readonly version: string };
  readonly inputs: readonly ManifestInput[];
  readonly baseline: string;
  readonly format: string;
  /** The output files (name → text or bytes), other than the manifest itself. */
  readonly files: ReadonlyMap<string, string | Uint8Array>;
}

/**
 * The manifest of a scenario run: the tool version, the SHA-256 of every input and output file, and for
 * each scenario the fully resolved settings (area, data, population base, budgets, and every pot's
 * formula with its domains, sources and weights). It holds no timestamps, so a rerun on the same inputs
 * gives the same bytes.
 */
export function manifest(results: readonly ScenarioResult[], options: ManifestOptions): string {
  const doc = {
    tool: options.tool,
    inputs: options.inputs,
    baseline: options.baseline,
    format: options.format,
    scenarios: results.map(({ plan }) => ({
      name: plan.name,
      ...(plan.description === undefined ? {} : { description: plan.description }),
      area: { kind: plan.area.kind, code: plan.area.code, name: plan.area.name, lsoas: plan.dataset.units.length },
      data: plan.data ?? 'shipped data pack',
      ...(plan.vintage === undefined ? {} : { vintage: plan.vintage }),
      source: plan.source,
      populationBase: plan.population,
      budget: plan.budget.toFixed(2),
      pots: plan.pots.map((pot) => ({
        name: pot.name,
        ...(pot.description === undefined ? {} : { description: pot.description }),
        budget: pot.budget.toFixed(2),
        populationBase: pot.population,
        formula: resolvedFormula(pot.formula),
      })),
    })),
    files: [...options.files.entries()].map(([name, content]) => ({ name, sha256: sha256(content) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
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

/** SHA-256 of text as UTF-8, or of bytes, in hex. */
export function sha256(content: string | Uint8Array): string {
  return typeof content === 'string' ? createHash('sha256').update(content, 'utf8').digest('hex') : createHash('sha256').update(content).digest('hex');
}
