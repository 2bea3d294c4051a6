/**
 * The data-pack format: a gzipped JSON document with a header (provenance) and a table of one row per
 * LSOA. Shared by the builder (build/buildPack.ts) and the loader (loadPack) so the two cannot drift apart.
 * Version 1 is the IoD 2019 pack with a fixed list of columns; version 2 is one format for every vintage,
 * naming its vintage and listing its own text and number columns. Every column is documented in
 * data/README.md.
 */

/** The value of the pack document's `format` member. */
export const PACK_FORMAT = 'fairshare-data-pack';

/** Version 1: the IoD 2019 pack, with the fixed columns PACK_COLUMNS. */
export const PACK_VERSION = 1;

/** Version 2: any vintage; the pack lists its text columns (`textFields`) and number columns (`fields`). */
export const PACK_VERSION_2 = 2;

/** The vintages a version 2 pack can name: the year of its Indices of Deprivation. */
export const PACK_VINTAGES = ['2019', '2025'] as const;

/** One vintage's id, e.g. `2025`. */
export type PackVintage = (typeof PACK_VINTAGES)[number];

/** The licence line of every pack (all sources are Open Government Licence v3.0). */
export const PACK_LICENCE = 'Contains public sector information licensed under the Open Government Licence v3.0';

/** The second attribution line of the boundary files in data/boundaries/. */
export const BOUNDARY_LICENCE = 'Contains OS data © Crown copyright and database right';

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

/** A version 1 document (the same as PackDocument). */
export type PackDocumentV1 = PackDocument;

/**
 * The JSON document inside a version 2 pack file. `rows` hold the `textFields` values (strings) and then
 * the `fields` values (finite numbers), sorted by `lsoa_code` in code-unit order.
 * @example
 * { format: 'fairshare-data-pack', version: 2, vintage: '2025', title: '…', vintageLabel: '…', licence: PACK_LICENCE,
 *   sources: [{ file: 'iod2025/imd2025_england_lsoa21.csv', sha256: '…' }], fills: { idaci_numerator: 815 },
 *   textFields: ['lsoa_code', …], fields: ['population', …], rows: [['E01000001', …, 1473, …]] }
 */
export interface PackDocumentV2 {
  readonly format: typeof PACK_FORMAT;
  readonly version: typeof PACK_VERSION_2;
  /** The vintage's id, e.g. `2025`. */
  readonly vintage: PackVintage;
  readonly title: string;
  /** The vintage in words: sources and their dates (a version 1 pack's `vintage`). */
  readonly vintageLabel: string;
  readonly licence: string;
  readonly sources: readonly PackSource[];
  /** How many suppressed (blank) values were filled in, by column name. */
  readonly fills: Readonly<Record<string, number>>;
  readonly textFields: readonly string[];
  readonly fields: readonly string[];
  readonly rows: readonly PackRow[];
}

/**
 * The licence line of the shipped packs a run read, from their own metadata (none for your own data
 * file; the packs' distinct lines joined by `; `), ready to spread into a result or the workbook's Notes.
 *
 * @example packLicence(inputs.pack) // => { licence: 'Contains public sector information licensed under …' }
 */
export function packLicence(...packs: readonly ({ readonly licence: string } | undefined)[]): { licence?: string } {
  const licences = [...new Set(packs.flatMap((pack) => (pack === undefined ? [] : [pack.licence])))];
  return licences.length === 0 ? {} : { licence: licences.join('; ') };
}
