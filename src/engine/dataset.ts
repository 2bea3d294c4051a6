/**
 * The in-memory shape of the data the engine works on: one row per small area (an LSOA in the shipped
 * pack, or a row of a `--data` CSV) and named numeric columns ("fields") that formula sources refer to.
 */

export interface Unit {
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
  readonly districtName: string;
  /**
   * Two-tier county; for a unitary, metropolitan or London district, the district itself. Empty for `--data`
   * rows.
   */
  readonly countyCode: string;
  readonly countyName: string;
  /** Region (2025 vintage). */
  readonly regionCode?: string;
  readonly regionName?: string;
  /**
   * The district before any reorganisation since 2019 (2025 vintage): for Northamptonshire, the seven of
   * 2019.
   */
  readonly formerDistrictCode?: string;
  readonly formerDistrictName?: string;
  /**
   * Electoral ward (2025 vintage): ONS 2024 best fit, or May 2025 derived for North and West
   * Northamptonshire.
   */
  readonly wardCode?: string;
  readonly wardName?: string;
}

export interface Dataset {
  /** Where the data came from, for messages and provenance: `pack` (shipped) or `csv` (`--data FILE`). */
  readonly kind: 'pack' | 'csv';
  /** The file it was read from (as given by the user, or the pack's path). */
  readonly file: string;
  /** One entry per small area, sorted by code. */
  readonly units: readonly Unit[];
  /**
   * Numeric columns, each with one value per unit in `units` order. Always has `population`; the pack
   * also has `population_0_15`, `population_16_59`, `population_60_plus` and the IoD fields
   * (see data/README.md); a `--data` file has one field per domain id.
   */
  readonly fields: ReadonlyMap<string, Float64Array>;
  /**
   * Set by a dataset held in columns (the shipped pack) and not enumerable, so a dataset made from it by
   * spreading (`{ ...dataset, fields }`) does not carry it: answers about groups of rows without building
   * a unit for every row. A county run then touches only its own rows of England.
   */
  readonly index?: DatasetIndex;
}

/** Where a unit lies: every field of a unit but its own code and name. */
export type Place = Omit<Unit, 'code' | 'name'>;

/** The fields of a unit that group its rows into areas. */
export type GroupField = 'districtCode' | 'countyCode' | 'regionCode' | 'formerDistrictCode' | 'wardCode';

/** What a dataset held in columns answers without building every unit (see {@link Dataset.index}). */
export interface DatasetIndex {
  /** How many rows (units) the dataset has. */
  readonly rows: number;
  /** The unit of one row. */
  unit(row: number): Unit;
  /** Where one row lies: its unit without its code and name (which take longer to read). */
  place(row: number): Place;
  /**
   * Every group of rows sharing a value of the field, each as its first row and all its rows (ascending,
   * made when asked for); undefined when the data has no such field.
   */
  groups(field: GroupField): readonly RowGroup[] | undefined;
  /** The dataset of just these rows (ascending), with every field, as {@link Dataset} holds them. */
  pick(rows: readonly number[]): Dataset;
}

/** A group of rows of a dataset: its first row, and all of its rows (ascending), made when asked for. */
export interface RowGroup {
  readonly first: number;
  rows(): readonly number[];
}
