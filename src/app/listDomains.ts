/**
 * The domains use case: the formula's domains of need, with their sources, default weights and the ids
 * `replace` (`--replace`) takes, and the population bases the data has.
 */
import { populationBases, type PopulationBase } from '../data/populationBase.js';
import { sourceId } from '../data/replaceSource.js';
import type { Direction } from '../engine/formula.js';
import type { AppIo } from './context.js';
import { loadDataOptions } from './dataOptions.js';
import { runBasis, type RunBasis } from './runBasis.js';

/** Which data and formula's domains to list, and the area their need ranks are taken within. */
export interface ListDomainsOptions {
  /** The area the need ranks are taken within; default Northamptonshire (every row of your own file). */
  readonly area?: string;
  /** Your own data file (CSV or XLSX): one domain per column; `-` reads standard input. */
  readonly data?: string;
  /**
   * A built-in formula name or a formula JSON file (default: the vintage's, or one domain per column of
   * `data`).
   */
  readonly formula?: string;
  /** The shipped data: `'2025'` (default) or `'2019'`. */
  readonly vintage?: string;
  /** The sheet to read of a workbook `data` file (default: its first). */
  readonly sheet?: string;
}

/** A source of a domain's figures. */
export interface SourceListing {
  /** The column of the data it comes from. */
  readonly field: string;
  readonly label: string;
  /**
   * `more-need`: a larger value means more need (a rate); `less-need`: a larger value means less need (a
   * national rank).
   */
  readonly higherMeans: Direction;
  /**
   * The id `replace` takes to swap it for your own figures: the domain id, or `domain.field` when the domain
   * has several sources.
   */
  readonly replaceId: string;
}

/** A domain of need of the formula. */
export interface DomainListing {
  /** The id `exclude` and `weights` take. */
  readonly id: string;
  readonly label: string;
  /** The default weight as the formula writes it (a decimal string, exact). */
  readonly weight: string;
  readonly sources: readonly SourceListing[];
}

/** What `listDomains` returns: plain data. */
export interface DomainList extends RunBasis {
  readonly formula: { readonly id: string; readonly name: string; readonly description: string };
  /** The formula's domains, in order. */
  readonly domains: readonly DomainListing[];
  /** The population bases (`population`) the data has a count for. */
  readonly populationBases: readonly PopulationBase[];
}

/**
 * List the formula's domains as `fairshare domains` does. Relative paths are taken from `io.cwd`;
 * notices go to `io.stderr`. Rejects with a Failure carrying the typed error value.
 *
 * @example (await listDomains({ vintage: '2019' }, io)).domains.map((d) => d.id) // => ['deprivation', 'access-to-facilities', …]
 */
export async function listDomains(options: ListDomainsOptions, io: AppIo): Promise<DomainList> {
  const inputs = await loadDataOptions(options, io);
  const { formula } = inputs;
  return {
    ...runBasis(inputs),
    formula: { id: formula.id, name: formula.name, description: formula.description },
    domains: formula.domains.map((d) => ({
      id: d.id,
      label: d.label,
      weight: d.weight,
      sources: d.sources.map((s) => ({ field: s.field, label: s.label, higherMeans: s.higherMeans, replaceId: sourceId(d, s) })),
    })),
    populationBases: populationBases(inputs.all),
  };
}
