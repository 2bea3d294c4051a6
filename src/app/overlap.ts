/**
 * The overlap use case: which domains, and which sources inside a domain, tell the same story
 * (Spearman's ρ between their need ranks across the area's LSOAs). `overlapRun` gives the engine's own
 * result (for the CLI to render); `overlap` gives plain data for scripts.
 */
import { overlap as overlapPairs, type OverlapPair } from '../engine/overlap.js';
import { rankDomains, type Ranked } from '../engine/rankDomains.js';
import type { AppIo } from './context.js';
import { loadDataOptions, type DataOptions } from './dataOptions.js';
import { unwrap } from './failure.js';
import type { Inputs } from './inputs.js';
import { runBasis, type RunBasis } from './runBasis.js';

/** What `overlap` is given: the data, formula and area whose LSOAs are compared. */
export type OverlapOptions = DataOptions;

/** One overlap run, as the engine gives it. */
export interface OverlapRun {
  readonly inputs: Inputs;
  /** Every domain's need ranks within the area, in formula order. */
  readonly rankings: readonly Ranked[];
  /** The pairs of domains (in formula order), then the pairs of sources inside each multi-source domain. */
  readonly pairs: readonly OverlapPair[];
}

/** Rank every domain of the formula within the area and correlate every pair. Throws Failure. */
export async function overlapRun(options: OverlapOptions, io: AppIo): Promise<OverlapRun> {
  const inputs = await loadDataOptions(options, io);
  const rankings = unwrap(rankDomains(inputs.dataset, inputs.formula.domains));
  return { inputs, rankings, pairs: overlapPairs(rankings) };
}

/** One pair compared. */
export interface OverlapResultPair {
  /** `domains`, or the id of the domain whose sources are compared. */
  readonly within: string;
  /** Two domain ids, or two source fields of the domain `within`. */
  readonly a: string;
  readonly b: string;
  /** Spearman's ρ between their need ranks; null when either is the same in every LSOA. */
  readonly rho: number | null;
  /** Whether |ρ| ≥ 0.8: the two tell the same story. */
  readonly sameStory: boolean;
}

/** What `overlap` returns: plain data. */
export interface OverlapResult extends RunBasis {
  /** The formula's domain ids, in order. */
  readonly domains: readonly string[];
  /** The pairs of domains, in formula order, then the pairs of sources inside each multi-source domain. */
  readonly pairs: readonly OverlapResultPair[];
}

/**
 * Correlate the domains as `fairshare overlap` does and return plain data. Relative paths are taken from
 * `io.cwd`; notices go to `io.stderr`. Rejects with a Failure carrying the typed error value.
 *
 * @example
 * const r = await overlap({ vintage: '2019' }, io);
 * r.pairs.find((p) => p.within === 'deprivation') // => { within: 'deprivation', a: 'income_rank', b: 'employment_rank', rho: 0.9…, sameStory: true }
 */
export async function overlap(options: OverlapOptions, io: AppIo): Promise<OverlapResult> {
  const run = await overlapRun(options, io);
  return {
    ...runBasis(run.inputs),
    domains: run.rankings.map((r) => r.domain.id),
    pairs: run.pairs.map((p) => ({ within: p.within, a: p.a, b: p.b, rho: Number.isNaN(p.rho) ? null : p.rho, sameStory: p.sameStory })),
  };
}
