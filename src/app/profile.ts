/**
 * The profile use case: each area's need in every domain (the population-weighted mean need rank, the
 * share of its people in the most-in-need fifth of LSOAs, its top three domains), to help decide which
 * services suit it. `profileRun` gives the engine's own result (for the CLI to render); `profile` gives
 * plain data for scripts.
 */
import { groupMemberships, lookupMemberships, profile as profileAreas, type Membership, type Profile } from '../engine/profile.js';
import { rankDomains, type Ranked } from '../engine/rankDomains.js';
import type { AppIo } from './context.js';
import { loadDataOptions, type DataOptions } from './dataOptions.js';
import { Failure, unwrap } from './failure.js';
import { loadLookup, type Inputs } from './inputs.js';
import { LEVELS, planLevel, type Level } from './levels.js';
import { runBasis, type RunBasis } from './runBasis.js';
import type { InputFile } from '../data/inputFile.js';

/** The levels a profile is drawn at: every level but `lsoa` (a profile of one LSOA is its need ranks). */
export const PROFILE_LEVELS = LEVELS.filter((l): l is Exclude<Level, 'lsoa' | 'locality'> => l !== 'lsoa' && l !== 'locality');
export type ProfileLevel = (typeof PROFILE_LEVELS)[number];

/** What `profile` is given: the data, and the level of the areas profiled. */
export interface ProfileOptions extends DataOptions {
  /** `district` (default), `former-district`, `county`, `region`, `ward` or `division`. */
  readonly level?: string;
  /** A share lookup (lsoa_code,area_code,area_name,share) for `ward` or `division`. */
  readonly lookup?: string;
}

/** One profile run, as the engine gives it. */
export interface ProfileRun {
  readonly inputs: Inputs;
  readonly level: ProfileLevel;
  /** Every domain's need ranks within the area, in formula order. */
  readonly rankings: readonly Ranked[];
  readonly profile: Profile;
  /** The share lookup's provenance, for a lookup level. */
  readonly lookup?: InputFile;
  /** Every input file of the run, with its SHA-256 (the lookup's last). */
  readonly provenance: readonly InputFile[];
}

/**
 * The level asked for, checked before any file is read (default `district`). Throws a usage Failure
 * naming the levels.
 *
 * @example profileLevel(' Former-District ') // => 'former-district'
 */
export function profileLevel(text: string | undefined): ProfileLevel {
  const written = text ?? 'district';
  const level = PROFILE_LEVELS.find((l) => l === written.trim().toLowerCase());
  if (level === undefined) {
    throw new Failure({ kind: 'usage', code: 'bad-level', message: `unknown level "${written}"`, hint: `Use --level ${PROFILE_LEVELS.join(', ')}` });
  }
  return level;
}

/**
 * Profile the areas of a level: load the data, rank every domain, add the ranks up by area. Throws Failure.
 */
export async function profileRun(options: ProfileOptions, io: AppIo): Promise<ProfileRun> {
  const level = profileLevel(options.level);
  const inputs = await loadDataOptions(options, io);
  const rankings = unwrap(rankDomains(inputs.dataset, inputs.formula.domains));
  const population = inputs.dataset.fields.get('population') as Float64Array;
  const plan = unwrap(planLevel(level, inputs.all, inputs.vintage, options.lookup !== undefined, PROFILE_LEVELS));
  let memberships: Membership[];
  let lookup: InputFile | undefined;
  if (plan.by === 'group') memberships = groupMemberships(inputs.dataset, plan.level);
  else {
    const loaded = await loadLookup(level, options.lookup, inputs.all, io, inputs.vintage, options.sheet);
    memberships = unwrap(lookupMemberships(inputs.dataset, loaded.lookup));
    lookup = loaded.provenance;
  }
  const result = profileAreas(rankings, population, memberships);
  return {
    inputs,
    level,
    rankings,
    profile: result,
    ...(lookup === undefined ? {} : { lookup }),
    provenance: lookup === undefined ? inputs.provenance : [...inputs.provenance, lookup],
  };
}

/** One domain of an area's profile. A measure is null where the area has no people to weigh by. */
export interface DomainProfile {
  readonly id: string;
  /** The population-weighted mean need rank of the area's LSOAs (1 = least need, `ranked` = most need). */
  readonly meanRank: number | null;
  /**
   * % of the area's people living in the most-in-need fifth of the ranked LSOAs (need rank above 0.8 ×
   * `ranked`).
   */
  readonly topFifthPct: number | null;
}

/** One area's need profile. */
export interface AreaProfile {
  readonly code: string;
  readonly name: string;
  /** LSOAs with people in the area (for a lookup level, those touching it). */
  readonly lsoas: number;
  /** The area's people (apportioned, so not always whole, for a lookup level). */
  readonly population: number;
  /** Every domain, in formula order. */
  readonly domains: readonly DomainProfile[];
  /**
   * The ids of the (up to) three domains with the highest mean need rank, highest first (ties: formula
   * order).
   */
  readonly top: readonly string[];
}

/** What `profile` returns: plain data. */
export interface ProfileResult extends RunBasis {
  readonly level: ProfileLevel;
  /** N: the number of LSOAs ranked (the selected area). */
  readonly ranked: number;
  /** The formula's domains, in order. */
  readonly domains: readonly { readonly id: string; readonly label: string }[];
  /** One row per area of the level, by code. */
  readonly rows: readonly AreaProfile[];
}

/**
 * Profile each area as `fairshare profile` does and return plain data. Relative paths are taken from
 * `io.cwd`; notices go to `io.stderr`. Rejects with a Failure carrying the typed error value.
 *
 * @example
 * const r = await profile({ vintage: '2019', level: 'district' }, io);
 * r.rows[0] // => { code: 'E07000150', name: 'Corby', lsoas: 41, population: …, domains: [{ id: 'deprivation', meanRank: …, topFifthPct: … }, …], top: […] }
 */
export async function profile(options: ProfileOptions, io: AppIo): Promise<ProfileResult> {
  const run = await profileRun(options, io);
  const { profile: result } = run;
  return {
    ...runBasis(run.inputs, run.provenance),
    level: run.level,
    ranked: result.ranked,
    domains: result.domains.map((d) => ({ id: d.id, label: d.label })),
    rows: result.rows.map((r) => ({
      code: r.code,
      name: r.name,
      lsoas: r.lsoas,
      population: r.population,
      domains: result.domains.map((d, k) => ({ id: d.id, meanRank: measure(r.meanRanks[k]), topFifthPct: measure(r.topFifthPct[k]) })),
      top: [...r.top],
    })),
  };
}

/** A measure as JSON can carry it: NaN (no people to weigh by) as null. */
function measure(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}
