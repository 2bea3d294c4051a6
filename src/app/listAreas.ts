/**
 * The areas use case: what `area` (`--area`) accepts in the data, each with its LSOAs and people.
 */
import { listAreas as areasOf, matchesSearch, type AreaKind } from '../data/area.js';
import type { AppIo } from './context.js';
import { loadDataOptions } from './dataOptions.js';

/** Which data's areas to list, and which of them. */
export interface ListAreasOptions {
  /**
   * Your own data file (CSV or XLSX): its districts instead of the shipped data's areas; `-` reads standard
   * input.
   */
  readonly data?: string;
  /** The shipped data: `'2025'` (default) or `'2019'`. */
  readonly vintage?: string;
  /**
   * Only the areas whose name or code contains this text (case ignored; short forms too: Northants, Hull).
   */
  readonly search?: string;
}

/** An area `area` accepts, by its code or its name. */
export interface AreaListing {
  readonly kind: AreaKind;
  /** The code; empty for a district of a data file that gives none (select it by name). */
  readonly code: string;
  readonly name: string;
  readonly lsoas: number;
  /** The people of its LSOAs (the total population). */
  readonly population: number;
  /** What the area is made of, when its name alone could mislead (a former county). */
  readonly note?: string;
}

/** What `listAreas` returns: plain data. */
export interface AreaList {
  /**
   * England (or every row of your file) first, then regions, counties and single-tier councils, districts,
   * former districts.
   */
  readonly areas: readonly AreaListing[];
  /** The data in words: the pack's vintage, or `data file my.csv`. */
  readonly data: string;
  /** The vintage of the shipped data; absent for your own data file. */
  readonly vintage?: string;
}

/**
 * List the areas as `fairshare areas` does. Relative paths are taken from `io.cwd`; notices go to
 * `io.stderr`. Rejects with a Failure carrying the typed error value.
 *
 * @example (await listAreas({ vintage: '2019', search: 'corby' }, io)).areas // => [{ kind: 'district', code: 'E07000150', name: 'Corby', lsoas: 41, population: … }]
 */
export async function listAreas(options: ListAreasOptions, io: AppIo): Promise<AreaList> {
  const { data, vintage } = options;
  const inputs = await loadDataOptions({ ...(data === undefined ? {} : { data }), ...(vintage === undefined ? {} : { vintage }) }, io);
  const population = inputs.all.fields.get('population');
  const wanted = options.search?.trim().toLowerCase() ?? '';
  const areas = areasOf(inputs.all).filter((a) => !wanted || matchesSearch(a, wanted));
  return {
    areas: areas.map((a) => ({
      kind: a.kind,
      code: a.code,
      name: a.name,
      lsoas: a.indices.length,
      population: a.indices.reduce((s, i) => s + (population?.[i] ?? 0), 0),
      ...(a.note === undefined ? {} : { note: a.note }),
    })),
    data: inputs.dataWords,
    ...(inputs.vintage === undefined ? {} : { vintage: inputs.vintage }),
  };
}
