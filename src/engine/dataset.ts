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
}
