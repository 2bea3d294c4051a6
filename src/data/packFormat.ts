/**
 * The data-pack format, version 1: a gzipped JSON document with a header (provenance) and a table of one
 * row per LSOA. Shared by the builder (buildPack) and the loader (loadPack) so the two cannot drift apart.
 * Every column is documented in data/README.md.
 */

/** The value of the pack document's `format` member. */
export const PACK_FORMAT = 'fairshare-data-pack';

/** The only pack version this code writes and reads. */
export const PACK_VERSION = 1;

/** The text columns at the start of every row, in order. */
export const PACK_TEXT_FIELDS = [
  'lsoa_code',
  'lsoa_name',
  'district_code',
  'district_name',
  'county_code',
  'county_name',
] as const;

/**
 * The numeric columns of a pack, in order; each becomes a field of the loaded Dataset.
 * @example PACK_FIELDS.includes('idaci_rate') // true
 */
export const PACK_FIELDS = [
  'population',
  'population_0_15',
  'population_16_59',
  'population_60_plus',
  'imd_rank',
  'income_rank',
  'employment_rank',
  'education_rank',
  'health_rank',
  'crime_rank',
  'barriers_rank',
  'living_environment_rank',
  'children_young_people_rank',
  'adult_skills_rank',
  'geographical_barriers_rank',
  'wider_barriers_rank',
  'indoors_rank',
  'outdoors_rank',
  'idaci_numerator',
  'idaci_suppressed',
  'idaci_rate',
  'idaopi_numerator',
  'idaopi_suppressed',
  'idaopi_rate',
] as const;

/** The name of one numeric column of a pack. */
export type PackField = (typeof PACK_FIELDS)[number];

/** All columns of a pack row, in order: the six text columns, then PACK_FIELDS. */
export const PACK_COLUMNS: readonly string[] = [...PACK_TEXT_FIELDS, ...PACK_FIELDS];

/** One source file the pack was built from, with the SHA-256 of its bytes (lower-case hex). */
export interface PackSource {
  readonly file: string;
  readonly sha256: string;
}

/** What a pack says about itself: where the numbers come from and how they were changed. */
export interface PackMeta {
  /** The vintage's id, e.g. `2019` or `2025` (what `--vintage` takes). */
  readonly id: string;
  readonly title: string;
  /** The vintage in words: sources and their dates. */
  readonly vintage: string;
  readonly licence: string;
  readonly sources: readonly PackSource[];
  /** How many suppressed (blank) values were filled in, by column name. */
  readonly fills: Readonly<Record<string, number>>;
}

/** One row: six strings then one number per PACK_FIELDS entry. */
export type PackRow = readonly (string | number)[];

/** The JSON document inside the gzipped pack file. */
export interface PackDocument extends Omit<PackMeta, 'id'> {
  readonly format: typeof PACK_FORMAT;
  readonly version: typeof PACK_VERSION;
  readonly fields: readonly string[];
  readonly rows: readonly PackRow[];
}
