/**
 * The weights use case: for each counted domain its nominal weight (its share of the weights) and its
 * effective weight (its share of how much the LSOA figures vary), and the pairs of counted domains whose
 * need ranks tell the same story. `weightsRun` gives the engine's own result (for the CLI and the report
 * to render); `weights` gives plain data for scripts.
 */
import { effectiveWeights, type EffectiveWeight } from '../engine/effectiveWeights.js';
import { sameStoryPairs, type OverlapPair } from '../engine/overlap.js';
import { rankDomains, type Ranked } from '../engine/rankDomains.js';
import { weigh, type WeightedDomain } from '../engine/weigh.js';
import type { AppIo } from './context.js';
import { loadDataOptions, type DataOptions } from './dataOptions.js';
import { unwrap } from './failure.js';
import { weightMap, type WeightSettings } from './formulaSettings.js';
import type { Inputs } from './inputs.js';
import { runBasis, type RunBasis } from './runBasis.js';

/** What `weights` is given: the data, the area and the formula's settings (no budget: none is shared). */
export interface WeightsOptions extends DataOptions {
  /** Domain ids to leave out (weight 0). */
  readonly exclude?: readonly string[];
  /** Domain id → weight (`{ 'community-safety': 2 }`, or a Map). */
  readonly weights?: WeightSettings;
}

/** One weights run, as the engine gives it. */
export interface WeightsRun {
  readonly inputs: Inputs;
  /** Every domain of the formula ranked within the area, with the weight it counts with. */
  readonly rankings: readonly Ranked<WeightedDomain>[];
  /** The counted domains' nominal and effective weights, in formula order. */
  readonly weights: readonly EffectiveWeight[];
  /** Pairs of counted domains whose need ranks correlate at |ρ| ≥ 0.8 (as `overlap` flags them). */
  readonly sameStory: readonly OverlapPair[];
}

/**
 * Weigh the formula, rank its domains within the area and work out each counted domain's nominal and
 * effective weight. Relative paths are taken from `io.cwd`. Throws Failure.
 */
export async function weightsRun(options: WeightsOptions, io: AppIo): Promise<WeightsRun> {
  const inputs = await loadDataOptions(options, io);
  const formula = unwrap(weigh(inputs.formula, { exclude: options.exclude ?? [], weights: weightMap(options.weights) }));
  const rankings = unwrap(rankDomains(inputs.dataset, formula.domains));
  return { inputs, rankings, weights: effectiveWeights(rankings), sameStory: sameStoryPairs(rankings) };
}

/** What `weights` returns: plain data. */
export interface WeightsResult extends RunBasis {
  /** The counted domains, in formula order; percentages unrounded (each column adds up to 100). */
  readonly weights: readonly {
    readonly id: string;
    readonly label: string;
    readonly weight: string;
    readonly nominalPct: number;
    /** null when every LSOA has the same figure (nothing varies to be shared out). */
    readonly effectivePct: number | null;
  }[];
  /** Pairs of counted domains that tell the same story: their ids and Spearman's ρ. */
  readonly sameStory: readonly { readonly a: string; readonly b: string; readonly rho: number }[];
}

/**
 * Nominal and effective weights as `fairshare weights` works them out, as plain data. Rejects with a
 * Failure carrying the typed error value.
 *
 * @example
 * const r = await weights({ exclude: ['young-people', 'early-years'] }, io);
 * r.weights.map((w) => w.id) // => ['deprivation', 'access-to-facilities', 'communities', 'community-safety', 'adults']
 */
export async function weights(options: WeightsOptions, io: AppIo): Promise<WeightsResult> {
  const run = await weightsRun(options, io);
  return {
    ...runBasis(run.inputs),
    weights: run.weights.map((w) => ({ ...w, effectivePct: Number.isNaN(w.effectivePct) ? null : w.effectivePct })),
    sameStory: run.sameStory.map((p) => ({ a: p.a, b: p.b, rho: p.rho })),
  };
}
